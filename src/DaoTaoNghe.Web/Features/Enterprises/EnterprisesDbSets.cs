using DaoTaoNghe.Features.Enterprises;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<EnterpriseProfile> EnterpriseProfiles => Set<EnterpriseProfile>();
}
