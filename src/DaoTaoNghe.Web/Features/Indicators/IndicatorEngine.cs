using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>A value: the number shown, and for counts and ratios the whole numbers it came from.</summary>
[AreaContract]
public sealed record IndicatorNumber(double? Value, long? Numerator, long? Denominator)
{
    public static IndicatorNumber Count(long value) => new(value, value, null);

    public static IndicatorNumber Ratio(long numerator, long denominator) =>
        new(denominator == 0 ? null : 100.0 * numerator / denominator, numerator, denominator);

    public static IndicatorNumber Rate(double? value) => new(value, null, null);
}

/// <summary>Where an indicator's value comes from right now.</summary>
public enum ValueOrigin
{
    /// <summary>Computed from the records by an area's computation.</summary>
    [Display(Name = "Từ hồ sơ")] Records = 1,

    /// <summary>A computed indicator whose records do not exist yet: read from its hand-entered element.</summary>
    [Display(Name = "Nhập tay (chưa có hồ sơ gốc)")] EnteredByHand = 2,

    /// <summary>An aggregate data element by nature (graduates, the surveyed unemployment rate).</summary>
    [Display(Name = "Số liệu tổng hợp")] Aggregate = 3,

    /// <summary>The ratio of two indicators, each with its own origin.</summary>
    [Display(Name = "Tỷ lệ")] Ratio = 4,
}

/// <summary>Which map a breakdown by place is drawn on.</summary>
public enum MapKind
{
    /// <summary>Today's communes; records of pre-2025 communes count toward their successors.</summary>
    [Display(Name = "Xã, phường hiện nay")] Current = 1,

    /// <summary>The communes and districts before 1/7/2025, as the records were kept.</summary>
    [Display(Name = "Xã, huyện trước 01/7/2025")] Before2025 = 2,
}

/// <summary>
/// The nation's value on the comparison of the provinces. When it counts people once across provinces it is the count the
/// national tier last made, at <paramref name="CountedAt"/> (the oldest of a ratio's parts); <paramref name="Counting"/> names
/// the computations not counted yet for the year, and then there is no number.
/// </summary>
public sealed record NationValue(IndicatorNumber? Number, DateTime? CountedAt, IReadOnlyList<string> Counting);

/// <summary>One row of a breakdown: its key, a label, the number, and the map unit it is (for a link to that unit's dashboard).</summary>
public sealed record BreakdownRow(string? Key, string Label, IndicatorNumber Number, IndicatorUnit? Place = null);

/// <summary>
/// Computes indicator values from the catalogue: each computed indicator by its area's computation
/// (or its hand-entered element until the records exist), each element from the aggregate values,
/// each ratio from its two parts. A unit's value is the same whoever looks: the caller's scope decides
/// which units they may open (<see cref="IndicatorUnits"/>), never which records count. Everything is read live with set-based
/// queries – one per number or per breakdown, never one per unit – and nothing is cached, so a record
/// saved a moment ago is already counted.
/// </summary>
[AreaContract]
public sealed class IndicatorEngine(AppDbContext db, TimeProvider clock, MaintainedValues maintained) : IHandler
{
    private static readonly IReadOnlyDictionary<string, IndicatorComputation> Registered =
        FeatureDiscovery.CreateAll<IIndicatorSource>().SelectMany(s => s.Computations).ToDictionary(c => c.Name);

    private static readonly IReadOnlyDictionary<string, IndicatorComputation> ElementSums = IndicatorCatalogue.Elements
        .Where(e => e.Additive)
        .ToDictionary(e => e.Code, e => (IndicatorComputation)IndicatorComputation
            .Over(ElementComputationPrefix + e.Code, r => r.Db.AggregateValues.Where(v => v.ElementCode == e.Code))
            .InCommune(v => v.Unit).InYear(v => v.Year).Summing(v => v.Value)
            .Records(q => $"/Indicators/Data?ma={e.Code}&nam={q.Year}{(q.Unit.IsMapUnit ? $"&don-vi={q.Unit.Id}" : "")}"));

    private const string ElementComputationPrefix = "element:";

    /// <summary>After reading: how far behind the maintained values read were (null when current or none was read).</summary>
    public ValuesLag? Lag => maintained.Lag;

    /// <summary>All additive elements at once, so a dashboard reads every hand-entered figure of a unit in one query.</summary>
    private static readonly IndicatorComputation<AggregateValue> AllElements = IndicatorComputation
        .Over("elements", r => r.Db.AggregateValues).InCommune(v => v.Unit).InYear(v => v.Year).Summing(v => v.Value);

    /// <summary>The places of a breakdown, once per request: every commune column of a dashboard lists the same communes.</summary>
    private readonly Dictionary<(int, Dimension, MapKind), List<Place>> _places = [];

    /// <summary>Every computation the areas provide, by name.</summary>
    public static IReadOnlyCollection<string> ComputationNames => Registered.Keys.ToList();

    /// <summary>Every computation the areas provide.</summary>
    public static IReadOnlyCollection<IndicatorComputation> Computations => Registered.Values.ToList();

    public DateOnly Today => VietnamTime.Today(clock);

    /// <summary>Where an indicator's value comes from now; a computed indicator falls back on its element until an area computes it.</summary>
    public static ValueOrigin OriginOf(Indicator indicator) => indicator.Kind switch
    {
        IndicatorKind.Ratio => ValueOrigin.Ratio,
        IndicatorKind.Element => ValueOrigin.Aggregate,
        _ => Registered.ContainsKey(indicator.Computation!) ? ValueOrigin.Records : ValueOrigin.EnteredByHand,
    };

    /// <summary>Whether any part of the value is typed in by hand today (the stand-in of a computed indicator).</summary>
    public static bool IsEnteredByHand(Indicator indicator) => indicator.Kind == IndicatorKind.Ratio
        ? IsEnteredByHand(IndicatorCatalogue.Find(indicator.Numerator)!) || IsEnteredByHand(IndicatorCatalogue.Find(indicator.Denominator)!)
        : OriginOf(indicator) == ValueOrigin.EnteredByHand;

    /// <summary>The data element a value is read from today, if any: an element indicator's own, or a computed one's stand-in.</summary>
    public static DataElement? ElementOf(Indicator indicator) =>
        OriginOf(indicator) is ValueOrigin.Aggregate or ValueOrigin.EnteredByHand ? IndicatorCatalogue.FindElement(indicator.Element) : null;

    /// <summary>The computation behind a non-ratio indicator's value; null for a non-additive element (a rate), read as is.</summary>
    public static IndicatorComputation? ComputationOf(Indicator indicator) =>
        indicator.Computation is { } name && Registered.TryGetValue(name, out var computation) ? computation
        : indicator.Element is { } element && ElementSums.TryGetValue(element, out var sum) ? sum
        : null;

    /// <summary>Whether the indicator has a value for this kind of unit: the catalogue allows it and today's source places its rows there.</summary>
    public static bool Applies(Indicator indicator, IndicatorUnit unit)
    {
        if (!indicator.AppliesTo(unit.Kind)) return false;
        if (indicator.Kind == IndicatorKind.Ratio)
            return Applies(IndicatorCatalogue.Find(indicator.Numerator)!, unit) && Applies(IndicatorCatalogue.Find(indicator.Denominator)!, unit);
        if (ElementOf(indicator) is { } element)
            return unit.IsMapUnit && element.Levels.Contains(unit.Kind == UnitKind.Province ? UnitKind.Province : UnitKind.Commune);
        return ComputationOf(indicator)?.Supports(unit) == true;
    }

    /// <summary>The breakdowns the catalogue allows that today's source can give, for this unit and map.</summary>
    public static IReadOnlyList<Dimension> BreakdownsOf(Indicator indicator, IndicatorUnit unit, MapKind map)
    {
        if (!Applies(indicator, unit)) return [];
        return indicator.Breakdowns.Where(d => d switch
        {
            Dimension.Commune => unit.Kind is UnitKind.Province or UnitKind.District || (unit.Kind == UnitKind.Commune && map == MapKind.Before2025),
            Dimension.District => unit.Kind == UnitKind.Province && map == MapKind.Before2025,
            _ => Gives(indicator, d),
        }).Where(d => d is not (Dimension.Commune or Dimension.District) || PlacesOnMap(indicator)).ToList();
    }

    /// <summary>Whether a breakdown of the indicator's parts by a record dimension is given by today's sources.</summary>
    private static bool Gives(Indicator indicator, Dimension dimension) => indicator.Kind == IndicatorKind.Ratio
        ? Gives(IndicatorCatalogue.Find(indicator.Numerator)!, dimension) && Gives(IndicatorCatalogue.Find(indicator.Denominator)!, dimension)
        : ComputationOf(indicator)?.Dimensions.Contains(dimension) == true;

    private static bool PlacesOnMap(Indicator indicator) => indicator.Kind == IndicatorKind.Ratio
        ? PlacesOnMap(IndicatorCatalogue.Find(indicator.Numerator)!) && PlacesOnMap(IndicatorCatalogue.Find(indicator.Denominator)!)
        : ComputationOf(indicator)?.HasCommune ?? ElementOf(indicator) is not null;

    /// <summary>Whether a breakdown's groups may overlap (a person in two priority groups), so they need not sum to the total.</summary>
    public static bool Overlaps(Indicator indicator, Dimension dimension) => indicator.Kind == IndicatorKind.Ratio
        ? Overlaps(IndicatorCatalogue.Find(indicator.Numerator)!, dimension) || Overlaps(IndicatorCatalogue.Find(indicator.Denominator)!, dimension)
        : ComputationOf(indicator)?.IsMultiValued(dimension) == true;

    /// <summary>The list of records behind a number, in the owning area; null when no list can show exactly them.</summary>
    public string? RecordsUrl(Indicator indicator, IndicatorUnit unit, IndicatorPeriod period, Dimension? dimension = null, string? key = null)
    {
        var source = indicator.Kind == IndicatorKind.Ratio ? IndicatorCatalogue.Find(indicator.Numerator)! : indicator;
        if (!Applies(source, unit)) return null;
        if (ComputationOf(source) is { } computation)
            return computation.RecordsUrl(new RecordsQuery(unit, period.From, period.To, period.At(Today), dimension, key, db.Scope));
        return ElementOf(source) is { } element
            ? $"/Indicators/Data?ma={element.Code}&nam={period.To.Year}{(unit.IsMapUnit ? $"&don-vi={unit.Id}" : "")}"
            : null;
    }

    /// <summary>
    /// How many of the records behind a number (a ratio's numerator) the caller may not read, for the
    /// note beside the link to them: the value counts them all, the caller's lists show the rest.
    /// </summary>
    public async Task<int> OutsideScopeAsync(Indicator indicator, IndicatorUnit unit, IndicatorPeriod period, CancellationToken cancellationToken = default)
    {
        var source = indicator.Kind == IndicatorKind.Ratio ? IndicatorCatalogue.Find(indicator.Numerator)! : indicator;
        return Applies(source, unit) && ComputationOf(source) is { } computation
            ? await computation.OutsideScopeAsync(Request(period), unit, cancellationToken)
            : 0;
    }

    public async Task<IndicatorNumber?> ValueAsync(Indicator indicator, IndicatorUnit unit, IndicatorPeriod period, CancellationToken cancellationToken = default) =>
        (await ValuesAsync([indicator], unit, period, cancellationToken))[indicator.Code];

    /// <summary>Values of several indicators for one unit and period; a part shared by two ratios is computed once.</summary>
    public async Task<IReadOnlyDictionary<string, IndicatorNumber?>> ValuesAsync(IEnumerable<Indicator> indicators, IndicatorUnit unit,
        IndicatorPeriod period, CancellationToken cancellationToken = default)
    {
        var totals = new Dictionary<string, long>();
        var request = Request(period);
        async Task<long> TotalAsync(Indicator part)
        {
            if (!totals.TryGetValue(part.Code, out var total))
                totals[part.Code] = total = await CountAsync(ComputationOf(part)!, period, unit, cancellationToken);
            return total;
        }

        var wanted = indicators.Where(i => Applies(i, unit)).ToList();
        var parts = wanted.SelectMany(i => i.Kind == IndicatorKind.Ratio ? [IndicatorCatalogue.Find(i.Numerator)!, IndicatorCatalogue.Find(i.Denominator)!] : new[] { i });
        var elements = parts.Where(i => ComputationOf(i) is not null && ElementOf(i) is not null).Select(i => (Indicator: i, Element: ElementOf(i)!.Code))
            .DistinctBy(p => p.Indicator.Code).ToList();
        if (elements.Count > 1)
        {
            var codes = elements.Select(e => e.Element).Distinct().ToList();
            var sums = (await AllElements.TotalsByAsync(request, unit, v => codes.Contains(v.ElementCode), v => v.ElementCode, cancellationToken))
                .ToDictionary(s => s.Key!, s => s.Value);
            foreach (var (indicator, element) in elements) totals[indicator.Code] = sums.GetValueOrDefault(element);
        }

        var values = new Dictionary<string, IndicatorNumber?>();
        foreach (var indicator in indicators)
        {
            if (!Applies(indicator, unit)) values[indicator.Code] = null;
            else if (indicator.Kind == IndicatorKind.Ratio)
                values[indicator.Code] = IndicatorNumber.Ratio(
                    await TotalAsync(IndicatorCatalogue.Find(indicator.Numerator)!), await TotalAsync(IndicatorCatalogue.Find(indicator.Denominator)!));
            else if (ComputationOf(indicator) is null)
                values[indicator.Code] = IndicatorNumber.Rate((await RatesAsync(ElementOf(indicator)!, [unit.Id], period, cancellationToken)).GetValueOrDefault(unit.Id));
            else
                values[indicator.Code] = IndicatorNumber.Count(await TotalAsync(indicator));
        }
        return values;
    }

    /// <summary>
    /// The values of every province of <paramref name="provinces"/> at once, each the province's own (what its dashboard
    /// shows), in a fixed number of queries whatever the number of provinces: one grouped query per part of the indicator.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IndicatorNumber?>> ProvincesAsync(Indicator indicator, IReadOnlyCollection<int> provinces,
        IndicatorPeriod period, CancellationToken cancellationToken = default)
    {
        if (!Applies(indicator, AnyProvince)) return provinces.ToDictionary(p => p, _ => (IndicatorNumber?)null);
        if (indicator.Kind == IndicatorKind.Ratio)
        {
            var numerators = await ProvinceTotalsAsync(IndicatorCatalogue.Find(indicator.Numerator)!, period, cancellationToken);
            var denominators = await ProvinceTotalsAsync(IndicatorCatalogue.Find(indicator.Denominator)!, period, cancellationToken);
            return provinces.ToDictionary(p => p, p => (IndicatorNumber?)IndicatorNumber.Ratio(numerators.GetValueOrDefault(p), denominators.GetValueOrDefault(p)));
        }
        if (ComputationOf(indicator) is null)
        {
            var rates = await RatesAsync(ElementOf(indicator)!, provinces, period, cancellationToken);
            return provinces.ToDictionary(p => p, p => (IndicatorNumber?)IndicatorNumber.Rate(rates.TryGetValue(p, out var rate) ? rate : null));
        }
        var totals = await ProvinceTotalsAsync(indicator, period, cancellationToken);
        return provinces.ToDictionary(p => p, p => (IndicatorNumber?)IndicatorNumber.Count(totals.GetValueOrDefault(p)));
    }

    /// <summary>
    /// The nation's value of a year: the provinces' totals added up, except that an indicator counting people counts each
    /// person once across provinces (one CCCD registered in two provinces is one person, <see cref="IndicatorComputation.CountsPersonsNationally"/>),
    /// read as the national tier last counted it (<see cref="NationalPersonCounter"/>: counting it takes tens of seconds at
    /// national size); none for a surveyed rate, which is never added up.
    /// </summary>
    public async Task<NationValue?> NationAsync(Indicator indicator, int year, CancellationToken cancellationToken = default)
    {
        if (!Applies(indicator, AnyProvince)) return null;
        var period = IndicatorPeriod.Year(year);
        Indicator[] parts = indicator.Kind == IndicatorKind.Ratio
            ? [IndicatorCatalogue.Find(indicator.Numerator)!, IndicatorCatalogue.Find(indicator.Denominator)!]
            : ComputationOf(indicator) is null ? [] : [indicator];
        if (parts.Length == 0) return null;
        var persons = parts.Select(p => ComputationOf(p)!).Where(c => c.CountsPersonsNationally).Select(c => c.Name).Distinct().ToList();
        var stored = await db.NationalPersonCounts.AsNoTracking()
            .Where(c => persons.Contains(c.Computation) && c.Year == year && c.Persons != null)
            .ToDictionaryAsync(c => c.Computation, c => (Persons: c.Persons!.Value, CountedAt: c.CountedAt!.Value), cancellationToken);
        var missing = persons.Where(p => !stored.ContainsKey(p)).ToList();
        if (missing.Count > 0) return new NationValue(null, null, missing);
        var totals = new List<long>();
        foreach (var part in parts)
        {
            var computation = ComputationOf(part)!;
            totals.Add(computation.CountsPersonsNationally
                ? stored[computation.Name].Persons
                : (await ProvinceTotalsAsync(part, period, cancellationToken)).Values.Sum());
        }
        var number = indicator.Kind == IndicatorKind.Ratio ? IndicatorNumber.Ratio(totals[0], totals[1]) : IndicatorNumber.Count(totals[0]);
        return new NationValue(number, stored.Count == 0 ? null : stored.Values.Min(s => s.CountedAt), []);
    }

    /// <summary>The people of <paramref name="computation"/> in <paramref name="year"/> across every province, each once: what <see cref="NationalPersonCounter"/> keeps.</summary>
    internal Task<long> NationalPersonsAsync(IndicatorComputation computation, int year, CancellationToken cancellationToken) =>
        computation.NationalPersonsAsync(Request(IndicatorPeriod.Year(year)), cancellationToken);

    /// <summary>The national tier's list of exactly what the nation's value of a whole year counts, if one shows it.</summary>
    public static string? NationRecordsUrl(Indicator indicator, IndicatorPeriod period) =>
        indicator.Kind != IndicatorKind.Ratio && period.IsWholeYear && Applies(indicator, AnyProvince)
            ? ComputationOf(indicator)?.NationalRecordsUrl?.Invoke(period.To.Year)
            : null;

    /// <summary>
    /// Every province's rows behind the nation's value of computation <paramref name="name"/> in <paramref name="year"/>, for
    /// the national list of the people it counts (see <see cref="IndicatorComputation{T}.NationalRows"/>).
    /// </summary>
    public IQueryable<T> NationalRows<T>(string name, int year) where T : class =>
        (Registered.TryGetValue(name, out var computation) ? computation as IndicatorComputation<T> : null)
            ?.NationalRows(Request(IndicatorPeriod.Year(year)))
        ?? throw new InvalidOperationException($"No computation {name} over {typeof(T).Name}.");

    /// <summary>Whether the nation's value of the indicator (or of a ratio's part) counts people once across provinces rather than adding the provinces up.</summary>
    public static bool CountsPersonsNationally(Indicator indicator) => indicator.Kind == IndicatorKind.Ratio
        ? CountsPersonsNationally(IndicatorCatalogue.Find(indicator.Numerator)!) || CountsPersonsNationally(IndicatorCatalogue.Find(indicator.Denominator)!)
        : ComputationOf(indicator)?.CountsPersonsNationally == true;

    private static readonly IndicatorUnit AnyProvince = new(UnitKind.Province, 0, 0, "");

    private async Task<Dictionary<int, long>> ProvinceTotalsAsync(Indicator part, IndicatorPeriod period, CancellationToken cancellationToken)
    {
        var computation = ComputationOf(part)!;
        var sums = await maintained.CoversAsync(computation, period, cancellationToken)
            ? await maintained.ByProvinceAsync(computation, period.From.Year, cancellationToken)
            : await computation.ByProvinceAsync(Request(period), cancellationToken);
        return sums.Where(s => s.Key is not null).ToDictionary(s => int.Parse(s.Key!), s => s.Value);
    }

    /// <summary>The value for each year from <paramref name="first"/> to <paramref name="last"/>: one grouped query for flows, one per year for snapshots.</summary>
    public async Task<IReadOnlyList<(int Year, IndicatorNumber? Number)>> YearsAsync(Indicator indicator, IndicatorUnit unit, int first, int last,
        CancellationToken cancellationToken = default)
    {
        var years = Enumerable.Range(first, last - first + 1).ToList();
        if (!Applies(indicator, unit)) return years.Select(y => (y, (IndicatorNumber?)null)).ToList();
        if (indicator.Kind == IndicatorKind.Ratio)
        {
            var numerators = await YearTotalsAsync(IndicatorCatalogue.Find(indicator.Numerator)!, unit, first, last, cancellationToken);
            var denominators = await YearTotalsAsync(IndicatorCatalogue.Find(indicator.Denominator)!, unit, first, last, cancellationToken);
            return years.Select(y => (y, numerators.TryGetValue(y, out var n) && denominators.TryGetValue(y, out var d) ? IndicatorNumber.Ratio(n, d) : null)).ToList();
        }
        if (ComputationOf(indicator) is null)
        {
            var rates = new List<(int, IndicatorNumber?)>();
            foreach (var year in years)
                rates.Add((year, IndicatorNumber.Rate((await RatesAsync(ElementOf(indicator)!, [unit.Id], IndicatorPeriod.Year(year), cancellationToken)).GetValueOrDefault(unit.Id))));
            return rates;
        }
        var totals = await YearTotalsAsync(indicator, unit, first, last, cancellationToken);
        return years.Select(y => (y, totals.TryGetValue(y, out var v) ? IndicatorNumber.Count(v) : null)).ToList();
    }

    /// <summary>Month by month within a year, for indicators counted from dated records (not snapshots or yearly values).</summary>
    public async Task<IReadOnlyList<(int Month, IndicatorNumber? Number)>?> MonthsAsync(Indicator indicator, IndicatorUnit unit, int year,
        CancellationToken cancellationToken = default)
    {
        if (!Applies(indicator, unit) || !IsDatedFlow(indicator)) return null;
        var period = IndicatorPeriod.Year(year);
        var lastMonth = year < Today.Year ? 12 : year == Today.Year ? Today.Month : 0;
        var months = Enumerable.Range(1, 12).ToList();
        async Task<Dictionary<int, long>> SumsAsync(Indicator part) =>
            (await GroupAsync(ComputationOf(part)!, period, unit, Grouping.Month, null, cancellationToken))
            .ToDictionary(s => int.Parse(s.Key!), s => s.Value);
        if (indicator.Kind == IndicatorKind.Ratio)
        {
            var numerators = await SumsAsync(IndicatorCatalogue.Find(indicator.Numerator)!);
            var denominators = await SumsAsync(IndicatorCatalogue.Find(indicator.Denominator)!);
            return months.Select(m => (m, m > lastMonth ? null
                : IndicatorNumber.Ratio(numerators.GetValueOrDefault(m), denominators.GetValueOrDefault(m)))).ToList();
        }
        var sums = await SumsAsync(indicator);
        return months.Select(m => (m, m > lastMonth ? null : IndicatorNumber.Count(sums.GetValueOrDefault(m)))).ToList();
    }

    private static bool IsDatedFlow(Indicator indicator) => indicator.Kind == IndicatorKind.Ratio
        ? IsDatedFlow(IndicatorCatalogue.Find(indicator.Numerator)!) && IsDatedFlow(IndicatorCatalogue.Find(indicator.Denominator)!)
        : ComputationOf(indicator)?.Timing is IndicatorTiming.Dated or IndicatorTiming.Instant;

    /// <summary>
    /// The value broken down by a dimension: by place (all the unit's communes or districts, zeros
    /// included, a "province level" row for work recorded against the province itself), or by a
    /// dimension of the records (every category, zeros included, and "not recorded").
    /// </summary>
    public async Task<IReadOnlyList<BreakdownRow>> BreakdownAsync(Indicator indicator, IndicatorUnit unit, IndicatorPeriod period, Dimension dimension,
        MapKind map, CancellationToken cancellationToken = default)
    {
        if (!BreakdownsOf(indicator, unit, map).Contains(dimension)) return [];
        var grouping = dimension switch
        {
            Dimension.Commune => map == MapKind.Current ? Grouping.Commune : Grouping.RecordedCommune,
            Dimension.District => Grouping.District,
            _ => Grouping.Dimension,
        };
        Dictionary<string, IndicatorNumber> numbers;
        if (indicator.Kind == IndicatorKind.Ratio)
        {
            var numerators = await SumsAsync(IndicatorCatalogue.Find(indicator.Numerator)!, unit, period, grouping, dimension, cancellationToken);
            var denominators = await SumsAsync(IndicatorCatalogue.Find(indicator.Denominator)!, unit, period, grouping, dimension, cancellationToken);
            numbers = numerators.Keys.Union(denominators.Keys)
                .ToDictionary(k => k, k => IndicatorNumber.Ratio(numerators.GetValueOrDefault(k), denominators.GetValueOrDefault(k)));
        }
        else if (ComputationOf(indicator) is null)
        {
            var places = await PlacesAsync(unit, dimension, map, cancellationToken);
            var rates = await RatesAsync(ElementOf(indicator)!, places.Select(p => p.Id).ToList(), period, cancellationToken);
            numbers = rates.ToDictionary(r => r.Key.ToString(), r => IndicatorNumber.Rate(r.Value));
        }
        else
            numbers = (await SumsAsync(indicator, unit, period, grouping, dimension, cancellationToken))
                .ToDictionary(s => s.Key, s => IndicatorNumber.Count(s.Value));

        var empty = indicator.Kind == IndicatorKind.Ratio ? IndicatorNumber.Ratio(0, 0) : ComputationOf(indicator) is null ? IndicatorNumber.Rate(null) : IndicatorNumber.Count(0);
        if (dimension is Dimension.Commune or Dimension.District)
        {
            var places = await PlacesAsync(unit, dimension, map, cancellationToken);
            var kind = dimension == Dimension.District ? UnitKind.District : UnitKind.Commune;
            var rows = places.Select(p => new BreakdownRow(p.Id.ToString(), p.Name, numbers.GetValueOrDefault(p.Id.ToString(), empty),
                new IndicatorUnit(kind, p.Id, unit.ProvinceId, p.Name, p.IsFormer))).ToList();
            var own = unit.Kind == UnitKind.Province ? unit.Id.ToString() : null;
            // On the old map, records kept against one of today's communes have no old commune: dated before 1/7/2025, the person's
            // old commune is unknown (their new commune came from several), shown as such rather than guessed; after, there is none.
            var listed = places.Select(p => p.Id.ToString()).Append(own).ToHashSet();
            var others = numbers.Keys.Where(k => !listed.Contains(k) && int.TryParse(k, out _)).Select(int.Parse).ToList();
            if (others.Count > 0)
            {
                var extra = await UnitDirectory.Units(db).AsNoTracking().Where(u => others.Contains(u.Id)).OrderBy(u => u.Name)
                    .Select(u => new Place(u.Id, u.Name, u.ValidTo != null)).ToListAsync(cancellationToken);
                var beforeNewMap = period.To < NewMapDay;
                rows.AddRange(extra.Select(u => new BreakdownRow(u.Id.ToString(), u.Name + (beforeNewMap ? ": không rõ xã cũ" : " (ghi theo xã, phường sau 01/7/2025)"), numbers[u.Id.ToString()],
                    new IndicatorUnit(UnitKind.Commune, u.Id, unit.ProvinceId, u.Name, u.IsFormer))));
            }
            if (own is not null && numbers.TryGetValue(own, out var provinceLevel))
                rows.Add(new BreakdownRow(own, dimension != Dimension.District ? "Cấp tỉnh (không theo xã, phường)"
                    : period.To < NewMapDay ? "Xã, phường mới (không rõ xã cũ) và cấp tỉnh" : "Xã, phường mới và cấp tỉnh (sau 01/7/2025)", provinceLevel));
            return rows;
        }
        var labels = await BreakdownLabels.ForAsync(db, dimension, numbers.Keys, cancellationToken);
        return labels.Select(l => new BreakdownRow(l.Key, l.Label, numbers.GetValueOrDefault(l.Key ?? NullKey, empty))).ToList();
    }

    /// <summary>The first day of today's map (the 2025 re-mapping).</summary>
    private static readonly DateOnly NewMapDay = new(2025, 7, 1);

    /// <summary>The key a null group key (a record without the value) is carried under.</summary>
    public const string NullKey = "";

    private async Task<Dictionary<string, long>> SumsAsync(Indicator part, IndicatorUnit unit, IndicatorPeriod period, Grouping grouping, Dimension dimension,
        CancellationToken cancellationToken)
    {
        var sums = await GroupAsync(ComputationOf(part)!, period, unit, grouping, grouping == Grouping.Dimension ? dimension : null, cancellationToken);
        return sums.GroupBy(s => s.Key ?? NullKey).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
    }

    /// <summary>A total from the maintained values when they hold it (a whole year of a computation over dated records), else counted live.</summary>
    private async Task<long> CountAsync(IndicatorComputation computation, IndicatorPeriod period, IndicatorUnit unit, CancellationToken cancellationToken) =>
        await maintained.CoversAsync(computation, period, cancellationToken)
            ? await maintained.TotalAsync(computation, period.From.Year, unit, cancellationToken)
            : await computation.TotalAsync(Request(period), unit, cancellationToken);

    private async Task<List<GroupSum>> GroupAsync(IndicatorComputation computation, IndicatorPeriod period, IndicatorUnit unit, Grouping grouping,
        Dimension? dimension, CancellationToken cancellationToken) =>
        await maintained.CoversAsync(computation, period, cancellationToken)
            ? await maintained.GroupAsync(computation, period.From.Year, period.From.Year, unit, grouping, dimension, cancellationToken)
            : await computation.GroupAsync(Request(period), unit, grouping, dimension, cancellationToken);

    private async Task<Dictionary<int, long>> YearTotalsAsync(Indicator part, IndicatorUnit unit, int first, int last, CancellationToken cancellationToken)
    {
        var computation = ComputationOf(part)!;
        // Each year's value is the year's own (a completion followed up in two years counts in both, as each year's figure has it).
        if (computation.Timing == IndicatorTiming.Yearly || (computation.IsDatedFlow && await maintained.CoversYearsAsync(computation, cancellationToken)))
        {
            var period = new IndicatorPeriod(new DateOnly(first, 1, 1), new DateOnly(last, 12, 31));
            var sums = computation.Timing == IndicatorTiming.Yearly
                ? await computation.GroupAsync(Request(period), unit, Grouping.Year, null, cancellationToken)
                : await maintained.GroupAsync(computation, first, last, unit, Grouping.Year, null, cancellationToken);
            var byYear = sums.ToDictionary(s => int.Parse(s.Key!), s => s.Value);
            return Enumerable.Range(first, last - first + 1).Where(y => y <= Today.Year).ToDictionary(y => y, y => byYear.GetValueOrDefault(y));
        }
        var totals = new Dictionary<int, long>();
        for (var year = first; year <= Math.Min(last, Today.Year); year++)
            totals[year] = await computation.TotalAsync(Request(IndicatorPeriod.Year(year)), unit, cancellationToken);
        return totals;
    }

    /// <summary>
    /// A non-additive element (a surveyed rate) is never summed: each unit shows its own value,
    /// the latest year's when the period spans several.
    /// </summary>
    private async Task<Dictionary<int, double>> RatesAsync(DataElement element, IReadOnlyCollection<int> unitIds, IndicatorPeriod period,
        CancellationToken cancellationToken)
    {
        if (IndicatorPeriod.YearsOf(period.From, period.To) is not var (first, last)) return [];
        var values = await db.AggregateValues.AsNoTracking().IgnoreQueryFilters([ScopeRules.FilterName])
            .Where(v => v.ElementCode == element.Code && unitIds.Contains(v.UnitId) && v.Year >= first && v.Year <= last)
            .Select(v => new { v.UnitId, v.Year, v.Value })
            .ToListAsync(cancellationToken);
        return values.GroupBy(v => v.UnitId).ToDictionary(g => g.Key, g => element.ToNumber(g.MaxBy(v => v.Year)!.Value));
    }

    private sealed record Place(int Id, string Name, bool IsFormer);

    /// <summary>The places a breakdown lists: today's communes of the unit, its former communes, or the province's pre-2025 districts.</summary>
    private async Task<List<Place>> PlacesAsync(IndicatorUnit unit, Dimension dimension, MapKind map, CancellationToken cancellationToken)
    {
        if (_places.TryGetValue((unit.Id, dimension, map), out var known)) return known;
        var id = unit.Id;
        var units = UnitDirectory.Units(db).AsNoTracking();
        if (dimension == Dimension.District)
            units = units.Where(u => u.ProvinceId == id && u.Level == UnitLevel.District);
        else if (unit.Kind == UnitKind.Province)
            units = units.Where(u => u.ProvinceId == id && u.Level == UnitLevel.Commune && (map == MapKind.Current ? u.ValidTo == null : u.ValidTo != null));
        else if (unit.Kind == UnitKind.District)
            units = units.Where(u => u.ParentId == id && u.Level == UnitLevel.Commune);
        else
            units = units.Where(u => u.Id == id || u.RollUpUnitId == id);
        return _places[(unit.Id, dimension, map)] = await units
            .OrderBy(u => u.Parent!.Name).ThenBy(u => u.Name)
            .Select(u => new Place(u.Id, map == MapKind.Before2025 && u.Parent != null && u.Parent.Level == UnitLevel.District && dimension == Dimension.Commune
                ? u.Name + " (" + u.Parent.Name + ")" : u.Name, u.ValidTo != null))
            .ToListAsync(cancellationToken);
    }

    private IndicatorFactRequest Request(IndicatorPeriod period) => new(db, period.From, period.To, period.At(Today), Today);
}
