using DaoTaoNghe.Features.Institutions;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<InstitutionProfile> InstitutionProfiles => Set<InstitutionProfile>();
    public DbSet<LicensedOccupation> LicensedOccupations => Set<LicensedOccupation>();
}
