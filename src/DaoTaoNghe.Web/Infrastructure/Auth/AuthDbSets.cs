using DaoTaoNghe.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

public partial class AppDbContext
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
}
