using DaoTaoNghe.Features.Programmes;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<ProgrammeModule> ProgrammeModules => Set<ProgrammeModule>();
    public DbSet<ProgrammeAccreditation> ProgrammeAccreditations => Set<ProgrammeAccreditation>();
    public DbSet<ProgrammeNorm> ProgrammeNorms => Set<ProgrammeNorm>();
    public DbSet<LearningMaterial> LearningMaterials => Set<LearningMaterial>();
}
