using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Plans;

/// <summary>Plans, their tasks and the bodies' assignments as other areas read them (untracked); only this area changes them.</summary>
[AreaContract]
public static class PlanRecords
{
    public static IQueryable<Plan> Plans(AppDbContext db) => db.Plans.AsNoTracking();

    public static IQueryable<PlanTask> Tasks(AppDbContext db) => db.PlanTasks.AsNoTracking();

    public static IQueryable<TaskAssignment> Assignments(AppDbContext db) => db.TaskAssignments.AsNoTracking();

    /// <summary>Assignments of plans still in force: a plan replaced by a newer one no longer asks anything.</summary>
    public static IQueryable<TaskAssignment> CurrentAssignments(AppDbContext db) =>
        Assignments(db).Where(a => !db.Plans.Any(p => p.ReplacesId == a.Task.PlanId));
}
