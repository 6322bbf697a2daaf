using DaoTaoNghe.Features.Orders;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

public partial class AppDbContext
{
    public DbSet<TrainingOrder> TrainingOrders => Set<TrainingOrder>();
}
