using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Targets and aggregate values of Lai Châu for 2024–2026. Lai Châu's plans set no yearly figures, so
/// the yearly targets (trained, jobs, job-exchange sessions, outreach, unemployment, ≥ 80% employed
/// after training) are the seeds' sample numbers, cited as the province's yearly plan and marked as
/// demo figures; the long-term ones are Lai Châu's own plans (100% of key programmes
/// accredited and ≥ 40% of rural graduates into vocational education by 2030, every intermediate and
/// college occupation with an enterprise partner); each target names its basis. Outreach and trained
/// targets are also split among the communes. Aggregate values: graduates and entrants, trained,
/// followed up and employed per commune – 2024 on the communes of the time, so they roll up – and the
/// province's jobs, sessions, support money and surveyed unemployment rate; 2026 to date.
/// </summary>
public sealed class IndicatorsDemoSeeder : IDemoSeeder
{
    public int Order => 600;

    public string Title => "chỉ tiêu và số liệu tổng hợp";

    private const string YearPlan = "Kế hoạch đào tạo nghề cho lao động nông thôn hằng năm của UBND tỉnh Lai Châu (chỉ tiêu mẫu của bản demo)";
    private const string LaiChau4656 = "Kế hoạch số 4656/KH-UBND ngày 18/11/2024 của UBND tỉnh Lai Châu";
    private const string LaiChau326 = "Kế hoạch thực hiện Quyết định số 326/QĐ-TTg của UBND tỉnh Lai Châu (4/2026)";
    private const string ProvinceClerk = "Nguyễn Thị Hạnh (Sở Giáo dục và Đào tạo tỉnh Lai Châu)";

    private static readonly (string Code, double Value, TargetDirection Direction, string Basis)[] YearlyTargets =
    [
        ("training.completed", 11_500, TargetDirection.AtLeast, YearPlan),
        ("employment.rate", 80, TargetDirection.AtLeast, YearPlan),
        ("jobs.created", 13_200, TargetDirection.AtLeast, YearPlan),
        ("jobs.women", 6_340, TargetDirection.AtLeast, YearPlan),
        ("jobs.loans", 2_800, TargetDirection.AtLeast, YearPlan),
        ("jobs.abroad", 200, TargetDirection.AtLeast, YearPlan),
        ("jobs.sessions", 100, TargetDirection.AtLeast, YearPlan),
        ("jobs.session_enterprises", 200, TargetDirection.AtLeast, YearPlan),
        ("outreach.events", 40, TargetDirection.AtLeast, YearPlan),
        ("outreach.people", 10_000, TargetDirection.AtLeast, YearPlan),
        ("occupations.vet_partnered_rate", 100, TargetDirection.AtLeast, LaiChau4656),
        ("labour.unemployment_rate", 1.2, TargetDirection.About, YearPlan),
    ];

    private static readonly (string Code, double Value, TargetDirection Direction, string Basis)[] By2030 =
    [
        ("programmes.key_accredited_rate", 100, TargetDirection.AtLeast, LaiChau326),
        ("education.vet_entry_rate", 40, TargetDirection.AtLeast, LaiChau4656),
    ];

    /// <summary>The province's own yearly figures: jobs (of which women, via loans, abroad), sessions, enterprises, support money, unemployment.</summary>
    private static readonly Dictionary<int, (long Jobs, long Women, long Loans, long Abroad, long Sessions, long Enterprises, long Budget, long Paid, double Unemployment)> Province = new()
    {
        [2024] = (12_950, 6_210, 2_740, 185, 96, 188, 18_500_000_000, 17_620_000_000, 1.35),
        [2025] = (13_420, 6_400, 2_860, 214, 104, 212, 19_200_000_000, 18_310_000_000, 1.24),
        [2026] = (11_870, 5_690, 2_450, 176, 88, 181, 21_000_000_000, 16_480_000_000, 1.18),
    };

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var provinceId = context.Province.Id;
        var communes = await db.AdministrativeUnits.AsNoTracking()
            .Where(u => u.ProvinceId == provinceId && u.Level == UnitLevel.Commune)
            .OrderBy(u => u.Code).Select(u => new { u.Id, u.Name, Former = u.ValidTo != null })
            .ToListAsync(cancellationToken);
        var current = communes.Where(c => !c.Former).ToList();
        var former = communes.Where(c => c.Former).ToList();

        var targets = new List<IndicatorTarget>();
        IndicatorTarget Target(string code, int unitId, int year, double value, TargetDirection direction, string basis) => new()
        {
            IndicatorCode = code, UnitId = unitId, ProvinceId = provinceId, Year = year, Value = value, Direction = direction, Basis = basis,
            UpdatedBy = ProvinceClerk, UpdatedAt = VietnamTime.StartOfDayUtc(new DateOnly(year - 1, 12, 20)).AddHours(2),
        };
        foreach (var year in new[] { 2024, 2025, 2026 })
        {
            targets.AddRange(YearlyTargets.Select(t => Target(t.Code, provinceId, year, t.Value, t.Direction, t.Basis)));
            targets.AddRange(Split(current.Count, 40).Select((n, i) => Target("outreach.events", current[i].Id, year, n, TargetDirection.AtLeast, YearPlan)));
            targets.AddRange(Split(current.Count, 10_000).Select((n, i) => Target("outreach.people", current[i].Id, year, n, TargetDirection.AtLeast, YearPlan)));
            targets.AddRange(Split(current.Count, 11_500).Select((n, i) => Target("training.completed", current[i].Id, year, n, TargetDirection.AtLeast, YearPlan)));
            targets.AddRange(current.Select(c => Target("employment.rate", c.Id, year, 80, TargetDirection.AtLeast, YearPlan)));
        }
        targets.AddRange(By2030.Select(t => Target(t.Code, provinceId, 2030, t.Value, t.Direction, t.Basis)));
        targets.AddRange(current.Select(c => Target("education.vet_entry_rate", c.Id, 2030, 40, TargetDirection.AtLeast, LaiChau4656)));
        db.IndicatorTargets.AddRange(targets);

        var values = new List<AggregateValue>();
        void Add(string code, int unitId, int year, long stored, string by) => values.Add(new AggregateValue
        {
            ElementCode = code, UnitId = unitId, ProvinceId = provinceId, Year = year, Value = stored, EnteredBy = by,
            EnteredAt = VietnamTime.StartOfDayUtc(year < context.Today.Year
                    ? new DateOnly(year, 12, 10)
                    : new DateOnly(year, 1, 1).AddDays(random.Next(Math.Max(1, context.Today.DayNumber - new DateOnly(year, 1, 1).DayNumber))))
                .AddHours(1 + random.Next(9)).AddMinutes(random.Next(60)),
        });

        foreach (var (year, units, share) in new[] { (2024, former, 0.95), (2025, current, 1.03), (2026, current, 0.86) })
        {
            // Trained per unit around the province's yearly level (the sample target is above Lai Châu's size), most followed up, most of them employed.
            var perUnit = 11_500.0 * share / units.Count;
            var graduateRate = year switch { 2024 => 0.30, 2025 => 0.33, _ => 0.35 };
            foreach (var unit in units)
            {
                var by = $"Cán bộ văn hóa - xã hội, UBND {unit.Name}";
                var trained = (long)Math.Round(perUnit * (0.7 + random.NextDouble() * 0.6));
                var followed = (long)Math.Round(trained * (0.78 + random.NextDouble() * 0.15));
                var employed = (long)Math.Round(followed * (0.72 + random.NextDouble() * 0.2));
                var graduates = (long)((year == 2024 ? 45 : 110) + random.Next(year == 2024 ? 90 : 200));
                var entrants = (long)Math.Round(graduates * (graduateRate - 0.08 + random.NextDouble() * 0.16));
                Add("training.completed", unit.Id, year, trained, by);
                Add("employment.followed_up", unit.Id, year, followed, by);
                Add("employment.employed", unit.Id, year, employed, by);
                Add("education.rural_graduates", unit.Id, year, graduates, by);
                Add("education.vet_entrants", unit.Id, year, Math.Min(entrants, graduates), by);
            }
            var p = Province[year];
            Add("jobs.created", provinceId, year, p.Jobs, ProvinceClerk);
            Add("jobs.women", provinceId, year, p.Women, ProvinceClerk);
            Add("jobs.loans", provinceId, year, p.Loans, ProvinceClerk);
            Add("jobs.abroad", provinceId, year, p.Abroad, ProvinceClerk);
            Add("jobs.sessions", provinceId, year, p.Sessions, ProvinceClerk);
            Add("jobs.session_enterprises", provinceId, year, p.Enterprises, ProvinceClerk);
            Add("support.budget", provinceId, year, p.Budget, ProvinceClerk);
            Add("support.paid", provinceId, year, p.Paid, ProvinceClerk);
            Add("labour.unemployment_rate", provinceId, year, IndicatorCatalogue.FindElement("labour.unemployment_rate")!.ToStored(p.Unemployment), ProvinceClerk);
        }
        db.AggregateValues.AddRange(values);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A whole-number total shared as evenly as possible, the remainder to the first units.</summary>
    private static IEnumerable<int> Split(int parts, int total) =>
        Enumerable.Range(0, parts).Select(i => total / parts + (i < total % parts ? 1 : 0));
}
