using System.Text;
using DaoTaoNghe.Infrastructure.Text;

namespace DaoTaoNghe.Tests.Unit;

public class CsvRowsTests
{
    private static List<CsvRecord> Read(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bom) bytes = [.. Encoding.UTF8.GetPreamble(), .. bytes];
        return CsvRows.Read(new MemoryStream(bytes)).ToList();
    }

    [Fact]
    public void Excel_semicolon_files_with_a_BOM_are_read()
    {
        var rows = Read("mã;tên\r\n01;Kinh (Việt)\r\n02;Tày\r\n", bom: true);

        rows.Count.ShouldBe(3);
        rows[0].Fields.ShouldBe(["mã", "tên"]);
        rows[2].Fields.ShouldBe(["02", "Tày"]);
        rows[2].Line.ShouldBe(3);
    }

    [Fact]
    public void Quoted_fields_keep_their_commas_quotes_and_line_breaks()
    {
        var rows = Read("a,b\n\"Sở Văn hóa, Thể thao\",\"nói \"\"xin chào\"\"\nhai dòng\"\nx,y\n");

        rows[1].Fields.ShouldBe(["Sở Văn hóa, Thể thao", "nói \"xin chào\"\nhai dòng"]);
        rows[2].Line.ShouldBe(4);
    }

    [Fact]
    public void An_all_quoted_header_is_read_like_any_other_line_whatever_the_next_line_starts_with()
    {
        var rows = Read("\"Ngày tổ chức\",\"Xã, phường\",\"Nội dung\"\n\"05/03/2026\",\"Xã Bình Lư\",\"Họp \"\"bản\"\"\"\n");

        rows.Count.ShouldBe(2);
        rows[0].Fields.ShouldBe(["Ngày tổ chức", "Xã, phường", "Nội dung"]);
        rows[1].Fields.ShouldBe(["05/03/2026", "Xã Bình Lư", "Họp \"bản\""]);
    }

    [Fact]
    public void A_semicolon_file_whose_quoted_headers_hold_commas_is_split_on_semicolons()
    {
        var rows = Read("\"Xã, phường\";\"Nội dung, ghi chú\";\"Số người\"\n\"Xã Bình Lư\";Họp;5\n");

        rows[0].Fields.ShouldBe(["Xã, phường", "Nội dung, ghi chú", "Số người"]);
        rows[1].Fields.ShouldBe(["Xã Bình Lư", "Họp", "5"]);
    }

    [Fact]
    public void A_last_line_without_newline_and_blank_lines_are_handled()
    {
        var rows = Read("a,b\n\n1,2");

        rows.Count.ShouldBe(2);
        rows[1].Fields.ShouldBe(["1", "2"]);
    }

    [Fact]
    public void A_file_that_is_not_UTF8_is_refused_rather_than_misread() =>
        Should.Throw<DecoderFallbackException>(() =>
            CsvRows.Read(new MemoryStream([0x61, 0x2C, 0x62, 0x0A, 0xC0, 0xAF, 0x0A])).ToList());
}
