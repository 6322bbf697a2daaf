using DaoTaoNghe.Features.Partnerships;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<Partnership> Partnerships => Set<Partnership>();
}
