using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// Who may do what with courses and enrolments, beyond which they see (that is
/// <see cref="CourseScopeRules"/>): the institution keeps its own courses, the province admin every
/// course of the province; everyone else who sees a course only reads it.
/// </summary>
[AreaContract]
public static class CourseAccess
{

    public static bool MayKeep(DataScope scope, int institutionId, int provinceId) =>
        scope.IsSystem
        || (scope.IsProvinceAdmin && scope.ProvinceId == provinceId)
        || (scope.Level == ScopeLevel.Institution && scope.OrganisationId == institutionId);

    /// <summary>
    /// A course to change, tracked with its trainers: not found when out of scope, refused when only readable.
    /// Untracked, it is the course's own row alone, for a use case that changes only its children (an enrolment).
    /// </summary>
    public static async Task<Course> FindToKeepAsync(AppDbContext db, int id, CancellationToken cancellationToken, bool withEnrolments = false, bool tracked = true)
    {
        var courses = tracked ? db.Courses.Include(c => c.Trainers).AsQueryable() : db.Courses.AsNoTracking();
        if (withEnrolments) courses = courses.Include(c => c.Enrolments);
        var course = await courses.AsSplitQuery().SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
                     ?? throw new NotFoundException("Không tìm thấy lớp đào tạo hoặc bạn không có quyền xem.");
        if (!MayKeep(db.Scope, course.InstitutionId, course.ProvinceId)) throw new ForbiddenException();
        return course;
    }

    /// <summary>An enrolment to change, tracked with its course.</summary>
    public static async Task<Enrolment> FindEnrolmentToKeepAsync(AppDbContext db, int id, CancellationToken cancellationToken)
    {
        var enrolment = await db.Enrolments.Include(e => e.Course).SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
                        ?? throw new NotFoundException("Không tìm thấy người học trong lớp hoặc bạn không có quyền xem.");
        if (!MayKeep(db.Scope, enrolment.InstitutionId, enrolment.ProvinceId)) throw new ForbiddenException();
        return enrolment;
    }

    /// <summary>
    /// Inside a transaction, makes concurrent enrolments in the course (and under the order) wait for
    /// each other, so two cannot both take the last seat or the last place of the quota. SQLite
    /// transactions already take the write lock when they begin; PostgreSQL locks the rows.
    /// </summary>
    public static async Task LockAsync(AppDbContext db, int courseId, int? orderId, CancellationToken cancellationToken)
    {
        if (!db.Database.IsNpgsql()) return;
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT id FROM courses WHERE id = {courseId} FOR UPDATE", cancellationToken);
        if (orderId is { } order)
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT id FROM training_orders WHERE id = {order} FOR UPDATE", cancellationToken);
    }

    public static string StateRefusal(Course course, string action) =>
        $"Lớp đang ở trạng thái \"{Infrastructure.Web.Fmt.Enum(course.State)}\": không thể {action}.";
}
