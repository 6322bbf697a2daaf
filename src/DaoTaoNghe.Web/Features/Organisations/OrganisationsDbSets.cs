using DaoTaoNghe.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<Organisation> Organisations => Set<Organisation>();
}
