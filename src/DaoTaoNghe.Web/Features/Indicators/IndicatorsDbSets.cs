using DaoTaoNghe.Features.Indicators;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();
    public DbSet<AggregateValue> AggregateValues => Set<AggregateValue>();
}
