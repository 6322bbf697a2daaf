using DaoTaoNghe.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

public partial class AppDbContext
{
    public DbSet<Partnership> Partnerships => Set<Partnership>();
}
