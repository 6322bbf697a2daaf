using System.Globalization;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Web;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DaoTaoNghe.Bench.Import;

/// <summary>
/// A province's learner list as communes keep it: an STT column, Vietnamese names of each commune's
/// peoples (the demo's Lai Châu patterns and ethnic mixes), CCCDs agreeing with sex and birth year
/// (mostly registered in Lai Châu, 012; a few confirmed disagreements; some people without one),
/// ethnicity spelled as officials do (names, "H'Mông" or "Mông", sometimes the code), birth dates
/// as text or as Excel dates, consent for most, household status and priority groups for some.
/// Deterministic (seed 2026). Written with the SAX writer, cells addressed so empty cells stay empty.
/// </summary>
public static class LearnerFile
{
    private static readonly string[] Header =
    [
        "STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Dân tộc", "Số điện thoại", "Xã, phường", "Thôn, bản", "Trình độ học vấn",
        "Hộ nghèo, cận nghèo", "Năm xác định hộ", "Đối tượng ưu tiên", "Đồng ý xử lý dữ liệu cá nhân", "Ngày đồng ý", "Xác nhận lệch CCCD",
    ];

    private static readonly Dictionary<string, string[]> Spellings = new()
    {
        [LaiChauPeople.Kinh] = ["Kinh"], [LaiChauPeople.Tay] = ["Tày"], [LaiChauPeople.Thai] = ["Thái"], [LaiChauPeople.Muong] = ["Mường"],
        [LaiChauPeople.Hmong] = ["Mông", "H'Mông", "HMông"], [LaiChauPeople.Dao] = ["Dao"], [LaiChauPeople.KhoMu] = ["Khơ Mú", "Khơ-mú"],
        [LaiChauPeople.Giay] = ["Giáy"], [LaiChauPeople.HaNhi] = ["Hà Nhì"], [LaiChauPeople.LaHu] = ["La Hủ"], [LaiChauPeople.Lu] = ["Lự"],
        [LaiChauPeople.Mang] = ["Mảng"], [LaiChauPeople.Cong] = ["Cống"], [LaiChauPeople.SiLa] = ["Si La"],
    };

    public static void Generate(string path, int rows, IReadOnlyList<(string Code, string Name)> communes)
    {
        var random = new Random(2026);
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var used = new HashSet<string>();
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var part = workbook.AddNewPart<WorksheetPart>();
        using (var writer = OpenXmlWriter.Create(part))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, 1, Header);
            for (var i = 1; i <= rows; i++)
                WriteRow(writer, (uint)i + 1, Person(random, i, communes[random.Next(communes.Count)], today, used));
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = "Danh sách" }));
    }

    private static object?[] Person(Random random, int number, (string Code, string Name) commune, DateOnly today, HashSet<string> used)
    {
        var ethnic = Weighted(random, LaiChauPeople.MixOf(commune.Name));
        var sex = random.Next(100) < 52 ? Sex.Female : Sex.Male;
        var age = random.Next(100) < 4 ? 60 + random.Next(7) : 16 + (int)(Math.Pow(random.NextDouble(), 1.4) * 43);
        var born = new DateOnly(today.Year - age, 1, 1).AddDays(random.Next(365));
        if (born > today.AddYears(-16)) born = today.AddYears(-16).AddDays(-random.Next(1, 200));
        var pattern = LaiChauPeople.Names[ethnic];
        var name = sex == Sex.Male
            ? $"{Pick(random, pattern.Families)} {Pick(random, pattern.MaleMiddles)} {Pick(random, pattern.MaleGivens)}"
            : $"{Pick(random, pattern.Families)} {Pick(random, pattern.FemaleMiddles)} {Pick(random, pattern.FemaleGivens)}";

        string? cccd = null;
        var mismatch = false;
        if (random.Next(100) < 95)
        {
            var year = born.Year;
            mismatch = random.Next(1000) < 8;
            if (mismatch) year += random.Next(2) == 0 ? -1 : 1;
            var province = ethnic == LaiChauPeople.Kinh
                ? random.Next(100) switch { < 60 => "012", < 70 => "036", < 80 => "034", < 90 => "001", _ => "010" }
                : random.Next(100) switch { < 88 => "012", < 95 => "011", _ => "014" };
            var centuryAndSex = (year / 100 - 19) * 2 + (sex == Sex.Female ? 1 : 0);
            do cccd = $"{province}{centuryAndSex}{year % 100:00}{random.Next(1_000_000):000000}";
            while (!used.Add(cccd));
        }

        var consent = random.Next(100) < 92;
        var household = consent && random.Next(100) < 30
            ? (ethnic == LaiChauPeople.Kinh ? random.Next(100) < 40 : random.Next(100) < 65) ? "Hộ nghèo" : "Hộ cận nghèo"
            : null;
        var categories = new List<string>();
        if (consent && random.Next(1000) < 25) categories.Add("Người khuyết tật");
        if (sex == Sex.Male && age is >= 20 and <= 35 && random.Next(100) < 8) categories.Add("Bộ đội xuất ngũ");
        if (sex == Sex.Female && age is >= 20 and <= 50 && random.Next(100) < 4) categories.Add("Lao động nữ bị mất việc làm");
        if (LaiChauPeople.ReservoirCommunes.Contains(commune.Name) && random.Next(100) < 6) categories.Add("Ngư dân");
        if (age >= 61 && random.Next(10) < 9) categories.Add("Người cao tuổi còn khả năng lao động");

        var education = Education(random, age);
        return
        [
            number,
            name,
            random.Next(100) < 30 ? born.ToDateTime(TimeOnly.MinValue).ToOADate() : born.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
            sex == Sex.Male ? "Nam" : "Nữ",
            cccd,
            consent ? random.Next(10) == 0 ? ethnic : Pick(random, Spellings[ethnic]) : null,
            random.Next(100) < 65 ? $"{Pick(random, LaiChauPeople.PhonePrefixes)}{random.Next(1_000_000, 10_000_000)}" : null,
            random.Next(10) == 0 ? commune.Code : commune.Name,
            commune.Name.StartsWith("Phường", StringComparison.Ordinal) ? $"Tổ dân phố số {1 + random.Next(20)}"
                : $"Bản {Pick(random, LaiChauPeople.HamletFirst)} {Pick(random, LaiChauPeople.HamletSecond)}",
            education is { } level ? Fmt.Enum(level) : null,
            household,
            household is null ? null : (double)today.Year,
            categories.Count == 0 ? null : string.Join("; ", categories),
            consent ? "Có" : null,
            consent ? today.AddDays(-random.Next(1, 600)).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : null,
            mismatch ? "Có" : null,
        ];
    }

    private static EducationLevel? Education(Random random, int age) =>
        (random.Next(100) + (age < 30 ? 10 : 0) - (age > 45 ? 15 : 0)) switch
        {
            < 4 => null,
            < 8 => EducationLevel.NoSchooling,
            < 26 => EducationLevel.Primary,
            < 62 => EducationLevel.LowerSecondary,
            < 92 => EducationLevel.UpperSecondary,
            < 97 => EducationLevel.Elementary,
            < 101 => EducationLevel.Intermediate,
            _ => EducationLevel.College,
        };

    private static void WriteRow(OpenXmlWriter writer, uint index, IReadOnlyList<object?> values)
    {
        writer.WriteStartElement(new Row { RowIndex = index });
        for (var c = 0; c < values.Count; c++)
        {
            var reference = (char)('A' + c) + index.ToString(CultureInfo.InvariantCulture);
            switch (values[c])
            {
                case null:
                    break;
                case string text:
                    writer.WriteStartElement(new Cell { CellReference = reference, DataType = CellValues.InlineString });
                    writer.WriteElement(new InlineString(new Text(text)));
                    writer.WriteEndElement();
                    break;
                case var value:
                    writer.WriteElement(new Cell
                    {
                        CellReference = reference,
                        CellValue = new CellValue(Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)),
                    });
                    break;
            }
        }
        writer.WriteEndElement();
    }

    private static string Weighted(Random random, IReadOnlyList<(string Code, int Weight)> mix)
    {
        var roll = random.Next(mix.Sum(m => m.Weight));
        foreach (var (code, weight) in mix)
        {
            if (roll < weight) return code;
            roll -= weight;
        }
        return mix[^1].Code;
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
