using DaoTaoNghe.Features.Users;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
}
