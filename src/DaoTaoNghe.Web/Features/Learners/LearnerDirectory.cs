using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// People as other areas look them up (untracked; a merged duplicate names its survivor in
/// <see cref="Learner.MergedIntoId"/>): through the caller's
/// scope, or – where an area must find a person wherever they are registered (enrolling by CCCD, a
/// job seeker at a session) – past it, in one named place so that every such lookup can be reviewed.
/// Only this area changes a person's record.
/// </summary>
[AreaContract]
public static class LearnerDirectory
{
    public static IQueryable<Learner> Visible(AppDbContext db) => db.Learners.AsNoTracking();

    public static IQueryable<Learner> PastScope(AppDbContext db) => db.Learners.IgnoreQueryFilters().AsNoTracking();
}
