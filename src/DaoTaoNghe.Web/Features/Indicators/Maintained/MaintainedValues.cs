using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>
/// The maintained indicator values (<see cref="IndicatorCell"/>): what every computation counted from
/// dated records gives for each year, month, commune as recorded, organisation and breakdown member,
/// kept equal to the computation so that a dashboard reads a few hundred rows instead of counting
/// millions of records.
/// <list type="bullet">
/// <item>Writers never touch them: the areas' triggers (<see cref="IIndicatorTriggers"/>) insert marks in the
/// writing transaction; <see cref="DrainAsync"/> (the worker, every second, and a dashboard that finds marks
/// waiting) recomputes exactly the marked cells with the computation itself, restricted to those communes and
/// that year, and replaces them.</item>
/// <item>A cell holds rows by the commune they were recorded in, so the 2025 roll-up, districts and the province are
/// applied when reading, through today's map, as the live computation does: a change of the map changes no cell.</item>
/// <item>"A person once a year" and "a completion by its latest follow-up" look at a person's other records: a
/// change marks the person, and the worker recomputes the cells of all their records.</item>
/// <item><see cref="RebuildAsync"/> recomputes everything from the records and reports each value that differed.</item>
/// </list>
/// Read only for a whole calendar year, for computations over dated rows whose entity is marked, and only while
/// the values were built by the running definitions (<see cref="Fingerprint"/>); anything else is counted live.
/// </summary>
public sealed class MaintainedValues(AppDbContext db, TimeProvider clock, MaintainedValuesOptions options, MaintainedValuesRunner runner) : IHandler
{
    /// <summary>Bump when the meaning of the cells changes in a way the computations' text does not show.</summary>
    private const int Version = 1;

    private static readonly ConcurrentDictionary<bool, (string Fingerprint, IReadOnlyList<IndicatorComputation> Computations)> Definitions = new();

    private bool? _usable;

    /// <summary>The computations whose values are maintained on this database.</summary>
    public IReadOnlyList<IndicatorComputation> Computations => Definition().Computations;

    /// <summary>Of the maintained computations' definitions and the triggers: values built by other code are not read.</summary>
    public string Fingerprint => Definition().Fingerprint;

    public bool IsMaintained(IndicatorComputation computation) => options.Enabled && Computations.Contains(computation);

    private (string Fingerprint, IReadOnlyList<IndicatorComputation> Computations) Definition() =>
        Definitions.GetOrAdd(db.Database.IsNpgsql(), postgres =>
        {
            var marked = IndicatorTriggerScripts.MarkedFamilies;
            var computations = IndicatorEngine.Computations.Where(c => c.IsDatedFlow && marked.Contains(c.Family)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            var request = YearRequest(2000);
            var text = new StringBuilder($"v{Version}\n");
            foreach (var (_, sql) in IndicatorTriggerScripts.Scripts(db.Model, postgres)) text.Append(sql);
            foreach (var computation in computations) text.Append(computation.Definition(request)).Append('\n');
            return (Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))), computations);
        });

    private IndicatorFactRequest YearRequest(int year) => new(db, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), new DateOnly(year, 12, 31),
        Infrastructure.Time.VietnamTime.Today(clock));

    public Task<IndicatorCellsState?> StateAsync(CancellationToken cancellationToken = default) =>
        db.IndicatorCellsStates.AsNoTracking().SingleOrDefaultAsync(s => s.Id == 1, cancellationToken);

    // ───────────── reading ─────────────

    /// <summary>
    /// Whether a number of <paramref name="computation"/> over <paramref name="period"/> is read from the maintained
    /// values: a whole calendar year, values built by this code, and not inside a transaction of the caller's (whose
    /// own writes the values cannot show yet). Marks waiting are applied first (<see cref="MaintainedValuesOptions.CatchUpOnRead"/>).
    /// </summary>
    internal async Task<bool> CoversAsync(IndicatorComputation computation, IndicatorPeriod period, CancellationToken cancellationToken) =>
        IsMaintained(computation) && period.IsWholeYear && await UsableAsync(cancellationToken);

    /// <summary>For <see cref="IndicatorEngine.YearsAsync"/>: several whole years.</summary>
    internal async Task<bool> CoversYearsAsync(IndicatorComputation computation, CancellationToken cancellationToken) =>
        IsMaintained(computation) && await UsableAsync(cancellationToken);

    private async Task<bool> UsableAsync(CancellationToken cancellationToken)
    {
        if (_usable is { } known) return known;
        if (db.Database.CurrentTransaction is not null) return (_usable = false).Value;
        // The state and whether any mark waits in one round trip (every dashboard read asks both), without the rebuild's report.
        // The marks' test names the state row only so that EF sends it as a subquery instead of a query of its own.
        var read = await db.IndicatorCellsStates.AsNoTracking().Where(s => s.Id == 1)
            .Select(s => new { s.Fingerprint, s.BuiltAt, s.CurrentAt, s.Progress, MarksWaiting = db.IndicatorMarks.Any(m => s.Id == 1) })
            .SingleOrDefaultAsync(cancellationToken);
        if (read is not { BuiltAt: not null } || read.Fingerprint != Fingerprint) return (_usable = false).Value;
        // A rebuild holds the runner's lock for minutes: read what is there rather than wait for it, and say so.
        var rebuilding = read.Progress is not null || runner.Rebuilding;
        if (!read.MarksWaiting && !rebuilding) return (_usable = true).Value;
        var caughtUp = false;
        // A standby cannot write: the primary's worker applies the marks and the standby replays them.
        if (options.CatchUpOnRead && !rebuilding && !ReadOnlyWork.IsReadOnly(db))
        {
            var waiting = await db.IndicatorMarks.Take(options.CatchUpLimit + 1).CountAsync(cancellationToken);
            if (waiting <= options.CatchUpLimit) caughtUp = await runner.CatchUpAsync(options.CatchUpWait, cancellationToken);
        }
        if (!caughtUp) Lag = await LagAsync(read.CurrentAt, rebuilding, cancellationToken);
        return (_usable = true).Value;
    }

    /// <summary>Counted up to this many; more reads "hơn 100.000" (counting a big import's marks costs the page for nothing).</summary>
    private const int LagCountLimit = 100_000;

    /// <summary>
    /// Set once a number was read from the maintained values without catching up (a rebuild running, the catch-up
    /// given up after its wait, more marks waiting than it takes, a standby): how far behind they are. Null when current.
    /// </summary>
    public ValuesLag? Lag { get; private set; }

    private async Task<ValuesLag?> LagAsync(DateTime? currentAt, bool rebuilding, CancellationToken cancellationToken)
    {
        var waiting = await db.IndicatorMarks.Take(LagCountLimit + 1).CountAsync(cancellationToken);
        if (waiting == 0 && !rebuilding) return null;
        var more = waiting > LagCountLimit;
        if (more) waiting = LagCountLimit;
        var message = new StringBuilder(rebuilding ? "Số liệu đang được tính lại từ hồ sơ" : "Số liệu đang được cập nhật");
        // The marks waiting are not records (one saved learner marks its place and its person): the page says no number.
        if (waiting > 0) message.Append(": những thay đổi gần đây chưa được tính hết");
        if (currentAt is { } at)
        {
            var local = Infrastructure.Time.VietnamTime.ToLocal(at);
            var sameDay = DateOnly.FromDateTime(local) == Infrastructure.Time.VietnamTime.Today(clock);
            message.Append($" (số liệu tính đến {local:HH:mm}{(sameDay ? "" : $" ngày {Fmt.Date(at)}")})");
        }
        message.Append(". Tải lại trang sau ít phút để xem số liệu mới nhất.");
        return new ValuesLag(waiting, more, currentAt, rebuilding, message.ToString());
    }

    private IQueryable<IndicatorCell> Cells(IndicatorComputation computation, int first, int last, IndicatorUnit unit)
    {
        var name = computation.Name;
        var id = unit.Id;
        var cells = db.IndicatorCells.AsNoTracking().Where(c => c.Computation == name && c.Year >= first && c.Year <= last);
        return unit.Kind switch
        {
            UnitKind.Province => cells.Where(c => c.Commune.ProvinceId == id || c.CommuneId == id),
            UnitKind.District => cells.Where(c => c.Commune.ParentId == id),
            UnitKind.Commune => cells.Where(c => c.CommuneId == id || c.Commune.RollUpUnitId == id),
            _ => cells.Where(c => c.OrganisationId == id),
        };
    }

    internal async Task<long> TotalAsync(IndicatorComputation computation, int year, IndicatorUnit unit, CancellationToken cancellationToken) =>
        (await TotalsAsync(unit, year, year, cancellationToken)).Where(t => t.Computation == computation.Name && t.Year == year).Sum(t => t.Value);

    private sealed record TotalRow(string Computation, int Year, int Commune, long Value);

    /// <summary>Per request: (unit kind, unit, first year, last year) → every maintained computation's totals there.</summary>
    private readonly Dictionary<(UnitKind, int, int, int), List<TotalRow>> _totals = [];

    /// <summary>
    /// Every maintained computation's yearly totals of a unit, commune by commune (today's map), over a few years, in
    /// one query per window: a dashboard asks for each indicator's year and its communes (one window), then its three
    /// years (another), all answered from these rows instead of a query each.
    /// </summary>
    private async Task<List<TotalRow>> TotalsAsync(IndicatorUnit unit, int first, int last, CancellationToken cancellationToken)
    {
        foreach (var ((kind, id, from, to), rows) in _totals)
            if (kind == unit.Kind && id == unit.Id && from <= first && to >= last) return rows;
        var names = Computations.Select(c => c.Name).ToList();
        var unitId = unit.Id;
        var cells = db.IndicatorCells.AsNoTracking().Where(c => c.Year >= first && c.Year <= last && c.Dimension == null && c.Month == 0 && names.Contains(c.Computation));
        if (unit.Kind == UnitKind.Institution) cells = cells.Where(c => c.OrganisationId == unitId);
        else
        {
            // The unit's communes by id, found first: "the commune or one that rolls up into it" joined to the cells makes the planner guess badly.
            var units = Features.Map.UnitDirectory.Units(db).AsNoTracking();
            var ids = await (unit.Kind switch
            {
                UnitKind.Province => units.Where(u => u.ProvinceId == unitId || u.Id == unitId),
                UnitKind.District => units.Where(u => u.ParentId == unitId),
                _ => units.Where(u => u.Id == unitId || u.RollUpUnitId == unitId),
            }).Select(u => u.Id).ToListAsync(cancellationToken);
            cells = cells.Where(c => ids.Contains(c.CommuneId));
        }
        var totals = (await cells.GroupBy(c => new { c.Computation, c.Year, Commune = c.Commune.RollUpUnitId ?? c.CommuneId })
                .Select(g => new { g.Key.Computation, g.Key.Year, g.Key.Commune, Value = g.Sum(c => c.Value) })
                .ToListAsync(cancellationToken))
            .Select(t => new TotalRow(t.Computation, t.Year, t.Commune, t.Value)).ToList();
        return _totals[(unit.Kind, unit.Id, first, last)] = totals;
    }

    /// <summary>Every province's total of a year at once, keyed by province id as the live computation's <c>ByProvinceAsync</c> keys them.</summary>
    internal async Task<List<GroupSum>> ByProvinceAsync(IndicatorComputation computation, int year, CancellationToken cancellationToken)
    {
        var name = computation.Name;
        return Sums(await db.IndicatorCells.AsNoTracking()
            .Where(c => c.Computation == name && c.Year == year && c.Dimension == null && c.Month == 0)
            .GroupBy(c => c.Commune.ProvinceId ?? c.CommuneId).Select(g => new { g.Key, Value = g.Sum(c => c.Value) })
            .ToListAsync(cancellationToken), s => s.Key.ToString(), s => s.Value);
    }

    /// <summary>The same groups as the live computation's <c>GroupAsync</c>, keyed as it keys them.</summary>
    internal async Task<List<GroupSum>> GroupAsync(IndicatorComputation computation, int first, int last, IndicatorUnit unit, Grouping grouping,
        Dimension? dimension, CancellationToken cancellationToken)
    {
        var cells = Cells(computation, first, last, unit);
        var totals = cells.Where(c => c.Dimension == null && c.Month == 0);
        if (grouping is Grouping.Commune or Grouping.Year)
        {
            // From the dashboard's window of totals: the communes of its year, or its years.
            var rows = (await TotalsAsync(unit, first, last, cancellationToken))
                .Where(t => t.Computation == computation.Name && t.Year >= first && t.Year <= last);
            return rows.GroupBy(t => grouping == Grouping.Commune ? t.Commune : t.Year).Select(g => new GroupSum(g.Key.ToString(), g.Sum(t => t.Value))).ToList();
        }
        switch (grouping)
        {
            case Grouping.RecordedCommune:
                return Sums(await totals.GroupBy(c => c.CommuneId).Select(g => new { g.Key, Value = g.Sum(c => c.Value) })
                    .ToListAsync(cancellationToken), s => s.Key.ToString(), s => s.Value);
            case Grouping.District:
                return Sums(await totals.GroupBy(c => c.Commune.ParentId).Select(g => new { g.Key, Value = g.Sum(c => c.Value) })
                    .ToListAsync(cancellationToken), s => s.Key?.ToString(), s => s.Value);
            case Grouping.Month:
                return Sums(await cells.Where(c => c.Dimension == null && c.Month != 0).GroupBy(c => c.Month).Select(g => new { g.Key, Value = g.Sum(c => c.Value) })
                    .ToListAsync(cancellationToken), s => s.Key.ToString(), s => s.Value);
            case Grouping.Dimension when dimension is { } d:
                var name = d.ToString();
                return Sums(await cells.Where(c => c.Dimension == name).GroupBy(c => c.Member).Select(g => new { g.Key, Value = g.Sum(c => c.Value) })
                    .ToListAsync(cancellationToken), s => s.Key, s => s.Value);
            default:
                throw new InvalidOperationException($"Maintained values cannot be grouped by {grouping} {dimension}.");
        }
    }

    private static List<GroupSum> Sums<TSum>(IEnumerable<TSum> sums, Func<TSum, string?> key, Func<TSum, long> value) =>
        sums.Select(s => new GroupSum(key(s), value(s))).ToList();

    // ───────────── keeping ─────────────

    /// <summary>
    /// Applies the marks waiting, a batch at a time, until none is left; returns how many. The caller holds
    /// <see cref="MaintainedValuesRunner"/>'s lock (one writer of cells at a time, across app instances too).
    /// </summary>
    internal async Task<int> DrainAsync(CancellationToken cancellationToken, int batch = 5000)
    {
        var total = 0;
        while (true)
        {
            var readAt = clock.GetUtcNow().UtcDateTime;
            var marks = await db.IndicatorMarks.AsNoTracking().OrderBy(m => m.Id).Take(batch).ToListAsync(cancellationToken);
            if (marks.Count == 0)
            {
                await CurrentAsync(readAt, TimeSpan.FromMinutes(1), cancellationToken);
                return total;
            }
            var work = await CellsOfAsync(marks, cancellationToken);
            var computed = new List<(IndicatorComputation Computation, int Year, IReadOnlyCollection<int>? Communes, List<CellValue> Cells)>();
            foreach (var ((family, year), communes) in work.OrderBy(w => w.Key))
                foreach (var computation in Computations.Where(c => c.Family == family))
                    computed.Add((computation, year, communes, await computation.CellsAsync(YearRequest(year), communes, cancellationToken)));

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            foreach (var (computation, year, communes, cells) in computed)
                await ReplaceAsync(computation, year, communes, cells, cancellationToken);
            var ids = marks.Select(m => m.Id).ToList();
            await db.IndicatorMarks.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
            if (marks.Count < batch) await CurrentAsync(readAt, TimeSpan.Zero, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            total += marks.Count;
            if (marks.Count < batch) return total;
        }
    }

    /// <summary>
    /// Every change saved before <paramref name="readAt"/> is applied (its marks were read then, and none is left): what a
    /// dashboard behind says it counts up to. While the queue stays empty it is written once per <paramref name="every"/>, not every poll.
    /// </summary>
    private Task CurrentAsync(DateTime readAt, TimeSpan every, CancellationToken cancellationToken)
    {
        var older = readAt - every;
        return db.IndicatorCellsStates.Where(s => s.Id == 1 && (s.CurrentAt == null || s.CurrentAt <= older))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CurrentAt, readAt), cancellationToken);
    }

    /// <summary>The cells marks point at: (family, year) → communes, null for all of them.</summary>
    private async Task<Dictionary<(string Family, int Year), HashSet<int>?>> CellsOfAsync(IReadOnlyCollection<IndicatorMark> marks,
        CancellationToken cancellationToken)
    {
        var work = new Dictionary<(string, int), HashSet<int>?>();
        var families = Computations.Select(c => c.Family).ToHashSet();
        void Add(string family, int year, int? commune)
        {
            if (!families.Contains(family)) return;
            if (!work.TryGetValue((family, year), out var communes)) work[(family, year)] = communes = [];
            if (commune is null) work[(family, year)] = null;
            else communes?.Add(commune.Value);
        }

        foreach (var mark in marks.Where(m => m.Family is not null).DistinctBy(m => (m.Family, m.CommuneId, m.Year)))
        {
            if (mark.Year is { } year) Add(mark.Family!, year, mark.CommuneId);
            else
                foreach (var family in mark.Family == IndicatorTrigger.AllFamilies ? families.ToList() : [mark.Family!])
                    foreach (var any in await FamilyYearsAsync(family, cancellationToken))
                        Add(family, any, mark.Family == IndicatorTrigger.AllFamilies ? null : mark.CommuneId);
        }
        var people = marks.Where(m => m.Subject == IndicatorTrigger.Learner && m.SubjectId is not null).Select(m => m.SubjectId!.Value).Distinct().ToList();
        foreach (var chunk in people.Chunk(2000))
            foreach (var computation in Computations.Where(c => c.HasPerson).DistinctBy(c => c.Placement))
                foreach (var (commune, year) in await computation.PlacesOfPeopleAsync(YearRequest(2000), chunk, cancellationToken))
                    Add(computation.Family, year, commune);
        return work;
    }

    private async Task<List<int>> FamilyYearsAsync(string family, CancellationToken cancellationToken)
    {
        var years = new HashSet<int>();
        foreach (var computation in Computations.Where(c => c.Family == family))
        {
            years.UnionWith(await computation.YearsAsync(YearRequest(2000), cancellationToken));
            var name = computation.Name;
            years.UnionWith(await db.IndicatorCells.Where(c => c.Computation == name).Select(c => c.Year).Distinct().ToListAsync(cancellationToken));
        }
        return years.Order().ToList();
    }

    private async Task ReplaceAsync(IndicatorComputation computation, int year, IReadOnlyCollection<int>? communes, List<CellValue> cells,
        CancellationToken cancellationToken)
    {
        var name = computation.Name;
        var stale = db.IndicatorCells.Where(c => c.Computation == name && c.Year == year);
        if (communes is not null)
        {
            var ids = communes.ToList();
            stale = stale.Where(c => ids.Contains(c.CommuneId));
        }
        await stale.ExecuteDeleteAsync(cancellationToken);
        if (cells.Count == 0) return;
        if (cells.Count >= options.CopyFromCells && db.Database.IsNpgsql())
        {
            await CopyAsync(name, year, cells, cancellationToken);
            return;
        }
        db.IndicatorCells.AddRange(cells.Select(c => new IndicatorCell
        {
            Computation = name, Year = year, Month = c.Month, CommuneId = c.CommuneId, OrganisationId = c.OrganisationId,
            Dimension = c.Dimension, Member = c.Member, Value = c.Value,
        }));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>A replacement of many cells on PostgreSQL (<see cref="MaintainedValuesOptions.CopyFromCells"/>): one COPY instead of EF's batched inserts.</summary>
    private async Task CopyAsync(string computation, int year, List<CellValue> cells, CancellationToken cancellationToken)
    {
        var entity = db.Model.FindEntityType(typeof(IndicatorCell))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => entity.FindProperty(property)!.GetColumnName(table)!;
        var columns = string.Join(", ", new[]
        {
            nameof(IndicatorCell.Computation), nameof(IndicatorCell.Year), nameof(IndicatorCell.Month), nameof(IndicatorCell.CommuneId),
            nameof(IndicatorCell.OrganisationId), nameof(IndicatorCell.Dimension), nameof(IndicatorCell.Member), nameof(IndicatorCell.Value),
        }.Select(Column));
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {table.Name} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var cell in cells)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(computation, NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(year, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(cell.Month, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(cell.CommuneId, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
            if (cell.OrganisationId is { } organisation) await writer.WriteAsync(organisation, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
            else await writer.WriteNullAsync(cancellationToken);
            if (cell.Dimension is { } dimension) await writer.WriteAsync(dimension, NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken);
            else await writer.WriteNullAsync(cancellationToken);
            if (cell.Member is { } member) await writer.WriteAsync(member, NpgsqlTypes.NpgsqlDbType.Varchar, cancellationToken);
            else await writer.WriteNullAsync(cancellationToken);
            await writer.WriteAsync(cell.Value, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
        }
        await writer.CompleteAsync(cancellationToken);
    }

    // ───────────── rebuilding ─────────────

    /// <summary>
    /// Recomputes every maintained value from the records, compares it with the value kept, replaces them all
    /// and reports each difference: a value kept that the records do not give, or the other way round. A
    /// difference in a cell that a change made during the run has marked is reported apart (it was not wrong,
    /// only not yet applied). The caller holds the runner's lock.
    /// </summary>
    internal async Task<RebuildReport> RebuildAsync(string by, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await DrainAsync(cancellationToken);
        var state = await StateAsync(cancellationToken);
        var wasBuilt = state is { BuiltAt: not null } && state.Fingerprint == Fingerprint;
        var covered = await db.IndicatorMarks.Select(m => m.Id).ToListAsync(cancellationToken);
        var differences = new List<RebuildDifference>();
        var cellCount = 0L;
        var steps = new List<(IndicatorComputation Computation, int Year)>();
        foreach (var computation in Computations)
        {
            var name = computation.Name;
            var years = (await computation.YearsAsync(YearRequest(2000), cancellationToken))
                .Union(await db.IndicatorCells.Where(c => c.Computation == name).Select(c => c.Year).Distinct().ToListAsync(cancellationToken))
                .Order();
            steps.AddRange(years.Select(y => (computation, y)));
        }
        for (var i = 0; i < steps.Count; i++)
        {
            var (computation, year) = steps[i];
            var name = computation.Name;
            await ProgressAsync($"{i + 1}/{steps.Count}: {name} năm {year}", cancellationToken);
            var fresh = await computation.CellsAsync(YearRequest(year), null, cancellationToken);
            var kept = await db.IndicatorCells.AsNoTracking().Where(c => c.Computation == name && c.Year == year)
                .Select(c => new CellValue(c.CommuneId, c.OrganisationId, c.Month, c.Dimension, c.Member, c.Value))
                .ToListAsync(cancellationToken);
            if (wasBuilt) differences.AddRange(Compare(name, year, kept, fresh));
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await ReplaceAsync(computation, year, null, fresh, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            cellCount += fresh.Count;
        }

        // Changes made while the rebuild ran marked their cells: a difference there is a change not yet applied.
        var pending = await CellsOfAsync(await db.IndicatorMarks.AsNoTracking().Where(m => !covered.Contains(m.Id)).ToListAsync(cancellationToken), cancellationToken);
        var families = Computations.ToDictionary(c => c.Name, c => c.Family);
        bool Pending(RebuildDifference d) => pending.TryGetValue((families[d.Computation], d.Year), out var communes) && (communes is null || communes.Contains(d.CommuneId));
        var report = new RebuildReport(started, clock.GetUtcNow().UtcDateTime, watch.Elapsed.TotalSeconds, by, !wasBuilt, Computations.Count, steps.Count, cellCount,
            differences.Count(d => !Pending(d)), differences.Count(Pending), differences.Where(d => !Pending(d)).Take(200).ToList());

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await db.IndicatorMarks.Where(m => covered.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
            var row = await db.IndicatorCellsStates.SingleOrDefaultAsync(s => s.Id == 1, cancellationToken);
            if (row is null) db.IndicatorCellsStates.Add(row = new IndicatorCellsState { Id = 1 });
            row.Fingerprint = Fingerprint;
            row.BuiltAt = clock.GetUtcNow().UtcDateTime;
            row.Progress = null;
            row.RebuildRequestedAt = null;
            row.RebuildRequestedBy = null;
            row.Report = JsonSerializer.Serialize(report);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return report;
    }

    private static IEnumerable<RebuildDifference> Compare(string computation, int year, List<CellValue> kept, List<CellValue> fresh)
    {
        static (int, int?, int, string?, string?) Key(CellValue c) => (c.CommuneId, c.OrganisationId, c.Month, c.Dimension, c.Member);
        var old = kept.GroupBy(Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));
        var now = fresh.ToDictionary(Key, c => c.Value);
        foreach (var key in old.Keys.Union(now.Keys))
        {
            var before = old.TryGetValue(key, out var b) ? b : (long?)null;
            var after = now.TryGetValue(key, out var a) ? a : (long?)null;
            if (before != after)
                yield return new RebuildDifference(computation, year, key.Item3, key.Item1, key.Item2, key.Item4, key.Item5, before, after);
        }
    }

    /// <summary>A rebuild's step, which every instance's dashboards read as "a rebuild is running" (null: none is).</summary>
    internal Task ProgressAsync(string? progress, CancellationToken cancellationToken) =>
        db.IndicatorCellsStates.Where(s => s.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(x => x.Progress, progress), cancellationToken);

    /// <summary>Asks the worker for a rebuild (the admin page's button).</summary>
    public async Task RequestRebuildAsync(string by, CancellationToken cancellationToken = default)
    {
        var row = await db.IndicatorCellsStates.SingleOrDefaultAsync(s => s.Id == 1, cancellationToken);
        if (row is null) db.IndicatorCellsStates.Add(row = new IndicatorCellsState { Id = 1 });
        row.RebuildRequestedAt = clock.GetUtcNow().UtcDateTime;
        row.RebuildRequestedBy = by;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>How many marks wait to be applied.</summary>
    public Task<int> WaitingAsync(CancellationToken cancellationToken = default) => db.IndicatorMarks.CountAsync(cancellationToken);
}

/// <summary>One value the rebuild found different: what was kept (null: no row) and what the records give (null: none).</summary>
public sealed record RebuildDifference(string Computation, int Year, int Month, int CommuneId, int? OrganisationId, string? Dimension, string? Member,
    long? Kept, long? Recomputed);

/// <summary>
/// Maintained values read before they caught up: how many marks (the places and people of changes not yet counted) wait, more than that when
/// <paramref name="MoreWaiting"/>, the instant before which every change is counted, whether a rebuild is running,
/// and all of it in a sentence for the page.
/// </summary>
public sealed record ValuesLag(int Waiting, bool MoreWaiting, DateTime? CurrentAt, bool Rebuilding, string Message);

/// <summary>What a rebuild did and found.</summary>
public sealed record RebuildReport(DateTime StartedAt, DateTime FinishedAt, double Seconds, string By, bool FirstBuild, int Computations, int Years,
    long Cells, int Differences, int PendingDifferences, IReadOnlyList<RebuildDifference> FirstDifferences);

/// <summary>Indicators:Maintained (default true), Indicators:CatchUpOnRead (default true), Indicators:PollMilliseconds (default 1000).</summary>
public sealed class MaintainedValuesOptions
{
    /// <summary>Dashboards read maintained values; false counts everything live (for a diagnosis).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A dashboard that finds a few marks waiting applies them before reading, so a record saved a moment ago
    /// is counted at once; with more than <see cref="CatchUpLimit"/> waiting (an import) it reads what the worker
    /// has applied so far, at most a poll interval plus a batch behind.
    /// </summary>
    public bool CatchUpOnRead { get; set; } = true;

    public int CatchUpLimit { get; set; } = 500;

    /// <summary>How long a dashboard waits for the worker's run in progress before reading what is there.</summary>
    public TimeSpan CatchUpWait { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan Poll { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// From how many cells a replacement is written with PostgreSQL's COPY: a rebuild of a big province or of the national
    /// database writes millions of cells, which EF's batched inserts (each returning its key) wrote at a few thousand a
    /// second; the worker's replacements of a few communes stay on EF.
    /// </summary>
    public int CopyFromCells { get; set; } = 1_000;

    public static MaintainedValuesOptions From(IConfiguration configuration) => new()
    {
        Enabled = configuration.GetValue("Indicators:Maintained", true),
        CatchUpOnRead = configuration.GetValue("Indicators:CatchUpOnRead", true),
        CatchUpLimit = configuration.GetValue("Indicators:CatchUpLimit", 500),
        CatchUpWait = TimeSpan.FromSeconds(Math.Clamp(configuration.GetValue("Indicators:CatchUpWaitSeconds", 5), 0, 600)),
        Poll = TimeSpan.FromMilliseconds(Math.Clamp(configuration.GetValue("Indicators:PollMilliseconds", 1000), 50, 60_000)),
        CopyFromCells = Math.Max(1, configuration.GetValue("Indicators:CopyFromCells", 1_000)),
    };
}
