using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// Takes back an enrolment made by mistake, before the course starts: nothing was taught or paid
/// yet. Once the course runs, a learner who leaves is recorded as a dropout instead.
/// </summary>
public sealed class Unenrol(AppDbContext db, IEnrolmentCertificates certificates) : IHandler
{
    public async Task HandleAsync(int enrolmentId, CancellationToken cancellationToken = default)
    {
        var enrolment = await CourseAccess.FindEnrolmentToKeepAsync(db, enrolmentId, cancellationToken);
        if (enrolment.Course.State is not (CourseState.Planned or CourseState.Open))
            throw new ConflictException("Lớp đã bắt đầu học: không xóa được người học khỏi lớp; hãy ghi nhận bỏ học.");
        if (await certificates.EverIssuedAsync(enrolmentId, cancellationToken))
            throw new ConflictException("Người học đã có chứng chỉ của lớp: không xóa được.");
        db.Enrolments.Remove(enrolment);
        await db.SaveChangesAsync(cancellationToken);
    }
}
