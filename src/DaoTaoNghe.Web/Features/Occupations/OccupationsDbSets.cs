using DaoTaoNghe.Features.Occupations;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

public partial class AppDbContext
{
    public DbSet<Occupation> Occupations => Set<Occupation>();
}
