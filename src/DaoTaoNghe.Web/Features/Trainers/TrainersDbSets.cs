using DaoTaoNghe.Features.Trainers;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<Trainer> Trainers => Set<Trainer>();
    public DbSet<TrainerOccupation> TrainerOccupations => Set<TrainerOccupation>();
    public DbSet<TrainerInstitution> TrainerInstitutions => Set<TrainerInstitution>();
}
