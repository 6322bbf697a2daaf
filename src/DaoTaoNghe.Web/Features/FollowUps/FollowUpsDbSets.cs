using DaoTaoNghe.Features.FollowUps;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<EmploymentOutcome> EmploymentOutcomes => Set<EmploymentOutcome>();
}
