using System.Linq.Expressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Expressions;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// One person, nationally (docs/federation.md): a province keeps one active record per CCCD, but the national
/// database receives every province's records, so a person registered in two provinces arrives twice. The CCCD
/// is the person: national lists show one row per CCCD with the provinces holding it, and people are counted
/// once, in the year of their earliest record (a record without a CCCD is a person of its own). Each province's
/// own figures keep counting its own records. On a province's database every rule below gives what it always did.
/// </summary>
[AreaContract]
public static class NationalPersons
{
    /// <summary>The records among <paramref name="records"/> that stand for their person: the earliest, then the lowest id.</summary>
    public static IQueryable<Learner> FirstOfEachPerson(IQueryable<Learner> records) =>
        records.Where(l => l.Cccd == null
            || !records.Any(o => o.Cccd == l.Cccd && (o.CreatedAt < l.CreatedAt || (o.CreatedAt == l.CreatedAt && o.Id < l.Id))));

    /// <summary>Who a record's person is across provinces: their CCCD, or the record itself when it has none (12 digits never start with "#").</summary>
    public static readonly Expression<Func<Learner, string>> PersonKey = l => l.Cccd ?? "#" + l.Id.ToString();

    /// <summary>
    /// The nation's figure of <paramref name="computation"/> counts each person (<see cref="PersonKey"/>) once, over
    /// <paramref name="rows"/> when given, where the provinces' figures added up would count a person of two provinces twice.
    /// </summary>
    public static IndicatorComputation<T> OncePerPersonNationally<T>(this IndicatorComputation<T> computation, Expression<Func<T, Learner>> person,
        Func<IndicatorFactRequest, IQueryable<T>>? rows = null, Func<int, string>? records = null) where T : class =>
        computation.NationalPerson(PersonKey.Through(person), rows, records);

    /// <summary>People and records registered in <paramref name="year"/>, each person counted in the year of their earliest active record.</summary>
    public sealed record Count(int Year, int Persons, int Records);

    public static async Task<Count> RegisteredAsync(AppDbContext db, int year, CancellationToken cancellationToken = default)
    {
        var from = VietnamTime.StartOfDayUtc(new DateOnly(year, 1, 1));
        var to = VietnamTime.StartOfDayUtc(new DateOnly(year + 1, 1, 1));
        var active = db.Learners.AsNoTracking().Where(l => l.MergedIntoId == null);
        var persons = await FirstOfEachPerson(active).CountAsync(l => l.CreatedAt >= from && l.CreatedAt < to, cancellationToken);
        var records = await active.CountAsync(l => l.CreatedAt >= from && l.CreatedAt < to, cancellationToken);
        return new Count(year, persons, records);
    }

    /// <summary>The provinces holding an active record of each of these CCCDs, by name, the one that registered the person first first.</summary>
    public static async Task<Dictionary<string, List<string>>> ProvincesAsync(AppDbContext db, IEnumerable<string?> cccds, CancellationToken cancellationToken = default)
    {
        var numbers = cccds.OfType<string>().Distinct().ToList();
        if (numbers.Count == 0) return [];
        var held = await db.Learners.AsNoTracking()
            .Where(l => l.MergedIntoId == null && l.Cccd != null && numbers.Contains(l.Cccd))
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Select(l => new { Cccd = l.Cccd!, Province = l.Province.Name })
            .ToListAsync(cancellationToken);
        return held.GroupBy(h => h.Cccd).ToDictionary(g => g.Key, g => g.Select(h => h.Province).Distinct().ToList());
    }

    /// <summary>A person of a national list: their record (the lowest-numbered one the rows name), and every province holding a record of them.</summary>
    public sealed record Listed(int LearnerId, string FullName, DateOnly BirthDate, string? Cccd, IReadOnlyList<string> Provinces);

    /// <summary>
    /// The national list behind a figure that counts each person once (<see cref="OncePerPersonNationally{T}"/>): one row per
    /// person (<see cref="PersonKey"/>) among the learners <paramref name="rows"/> are about, by name, so that its count is the figure.
    /// </summary>
    public static async Task<PagedList<Listed>> PageAsync<T>(AppDbContext db, IQueryable<T> rows, Expression<Func<T, Learner>> learner, PagedQuery query,
        CancellationToken cancellationToken = default)
    {
        var page = await Persons(db, rows, learner).Select(p => p.LearnerId).ToPagedListAsync(query, cancellationToken: cancellationToken);
        return new PagedList<Listed>(await ListedAsync(db, page.Items, cancellationToken), page.PageNumber, page.PageSize, page.TotalCount);
    }

    /// <summary>Every row of the list <see cref="PageAsync{T}"/> pages through (an export).</summary>
    public static async Task<List<Listed>> AllAsync<T>(AppDbContext db, IQueryable<T> rows, Expression<Func<T, Learner>> learner,
        CancellationToken cancellationToken = default) =>
        await ListedAsync(db, await Persons(db, rows, learner).Select(p => p.LearnerId).ToListAsync(cancellationToken), cancellationToken);

    /// <summary>The columns of such a list's .xlsx, alike whichever figure it stands behind.</summary>
    public static List<XlsxColumn<Listed>> Columns() =>
    [
        new("Mã hồ sơ", r => r.LearnerId, XlsxFormat.Code, 12),
        new("Họ và tên", r => r.FullName, Width: 26),
        new("Ngày sinh", r => r.BirthDate, XlsxFormat.Date, 12),
        new("Số CCCD", r => r.Cccd, Width: 15),
        new("Tỉnh có hồ sơ", r => string.Join("; ", r.Provinces), Width: 40),
    ];

    private sealed class Person
    {
        public required string Key { get; init; }
        public required string Name { get; init; }
        public required int LearnerId { get; init; }
    }

    /// <summary>A record as its person's key, name and id, so that the list is one <c>GROUP BY</c> with <c>min()</c>.</summary>
    private static readonly Expression<Func<Learner, Person>> AsPerson = PersonOf();

    private static Expression<Func<Learner, Person>> PersonOf()
    {
        var learner = Expression.Parameter(typeof(Learner), "l");
        return Expression.Lambda<Func<Learner, Person>>(Expression.MemberInit(Expression.New(typeof(Person)),
            Expression.Bind(typeof(Person).GetProperty(nameof(Person.Key))!, ExpressionSplicing.Splice(PersonKey, learner)),
            Expression.Bind(typeof(Person).GetProperty(nameof(Person.Name))!, Expression.Property(learner, nameof(Learner.SearchName))),
            Expression.Bind(typeof(Person).GetProperty(nameof(Person.LearnerId))!, Expression.Property(learner, nameof(Learner.Id)))), learner);
    }

    /// <summary>
    /// The learners the rows name, grouped by person. Grouped straight from the rows (a learner reached through each row),
    /// EF Core counted each group's name and id in a subquery over all the rows again: over 60 s for 2,000,000 learners
    /// nationally. From the learners table, named by id, it is one <c>GROUP BY</c>.
    /// </summary>
    private static IQueryable<Person> Persons<T>(AppDbContext db, IQueryable<T> rows, Expression<Func<T, Learner>> learner)
    {
        var named = rows.Select(learner).Select(l => l.Id);
        return db.Learners.AsNoTracking().Where(l => named.Contains(l.Id)).Select(AsPerson).GroupBy(p => p.Key)
            .Select(g => new Person { Key = g.Key, Name = g.Min(p => p.Name)!, LearnerId = g.Min(p => p.LearnerId) })
            .OrderBy(p => p.Name).ThenBy(p => p.Key);
    }

    private static async Task<List<Listed>> ListedAsync(AppDbContext db, IReadOnlyList<int> ids, CancellationToken cancellationToken)
    {
        var records = await db.Learners.AsNoTracking().Where(l => ids.Contains(l.Id))
            .Select(l => new { l.Id, l.FullName, l.BirthDate, l.Cccd, Province = l.Province.Name })
            .ToDictionaryAsync(l => l.Id, cancellationToken);
        var held = await ProvincesAsync(db, records.Values.Select(r => r.Cccd), cancellationToken);
        return ids.Where(records.ContainsKey).Select(id => records[id])
            .Select(r => new Listed(r.Id, r.FullName, r.BirthDate, LearnerAccess.ShowCccd(db.Scope, r.Cccd),
                r.Cccd is { } cccd && held.TryGetValue(cccd, out var provinces) ? provinces : [r.Province]))
            .ToList();
    }

    /// <summary>One province's record of a person, as the national tier tells the provinces about it (no CCCD, no name: each province has its own).</summary>
    public sealed record HeldRecord(string ProvinceCode, string ProvinceName, int LearnerId, string CommuneName, DateTime RegisteredAt);

    /// <summary>The other active records (same CCCD) of the person whose active record is <paramref name="learnerId"/>, as far as the caller sees.</summary>
    public static Task<List<HeldRecord>> OtherRecordsAsync(AppDbContext db, int learnerId, CancellationToken cancellationToken = default) =>
        db.Learners.AsNoTracking()
            .Where(l => l.MergedIntoId == null && l.Cccd != null && l.Id != learnerId
                && db.Learners.Any(x => x.Id == learnerId && x.MergedIntoId == null && x.Cccd == l.Cccd))
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .Select(l => new HeldRecord(l.Province.Code, l.Province.Name, l.Id, l.Commune.Name, l.CreatedAt))
            .ToListAsync(cancellationToken);
}

/// <summary>
/// People registered in more than one province, as the national tier reports them back to each province
/// (<c>GET /api/v1/learners/shared-persons?tinh=12</c>): for every such person, every province's record of them,
/// so each province finds its own record by its id and reconciles with the other province.
/// </summary>
public static class SharedPersons
{
    public sealed class Query : PagedQuery
    {
        /// <summary>Only people one of whose records is in this province (2-digit code).</summary>
        [FromQuery(Name = "tinh")] public string? Province { get; set; }
    }

    public sealed record Row(IReadOnlyList<NationalPersons.HeldRecord> Records);

    public sealed class Handler(AppDbContext db, AuditTrail audit) : IHandler
    {
        public async Task<PagedList<Row>> PageAsync(Query query, CancellationToken cancellationToken = default)
        {
            var active = db.Learners.AsNoTracking().Where(l => l.MergedIntoId == null && l.Cccd != null);
            var shared = active.GroupBy(l => l.Cccd!)
                .Where(g => g.Min(l => l.ProvinceId) != g.Max(l => l.ProvinceId))
                .Select(g => g.Key);
            if (!string.IsNullOrWhiteSpace(query.Province))
            {
                var code = query.Province.Trim();
                shared = shared.Where(cccd => active.Any(l => l.Cccd == cccd && l.Province.Code == code));
            }
            var page = await shared.OrderBy(c => c).ToPagedListAsync(query, cancellationToken: cancellationToken);
            var numbers = page.Items.ToList();
            var records = await active.Where(l => numbers.Contains(l.Cccd!))
                .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
                .Select(l => new { Cccd = l.Cccd!, Record = new NationalPersons.HeldRecord(l.Province.Code, l.Province.Name, l.Id, l.Commune.Name, l.CreatedAt) })
                .ToListAsync(cancellationToken);
            var rows = numbers.Select(n => new Row(records.Where(r => r.Cccd == n).Select(r => r.Record).ToList())).ToList();
            await audit.RecordListAsync(nameof(Learner), $"Xem người có hồ sơ ở nhiều tỉnh, trang {page.PageNumber}",
                rows.SelectMany(r => r.Records.Select(h => h.LearnerId)).ToList(), cancellationToken);
            return new PagedList<Row>(rows, page.PageNumber, page.PageSize, page.TotalCount);
        }
    }
}

/// <summary>
/// The national database cannot keep a province's rule "one active record per CCCD": the second province's
/// record of a person would stop that province's replication (the apply worker retries the unique violation
/// forever). On the national tier the index is kept, by the same name, without uniqueness; a later migration
/// that drops or rebuilds it still finds it.
/// </summary>
public sealed class NationalCccdIndex : IStartupData
{
    public int Order => IStartupData.CodeListsEnd + 5;

    public string Title => "Chỉ mục số CCCD cấp quốc gia (một người có thể có hồ sơ ở nhiều tỉnh)";

    public async Task RunAsync(StartupDataContext context, CancellationToken cancellationToken)
    {
        if (!context.IsNational) return;
        var db = context.Services.GetRequiredService<AppDbContext>();
        if (!db.Database.IsNpgsql()) return;
        await db.Database.ExecuteSqlRawAsync("""
            DO $$
            BEGIN
                IF EXISTS (SELECT FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'ix_learners_cccd'
                           AND indexdef LIKE 'CREATE UNIQUE%') THEN
                    DROP INDEX ix_learners_cccd;
                    CREATE INDEX ix_learners_cccd ON learners (cccd) WHERE cccd IS NOT NULL AND merged_into_id IS NULL;
                END IF;
            END $$;
            """, cancellationToken);
    }
}
