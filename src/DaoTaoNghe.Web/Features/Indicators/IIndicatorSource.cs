using System.Linq.Expressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Expressions;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>
/// How an area feeds indicators: one small class in the area's folder, found automatically, that
/// names the computations the catalogue (Catalogue/indicators.json) refers to and says, for each,
/// which rows count, where each row sits on the map, who carried it out, when it happened, what it
/// adds and how it breaks down. The engine does the rest – period, unit, the 2025 roll-up, the old
/// map, grouping – in one set-based query, through the caller's scope like every other read:
/// <code>
/// public sealed class OutreachIndicators : IIndicatorSource
/// {
///     public IEnumerable&lt;IndicatorComputation&gt; Computations =>
///     [
///         IndicatorComputation.Over("outreach.events", r => r.Db.OutreachEvents)
///             .InCommune(e => e.Commune).CarriedOutBy(e => e.OrganisationId).On(e => e.HeldOn)
///             .Records(q => $"/Outreach?nam={q.Year}{q.CommuneParameter("xa")}"),
///     ];
/// }
/// </code>
/// When a computation named by a catalogue indicator appears, the indicator is computed from the
/// records from then on instead of being read from its hand-entered stand-in element.
/// </summary>
[AreaContract]
public interface IIndicatorSource
{
    IEnumerable<IndicatorComputation> Computations { get; }
}

/// <summary>
/// What a computation is asked for: the database, the local dates of the period, and the day a snapshot is taken.
/// The engine lifts the caller's scope filter from the rows it counts (the unit bounds them), so a
/// unit's value is the same whoever looks; scope decides which units a caller may open.
/// </summary>
[AreaContract]
public sealed record IndicatorFactRequest(AppDbContext Db, DateOnly From, DateOnly To, DateOnly At, DateOnly Today);

/// <summary>Whose numbers: a province, a pre-2025 district, a commune (today's or a former one), or an organisation's own work.</summary>
[AreaContract]
public sealed record IndicatorUnit(UnitKind Kind, int Id, int ProvinceId, string Name, bool IsFormer = false)
{
    public bool IsMapUnit => Kind != UnitKind.Institution;
}

/// <summary>
/// A number's records, for a link to the owning area's filtered list: the unit and period, and the
/// breakdown row (dimension and key) when the number is one row of a breakdown.
/// </summary>
[AreaContract]
public sealed record RecordsQuery(IndicatorUnit Unit, DateOnly From, DateOnly To, DateOnly At, Dimension? Dimension, string? Key, DataScope Scope)
{
    public int Year => To.Year;

    /// <summary>Lists filter by calendar year; a number over another period has no list that shows exactly its records.</summary>
    public bool IsWholeYear => new IndicatorPeriod(From, To).IsWholeYear;

    /// <summary>Whether the caller's own lists hold exactly the unit's records: a map unit's (filtered by commune), or their own organisation's.</summary>
    public bool ListsShowUnit => Unit.Kind is UnitKind.Province or UnitKind.Commune || (Unit.Kind == UnitKind.Institution && Scope.OrganisationId == Unit.Id);

    /// <summary>"&amp;xa=123" when the records are a commune's (or a former commune's), else empty.</summary>
    public string CommuneParameter(string name) => Unit.Kind == UnitKind.Commune ? $"&{name}={Unit.Id}" : "";
}

/// <summary>How the period picks the rows of a computation.</summary>
public enum IndicatorTiming
{
    /// <summary>Rows dated within the period (local dates).</summary>
    Dated = 1,

    /// <summary>Rows whose UTC instant falls within the period's local days.</summary>
    Instant = 2,

    /// <summary>Yearly rows: a year counts in a period that contains its 1 July.</summary>
    Yearly = 3,

    /// <summary>The state on <see cref="IndicatorFactRequest.At"/>: the rows themselves say what held then.</summary>
    Snapshot = 4,
}

/// <summary>One sum of a grouped computation: the group's key as text (a unit id, an enum name, a year…) and its value.</summary>
public sealed record GroupSum(string? Key, long Value);

/// <summary>How to group the rows of a computation.</summary>
public enum Grouping
{
    /// <summary>Today's communes: rows of pre-2025 communes count toward their successors.</summary>
    Commune = 1,

    /// <summary>The commune the row was recorded in, as it was then (the old map).</summary>
    RecordedCommune = 2,

    /// <summary>The pre-2025 district of the row's commune (today's communes group under the province).</summary>
    District = 3,
    Year = 4,
    Month = 5,
    Dimension = 6,
}

/// <summary>A named computation of an area; build one with <see cref="Over{T}"/>.</summary>
[AreaContract]
public abstract class IndicatorComputation
{
    protected IndicatorComputation(string name) => Name = name;

    public string Name { get; }
    public IndicatorTiming Timing { get; protected set; } = IndicatorTiming.Snapshot;

    /// <summary>Whether rows sit on the map (commune, district and province figures, the commune breakdown).</summary>
    public abstract bool HasCommune { get; }

    /// <summary>Whether rows say who carried them out (an organisation's own figures, the institution dashboard).</summary>
    public abstract bool HasOrganisation { get; }

    public abstract IReadOnlyCollection<Dimension> Dimensions { get; }

    /// <summary>Whether a row may fall in several groups of <paramref name="dimension"/>, so the groups need not sum to the total.</summary>
    public abstract bool IsMultiValued(Dimension dimension);

    /// <summary>The owning area's list of the records behind a number; null when the list cannot show exactly them.</summary>
    public Func<RecordsQuery, string?> RecordsUrl { get; protected set; } = _ => null;

    public static IndicatorComputation<T> Over<T>(string name, Func<IndicatorFactRequest, IQueryable<T>> rows) where T : class => new(name, rows);

    public bool Supports(IndicatorUnit unit) => unit.IsMapUnit ? HasCommune : HasOrganisation;

    internal abstract Task<long> TotalAsync(IndicatorFactRequest request, IndicatorUnit unit, CancellationToken cancellationToken);

    internal abstract Task<int> OutsideScopeAsync(IndicatorFactRequest request, IndicatorUnit unit, CancellationToken cancellationToken);

    internal abstract Task<List<GroupSum>> GroupAsync(IndicatorFactRequest request, IndicatorUnit unit, Grouping grouping, Dimension? dimension,
        CancellationToken cancellationToken);

    /// <summary>The entity whose rows it counts: the family of its maintained values, which that entity's table's triggers mark.</summary>
    public abstract string Family { get; }

    /// <summary>Whether rows say which person they are about, so a change of the person's other records is looked for (see <see cref="IndicatorComputation{T}.Person"/>).</summary>
    public abstract bool HasPerson { get; }

    /// <summary>
    /// Whether the nation's figure counts each person once (by the key <see cref="IndicatorComputation{T}.NationalPerson"/> gives,
    /// their CCCD) instead of adding up the provinces', where a person registered in two provinces is in both.
    /// </summary>
    public abstract bool CountsPersonsNationally { get; }

    /// <summary>The national tier's list of exactly the people the nation's figure of a year counts; null when no list shows them (one row per person).</summary>
    public Func<int, string>? NationalRecordsUrl { get; protected set; }

    /// <summary>The people the rows of the period are about across every province, each counted once.</summary>
    internal abstract Task<long> NationalPersonsAsync(IndicatorFactRequest request, CancellationToken cancellationToken);

    /// <summary>The period's totals of every province at once, keyed by province id as text (the comparison of the provinces).</summary>
    internal abstract Task<List<GroupSum>> ByProvinceAsync(IndicatorFactRequest request, CancellationToken cancellationToken);

    /// <summary>Counted from dated rows placed on the map: what maintained values can hold (snapshots and yearly figures are read live).</summary>
    public bool IsDatedFlow => Timing is IndicatorTiming.Dated or IndicatorTiming.Instant && HasCommune;

    /// <summary>
    /// The computation's values for one calendar year, by commune as recorded, organisation and month, and
    /// by commune, organisation and member of each breakdown: what <see cref="MaintainedValues"/> keeps.
    /// Only the rows of <paramref name="communes"/> when given.
    /// </summary>
    internal abstract Task<List<CellValue>> CellsAsync(IndicatorFactRequest request, IReadOnlyCollection<int>? communes, CancellationToken cancellationToken);

    /// <summary>Where the records of these people sit (commune and year), whatever their state: the cells a change of theirs may move.</summary>
    internal abstract Task<List<(int Commune, int Year)>> PlacesOfPeopleAsync(IndicatorFactRequest request, IReadOnlyCollection<int> people,
        CancellationToken cancellationToken);

    /// <summary>How rows are placed (entity, commune, date): computations placing alike find a person's cells alike.</summary>
    internal abstract string Placement { get; }

    /// <summary>Every year some row of the computation's entity is dated in (counted or not).</summary>
    internal abstract Task<List<int>> YearsAsync(IndicatorFactRequest request, CancellationToken cancellationToken);

    /// <summary>The computation's definition as text (its query and selectors), for the fingerprint of the maintained values.</summary>
    internal abstract string Definition(IndicatorFactRequest request);
}

/// <summary>One maintained value as computed: see <see cref="IndicatorCell"/>.</summary>
internal sealed record CellValue(int CommuneId, int? OrganisationId, int Month, string? Dimension, string? Member, long Value);

/// <summary>
/// A computation over the rows of <typeparamref name="T"/>. Each builder method takes an expression
/// EF translates; the engine composes them into one query, so nothing is loaded into memory and a
/// breakdown is one GROUP BY.
/// </summary>
[AreaContract]
public sealed class IndicatorComputation<T> : IndicatorComputation where T : class
{
    private readonly Func<IndicatorFactRequest, IQueryable<T>> _rows;
    private readonly Dictionary<Dimension, Breakdown> _breakdowns = [];
    private Expression<Func<T, AdministrativeUnit>>? _commune;
    private Expression<Func<T, int>>? _organisation;
    private Expression<Func<T, DateOnly>>? _date;
    private Expression<Func<T, DateTime>>? _instant;
    private Expression<Func<T, int>>? _year;
    private Expression<Func<T, long>> _value = _ => 1L;
    private Expression<Func<T, int>>? _person;
    private Func<IndicatorFactRequest, IQueryable<T>>? _personRows;
    private Expression<Func<T, string>>? _nationalPerson;
    private Func<IndicatorFactRequest, IQueryable<T>>? _nationalRows;

    internal IndicatorComputation(string name, Func<IndicatorFactRequest, IQueryable<T>> rows) : base(name) => _rows = rows;

    public override bool HasCommune => _commune is not null;
    public override bool HasOrganisation => _organisation is not null;
    public override IReadOnlyCollection<Dimension> Dimensions => _breakdowns.Keys;
    public override string Family => typeof(T).Name;
    public override bool HasPerson => _person is not null;
    public override bool CountsPersonsNationally => _nationalPerson is not null;
    internal override string Placement => $"{typeof(T).Name}|{_commune}|{_date}|{_instant}|{_person}";

    /// <summary>Where a row counts on the map: a commune (today's or a pre-2025 one), or the province itself for province-level work.</summary>
    public IndicatorComputation<T> InCommune(Expression<Func<T, AdministrativeUnit>> commune)
    {
        _commune = commune;
        return this;
    }

    /// <summary>The organisation that carried the row out: its own figures (reports of a department, an institution's dashboard).</summary>
    public IndicatorComputation<T> CarriedOutBy(Expression<Func<T, int>> organisation)
    {
        _organisation = organisation;
        return this;
    }

    public IndicatorComputation<T> On(Expression<Func<T, DateOnly>> date)
    {
        _date = date;
        Timing = IndicatorTiming.Dated;
        return this;
    }

    /// <summary>A UTC instant (a record's creation time, say); the period's local days are converted, never the column.</summary>
    public IndicatorComputation<T> At(Expression<Func<T, DateTime>> instantUtc)
    {
        _instant = instantUtc;
        Timing = IndicatorTiming.Instant;
        return this;
    }

    public IndicatorComputation<T> InYear(Expression<Func<T, int>> year)
    {
        _year = year;
        Timing = IndicatorTiming.Yearly;
        return this;
    }

    /// <summary>What a row adds; each row counts 1 unless said otherwise.</summary>
    public IndicatorComputation<T> Summing(Expression<Func<T, long>> value)
    {
        _value = value;
        return this;
    }

    /// <summary>A breakdown by a column of the row (an enum, an id, a flag); null keys show as "not recorded".</summary>
    public IndicatorComputation<T> BreakdownBy<TKey>(Dimension dimension, Expression<Func<T, TKey>> key)
    {
        _breakdowns[dimension] = new Single<TKey>(key);
        return this;
    }

    /// <summary>A breakdown where a row may fall in several groups (a person in two priority groups): the groups do not sum to the total.</summary>
    public IndicatorComputation<T> BreakdownByEach<TKey>(Dimension dimension, Expression<Func<T, IEnumerable<TKey>>> keys)
    {
        _breakdowns[dimension] = new Many<TKey>(keys);
        return this;
    }

    /// <summary>
    /// The person each row is about, and all the rows of the kind (whatever their state) among which a
    /// rule looks for the person's other records: a person counted once a year, a completion by its latest
    /// follow-up. A change of one of the person's records recomputes the cells of all of them.
    /// </summary>
    public IndicatorComputation<T> Person(Expression<Func<T, int>> person, Func<IndicatorFactRequest, IQueryable<T>> among)
    {
        _person = person;
        _personRows = among;
        return this;
    }

    /// <summary>
    /// Who a row's person is across provinces (their CCCD, or their record when they have none), so the nation counts them
    /// once; <paramref name="rows"/>, when given, are the rows the nation counts instead of the provinces' (a person
    /// registered once, in the year of their earliest record anywhere). A province's own figures are unchanged.
    /// </summary>
    public IndicatorComputation<T> NationalPerson(Expression<Func<T, string>> key, Func<IndicatorFactRequest, IQueryable<T>>? rows = null,
        Func<int, string>? records = null)
    {
        _nationalPerson = key;
        _nationalRows = rows;
        NationalRecordsUrl = records;
        return this;
    }

    public IndicatorComputation<T> Records(Func<RecordsQuery, string?> url)
    {
        RecordsUrl = url;
        return this;
    }

    public override bool IsMultiValued(Dimension dimension) => _breakdowns.TryGetValue(dimension, out var b) && b.MultiValued;

    internal override Task<long> TotalAsync(IndicatorFactRequest request, IndicatorUnit unit, CancellationToken cancellationToken) =>
        Filtered(request, unit).Select(_value).SumAsync(cancellationToken);

    internal override Task<long> NationalPersonsAsync(IndicatorFactRequest request, CancellationToken cancellationToken)
    {
        return NationalRows(request).Select(_nationalPerson ?? throw new InvalidOperationException($"Computation {Name} does not say who its rows' people are nationally."))
            .Distinct().LongCountAsync(cancellationToken);
    }

    /// <summary>
    /// Every province's rows that the nation's figure of the period counts (people counted once by their key): what a
    /// national list of those people groups by person, so that its count is the figure.
    /// </summary>
    public IQueryable<T> NationalRows(IndicatorFactRequest request) =>
        _nationalRows is null ? InPeriod(request) : InPeriod(request, _nationalRows);

    internal override Task<List<GroupSum>> ByProvinceAsync(IndicatorFactRequest request, CancellationToken cancellationToken) =>
        SumAsync(InPeriod(request), Through(Commune, u => u.ProvinceId ?? u.Id), cancellationToken);

    /// <summary>Totals of the rows that pass <paramref name="where"/>, one per value of <paramref name="key"/>: several figures that share their rows in one query.</summary>
    internal Task<List<GroupSum>> TotalsByAsync<TKey>(IndicatorFactRequest request, IndicatorUnit unit, Expression<Func<T, bool>> where,
        Expression<Func<T, TKey>> key, CancellationToken cancellationToken) =>
        SumAsync(Filtered(request, unit).Where(where), key, cancellationToken);

    internal override async Task<List<GroupSum>> GroupAsync(IndicatorFactRequest request, IndicatorUnit unit, Grouping grouping, Dimension? dimension,
        CancellationToken cancellationToken)
    {
        var rows = Filtered(request, unit);
        switch (grouping)
        {
            case Grouping.Commune:
                return await SumAsync(rows, Through(Commune, u => u.RollUpUnitId ?? u.Id), cancellationToken);
            case Grouping.RecordedCommune:
                return await SumAsync(rows, Through(Commune, u => u.Id), cancellationToken);
            case Grouping.District:
                return await SumAsync(rows, Through(Commune, u => u.ParentId), cancellationToken);
            case Grouping.Year when _date is not null:
                return await SumAsync(rows, Through(_date, d => d.Year), cancellationToken);
            case Grouping.Year when _instant is not null:
                return await SumAsync(rows, Through(_instant, t => t.AddHours(VietnamOffsetHours).Year), cancellationToken);
            case Grouping.Year when _year is not null:
                return await SumAsync(rows, _year, cancellationToken);
            case Grouping.Month when _date is not null:
                return await SumAsync(rows, Through(_date, d => d.Month), cancellationToken);
            case Grouping.Month when _instant is not null:
                return await SumAsync(rows, Through(_instant, t => t.AddHours(VietnamOffsetHours).Month), cancellationToken);
            case Grouping.Dimension when dimension is { } d && _breakdowns.TryGetValue(d, out var breakdown):
                return await breakdown.SumAsync(rows, _value, cancellationToken);
            default:
                throw new InvalidOperationException($"Computation {Name} cannot be grouped by {grouping} {dimension}.");
        }
    }

    /// <summary>Vietnam keeps UTC+7 all year (no daylight saving), so a local calendar field is the UTC instant plus 7 hours.</summary>
    private const int VietnamOffsetHours = 7;

    private Expression<Func<T, AdministrativeUnit>> Commune =>
        _commune ?? throw new InvalidOperationException($"Computation {Name} does not place its rows on the map.");

    /// <summary>
    /// How many of the rows behind the value the caller may not read: the rows are counted past the
    /// caller's scope, then looked up through it by their key.
    /// </summary>
    internal override async Task<int> OutsideScopeAsync(IndicatorFactRequest request, IndicatorUnit unit, CancellationToken cancellationToken)
    {
        var key = request.Db.Model.FindEntityType(typeof(T))?.FindPrimaryKey()?.Properties is [{ ClrType: var type, Name: var name }] && type == typeof(int)
            ? name : null;
        if (key is null) return 0;
        var counted = await Filtered(request, unit).Select(r => EF.Property<int>(r, key)).Distinct().ToListAsync(cancellationToken);
        if (counted.Count == 0) return 0;
        var visible = await request.Db.Set<T>().CountAsync(r => counted.Contains(EF.Property<int>(r, key)), cancellationToken);
        return counted.Count - visible;
    }

    private IQueryable<T> Filtered(IndicatorFactRequest request, IndicatorUnit unit) => InPeriod(request).Where(InUnit(unit));

    private IQueryable<T> InPeriod(IndicatorFactRequest request) => InPeriod(request, _rows);

    private IQueryable<T> InPeriod(IndicatorFactRequest request, Func<IndicatorFactRequest, IQueryable<T>> source)
    {
        // The unit bounds the rows; the caller's scope must not (a session the employment centre held in a commune counts for that commune).
        var rows = source(request).IgnoreQueryFilters([ScopeRules.FilterName]);
        return Timing switch
        {
            IndicatorTiming.Dated => rows.Where(InPeriod(_date!, request.From, request.To)),
            IndicatorTiming.Instant => rows.Where(InInstants(_instant!, Infrastructure.Time.VietnamTime.StartOfDayUtc(request.From),
                Infrastructure.Time.VietnamTime.StartOfDayUtc(request.To.AddDays(1)))),
            IndicatorTiming.Yearly => rows.Where(InYears(_year!, IndicatorPeriod.YearsOf(request.From, request.To))),
            _ => rows,
        };
    }

    internal override async Task<List<CellValue>> CellsAsync(IndicatorFactRequest request, IReadOnlyCollection<int>? communes,
        CancellationToken cancellationToken)
    {
        if (!IsDatedFlow) throw new InvalidOperationException($"Computation {Name} is not counted from dated rows on the map.");
        var rows = InPeriod(request);
        if (communes is not null)
        {
            var ids = communes.ToList();
            rows = rows.Where(Through(Commune, u => ids.Contains(u.Id)));
        }
        var row = Expression.Parameter(typeof(T), "row");
        var commune = ExpressionSplicing.Splice(Through(Commune, u => u.Id), row);
        Expression organisation = _organisation is null
            ? Expression.Constant(null, typeof(int?))
            : Expression.Convert(ExpressionSplicing.Splice(_organisation, row), typeof(int?));
        var month = _date is not null
            ? ExpressionSplicing.Splice(Through(_date, d => d.Month), row)
            : ExpressionSplicing.Splice(Through(_instant!, t => t.AddHours(VietnamOffsetHours).Month), row);
        var value = ExpressionSplicing.Splice(_value, row);

        var monthly = await rows.Select(CellRow<int>.Project<T>(row, commune, organisation, month, Expression.Constant(0), value))
            .GroupBy(c => new { c.Commune, c.Organisation, c.Month })
            .Select(g => new { g.Key.Commune, g.Key.Organisation, g.Key.Month, Value = g.Sum(c => c.Value) })
            .ToListAsync(cancellationToken);
        var cells = monthly.Select(m => new CellValue(m.Commune, m.Organisation, m.Month, null, null, m.Value)).ToList();
        cells.AddRange(monthly.GroupBy(m => (m.Commune, m.Organisation))
            .Select(g => new CellValue(g.Key.Commune, g.Key.Organisation, 0, null, null, g.Sum(m => m.Value))));
        foreach (var (dimension, breakdown) in _breakdowns.OrderBy(b => b.Key))
            cells.AddRange((await breakdown.CellsAsync(rows, row, commune, organisation, value, cancellationToken))
                .Select(c => new CellValue(c.Commune, c.Organisation, 0, dimension.ToString(), c.Member, c.Value)));
        return cells;
    }

    internal override async Task<List<(int Commune, int Year)>> PlacesOfPeopleAsync(IndicatorFactRequest request, IReadOnlyCollection<int> people,
        CancellationToken cancellationToken)
    {
        if (_person is null || _personRows is null) return [];
        var ids = people.ToList();
        var rows = _personRows(request).IgnoreQueryFilters([ScopeRules.FilterName]).Where(Through(_person, p => ids.Contains(p)));
        var places = await rows.Select(Place()).Distinct().ToListAsync(cancellationToken);
        return places.Where(p => p.Year is not null).Select(p => (p.Commune, p.Year!.Value)).ToList();
    }

    internal override async Task<List<int>> YearsAsync(IndicatorFactRequest request, CancellationToken cancellationToken)
    {
        // Every row the computation could count, whatever its state and whichever period is asked.
        var rows = _personRows is not null
            ? _personRows(request).IgnoreQueryFilters([ScopeRules.FilterName])
            : InPeriod(request with { From = new DateOnly(1900, 1, 1), To = new DateOnly(9999, 12, 30) });
        var years = await rows.Select(Place()).Select(p => p.Year).Distinct().ToListAsync(cancellationToken);
        return years.Where(y => y is not null).Select(y => y!.Value).Order().ToList();
    }

    internal override string Definition(IndicatorFactRequest request)
    {
        var parts = new List<object?>
        {
            Name, Timing, InPeriod(request).Expression, _commune, _organisation, _date, _instant, _year, _value, _person,
            _personRows?.Invoke(request).Expression,
        };
        parts.AddRange(_breakdowns.OrderBy(b => b.Key).Select(b => $"{b.Key}:{b.Value}"));
        // Closures print with compiler-generated names that change between builds; what they hold is printed beside them.
        return System.Text.RegularExpressions.Regex.Replace(string.Join("|", parts), @"value\([^()]*\)|<>c__DisplayClass\w+", "closure");
    }

    /// <summary>row → (commune as recorded, year of its date or local year of its instant), for rows whose date may be empty.</summary>
    private Expression<Func<T, PlaceRow>> Place()
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression year = _date is not null
            ? ExpressionSplicing.Splice(Through(_date, d => d.Year), row)
            : ExpressionSplicing.Splice(Through(_instant!, t => t.AddHours(VietnamOffsetHours).Year), row);
        return Expression.Lambda<Func<T, PlaceRow>>(Expression.MemberInit(Expression.New(typeof(PlaceRow)),
            Expression.Bind(typeof(PlaceRow).GetProperty(nameof(PlaceRow.Commune))!, ExpressionSplicing.Splice(Through(Commune, u => u.Id), row)),
            Expression.Bind(typeof(PlaceRow).GetProperty(nameof(PlaceRow.Year))!, Expression.Convert(year, typeof(int?)))), row);
    }

    private Expression<Func<T, bool>> InUnit(IndicatorUnit unit)
    {
        var id = unit.Id;
        return unit.Kind switch
        {
            UnitKind.Province => Through(Commune, u => u.ProvinceId == id || u.Id == id),
            UnitKind.District => Through(Commune, u => u.ParentId == id),
            UnitKind.Commune => Through(Commune, u => u.Id == id || u.RollUpUnitId == id),
            _ => Through(_organisation ?? throw new InvalidOperationException($"Computation {Name} does not say who carried its rows out."), o => o == id),
        };
    }

    private static Expression<Func<T, bool>> InPeriod(Expression<Func<T, DateOnly>> date, DateOnly from, DateOnly to) =>
        Through(date, d => d >= from && d <= to);

    private static Expression<Func<T, bool>> InInstants(Expression<Func<T, DateTime>> instant, DateTime fromUtc, DateTime toUtc) =>
        Through(instant, t => t >= fromUtc && t < toUtc);

    private static Expression<Func<T, bool>> InYears(Expression<Func<T, int>> year, (int First, int Last)? years)
    {
        if (years is not { } range) return _ => false;
        var (first, last) = range;
        return Through(year, y => y >= first && y <= last);
    }

    private Task<List<GroupSum>> SumAsync<TKey>(IQueryable<T> rows, Expression<Func<T, TKey>> key, CancellationToken cancellationToken) =>
        SumAsync(rows.Select(Keyed<TKey>.Project(key, _value)), cancellationToken);

    private static async Task<List<GroupSum>> SumAsync<TKey>(IQueryable<Keyed<TKey>> keyed, CancellationToken cancellationToken)
    {
        var sums = await keyed
            .GroupBy(k => k.Key)
            .Select(g => new Keyed<TKey> { Key = g.Key, Value = g.Sum(k => k.Value) })
            .ToListAsync(cancellationToken);
        return sums.Select(s => new GroupSum(s.Key?.ToString(), s.Value)).ToList();
    }

    /// <summary>Composes a selector with a rule on what it selects: row → unit, unit → bool gives row → bool.</summary>
    private static Expression<Func<T, TResult>> Through<TInner, TResult>(Expression<Func<T, TInner>> select, Expression<Func<TInner, TResult>> rule) =>
        rule.Through(select);

    private abstract class Breakdown
    {
        public abstract bool MultiValued { get; }
        public abstract Task<List<GroupSum>> SumAsync(IQueryable<T> rows, Expression<Func<T, long>> value, CancellationToken cancellationToken);

        /// <summary>Sums by commune, organisation and member; the selectors are bodies over <paramref name="row"/>.</summary>
        public abstract Task<List<(int Commune, int? Organisation, string? Member, long Value)>> CellsAsync(IQueryable<T> rows, ParameterExpression row,
            Expression commune, Expression organisation, Expression value, CancellationToken cancellationToken);

        public override string ToString() => Selector.ToString();

        protected abstract LambdaExpression Selector { get; }

        protected static async Task<List<(int, int?, string?, long)>> CellsAsync<TKey>(IQueryable<CellRow<TKey>> keyed, CancellationToken cancellationToken)
        {
            var sums = await keyed.GroupBy(c => new { c.Commune, c.Organisation, c.Member })
                .Select(g => new { g.Key.Commune, g.Key.Organisation, g.Key.Member, Value = g.Sum(c => c.Value) })
                .ToListAsync(cancellationToken);
            return sums.Select(s => (s.Commune, s.Organisation, s.Member?.ToString(), s.Value)).ToList();
        }
    }

    private sealed class Single<TKey>(Expression<Func<T, TKey>> key) : Breakdown
    {
        public override bool MultiValued => false;
        protected override LambdaExpression Selector => key;

        public override Task<List<GroupSum>> SumAsync(IQueryable<T> rows, Expression<Func<T, long>> value, CancellationToken cancellationToken) =>
            IndicatorComputation<T>.SumAsync(rows.Select(Keyed<TKey>.Project(key, value)), cancellationToken);

        public override Task<List<(int Commune, int? Organisation, string? Member, long Value)>> CellsAsync(IQueryable<T> rows, ParameterExpression row,
            Expression commune, Expression organisation, Expression value, CancellationToken cancellationToken) =>
            CellsAsync(rows.Select(CellRow<TKey>.Project<T>(row, commune, organisation, Expression.Constant(0), ExpressionSplicing.Splice(key, row), value)),
                cancellationToken);
    }

    private sealed class Many<TKey>(Expression<Func<T, IEnumerable<TKey>>> keys) : Breakdown
    {
        public override bool MultiValued => true;
        protected override LambdaExpression Selector => keys;

        public override Task<List<GroupSum>> SumAsync(IQueryable<T> rows, Expression<Func<T, long>> value, CancellationToken cancellationToken) =>
            IndicatorComputation<T>.SumAsync(rows.SelectMany(keys, Keyed<TKey>.ProjectEach(value)), cancellationToken);

        public override Task<List<(int Commune, int? Organisation, string? Member, long Value)>> CellsAsync(IQueryable<T> rows, ParameterExpression row,
            Expression commune, Expression organisation, Expression value, CancellationToken cancellationToken)
        {
            var key = Expression.Parameter(typeof(TKey), "key");
            var each = Expression.Lambda<Func<T, TKey, CellRow<TKey>>>(CellRow<TKey>.Init(commune, organisation, Expression.Constant(0), key, value), row, key);
            return CellsAsync(rows.SelectMany(keys, each), cancellationToken);
        }
    }
}

/// <summary>Where a row sits: its commune as recorded and its year (null while its date is empty).</summary>
internal sealed class PlaceRow
{
    public int Commune { get; set; }
    public int? Year { get; set; }
}

/// <summary>A row's maintained-value keys and what it adds; the shape the cell queries project to before grouping.</summary>
internal sealed class CellRow<TKey>
{
    public int Commune { get; set; }
    public int? Organisation { get; set; }
    public int Month { get; set; }
    public TKey Member { get; set; } = default!;
    public long Value { get; set; }

    public static Expression<Func<TRow, CellRow<TKey>>> Project<TRow>(ParameterExpression row, Expression commune, Expression organisation,
        Expression month, Expression member, Expression value) =>
        Expression.Lambda<Func<TRow, CellRow<TKey>>>(Init(commune, organisation, month, member, value), row);

    public static MemberInitExpression Init(Expression commune, Expression organisation, Expression month, Expression member, Expression value) =>
        Expression.MemberInit(Expression.New(typeof(CellRow<TKey>)),
            Expression.Bind(typeof(CellRow<TKey>).GetProperty(nameof(Commune))!, commune),
            Expression.Bind(typeof(CellRow<TKey>).GetProperty(nameof(Organisation))!, organisation),
            Expression.Bind(typeof(CellRow<TKey>).GetProperty(nameof(Month))!, month),
            Expression.Bind(typeof(CellRow<TKey>).GetProperty(nameof(Member))!, member),
            Expression.Bind(typeof(CellRow<TKey>).GetProperty(nameof(Value))!, value));
}

/// <summary>A row's group key and what it adds; the shape every grouped computation query projects to.</summary>
internal sealed class Keyed<TKey>
{
    public TKey Key { get; set; } = default!;
    public long Value { get; set; }

    public static Expression<Func<TRow, Keyed<TKey>>> Project<TRow>(Expression<Func<TRow, TKey>> key, Expression<Func<TRow, long>> value)
    {
        var row = key.Parameters[0];
        return Expression.Lambda<Func<TRow, Keyed<TKey>>>(Init(key.Body, ExpressionSplicing.Splice(value, row)), row);
    }

    public static Expression<Func<TRow, TKey, Keyed<TKey>>> ProjectEach<TRow>(Expression<Func<TRow, long>> value)
    {
        var row = value.Parameters[0];
        var key = Expression.Parameter(typeof(TKey), "key");
        return Expression.Lambda<Func<TRow, TKey, Keyed<TKey>>>(Init(key, value.Body), row, key);
    }

    private static MemberInitExpression Init(Expression key, Expression value) =>
        Expression.MemberInit(Expression.New(typeof(Keyed<TKey>)),
            Expression.Bind(typeof(Keyed<TKey>).GetProperty(nameof(Key))!, key),
            Expression.Bind(typeof(Keyed<TKey>).GetProperty(nameof(Value))!, value));
}
