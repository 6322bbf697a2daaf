using DaoTaoNghe.Features.TrainingNeeds;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

public partial class AppDbContext
{
    public DbSet<TrainingNeed> TrainingNeeds => Set<TrainingNeed>();
}
