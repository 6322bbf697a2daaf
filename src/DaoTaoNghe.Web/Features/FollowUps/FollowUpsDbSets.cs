using DaoTaoNghe.Features.FollowUps;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

public partial class AppDbContext
{
    public DbSet<EmploymentOutcome> EmploymentOutcomes => Set<EmploymentOutcome>();
}
