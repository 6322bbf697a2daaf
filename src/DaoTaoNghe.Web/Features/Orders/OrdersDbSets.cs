using DaoTaoNghe.Features.Orders;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<TrainingOrder> TrainingOrders => Set<TrainingOrder>();
}
