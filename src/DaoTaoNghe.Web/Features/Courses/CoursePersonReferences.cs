using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>A merged person's enrolments move to the survivor, except in courses the survivor is already in.</summary>
public sealed class CoursePersonReferences(AppDbContext db) : IPersonReferences
{
    public int Order => 10;

    public IReadOnlyCollection<Type> Entities { get; } = [typeof(Enrolment)];

    public async Task RepointAsync(int mergedId, int survivorId, CancellationToken cancellationToken)
    {
        var survivorCourses = await db.Enrolments.IgnoreQueryFilters().Where(e => e.LearnerId == survivorId)
            .Select(e => e.CourseId).ToListAsync(cancellationToken);
        foreach (var enrolment in await db.Enrolments.IgnoreQueryFilters().Where(e => e.LearnerId == mergedId).ToListAsync(cancellationToken))
            if (!survivorCourses.Contains(enrolment.CourseId))
                enrolment.LearnerId = survivorId;
    }
}
