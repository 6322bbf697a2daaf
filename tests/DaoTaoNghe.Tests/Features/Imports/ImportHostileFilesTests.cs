using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using static DaoTaoNghe.Tests.Features.Imports.ImportSteps;
using static DaoTaoNghe.Tests.Features.Imports.OutreachFile;

namespace DaoTaoNghe.Tests.Features.Imports;

/// <summary>
/// Files that are wrong, broken or built to hurt: each gets a Vietnamese reason, the job is kept as
/// refused (or the row as rejected), nothing is half-imported and the application keeps serving.
/// </summary>
public class ImportHostileFilesTests
{
    [Theory]
    [InlineData("bao-cao.pdf", "pdf", "Không nhận tệp \"bao-cao.pdf\": chỉ nhận các loại .csv, .xlsx.")]
    [InlineData("rong.xlsx", "empty", "Tệp \"rong.xlsx\" trống.")]
    [InlineData("doi-ten.xlsx", "text", "Tệp \"doi-ten.xlsx\" không phải bảng tính Excel .xlsx (nội dung không khớp với đuôi tệp; có thể tệp đã bị đổi tên).")]
    [InlineData("cu.xlsx", "ole", "Tệp \"cu.xlsx\" là bảng tính Excel 97–2003 (.xls) hoặc đã đặt mật khẩu.")]
    [InlineData("van-ban.xlsx", "docx", "Tệp không phải bảng tính Excel .xlsx hợp lệ.")]
    [InlineData("bang-tinh.csv", "xlsx", "Tệp \"bang-tinh.csv\" có đuôi .csv nhưng nội dung là bảng tính Excel.")]
    public async Task A_file_that_is_not_what_its_name_says_is_refused_with_the_reason(string fileName, string content, string reason)
    {
        using var officer = await OfficerAsync();
        var (browser, organisation) = (officer.Browser, officer.Organisation);
        byte[] bytes = content switch
        {
            "pdf" => "%PDF-1.4 báo cáo"u8.ToArray(),
            "empty" => [],
            "text" => "Ngày tổ chức,Xã, phường\n05/03/2026,Xã Bình Lư"u8.ToArray(),
            "ole" => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]],
            "docx" => Zip(("word/document.xml", "<w:document/>"u8.ToArray())),
            _ => TestWorkbook.Sheet(Header),
        };

        var message = await RefusedAsync(browser, fileName, bytes);

        message.ShouldStartWith(reason);
        (await ImportsTests.EventsAsync(organisation.Id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_zip_bomb_is_refused_from_the_archive_directory_without_being_inflated()
    {
        using var officer = await OfficerAsync();
        var browser = officer.Browser;
        var spaces = new byte[1 << 20];
        Array.Fill(spaces, (byte)' ');

        var message = await RefusedAsync(browser, "bom.xlsx", Zip(("xl/worksheets/sheet1.xml", spaces, 60)));

        message.ShouldContain("tỉ lệ nén bất thường (phần \"xl/worksheets/sheet1.xml\" nén hơn 200 lần) – dấu hiệu của tệp \"bom nén\"");
        (await browser.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_attribute_longer_than_a_cell_may_be_is_refused_while_the_sheet_streams()
    {
        using var officer = await OfficerAsync();
        var browser = officer.Browser;
        // Random letters, so the part compresses like data (the zip-bomb check does not catch it).
        var random = new Random(18);
        var attribute = string.Create(300_000, random, (span, r) => { for (var i = 0; i < span.Length; i++) span[i] = (char)('a' + r.Next(26)); });
        var sheet = $"<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\" x=\"{attribute}\"><is><t>Ngày tổ chức</t></is></c></row></sheetData></worksheet>";

        var message = await RefusedAsync(browser, "thuoc-tinh.xlsx", ReplacePart(TestWorkbook.Sheet(Header), "xl/worksheets/", Encoding.UTF8.GetBytes(sheet)));

        message.ShouldBe("Tệp .xlsx có một thẻ XML dài hơn 33.791 ký tự (phần \"xl/worksheets/sheet1.xml\"), điều Excel không bao giờ ghi: có thể tệp bị hỏng hoặc được tạo để gây hại. Hãy mở bằng Excel và lưu lại.");
        (await browser.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task More_shared_strings_than_a_file_to_import_needs_are_refused()
    {
        using var officer = await OfficerAsync();
        var browser = officer.Browser;
        var strings = new StringBuilder("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">");
        for (var i = 0; i <= 1_500_000; i++) strings.Append("<si/>");
        strings.Append("</sst>");

        var message = await RefusedAsync(browser, "chuoi.xlsx", ReplacePart(TestWorkbook.Sheet(Header), "xl/sharedStrings.xml", Encoding.UTF8.GetBytes(strings.ToString())));

        message.ShouldBe("Tệp .xlsx có hơn 1.500.000 chuỗi văn bản khác nhau, quá nhiều cho một tệp nhập. Hãy chia thành nhiều tệp nhỏ hơn.");
    }

    [Fact]
    public async Task More_merged_ranges_than_a_file_to_import_needs_are_refused()
    {
        using var officer = await OfficerAsync();
        var browser = officer.Browser;
        var sheet = new StringBuilder("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Ngày tổ chức</t></is></c></row></sheetData><mergeCells>");
        for (var i = 1; i <= 100_001; i++) sheet.Append("<mergeCell ref=\"A").Append(i + 1).Append(":B").Append(i + 1).Append("\"/>");
        sheet.Append("</mergeCells></worksheet>");

        var message = await RefusedAsync(browser, "gop.xlsx", ReplacePart(TestWorkbook.Sheet(Header), "xl/worksheets/", Encoding.UTF8.GetBytes(sheet.ToString())));

        message.ShouldBe("Trang tính \"Dữ liệu\" có hơn 100.000 vùng ô gộp; bảng nhập liệu không cần gộp ô. Hãy bỏ gộp ô (Merge & Center) rồi tải lên lại.");
    }

    [Fact]
    public async Task A_sheet_wider_than_the_column_limit_is_refused()
    {
        using var officer = await OfficerAsync();
        var browser = officer.Browser;
        var wide = new object?[251];
        wide[0] = "05/03/2026";
        wide[250] = "ghi chú lạc";

        var message = await RefusedAsync(browser, "rong.xlsx", TestWorkbook.Sheet(Header, wide));

        message.ShouldStartWith("Trang tính \"Dữ liệu\" có dữ liệu ở cột IQ, vượt quá giới hạn 200 cột. Hãy xóa các cột thừa.");
    }

    [Fact]
    public async Task Formulas_are_read_from_the_value_Excel_cached_and_a_formula_never_calculated_is_a_row_error()
    {
        using var officer = await OfficerAsync();
        var (browser, organisation) = (officer.Browser, officer.Organisation);
        var m = TestData.Unique();

        var job = await PostJobAsync(browser, TestWorkbook.Sheet(Header,
            Row("05/03/2026", "Xã Bình Lư", $"Họp bản {m}", participants: new Formula("20+25", 45)),
            ["06/03/2026", "Xã Bình Lư", new Formula($"\"Họp \"&\"{m}\"", $"Họp {m}"), "Hội nghị, họp thôn bản", 10],
            [ "07/03/2026", "Xã Bình Lư", new Formula("A1&B1", null), "Hội nghị, họp thôn bản", 10 ]), dryRun: false);

        Counts(job).ShouldBe((3, 2, 0, 0, 1));
        Errors(job).ShouldBe([(4, "C", "Nội dung: ô chứa công thức nhưng tệp không lưu giá trị đã tính. Hãy mở tệp bằng Excel và lưu lại, hoặc dán giá trị (Paste Values) thay cho công thức.")]);
        Notes(job).ShouldContain("2 ô có công thức: đã dùng giá trị Excel tính sẵn khi lưu tệp.");
        (await ImportsTests.EventsAsync(organisation.Id)).Select(e => e.Title).ShouldContain($"Họp {m}");
        (await ImportsTests.EventsAsync(organisation.Id)).Single(e => e.Title == $"Họp bản {m}").Participants.ShouldBe(45);
    }

    [Fact]
    public async Task Merged_cells_in_the_data_reject_every_row_they_cover()
    {
        using var officer = await OfficerAsync();
        var (browser, organisation) = (officer.Browser, officer.Organisation);
        var m = TestData.Unique();
        var file = TestWorkbook.Build(new TestSheet("Dữ liệu",
        [
            Header,
            Row("05/03/2026", "Xã Bình Lư", $"Không gộp {m}"),
            Row("06/03/2026", "Xã Bình Lư", $"Gộp một {m}"),
            ["07/03/2026", null, $"Gộp hai {m}", "Hội nghị, họp thôn bản", 10],
            ["08/03/2026", null, $"Gộp ba {m}", "Hội nghị, họp thôn bản", 10],
            Row("09/03/2026", "Xã Bình Lư", $"Sau vùng gộp {m}"),
        ]) { Merges = ["B3:B5"] });

        var job = await PostJobAsync(browser, file, dryRun: false);

        Counts(job).ShouldBe((5, 2, 0, 0, 3));
        Errors(job).ShouldBe(new[] { 3, 4, 5 }.Select(row => (row, "B",
            "Dòng nằm trong vùng ô gộp B3:B5 (dòng 3–5): hãy bỏ gộp ô (Merge & Center) và điền giá trị cho từng dòng.")).ToList());
        (await ImportsTests.EventsAsync(organisation.Id)).Select(e => e.Title).ShouldBe([$"Không gộp {m}", $"Sau vùng gộp {m}"]);
    }

    [Fact]
    public async Task Hidden_sheets_are_skipped_and_the_user_is_told_which_sheet_was_read()
    {
        using var officer = await OfficerAsync();
        var (browser, organisation) = (officer.Browser, officer.Organisation);
        var m = TestData.Unique();
        var file = TestWorkbook.Build(
            new TestSheet("Nháp", [Header, Row("05/03/2026", "Xã Tân Uyên", $"Nháp {m}")]) { Hidden = true },
            new TestSheet("Tháng 3", [Header, Row("05/03/2026", "Xã Bình Lư", $"Thật {m}")]));

        var job = await PostJobAsync(browser, file, dryRun: false);

        Counts(job).ShouldBe((1, 1, 0, 0, 0));
        job.GetProperty("sheet").GetString().ShouldBe("Tháng 3");
        Notes(job).ShouldContain("Đã đọc trang tính \"Tháng 3\" (trang đầu tiên đang hiện).");
        Notes(job).ShouldContain("Bỏ qua 1 trang tính ẩn: \"Nháp\".");
        (await ImportsTests.EventsAsync(organisation.Id)).Single().Title.ShouldBe($"Thật {m}");
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task A_one_megabyte_cell_is_cut_at_Excels_limit_and_its_row_refused_while_the_rest_goes_through(string kind)
    {
        using var officer = await OfficerAsync();
        var (browser, organisation) = (officer.Browser, officer.Organisation);
        var m = TestData.Unique();
        var huge = new string('a', 1_000_000);
        var file = kind == "xlsx"
            ? TestWorkbook.Sheet(Header, Row("05/03/2026", "Xã Bình Lư", huge), Row("06/03/2026", "Xã Bình Lư", $"Bình thường {m}"))
            : Encoding.UTF8.GetBytes("Ngày tổ chức,\"Xã, phường\",Nội dung,Hình thức,Số người tham dự\n" +
                $"05/03/2026,Xã Bình Lư,{huge},\"Hội nghị, họp thôn bản\",5\n06/03/2026,Xã Bình Lư,Bình thường {m},\"Hội nghị, họp thôn bản\",5\n");

        var job = await PostJobAsync(browser, file, dryRun: false, fileName: "o-lon." + kind);

        Counts(job).ShouldBe((2, 1, 0, 0, 1));
        Errors(job).ShouldBe([(2, "C", "Nội dung: ô dài hơn 32.767 ký tự (giới hạn của Excel); có thể tệp bị hỏng hoặc dán nhầm nội dung.")]);
        job.GetProperty("errors")[0].GetProperty("value").GetString()!.Length.ShouldBe(200);
        (await ImportsTests.EventsAsync(organisation.Id)).Single().Title.ShouldBe($"Bình thường {m}");
    }

    [Fact]
    public async Task A_CSV_in_a_legacy_encoding_is_refused_rather_than_misread()
    {
        using var officer = await OfficerAsync();
        var browser = officer.Browser;
        var legacy = Encoding.Latin1.GetBytes("Ngày tổ chức,Xã, phường,Nội dung\n05/03/2026,Bình Lư,Họp bản\n");

        var message = await RefusedAsync(browser, "windows-1258.csv", legacy);

        message.ShouldStartWith("Tệp CSV không phải văn bản UTF-8 (gặp ký tự hỏng sau dòng 1). Trong Excel, hãy chọn \"Lưu thành\" → \"CSV UTF-8 (Comma delimited)\" rồi tải lên lại.");
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("entities")]
    public async Task A_broken_workbook_is_refused_as_broken(string how)
    {
        using var officer = await OfficerAsync();
        var browser = officer.Browser;
        var sheet = how == "truncated"
            ? "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Ngày"
            : "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]><worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>";

        var message = await RefusedAsync(browser, "hong.xlsx", ReplaceSheet(TestWorkbook.Sheet(Header), sheet));

        message.ShouldStartWith("Tệp .xlsx bị hỏng (nội dung bên trong không đọc được). Hãy mở bằng Excel và lưu lại.");
    }

    private sealed record Officer(TestBrowser Browser, Organisation Organisation) : IDisposable
    {
        public void Dispose() => Browser.Dispose();
    }

    private static async Task<Officer> OfficerAsync()
    {
        var (officer, organisation) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        return new Officer(await (await TestBrowser.SignedInAsync(officer)).WithAntiforgeryHeaderAsync(), organisation);
    }

    /// <summary>Posts to the API and expects a refusal: the job is kept as refused, with a Vietnamese reason naming the file or its part.</summary>
    private static async Task<string> RefusedAsync(TestBrowser browser, string fileName, byte[] content)
    {
        var response = await PostAsync(browser.Http, fileName, content);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            // Refused before a job was made (type, size): a problem document.
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("title").GetString().ShouldBe("Dữ liệu không hợp lệ");
            return problem.GetProperty("errors").GetProperty("file")[0].GetString()!;
        }
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var job = await FollowAsync(browser.Http, response.Headers.Location!.ToString());
        Status(job).ShouldBe("Refused");
        return job.GetProperty("error").GetString()!;
    }

    private static async Task<JsonElement> PostJobAsync(TestBrowser browser, byte[] content, bool dryRun, string fileName = "tep.xlsx") =>
        await RunAsync(browser.Http, fileName, content, dryRun);

    private static byte[] Zip(params (string Name, byte[] Content)[] entries) => Zip(entries.Select(e => (e.Name, e.Content, 1)).ToArray());

    private static byte[] Zip(params (string Name, byte[] Content, int Times)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content, times) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                for (var i = 0; i < times; i++) entry.Write(content);
            }
        return stream.ToArray();
    }

    /// <summary>Puts <paramref name="content"/> in place of the part whose name starts with <paramref name="prefix"/> (or adds it), stored uncompressed as a file of real data would compress.</summary>
    private static byte[] ReplacePart(byte[] workbook, string prefix, byte[] content)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var old = zip.Entries.FirstOrDefault(e => e.FullName.StartsWith(prefix, StringComparison.Ordinal));
            var name = old?.FullName ?? prefix;
            old?.Delete();
            using var entry = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
            entry.Write(content);
        }
        return stream.ToArray();
    }

    private static byte[] ReplaceSheet(byte[] workbook, string sheetXml)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var sheet = zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal));
            var name = sheet.FullName;
            sheet.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
            writer.Write(sheetXml);
        }
        return stream.ToArray();
    }
}
