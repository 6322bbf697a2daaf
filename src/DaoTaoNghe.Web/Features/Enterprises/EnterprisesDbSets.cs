using DaoTaoNghe.Features.Enterprises;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

public partial class AppDbContext
{
    public DbSet<EnterpriseProfile> EnterpriseProfiles => Set<EnterpriseProfile>();
}
