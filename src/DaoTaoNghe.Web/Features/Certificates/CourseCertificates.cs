using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Certificates;

public sealed record CertificateLink(int Id, int EnrolmentId, string Number, DateOnly IssuedOn);

/// <summary>The certificates area's named query for course pages: the valid certificate of each learner of a course.</summary>
public sealed class CourseCertificates(AppDbContext db) : IHandler
{
    public async Task<Dictionary<int, CertificateLink>> ValidOfCourseAsync(int courseId, CancellationToken cancellationToken = default) =>
        (await db.Certificates.AsNoTracking()
            .Where(c => c.Enrolment.CourseId == courseId && c.RevokedOn == null)
            .Select(c => new CertificateLink(c.Id, c.EnrolmentId, c.Number, c.IssuedOn))
            .ToListAsync(cancellationToken))
        .ToDictionary(c => c.EnrolmentId);

    public Task<CertificateLink?> ValidOfEnrolmentAsync(int enrolmentId, CancellationToken cancellationToken = default) =>
        db.Certificates.AsNoTracking().Where(c => c.EnrolmentId == enrolmentId && c.RevokedOn == null)
            .Select(c => new CertificateLink(c.Id, c.EnrolmentId, c.Number, c.IssuedOn)).SingleOrDefaultAsync(cancellationToken);
}
