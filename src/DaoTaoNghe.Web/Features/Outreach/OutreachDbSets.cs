using DaoTaoNghe.Features.Outreach;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<OutreachEvent> OutreachEvents => Set<OutreachEvent>();
}
