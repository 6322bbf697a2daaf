using DaoTaoNghe.Features.Learners;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<Learner> Learners => Set<Learner>();
    public DbSet<LearnerHousehold> LearnerHouseholds => Set<LearnerHousehold>();
    public DbSet<LearnerConsent> LearnerConsents => Set<LearnerConsent>();
    public DbSet<LearnerPriority> LearnerPriorities => Set<LearnerPriority>();
    public DbSet<PopulationCheck> PopulationChecks => Set<PopulationCheck>();
    public DbSet<LearnerResidence> LearnerResidences => Set<LearnerResidence>();
    public DbSet<SharedPersonCase> SharedPersonCases => Set<SharedPersonCase>();
}
