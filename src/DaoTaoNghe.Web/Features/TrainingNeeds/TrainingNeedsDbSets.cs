using DaoTaoNghe.Features.TrainingNeeds;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<TrainingNeed> TrainingNeeds => Set<TrainingNeed>();
}
