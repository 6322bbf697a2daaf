using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaoTaoNghe.Bench.Import;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

// Drives a running DaoTaoNghe through its import API as a machine client does, with a generated
// outreach, learner or enrolment file (--template tuyen-truyen|nguoi-hoc|ghi-danh), and reports rows per second and the app's resident memory (from /proc/<pid>/status).
// --hostile attribute-bomb instead posts a sheet holding one 200-million-character attribute, --parallel times at once, and reports the app's memory growth.
var options = args.Chunk(2).ToDictionary(a => a[0].TrimStart('-'), a => a[1]);
var baseUrl = options.GetValueOrDefault("url", "http://127.0.0.1:5071");
var pid = int.Parse(options["pid"], CultureInfo.InvariantCulture);
var rows = int.Parse(options.GetValueOrDefault("rows", "50000"), CultureInfo.InvariantCulture);
var user = options.GetValueOrDefault("user", "sogddt");
var password = options.GetValueOrDefault("password", "DaoTaoNghe@2026");
var template = options.GetValueOrDefault("template", "tuyen-truyen");
var database = options.GetValueOrDefault("db");
var connectionString = options.GetValueOrDefault("pg");

var cookies = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
await PostFormAsync(cookies, "/Account/Login", new() { ["Data.UserName"] = user, ["Data.Password"] = password });
var keyPage = await (await PostFormAsync(cookies, "/Account/ApiKeys", new()
{
    ["Name"] = $"Đo tốc độ nhập {DateTime.UtcNow:HHmmss}", ["Scope"] = "ReadWrite", ["ExpiresOn"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
})).Content.ReadAsStringAsync();
var secret = WebUtility.HtmlDecode(Regex.Match(keyPage, "<code id=\"new-secret\">([^<]+)</code>").Groups[1].Value);
if (secret.Length == 0) throw new InvalidOperationException("Could not create an API key.");

var api = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(30) };
api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
var units = JsonDocument.Parse(await api.GetStringAsync("/api/v1/units")).RootElement.GetProperty("items").EnumerateArray()
    .Select(u => (Code: u.GetProperty("code").GetString()!, Name: u.GetProperty("name").GetString()!)).ToList();

if (options.GetValueOrDefault("hostile") == "attribute-bomb")
{
    await AttributeBombAsync(int.Parse(options.GetValueOrDefault("parallel", "10"), CultureInfo.InvariantCulture));
    return;
}

var file = Path.Combine(Path.GetTempPath(), $"{template}-{rows}.xlsx");
var generate = Stopwatch.StartNew();
switch (template)
{
    case "tuyen-truyen":
        GenerateOutreach(file, rows, units.Select(u => u.Code).ToList());
        break;
    case "nguoi-hoc":
        LearnerFile.Generate(file, rows, units);
        break;
    case "ghi-danh":
        await PrepareEnrolmentsAsync();
        await EnrolmentFile.GenerateAsync(connectionString ?? throw new ArgumentException("ghi-danh needs --pg (the bench database's connection string)."),
            file, rows, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)));
        break;
    default:
        throw new ArgumentException($"No generator for template {template}: use tuyen-truyen, nguoi-hoc or ghi-danh.");
}
Console.WriteLine($"Generated {rows:N0} rows of {template} across {units.Count} communes: {new FileInfo(file).Length / 1024.0 / 1024.0:F1} MB in {generate.Elapsed.TotalSeconds:F1} s ({file})");
Console.WriteLine($"App after start-up: RSS {Memory("VmRSS")} MB, peak {Memory("VmHWM")} MB");
Console.WriteLine();
Console.WriteLine("| run | status | created | updated | unchanged | rejected | seconds | rows/s | app CPU seconds | PostgreSQL CPU seconds | peak RSS during run (MB) | app peak RSS so far (MB) |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
await RunAsync("dry run", dryRun: true);
await RunAsync("commit", dryRun: false);
await RunAsync("same file again (commit)", dryRun: false);
File.Delete(file);

async Task RunAsync(string name, bool dryRun)
{
    var peak = 0L;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peak = Math.Max(peak, Memory("VmRSS"));
            await Task.Delay(50);
        }
    });
    var cpu = CpuSeconds(pid);
    var databaseCpu = DatabaseCpuSeconds();
    var clock = Stopwatch.StartNew();
    using var form = new MultipartFormDataContent();
    await using var content = File.OpenRead(file);
    form.Add(new StreamContent(content), "file", Path.GetFileName(file));
    var response = await FollowAsync(await api.PostAsync($"/api/v1/imports/{template}?dryRun={(dryRun ? "true" : "false")}", form));
    var seconds = clock.Elapsed.TotalSeconds;
    cpu = CpuSeconds(pid) - cpu;
    databaseCpu = DatabaseCpuSeconds() - databaseCpu;
    await sampling.CancelAsync();
    await sampler;
    var body = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{name}: {(int)response.StatusCode} {body}");
    var job = JsonDocument.Parse(body).RootElement;
    int Count(string property) => job.GetProperty(property).GetInt32();
    foreach (var error in job.GetProperty("errors").EnumerateArray().Take(3))
        Console.Error.WriteLine($"{name}: row {error.GetProperty("row").GetInt32()} {error.GetProperty("column").GetString()}: {error.GetProperty("message").GetString()}");
    Console.WriteLine($"| {name} | {job.GetProperty("status").GetString()} | {Count("created"):N0} | {Count("updated"):N0} | {Count("unchanged"):N0} | {Count("rejected"):N0} | {seconds:F1} | {Count("rows") / seconds:N0} | {cpu:F1} | {(database is null ? "–" : databaseCpu.ToString("F1", CultureInfo.InvariantCulture))} | {peak} | {Memory("VmHWM")} |");
}

// Enrolments need registered learners and courses with seats: the learners come in through the learner import (committed, not measured), the courses straight into the database.
async Task PrepareEnrolmentsAsync()
{
    var setup = Stopwatch.StartNew();
    var learnerFile = Path.Combine(Path.GetTempPath(), $"nguoi-hoc-setup-{rows}.xlsx");
    LearnerFile.Generate(learnerFile, rows * 5 / 4, units);
    using (var form = new MultipartFormDataContent())
    {
        await using var content = File.OpenRead(learnerFile);
        form.Add(new StreamContent(content), "file", Path.GetFileName(learnerFile));
        var response = await FollowAsync(await api.PostAsync("/api/v1/imports/nguoi-hoc?dryRun=false", form));
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"learners: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
    File.Delete(learnerFile);
    var (courses, learners) = await EnrolmentFile.PrepareAsync(connectionString!, rows, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)));
    Console.WriteLine($"Setup: {rows * 5 / 4:N0} learners imported, {courses:N0} courses of 30 seats created ({EnrolmentFile.PerCourse} rows each; half running), "
                      + $"{learners:N0} learners of working age with a CCCD, in {setup.Elapsed.TotalSeconds:F0} s");
}

// An accepted file (202) is followed at the job's address until the job is done; that answer is the run's.
async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage accepted)
{
    if (accepted.StatusCode != HttpStatusCode.Accepted) return accepted;
    var url = accepted.Headers.Location!.ToString();
    while (true)
    {
        var job = await api.GetAsync(url);
        if (!job.IsSuccessStatusCode || JsonDocument.Parse(await job.Content.ReadAsStringAsync()).RootElement.GetProperty("done").GetBoolean()) return job;
        await Task.Delay(200);
    }
}

// The file of issue 18: 4–5 MB zipped, one attribute of 200 million characters (runs of a letter, so it compresses about 40 times:
// under the zip-bomb ratio). Posted in parallel by one commune officer's key; RSS sampled every 50 ms until every job is done.
async Task AttributeBombAsync(int parallel)
{
    var bomb = Path.Combine(Path.GetTempPath(), "attribute-bomb.xlsx");
    using (var zip = new System.IO.Compression.ZipArchive(File.Create(bomb), System.IO.Compression.ZipArchiveMode.Create))
    {
        void Part(string name, string text)
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(text);
        }
        Part("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>");
        Part("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"Dữ liệu\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
        Part("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\"/></Relationships>");
        using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", System.IO.Compression.CompressionLevel.Fastest).Open());
        sheet.Write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\" x=\"");
        var random = new Random(18);
        var chunk = new char[8192];
        for (long written = 0; written < 200_000_000; written += chunk.Length)
        {
            for (var i = 0; i < chunk.Length; i += 40) Array.Fill(chunk, (char)('a' + random.Next(26)), i, Math.Min(40, chunk.Length - i));
            sheet.Write(chunk);
        }
        sheet.Write("\"><is><t>Ngày tổ chức</t></is></c></row></sheetData></worksheet>");
    }
    Console.WriteLine($"Attribute bomb: {new FileInfo(bomb).Length / 1024.0 / 1024.0:F1} MB zipped, 200,000,000-character attribute; {parallel} parallel uploads by one user");
    var before = Memory("VmRSS");
    var peak = before;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            peak = Math.Max(peak, Memory("VmRSS"));
            await Task.Delay(50);
        }
    });
    var clock = Stopwatch.StartNew();
    // Each upload a different file (a zip comment of its own), so none is refused as a retry of another.
    var original = await File.ReadAllBytesAsync(bomb);
    var answers = await Task.WhenAll(Enumerable.Range(0, parallel).Select(async i =>
    {
        var comment = Encoding.ASCII.GetBytes($"{i:0000}");
        var variant = new byte[original.Length + comment.Length];
        original.CopyTo(variant, 0);
        BitConverter.TryWriteBytes(variant.AsSpan(original.Length - 2, 2), (ushort)comment.Length);
        comment.CopyTo(variant, original.Length);
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(variant), "file", $"bom-{i}.xlsx");
        var response = await api.PostAsync("/api/v1/imports/tuyen-truyen", form);
        var final = await FollowAsync(response);
        var body = JsonDocument.Parse(await final.Content.ReadAsStringAsync()).RootElement;
        return ((int)response.StatusCode, body.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString()
            : body.TryGetProperty("detail", out var detail) ? detail.GetString() : "");
    }));
    var seconds = clock.Elapsed.TotalSeconds;
    var health = (int)(await api.GetAsync("/health")).StatusCode;
    await sampling.CancelAsync();
    await sampler;
    foreach (var group in answers.GroupBy(a => a))
        Console.WriteLine($"  {group.Count()} × {group.Key.Item1}: {group.Key.Item2}");
    Console.WriteLine($"RSS before {before} MB, peak {peak} MB (growth {peak - before} MB), after {Memory("VmRSS")} MB; all answered in {seconds:F1} s; /health {health}");
    File.Delete(bomb);
}

// CPU time (user + system, from /proc/<pid>/stat): steadier than wall time on a machine shared with other work.
static double CpuSeconds(int process)
{
    try
    {
        var fields = File.ReadAllText($"/proc/{process}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
    catch (IOException)
    {
        return 0;
    }
}

// The PostgreSQL backends serving the bench database, found by their process titles ("postgres: … dtn_bench_import_123 …").
double DatabaseCpuSeconds()
{
    if (database is null) return 0;
    var total = 0.0;
    foreach (var directory in Directory.EnumerateDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(directory), out var process)) continue;
        try
        {
            if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains($" {database} ", StringComparison.Ordinal)) total += CpuSeconds(process);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
    return total;
}

long Memory(string field)
{
    var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
    return long.Parse(Regex.Match(line, @"\d+").Value, CultureInfo.InvariantCulture) / 1024;
}

static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields)
{
    var page = await client.GetStringAsync(path);
    fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
    return await client.PostAsync(path, new FormUrlEncodedContent(fields));
}

/// <summary>An outreach file as a province would keep it: a year of activities in every commune, written with the SAX writer.</summary>
static void GenerateOutreach(string path, int rows, IReadOnlyList<string> communes)
{
    string[] channels = ["Hội nghị, họp thôn bản", "Loa truyền thanh xã", "Phát thanh, truyền hình", "Mạng xã hội, cổng thông tin", "Tư vấn trực tiếp tại hộ gia đình"];
    string[] topics = ["Tuyên truyền chính sách hỗ trợ học nghề", "Tư vấn học nghề trồng và chế biến chè", "Giới thiệu lớp nghề chăn nuôi", "Tư vấn việc làm sau đào tạo"];
    using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
    var workbook = document.AddWorkbookPart();
    workbook.Workbook = new Workbook();
    var part = workbook.AddNewPart<WorksheetPart>();
    using (var writer = OpenXmlWriter.Create(part))
    {
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, 1, "Ngày tổ chức", "Xã, phường", "Nội dung", "Hình thức", "Số người tham dự", "Ghi chú");
        var start = new DateOnly(2026, 1, 1);
        for (var i = 1; i <= rows; i++)
            WriteRow(writer, (uint)i + 1,
                start.AddDays(i % 300).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                communes[i % communes.Count],
                $"{topics[i % topics.Length]} – đợt {i}",
                channels[i % channels.Length],
                (15 + i % 250).ToString(CultureInfo.InvariantCulture),
                i % 10 == 0 ? "Có phát tờ rơi" : "");
        writer.WriteEndElement();
        writer.WriteEndElement();
    }
    workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "Dữ liệu" }));
}

static void WriteRow(OpenXmlWriter writer, uint index, params string[] values)
{
    writer.WriteStartElement(new Row { RowIndex = index });
    foreach (var value in values.Where(v => v.Length > 0))
    {
        writer.WriteStartElement(new Cell { DataType = CellValues.InlineString });
        writer.WriteElement(new InlineString(new Text(value)));
        writer.WriteEndElement();
    }
    writer.WriteEndElement();
}
