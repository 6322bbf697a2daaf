using DaoTaoNghe.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

public partial class AppDbContext
{
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
}
