using DaoTaoNghe.Features.Catalogues;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<EthnicGroup> EthnicGroups => Set<EthnicGroup>();
}
