using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;

namespace DaoTaoNghe.Tests.Features.Occupations;

public class OccupationImportParseTests
{
    public sealed record Line(string? Code, string? Name, string? Field);

    public static byte[] Workbook(params Line[] lines)
    {
        using var book = new XlsxBook();
        book.AddSheet("Danh mục", [
            new XlsxColumn<Line>("Mã nghề", l => l.Code),
            new XlsxColumn<Line>("Tên nghề", l => l.Name),
            new XlsxColumn<Line>("Nhóm nghề", l => l.Field),
        ], lines, title: "Danh mục nghề đào tạo cấp IV");
        using var stream = new MemoryStream();
        book.ToFileResult("x.xlsx").FileStream.CopyTo(stream);
        return stream.ToArray();
    }

    [Fact]
    public void Rows_are_read_under_the_header_with_codes_upper_cased()
    {
        var rows = Import.Parse(new MemoryStream(Workbook(new("5520227", "Điện công nghiệp", null), new("nn.99", "Nuôi ong", "Nông nghiệp"))));

        rows.Select(r => (r.Number, r.Code, r.Name, r.Field)).ShouldBe([
            (4, "5520227", "Điện công nghiệp", (OccupationField?)null),
            (5, "NN.99", "Nuôi ong", OccupationField.Agriculture),
        ]);
    }

    [Fact]
    public void Every_bad_row_is_named_and_the_file_refused()
    {
        var refused = Should.Throw<ValidationFailedException>(() => Import.Parse(new MemoryStream(Workbook(
            new("5520227", "Điện công nghiệp", null),
            new("", "Không có mã", null),
            new("5520227", "Trùng mã", null),
            new("X Y", "", "Lâm nghiệp")))));

        refused.Errors.Select(e => e.Message).ShouldBe([
            "Dòng 5: thiếu mã nghề.",
            "Dòng 6: mã nghề \"5520227\" trùng với dòng 4.",
            "Dòng 7: mã nghề \"X Y\" không hợp lệ (chỉ gồm chữ không dấu, chữ số và . - _, tối đa 20 ký tự); thiếu tên nghề; nhóm nghề \"Lâm nghiệp\" không hợp lệ (ghi \"Nông nghiệp\" hoặc \"Phi nông nghiệp\").",
        ]);
    }

    [Fact]
    public void National_codes_carry_the_agricultural_field()
    {
        Import.FieldOfNationalCode("5620202").ShouldBe(OccupationField.Agriculture);
        Import.FieldOfNationalCode("6640101").ShouldBe(OccupationField.Agriculture);
        Import.FieldOfNationalCode("5520227").ShouldBe(OccupationField.NonAgriculture);
        Import.FieldOfNationalCode("NN.01").ShouldBe(OccupationField.NonAgriculture);
    }

    [Fact]
    public void A_sheet_with_headers_and_no_rows_is_refused() =>
        Should.Throw<ValidationFailedException>(() => Import.Parse(new MemoryStream(Workbook())))
            .Message.ShouldBe("Tệp không có dòng nghề nào dưới dòng tiêu đề.");

    [Fact]
    public void A_sheet_without_the_headers_is_refused()
    {
        using var book = new XlsxBook();
        book.AddSheet<Line>("Khác", [new XlsxColumn<Line>("STT", l => l.Code), new XlsxColumn<Line>("Nội dung", l => l.Name)], [new("1", "Gì đó", null)]);
        using var stream = new MemoryStream();
        book.ToFileResult("x.xlsx").FileStream.CopyTo(stream);

        Should.Throw<ValidationFailedException>(() => Import.Parse(new MemoryStream(stream.ToArray())))
            .Message.ShouldContain("Không tìm thấy dòng tiêu đề có cột \"Mã nghề\" và \"Tên nghề\"");
    }
}
