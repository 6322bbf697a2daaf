using DaoTaoNghe.Features.Occupations;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<Occupation> Occupations => Set<Occupation>();
}
