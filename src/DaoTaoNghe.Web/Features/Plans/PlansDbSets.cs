using DaoTaoNghe.Features.Plans;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<Plan> Plans => Set<Plan>();
    public DbSet<PlanSection> PlanSections => Set<PlanSection>();
    public DbSet<PlanTask> PlanTasks => Set<PlanTask>();
    public DbSet<TaskParty> TaskParties => Set<TaskParty>();
    public DbSet<TaskAssignment> TaskAssignments => Set<TaskAssignment>();
    public DbSet<TaskUpdate> TaskUpdates => Set<TaskUpdate>();
    public DbSet<TaskEvidence> TaskEvidence => Set<TaskEvidence>();
}
