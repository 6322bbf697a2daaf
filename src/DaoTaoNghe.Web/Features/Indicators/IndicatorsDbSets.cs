using DaoTaoNghe.Features.Indicators;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();
    public DbSet<AggregateValue> AggregateValues => Set<AggregateValue>();
    public DbSet<IndicatorCell> IndicatorCells => Set<IndicatorCell>();
    public DbSet<IndicatorMark> IndicatorMarks => Set<IndicatorMark>();
    public DbSet<IndicatorCellsState> IndicatorCellsStates => Set<IndicatorCellsState>();
    public DbSet<NationalPersonCount> NationalPersonCounts => Set<NationalPersonCount>();
}
