using System.Text;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// About 3,400 people across Lai Châu's 38 communes and wards with each commune's ethnic mix and
/// name patterns, CCCDs consistent with sex and birth year (mostly 012, some born elsewhere; a
/// few confirmed mismatches), consents (a few withdrawn, their sensitive data erased), household
/// statuses for 2024–2026, priority categories, some duplicates typed without diacritics for
/// the duplicates page, and a few already merged. Residence is today's commune for everyone,
/// also for people registered before the 2025 merger: the demo keeps one residence per person.
/// </summary>
public sealed class LearnersDemoSeeder : IDemoSeeder
{
    public int Order => 410;

    public string Title => "người học, hộ gia đình";

    private const string Purpose = "Quản lý đào tạo nghề, xét và chi trả hỗ trợ học nghề, theo dõi việc làm sau đào tạo";

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var today = context.Today;
        var communes = await db.AdministrativeUnits
            .Where(u => u.ProvinceId == context.Province.Id && u.Level == UnitLevel.Commune && u.ValidTo == null)
            .OrderBy(u => u.Code).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken);
        var ethnicGroups = await db.EthnicGroups.ToDictionaryAsync(e => e.Code, e => e.Id, cancellationToken);
        var usedCccds = new HashSet<string>();
        var start = new DateTime(2024, 1, 5, 1, 0, 0, DateTimeKind.Utc);
        var seconds = (int)(today.ToDateTime(TimeOnly.MinValue) - start).TotalSeconds;

        var all = new List<Learner>();
        foreach (var commune in communes)
        {
            var mix = LaiChauPeople.MixOf(commune.Name);
            var count = (commune.Name.StartsWith("Phường") ? 45 : 60) + random.Next(60);
            var batch = new List<Learner>(count);
            for (var i = 0; i < count; i++)
            {
                var ethnic = PickWeighted(random, mix);
                var createdAt = start.AddSeconds(random.Next(seconds));
                var learner = Person(random, today, commune.Id, commune.Name, ethnic, createdAt, usedCccds);
                learner.ProvinceId = context.Province.Id;
                AddConsentAndSensitive(random, learner, ethnicGroups[ethnic], ethnic != LaiChauPeople.Kinh, commune.Name, createdAt, today);
                batch.Add(learner);
            }
            db.Learners.AddRange(batch);
            await db.SaveChangesAsync(cancellationToken);
            all.AddRange(batch);
        }

        await AddDuplicatesAsync(context, all, cancellationToken);
    }

    private static Learner Person(Random random, DateOnly today, int communeId, string communeName, string ethnic, DateTime createdAt, HashSet<string> usedCccds)
    {
        var sex = random.Next(100) < 52 ? Sex.Female : Sex.Male;
        var age = random.Next(100) < 4 ? 60 + random.Next(7) : 16 + (int)(Math.Pow(random.NextDouble(), 1.4) * 43);
        var birthDate = new DateOnly(today.Year - age, 1, 1).AddDays(random.Next(365));
        if (birthDate > today.AddYears(-16)) birthDate = today.AddYears(-16).AddDays(-random.Next(1, 200));

        var learner = new Learner
        {
            BirthDate = birthDate,
            Sex = sex,
            CommuneId = communeId,
            // Where they live today; the residence seeder moves 2024 registrations to the old commune the rule gives.
            RegisteredCommuneId = communeId,
            Address = communeName.StartsWith("Phường") ? $"Tổ dân phố số {1 + random.Next(20)}"
                : $"Bản {Pick(random, LaiChauPeople.HamletFirst)} {Pick(random, LaiChauPeople.HamletSecond)}",
            Phone = random.Next(100) < 65 ? Pick(random, LaiChauPeople.PhonePrefixes) + random.Next(1_000_000, 10_000_000) : null,
            EducationLevel = Education(random, age),
            CreatedAt = createdAt,
            UpdatedAt = createdAt,
        };
        learner.SetName(Name(random, ethnic, sex));

        if (random.Next(100) < 92)
        {
            var year = birthDate.Year;
            var mismatch = random.Next(1000) < 6;
            if (mismatch) year += random.Next(2) == 0 ? -1 : 1;
            learner.Cccd = NewCccd(random, ProvincePrefix(random, ethnic), sex, year, usedCccds);
            learner.CccdMismatchConfirmed = mismatch;
        }

        var categories = new List<PriorityCategory>();
        if (random.Next(1000) < 15) categories.Add(PriorityCategory.PersonWithMerit);
        if (random.Next(100) < 4) categories.Add(PriorityCategory.LandRecovered);
        if (sex == Sex.Male && age is >= 20 and <= 35 && random.Next(100) < 8) categories.Add(PriorityCategory.DemobilisedSoldier);
        if (sex == Sex.Female && age is >= 20 and <= 50 && random.Next(100) < 4) categories.Add(PriorityCategory.WomanLostJob);
        if (random.Next(1000) < (LaiChauPeople.ReservoirCommunes.Contains(communeName) ? 60 : 2)) categories.Add(PriorityCategory.Fisher);
        if (age >= 60 && random.Next(10) < 9) categories.Add(PriorityCategory.ElderlyAbleToWork);
        learner.Priorities.AddRange(categories.Select(c => new LearnerPriority { Category = c }));
        return learner;
    }

    private static void AddConsentAndSensitive(Random random, Learner learner, int ethnicGroupId, bool minority, string communeName,
        DateTime createdAt, DateOnly today)
    {
        if (random.Next(100) >= 94) return;
        var givenOn = DateOnly.FromDateTime(createdAt);
        var consent = new LearnerConsent
        {
            Purpose = Purpose, GivenOn = givenOn, RecordedBy = RecorderOf(communeName), RecordedAt = createdAt,
        };
        learner.Consents.Add(consent);
        if (random.Next(100) < 2)
        {
            // Withdrawn: the record keeps no sensitive data, as after a withdrawal in the app.
            var withdrawn = givenOn.AddDays(30 + random.Next(300));
            if (withdrawn < today)
            {
                consent.WithdrawnOn = withdrawn;
                consent.WithdrawalRecordedBy = consent.RecordedBy;
                consent.WithdrawalRecordedAt = withdrawn.ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
                return;
            }
        }

        learner.EthnicGroupId = ethnicGroupId;
        if (random.Next(1000) < 25) learner.Priorities.Add(new LearnerPriority { Category = PriorityCategory.Disabled });
        if (random.Next(100) >= 85) return;
        var status = Roll(random, minority ? 28 : 4, minority ? 15 : 7);
        for (var year = 2024; year <= today.Year; year++)
        {
            learner.Households.Add(new LearnerHousehold { Year = year, Status = status });
            status = status switch
            {
                HouseholdStatus.Poor => Roll(random, 80, 15),
                HouseholdStatus.NearPoor => Roll(random, 15, 60),
                _ => Roll(random, 3, 5),
            };
        }
    }

    /// <summary>Re-registrations of existing people without a CCCD, half typed without diacritics; three already merged.</summary>
    private static async Task AddDuplicatesAsync(DemoSeedContext context, List<Learner> all, CancellationToken cancellationToken)
    {
        var random = context.Random;
        var originals = all.Where(l => l.Consents.Count > 0).OrderBy(_ => random.Next()).Take(23).ToList();
        var duplicates = new List<(Learner Duplicate, Learner Original)>();
        for (var i = 0; i < originals.Count; i++)
        {
            var original = originals[i];
            var createdAt = original.CreatedAt.AddDays(20 + random.Next(200));
            var duplicate = new Learner
            {
                BirthDate = original.BirthDate, Sex = original.Sex, CommuneId = original.CommuneId, RegisteredCommuneId = original.CommuneId, ProvinceId = original.ProvinceId,
                Address = original.Address, EducationLevel = original.EducationLevel, Phone = random.Next(2) == 0 ? original.Phone : null,
                CreatedAt = createdAt, UpdatedAt = createdAt,
            };
            duplicate.SetName(i % 2 == 0 ? WithoutDiacritics(original.FullName) : original.FullName);
            duplicates.Add((duplicate, original));
        }
        context.Db.Learners.AddRange(duplicates.Select(d => d.Duplicate));
        await context.Db.SaveChangesAsync(cancellationToken);

        foreach (var (duplicate, original) in duplicates.Take(3))
        {
            duplicate.MergedIntoId = original.Id;
            duplicate.MergedAt = duplicate.CreatedAt.AddDays(15);
            duplicate.MergedBy = "sogddt";
            duplicate.MergeReason = "Đăng ký trùng trong đợt điều tra nhu cầu học nghề";
        }
        await context.Db.SaveChangesAsync(cancellationToken);
    }

    private static string Name(Random random, string ethnic, Sex sex)
    {
        var pattern = LaiChauPeople.Names[ethnic];
        var family = Pick(random, pattern.Families);
        return sex == Sex.Male
            ? $"{family} {Pick(random, pattern.MaleMiddles)} {Pick(random, pattern.MaleGivens)}"
            : $"{family} {Pick(random, pattern.FemaleMiddles)} {Pick(random, pattern.FemaleGivens)}";
    }

    /// <summary>Where the birth was registered: Lai Châu for most, the delta provinces for some Kinh settlers, the neighbours for a few.</summary>
    private static string ProvincePrefix(Random random, string ethnic)
    {
        var roll = random.Next(100);
        if (ethnic == LaiChauPeople.Kinh)
            return roll switch { < 60 => "012", < 68 => "036", < 76 => "034", < 82 => "001", < 86 => "033", < 90 => "038", < 95 => "011", _ => "010" };
        return roll switch { < 85 => "012", < 92 => "011", < 96 => "010", _ => "014" };
    }

    private static string NewCccd(Random random, string province, Sex sex, int birthYear, HashSet<string> used)
    {
        var centuryAndSex = (birthYear / 100 - 19) * 2 + (sex == Sex.Female ? 1 : 0);
        while (true)
        {
            var number = $"{province}{centuryAndSex}{birthYear % 100:00}{random.Next(1_000_000):000000}";
            if (used.Add(number)) return number;
        }
    }

    private static EducationLevel Education(Random random, int age)
    {
        var roll = random.Next(100) + (age < 30 ? 10 : 0) - (age > 45 ? 15 : 0);
        return roll switch
        {
            < 6 => EducationLevel.NoSchooling,
            < 24 => EducationLevel.Primary,
            < 62 => EducationLevel.LowerSecondary,
            < 92 => EducationLevel.UpperSecondary,
            < 96 => EducationLevel.Elementary,
            < 99 => EducationLevel.Intermediate,
            < 104 => EducationLevel.College,
            _ => EducationLevel.University,
        };
    }

    private static HouseholdStatus Roll(Random random, int poor, int nearPoor)
    {
        var roll = random.Next(100);
        return roll < poor ? HouseholdStatus.Poor : roll < poor + nearPoor ? HouseholdStatus.NearPoor : HouseholdStatus.NotPoor;
    }

    /// <summary>The commune officer's user name, in the demo accounts' pattern ("xa.binhlu").</summary>
    private static string RecorderOf(string communeName)
    {
        var name = TextSearch.Normalize(communeName).Replace(" ", "");
        return name.StartsWith("phuong") ? "phuong." + name[6..] : "xa." + name[2..];
    }

    private static string WithoutDiacritics(string name)
    {
        var builder = new StringBuilder();
        foreach (var word in TextSearch.Normalize(name).Split(' '))
            builder.Append(builder.Length == 0 ? "" : " ").Append(char.ToUpperInvariant(word[0])).Append(word[1..]);
        return builder.ToString();
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string PickWeighted(Random random, IReadOnlyList<(string Code, int Weight)> mix)
    {
        var roll = random.Next(mix.Sum(m => m.Weight));
        foreach (var (code, weight) in mix)
        {
            if (roll < weight) return code;
            roll -= weight;
        }
        return mix[^1].Code;
    }
}
