using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>
/// The nation's number of people of one person-counting computation (<see cref="IndicatorComputation.CountsPersonsNationally"/>)
/// in one calendar year, each person once across provinces, as the national tier last counted it
/// (<see cref="NationalPersonCounter"/>). Counting it takes tens of seconds over a national database, so the comparison of
/// the provinces reads it from here with its time instead. A row without a count is a year someone asked for.
/// </summary>
[TableKind(TableKind.Instance)]
public class NationalPersonCount : INotAudited
{
    /// <summary>The computation's name (Catalogue/indicators.json <c>computation</c>).</summary>
    public string Computation { get; set; } = "";

    public int Year { get; set; }

    /// <summary>The people counted; null until the first count.</summary>
    public long? Persons { get; set; }

    /// <summary>When the count started (it counts the records as they were then).</summary>
    public DateTime? CountedAt { get; set; }

    /// <summary>How long the count took, for the operator.</summary>
    public double? Seconds { get; set; }

    /// <summary>When the year was first asked for (by the comparison, or the worker's own years).</summary>
    public DateTime AskedAt { get; set; }
}

public class NationalPersonCountConfiguration : IEntityTypeConfiguration<NationalPersonCount>
{
    public void Configure(EntityTypeBuilder<NationalPersonCount> b)
    {
        b.HasKey(c => new { c.Computation, c.Year });
        b.Property(c => c.Computation).HasMaxLength(64);
    }
}
