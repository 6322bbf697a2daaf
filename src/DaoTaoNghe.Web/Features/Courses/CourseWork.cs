using System.Linq.Expressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// An institution's courses whose dates have come without the system being told: to start (the
/// start date has come, still planned or enrolling) and to finish (the end date has passed, still
/// running). The course list filters by the same rule, so the link lists exactly what is counted.
/// </summary>
public sealed class CourseWork(AppDbContext db, DataScopeAccessor scope, TimeProvider clock) : IWorkSource
{
    public const string ToStart = "can-khai-giang";
    public const string ToFinish = "can-ket-thuc";

    public static Expression<Func<Course, bool>>? Waiting(string? work, DateOnly today) => work switch
    {
        ToStart => c => (c.State == CourseState.Planned || c.State == CourseState.Open) && c.StartDate <= today,
        ToFinish => c => c.State == CourseState.Running && c.EndDate < today,
        _ => null,
    };

    public async Task<IReadOnlyList<WorkItem>> LoadAsync(CancellationToken cancellationToken)
    {
        if (scope.Current.Role != Roles.InstitutionStaff) return [];
        var today = VietnamTime.Today(clock);
        var own = db.Courses.AsNoTracking().Where(c => c.InstitutionId == scope.Current.OrganisationId);
        return
        [
            new("Lớp đến ngày khai giảng chưa bắt đầu học", await own.CountAsync(Waiting(ToStart, today)!, cancellationToken), $"/Courses?viec={ToStart}", Overdue: true),
            new("Lớp đã hết thời gian học, chưa kết thúc", await own.CountAsync(Waiting(ToFinish, today)!, cancellationToken), $"/Courses?viec={ToFinish}", Overdue: true),
        ];
    }
}
