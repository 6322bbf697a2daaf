using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Tests.Support;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DaoTaoNghe.Tests.Features.Imports;

/// <summary>A formula cell: the expression and the value Excel cached when it saved the file (none: never calculated).</summary>
public sealed record Formula(string Expression, object? Cached);

/// <summary>A sheet to write: its rows from row 1 (a null row is a blank row), merged ranges, hidden or not.</summary>
public sealed record TestSheet(string Name, IReadOnlyList<object?[]?> Rows)
{
    public bool Hidden { get; init; }
    public IReadOnlyList<string> Merges { get; init; } = [];
}

/// <summary>Real .xlsx files, made the way Excel stores them (numbers, real dates, inline text, formulas, merges, hidden sheets).</summary>
public static class TestWorkbook
{
    public static byte[] Sheet(params object?[]?[] rows) => Build(new TestSheet("Dữ liệu", rows));

    public static byte[] Build(params TestSheet[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 2 });
            foreach (var sheet in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < sheet.Rows.Count; r++)
                {
                    if (sheet.Rows[r] is not { } values) continue;
                    var row = new Row { RowIndex = (uint)r + 1 };
                    for (var c = 0; c < values.Length; c++)
                        if (Cell(XlsxColumn(c) + (r + 1).ToString(CultureInfo.InvariantCulture), values[c]) is { } cell) row.Append(cell);
                    data.Append(row);
                }
                part.Worksheet = new Worksheet(data);
                if (sheet.Merges.Count > 0)
                    part.Worksheet.Append(new MergeCells(sheet.Merges.Select(m => new MergeCell { Reference = m })) { Count = (uint)sheet.Merges.Count });
                var list = workbook.Workbook.Sheets!;
                list.Append(new Sheet
                {
                    Id = workbook.GetIdOfPart(part), SheetId = (uint)list.Count() + 1, Name = sheet.Name,
                    State = sheet.Hidden ? SheetStateValues.Hidden : null,
                });
            }
        }
        return stream.ToArray();
    }

    private static Cell? Cell(string reference, object? value) => value switch
    {
        null => null,
        string text => new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { CellReference = reference, DataType = CellValues.InlineString },
        DateOnly date => new Cell { CellReference = reference, CellValue = new CellValue(date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture)), StyleIndex = 1 },
        Formula { Cached: string text } f => new Cell { CellReference = reference, CellFormula = new CellFormula(f.Expression), CellValue = new CellValue(text), DataType = CellValues.String },
        Formula { Cached: null } f => new Cell { CellReference = reference, CellFormula = new CellFormula(f.Expression) },
        Formula f => new Cell { CellReference = reference, CellFormula = new CellFormula(f.Expression), CellValue = new CellValue(Convert.ToDouble(f.Cached, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)) },
        _ => new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)) },
    };

    public static string XlsxColumn(int index)
    {
        var name = "";
        for (index++; index > 0; index = (index - 1) / 26)
            name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }
}

/// <summary>The outreach template's layout, and the steps of an import as a user (or a client) takes them.</summary>
public static class OutreachFile
{
    public const string Template = "tuyen-truyen";
    public static readonly object?[] Header = ["Ngày tổ chức", "Xã, phường", "Nội dung", "Hình thức", "Số người tham dự", "Ghi chú"];

    public static object?[] Row(object heldOn, string commune, string title, string channel = "Hội nghị, họp thôn bản", object? participants = null, string? notes = null) =>
        [heldOn, commune, title, channel, participants ?? 40, notes];

    /// <summary>A file of <paramref name="count"/> distinct activities in one commune, titled "<paramref name="marker"/> n".</summary>
    public static byte[] Many(string commune, string marker, int count, Func<int, string>? title = null) =>
        TestWorkbook.Sheet([Header, .. Enumerable.Range(1, count).Select(i => Row(new DateOnly(2026, 1, 1).AddDays(i % 300), commune, title?.Invoke(i) ?? $"{marker} {i}", participants: i % 500))]);
}

public static class ImportSteps
{
    /// <summary>Uploads through the page, as a user does; returns the job's id.</summary>
    public static async Task<int> UploadAsync(TestBrowser browser, string fileName, byte[] content, string template = OutreachFile.Template)
    {
        var response = await browser.PostMultipartAsync($"/Imports/New/{template}", [], "file", fileName, content);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last(), CultureInfo.InvariantCulture);
    }

    /// <summary>Follows the job as the page's script does until it is done, then reads it as the API gives it.</summary>
    public static async Task<JsonElement> WaitAsync(TestBrowser browser, int id)
    {
        for (var i = 0; i < 1200; i++)
        {
            var status = await browser.Http.GetFromJsonAsync<JsonElement>($"/Imports/Job/{id}?handler=Status");
            if (status.GetProperty("done").GetBoolean()) break;
            await Task.Delay(100);
        }
        return await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/imports/jobs/{id}");
    }

    public static async Task<JsonElement> DryRunAsync(TestBrowser browser, string fileName, byte[] content, string template = OutreachFile.Template) =>
        await WaitAsync(browser, await UploadAsync(browser, fileName, content, template));

    public static async Task<JsonElement> CommitAsync(TestBrowser browser, int id)
    {
        var response = await browser.PostFormAsync($"/Imports/Job/{id}", [], $"/Imports/Job/{id}?handler=Commit");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return await WaitAsync(browser, id);
    }

    /// <summary>Posts a file to the API as a machine client does.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string fileName, byte[] content, bool? dryRun = null, string template = OutreachFile.Template)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(content), "file", fileName);
        return await client.PostAsync($"/api/v1/imports/{template}" + (dryRun is { } d ? $"?dryRun={d.ToString().ToLowerInvariant()}" : ""), form);
    }

    /// <summary>Posts a file to the API, expects it accepted (202), and follows the job's address until it is done.</summary>
    public static async Task<JsonElement> RunAsync(HttpClient client, string fileName, byte[] content, bool? dryRun = null, string template = OutreachFile.Template)
    {
        var response = await PostAsync(client, fileName, content, dryRun, template);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return await FollowAsync(client, response.Headers.Location!.ToString());
    }

    /// <summary>Asks a job's address, as a machine client does, until the job is done.</summary>
    public static async Task<JsonElement> FollowAsync(HttpClient client, string url)
    {
        for (var i = 0; i < 1200; i++)
        {
            var job = await client.GetFromJsonAsync<JsonElement>(url);
            if (job.GetProperty("done").GetBoolean()) return job;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{url} did not finish.");
    }

    public static (int Rows, int Created, int Updated, int Unchanged, int Rejected) Counts(JsonElement job) => (
        job.GetProperty("rows").GetInt32(), job.GetProperty("created").GetInt32(), job.GetProperty("updated").GetInt32(),
        job.GetProperty("unchanged").GetInt32(), job.GetProperty("rejected").GetInt32());

    public static List<(int Row, string Column, string Message)> Errors(JsonElement job) =>
        job.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString()!, e.GetProperty("message").GetString()!))
            .ToList();

    public static string Status(JsonElement job) => job.GetProperty("status").GetString()!;

    public static List<string> Notes(JsonElement job) => job.GetProperty("notes").EnumerateArray().Select(n => n.GetString()!).ToList();
}
