using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Npgsql;

namespace DaoTaoNghe.Bench.Import;

/// <summary>
/// The enrolments of a province's courses as institutions keep them, and what they need: learners
/// registered first (the learner bench file, committed through the same API), then courses of 30
/// seats under one order per programme of the demo's institutions, written straight to the bench
/// database (half enrolling, half running with a summary of days), and the file: 25 learners a
/// course, each in one course, with the way to the venue for some, and for the running courses the
/// days studied and a result (passed with a score, failed, or dropped out with a reason) for most.
/// Learners the demo already enrolled are left out, so no row meets a course over the same days.
/// Deterministic (seed 2026).
/// </summary>
public static class EnrolmentFile
{
    public const int PerCourse = 25;

    private static readonly string[] Header =
    [
        "STT", "Mã lớp", "Số CCCD", "Họ và tên", "Ngày sinh", "Khoảng cách đến nơi học (km)", "Giá vé cả khóa (đồng)", "Số ngày học", "Kết quả", "Điểm",
        "Ngày công nhận kết quả", "Ngày bỏ học", "Lý do bỏ học",
    ];

    private static readonly string[] Reasons = ["Đi làm ăn xa", "Hoàn cảnh gia đình khó khăn", "Sinh con", "Đi làm công nhân ở khu công nghiệp", "Ốm dài ngày"];

    /// <summary>Courses open for enrolment start after today; running ones started before it (the result date is then today at the latest).</summary>
    public static async Task<(int Courses, int Learners)> PrepareAsync(string connectionString, int rows, DateOnly today)
    {
        var courses = (rows + PerCourse - 1) / PerCourse;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var running = (Start: today.AddDays(-60), End: today.AddDays(30));
        var open = (Start: today.AddDays(14), End: today.AddDays(104));
        await ExecuteAsync(connection, """
            INSERT INTO training_orders (province_id, institution_id, kind, year, occupation_id, level, quota, unit_cost, budget, decision_number, decision_date, search_text, created_at)
            SELECT o.province_id, p.institution_id, 'Order', @year, p.occupation_id, p.level, 1000000, 4000000, 1000000000000, 'ĐO-' || p.id || '/QĐ-SGDĐT', @decided, 'do-' || p.id, now()
            FROM programmes p JOIN organisations o ON o.id = p.institution_id WHERE p.is_active
            """, ("year", today.Year), ("decided", new DateOnly(today.Year, 1, 10)));
        await ExecuteAsync(connection, """
            INSERT INTO courses (institution_id, province_id, order_id, programme_id, occupation_id, level, name, search_text, venue_commune_id, start_date, end_date,
                                 planned_days, capacity, actual_unit_cost, attendance_mode, state, started_on, created_at)
            SELECT t.institution_id, t.province_id, t.id, p.id, p.occupation_id, p.level, 'Lớp đo tốc độ ' || g.i, 'lop do toc do ' || g.i, v.id,
                   CASE WHEN g.i % 2 = 0 THEN @runningStart ELSE @openStart END, CASE WHEN g.i % 2 = 0 THEN @runningEnd ELSE @openEnd END,
                   60, 30, 3500000, 'Summary', CASE WHEN g.i % 2 = 0 THEN 'Running' ELSE 'Open' END, CASE WHEN g.i % 2 = 0 THEN @runningStart END, now()
            FROM generate_series(0, @courses - 1) AS g(i)
            JOIN LATERAL (SELECT * FROM training_orders o WHERE o.decision_number LIKE 'ĐO-%' ORDER BY o.id OFFSET g.i % (SELECT count(*) FROM training_orders WHERE decision_number LIKE 'ĐO-%') LIMIT 1) t ON true
            JOIN programmes p ON p.institution_id = t.institution_id AND p.occupation_id = t.occupation_id AND p.level = t.level AND p.is_active
                               AND p.id = (SELECT min(p2.id) FROM programmes p2 WHERE p2.institution_id = t.institution_id AND p2.occupation_id = t.occupation_id AND p2.level = t.level AND p2.is_active)
            JOIN LATERAL (SELECT u.id FROM administrative_units u WHERE u.province_id = t.province_id AND u.level = 'Commune' AND u.valid_to IS NULL
                          ORDER BY u.id OFFSET g.i % 30 LIMIT 1) v ON true
            """, ("runningStart", running.Start), ("runningEnd", running.End), ("openStart", open.Start), ("openEnd", open.End), ("courses", courses));
        var learners = await ScalarAsync(connection, """
            SELECT count(*) FROM learners WHERE merged_into_id IS NULL AND cccd IS NOT NULL AND birth_date BETWEEN @oldest AND @youngest
              AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.learner_id = learners.id)
            """, ("oldest", today.AddYears(-54)), ("youngest", running.Start.AddYears(-16)));
        return (await ScalarAsync(connection, "SELECT count(*) FROM courses WHERE name LIKE 'Lớp đo tốc độ %'"), learners);
    }

    public static async Task GenerateAsync(string connectionString, string path, int rows, DateOnly today)
    {
        var random = new Random(2026);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var courses = new List<(int Id, bool Running)>();
        await using (var command = new NpgsqlCommand("SELECT id, state FROM courses WHERE name LIKE 'Lớp đo tốc độ %' ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) courses.Add((reader.GetInt32(0), reader.GetString(1) == "Running"));
        var people = new List<(string Cccd, string Name, DateOnly Born)>();
        await using (var command = new NpgsqlCommand("""
            SELECT cccd, full_name, birth_date FROM learners WHERE merged_into_id IS NULL AND cccd IS NOT NULL AND birth_date BETWEEN @oldest AND @youngest
              AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.learner_id = learners.id) ORDER BY id LIMIT @rows
            """, connection))
        {
            command.Parameters.AddWithValue("oldest", today.AddYears(-54));
            command.Parameters.AddWithValue("youngest", today.AddDays(-60).AddYears(-16));
            command.Parameters.AddWithValue("rows", rows);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) people.Add((reader.GetString(0), reader.GetString(1), DateOnly.FromDateTime(reader.GetDateTime(2))));
        }
        if (people.Count < rows) throw new InvalidOperationException($"Only {people.Count} learners of working age with a CCCD for {rows} rows.");

        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var part = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, 1, Header);
            for (var i = 0; i < rows; i++)
            {
                var (courseId, isRunning) = courses[i / PerCourse];
                var (cccd, name, born) = people[i];
                var far = random.Next(100) < 30;
                object?[] cells = [i + 1, courseId, cccd, name, Date(born), far ? (8 + random.Next(40)).ToString(CultureInfo.InvariantCulture) : null,
                    far ? (50_000 + random.Next(20) * 10_000).ToString("#,##0", CultureInfo.GetCultureInfo("vi-VN")) : null, null, null, null, null, null, null];
                if (isRunning)
                {
                    var roll = random.Next(100);
                    cells[7] = (roll < 5 ? 5 + random.Next(20) : 40 + random.Next(19)).ToString(CultureInfo.InvariantCulture);
                    if (roll < 5)
                    {
                        cells[8] = "Bỏ học";
                        cells[11] = Date(today.AddDays(-random.Next(1, 40)));
                        cells[12] = Reasons[random.Next(Reasons.Length)];
                    }
                    else if (roll < 70)
                    {
                        cells[8] = roll < 65 ? "Đạt" : "Không đạt";
                        cells[9] = (roll < 65 ? 5 + random.Next(50) / 10.0 : random.Next(50) / 10.0).ToString("0.#", CultureInfo.GetCultureInfo("vi-VN"));
                        cells[10] = Date(today);
                    }
                    else cells[8] = "Đang học";
                }
                WriteRow(writer, (uint)i + 2, cells);
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "Ghi danh" }));
    }

    private static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<int> ScalarAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static void WriteRow(OpenXmlWriter writer, uint index, object?[] values)
    {
        writer.WriteStartElement(new Row { RowIndex = index });
        for (var column = 0; column < values.Length; column++)
        {
            if (values[column] is not { } value) continue;
            var reference = ColumnName(column) + index.ToString(CultureInfo.InvariantCulture);
            if (value is int number)
            {
                writer.WriteStartElement(new Cell { CellReference = reference });
                writer.WriteElement(new CellValue(number.ToString(CultureInfo.InvariantCulture)));
            }
            else
            {
                writer.WriteStartElement(new Cell { CellReference = reference, DataType = CellValues.InlineString });
                writer.WriteElement(new InlineString(new Text((string)value)));
            }
            writer.WriteEndElement();
        }
        writer.WriteEndElement();
    }

    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : "A" + (char)('A' + index - 26);
}
