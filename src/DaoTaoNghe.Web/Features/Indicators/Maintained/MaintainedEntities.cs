using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>
/// One maintained value: what a computation counts for one year (and month), in one commune as the
/// records place it (the commune of the record's date: a pre-2025 commune for old records), carried
/// out by one organisation, in total or for one member of a breakdown. Dashboards sum these rows
/// through today's map (roll-up, districts, the province) instead of counting the records; the
/// worker keeps them equal to the computation (see <see cref="MaintainedValues"/>).
/// </summary>
public class IndicatorCell : INotAudited
{
    public long Id { get; set; }

    /// <summary>The computation's name (Catalogue/indicators.json <c>computation</c>).</summary>
    public string Computation { get; set; } = "";

    public int Year { get; set; }

    /// <summary>1–12 for a month's total; 0 for the year's total and for every breakdown row.</summary>
    public int Month { get; set; }

    /// <summary>The commune the rows sit in, as recorded (today's or a pre-2025 one).</summary>
    public int CommuneId { get; set; }
    public AdministrativeUnit Commune { get; set; } = null!;

    /// <summary>Who carried the rows out, for computations that say so; null otherwise or when the rows do not say.</summary>
    [RangedKey] public int? OrganisationId { get; set; }

    /// <summary>The breakdown (a <see cref="Indicators.Dimension"/> name); null for totals.</summary>
    public string? Dimension { get; set; }

    /// <summary>The breakdown's key as the live computation gives it (an enum name, an id, True/False); null for "not recorded" and for totals.</summary>
    public string? Member { get; set; }

    public long Value { get; set; }
}

/// <summary>
/// A change that may move maintained values, written by the database's triggers in the writing
/// transaction (insert only, so writers never wait on each other): the cells of a family (the rows
/// of one entity) in a commune and year – any commune or any year when null – or a person whose
/// records changed, whose cells the worker looks up. The worker recomputes and deletes them.
/// </summary>
[TableKind(TableKind.Instance)]
public class IndicatorMark : INotAudited
{
    public long Id { get; set; }
    public string? Family { get; set; }
    public int? CommuneId { get; set; }
    public int? Year { get; set; }

    /// <summary>"learner" for a person whose records changed; null for a family's cells.</summary>
    public string? Subject { get; set; }
    [RangedKey] public int? SubjectId { get; set; }
}

/// <summary>
/// The maintained values' one state row: for which definitions they were built (computations and
/// triggers; dashboards read them only while this matches the running code), the last full rebuild
/// and its report, and a rebuild asked for from the admin page.
/// </summary>
[KeysChosenByCode]
[TableKind(TableKind.Instance)]
public class IndicatorCellsState : INotAudited
{
    public int Id { get; set; }

    /// <summary>Of the computations and triggers the values were built with; null until the first build.</summary>
    public string? Fingerprint { get; set; }

    public DateTime? BuiltAt { get; set; }

    /// <summary>
    /// The values count every change saved before this instant: when the marks were last found all applied (set as a
    /// pass empties the queue, and at least once a minute while it stays empty). A dashboard reading values with marks
    /// still waiting says so, with this time.
    /// </summary>
    public DateTime? CurrentAt { get; set; }
    public DateTime? RebuildRequestedAt { get; set; }
    public string? RebuildRequestedBy { get; set; }

    /// <summary>What the running rebuild is doing ("3/15 training.completed 2025"); null when none runs.</summary>
    public string? Progress { get; set; }

    /// <summary>The last rebuild's report: when, how long, how many values, each difference found (JSON).</summary>
    public string? Report { get; set; }
}

public class IndicatorCellConfiguration : IEntityTypeConfiguration<IndicatorCell>
{
    public void Configure(EntityTypeBuilder<IndicatorCell> b)
    {
        b.Property(c => c.Computation).HasMaxLength(64);
        b.Property(c => c.Dimension).HasMaxLength(32);
        b.Property(c => c.Member).HasMaxLength(64);
        b.HasIndex(c => new { c.Computation, c.Year, c.CommuneId });
        b.HasIndex(c => new { c.Computation, c.Year, c.OrganisationId });
        // A dashboard reads the yearly totals of every computation at once: a few thousand rows among the breakdowns' hundreds of thousands.
        b.HasIndex(c => new { c.Year, c.CommuneId, c.Computation, c.OrganisationId, c.Value }).HasDatabaseName("ix_indicator_cells_totals")
            .HasFilter("dimension IS NULL AND month = 0");
        b.HasOne(c => c.Commune).WithMany().HasForeignKey(c => c.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class IndicatorMarkConfiguration : IEntityTypeConfiguration<IndicatorMark>
{
    public void Configure(EntityTypeBuilder<IndicatorMark> b)
    {
        b.Property(m => m.Family).HasMaxLength(40);
        b.Property(m => m.Subject).HasMaxLength(20);
    }
}

public class IndicatorCellsStateConfiguration : IEntityTypeConfiguration<IndicatorCellsState>
{
    public void Configure(EntityTypeBuilder<IndicatorCellsState> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Fingerprint).HasMaxLength(64);
        b.Property(s => s.RebuildRequestedBy).HasMaxLength(256);
        b.Property(s => s.Progress).HasMaxLength(300);
    }
}
