using DaoTaoNghe.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

public partial class AppDbContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
}
