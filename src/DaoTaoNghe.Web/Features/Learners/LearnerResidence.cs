using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// One period of a person's residence (nơi cư trú), in the commune valid when it began: an old commune
/// for a period before 1/7/2025, one of today's after. A person without rows has lived in their current
/// commune since their first record (learners registered before the history existed); the first change
/// writes that period down. Written only through the learner's residence page, which loads the learner.
/// </summary>
public class LearnerResidence : IPersonalData
{
    public long Id { get; set; }
    public int LearnerId { get; set; }
    public Learner Learner { get; set; } = null!;
    public int CommuneId { get; set; }
    public AdministrativeUnit Commune { get; set; } = null!;

    /// <summary>First day; null on the first period: since before the person's first record.</summary>
    public DateOnly? StartsOn { get; set; }

    /// <summary>Last day; null on the period that lasts until today.</summary>
    public DateOnly? EndsOn { get; set; }

    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }
}

public class LearnerResidenceConfiguration : IEntityTypeConfiguration<LearnerResidence>
{
    public void Configure(EntityTypeBuilder<LearnerResidence> b)
    {
        b.Property(r => r.RecordedBy).HasMaxLength(256);
        b.HasIndex(r => new { r.LearnerId, r.StartsOn });
        b.HasIndex(r => r.CommuneId);
        b.HasOne(r => r.Learner).WithMany().HasForeignKey(r => r.LearnerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.Commune).WithMany().HasForeignKey(r => r.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A period of residence as the rule reads it.</summary>
[AreaContract]
public sealed record ResidencePeriod(int CommuneId, DateOnly? StartsOn, DateOnly? EndsOn);

/// <summary>What the rule needs to know of a commune: its validity, today's successor, and the old communes it came from.</summary>
[AreaContract]
public sealed record ResidenceUnit(int Id, DateOnly? ValidFrom, DateOnly? ValidTo, int? RollUpUnitId, IReadOnlyList<int> Predecessors);

/// <summary>
/// The one rule that places a person's event on the map: the commune they lived in on the event's date,
/// on the map valid on that date. A period's commune that had ceased by then counts in its successor
/// (1/7/2025 re-mapping: someone living in an old commune lives in the new one without moving). A commune
/// that did not exist yet (one of today's communes, before 1/7/2025): the old commune is known when the
/// new one came from exactly one old commune; when it came from several and the history does not say
/// which, the event stays on the new commune, which the old map shows as "không rõ xã cũ" – never a guess.
/// </summary>
[AreaContract]
public sealed class ResidenceHistory(int currentCommuneId, IReadOnlyList<ResidencePeriod> periods, IReadOnlyDictionary<int, ResidenceUnit> units)
{
    public IReadOnlyList<ResidencePeriod> Periods { get; } = periods.OrderBy(p => p.StartsOn ?? DateOnly.MinValue).ToList();

    /// <summary>The period covering the date; a date before the first period is in the first (the person is known from then on).</summary>
    public int RecordedCommuneOn(DateOnly date)
    {
        if (Periods.Count == 0) return currentCommuneId;
        return (Periods.FirstOrDefault(p => (p.StartsOn is null || p.StartsOn <= date) && (p.EndsOn is null || date <= p.EndsOn))
                ?? Periods.FirstOrDefault(p => p.StartsOn > date) ?? Periods[^1]).CommuneId;
    }

    /// <summary>Where an event dated <paramref name="date"/> counts: the residence on that date, on that date's map.</summary>
    public int CommuneOn(DateOnly date)
    {
        var commune = RecordedCommuneOn(date);
        if (!units.TryGetValue(commune, out var unit)) return commune;
        if (unit.ValidTo is { } ended && ended < date && unit.RollUpUnitId is { } successor) return successor;
        if (unit.ValidFrom is { } began && date < began && unit.Predecessors.Count == 1) return unit.Predecessors[0];
        return commune;
    }
}

/// <summary>
/// The named query of the residence rule for other areas. It reads past the caller's scope (the
/// caller already holds the person's record or their evidence: a hire, a loan, a follow-up).
/// </summary>
[AreaContract]
public static class Residences
{
    public static async Task<ResidenceHistory> PastScopeAsync(AppDbContext db, int learnerId, CancellationToken cancellationToken = default) =>
        (await PastScopeAsync(db, [learnerId], cancellationToken))[learnerId];

    /// <summary>Several people's histories in three queries, for the batches of imports and lists of follow-ups.</summary>
    public static async Task<IReadOnlyDictionary<int, ResidenceHistory>> PastScopeAsync(AppDbContext db, IReadOnlyCollection<int> learnerIds,
        CancellationToken cancellationToken = default)
    {
        var ids = learnerIds.Distinct().ToList();
        var current = await db.Learners.IgnoreQueryFilters().AsNoTracking().Where(l => ids.Contains(l.Id))
            .Select(l => new { l.Id, l.CommuneId }).ToDictionaryAsync(l => l.Id, l => l.CommuneId, cancellationToken);
        var periods = (await db.LearnerResidences.IgnoreQueryFilters().AsNoTracking().Where(r => ids.Contains(r.LearnerId))
            .Select(r => new { r.LearnerId, Period = new ResidencePeriod(r.CommuneId, r.StartsOn, r.EndsOn) }).ToListAsync(cancellationToken))
            .ToLookup(r => r.LearnerId, r => r.Period);
        var units = await UnitsAsync(db, current.Values.Concat(periods.SelectMany(p => p).Select(p => p.CommuneId)), cancellationToken);
        return current.ToDictionary(c => c.Key, c => new ResidenceHistory(c.Value, periods[c.Key].ToList(), units));
    }

    /// <summary>The history of a person as given (before it is saved), with the units it names.</summary>
    public static async Task<ResidenceHistory> HistoryAsync(AppDbContext db, int currentCommuneId, IReadOnlyList<ResidencePeriod> periods,
        CancellationToken cancellationToken = default) =>
        new ResidenceHistory(currentCommuneId, periods, await UnitsAsync(db, periods.Select(p => p.CommuneId).Append(currentCommuneId), cancellationToken));

    private static async Task<IReadOnlyDictionary<int, ResidenceUnit>> UnitsAsync(AppDbContext db, IEnumerable<int> communeIds, CancellationToken cancellationToken)
    {
        var ids = communeIds.Distinct().ToList();
        var units = await UnitDirectory.Units(db).Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.ValidFrom, u.ValidTo, u.RollUpUnitId }).ToListAsync(cancellationToken);
        var predecessors = await UnitDirectory.Successions(db).Where(s => ids.Contains(s.SuccessorId))
            .Select(s => new { s.SuccessorId, s.PredecessorId }).ToListAsync(cancellationToken);
        return units.ToDictionary(u => u.Id, u => new ResidenceUnit(u.Id, u.ValidFrom, u.ValidTo, u.RollUpUnitId,
            predecessors.Where(p => p.SuccessorId == u.Id).Select(p => p.PredecessorId).Distinct().ToList()));
    }

    /// <summary>Where an event of the person dated <paramref name="date"/> counts (see <see cref="ResidenceHistory"/>).</summary>
    public static async Task<int> CommuneOnPastScopeAsync(AppDbContext db, int learnerId, DateOnly date, CancellationToken cancellationToken = default) =>
        (await PastScopeAsync(db, learnerId, cancellationToken)).CommuneOn(date);
}

/// <summary>
/// An area whose records of a person are placed by their residence (enrolments, employment outcomes):
/// when the history changes it moves each record whose place the rule now gives differently, through
/// tracked changes (audited; the maintained values' triggers mark the cells before and after).
/// Reads past the caller's filters: the residence page checked that the caller may change the person.
/// </summary>
[AreaContract]
public interface IResidenceEvents
{
    /// <summary>Changes the records without saving; returns how many moved.</summary>
    Task<int> PlaceAsync(int learnerId, ResidenceHistory history, CancellationToken cancellationToken);
}

/// <summary>
/// A merge keeps the survivor's residence history; a survivor without one takes the merged record's (the same
/// person's moves, recorded on the other record).
/// </summary>
public sealed class ResidenceReferences(AppDbContext db) : IPersonReferences
{
    public int Order => 6;

    public IReadOnlyCollection<Type> Entities { get; } = [typeof(LearnerResidence)];

    public async Task RepointAsync(int mergedId, int survivorId, CancellationToken cancellationToken)
    {
        if (await db.LearnerResidences.IgnoreQueryFilters().AnyAsync(r => r.LearnerId == survivorId, cancellationToken)) return;
        var periods = await db.LearnerResidences.IgnoreQueryFilters().Where(r => r.LearnerId == mergedId).ToListAsync(cancellationToken);
        if (periods.Count == 0) return;
        foreach (var period in periods) period.LearnerId = survivorId;
        // The survivor's registration now counts where this history says they lived on its day.
        var survivor = await db.Learners.IgnoreQueryFilters().SingleAsync(l => l.Id == survivorId, cancellationToken);
        Registrations.Place(survivor, await Residences.HistoryAsync(db, survivor.CommuneId,
            periods.Select(p => new ResidencePeriod(p.CommuneId, p.StartsOn, p.EndsOn)).ToList(), cancellationToken));
    }
}

/// <summary>
/// The registration is one of the person's events: it counts where they lived on the local day the record was
/// made, on that day's map (<see cref="Learner.RegisteredCommuneId"/>). A later move leaves it there.
/// </summary>
public static class Registrations
{
    public static DateOnly DayOf(Learner learner) => DateOnly.FromDateTime(VietnamTime.ToLocal(learner.CreatedAt));

    /// <summary>Places the registration by the history; whether it moved.</summary>
    public static bool Place(Learner learner, ResidenceHistory history)
    {
        var commune = history.CommuneOn(DayOf(learner));
        if (commune == learner.RegisteredCommuneId) return false;
        learner.RegisteredCommuneId = commune;
        return true;
    }

    /// <summary>
    /// Places a registration after the record's current commune was corrected: a person without stored periods has
    /// lived in the commune given since their first record, so the registration follows the correction; one with
    /// periods keeps what the periods say.
    /// </summary>
    public static async Task PlaceAsync(AppDbContext db, Learner learner, CancellationToken cancellationToken)
    {
        var periods = await db.LearnerResidences.IgnoreQueryFilters().Where(r => r.LearnerId == learner.Id)
                .Select(r => new ResidencePeriod(r.CommuneId, r.StartsOn, r.EndsOn)).ToListAsync(cancellationToken);
        Place(learner, await Residences.HistoryAsync(db, learner.CommuneId, periods, cancellationToken));
    }
}

/// <summary>A change of the residence history re-places the registration with the person's other records.</summary>
public sealed class RegistrationResidences(AppDbContext db) : IResidenceEvents
{
    public async Task<int> PlaceAsync(int learnerId, ResidenceHistory history, CancellationToken cancellationToken) =>
        Registrations.Place(await db.Learners.IgnoreQueryFilters().SingleAsync(l => l.Id == learnerId, cancellationToken), history) ? 1 : 0;
}
