using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Certificates;

/// <summary>The certificates of a course's enrolments, as the courses area asks for them.</summary>
public sealed class CourseCertificates(AppDbContext db, Issue.Handler issue) : IEnrolmentCertificates
{
    public async Task<IReadOnlyDictionary<int, EnrolmentCertificate>> ValidOfCourseAsync(int courseId, CancellationToken cancellationToken) =>
        (await db.Certificates.AsNoTracking()
            .Where(c => c.Enrolment.CourseId == courseId && c.RevokedOn == null)
            .Select(c => new EnrolmentCertificate(c.Id, c.EnrolmentId, c.Number, c.IssuedOn))
            .ToListAsync(cancellationToken))
        .ToDictionary(c => c.EnrolmentId);

    public Task<EnrolmentCertificate?> ValidOfEnrolmentAsync(int enrolmentId, CancellationToken cancellationToken) =>
        db.Certificates.AsNoTracking().Where(c => c.EnrolmentId == enrolmentId && c.RevokedOn == null)
            .Select(c => new EnrolmentCertificate(c.Id, c.EnrolmentId, c.Number, c.IssuedOn)).SingleOrDefaultAsync(cancellationToken);

    public async Task<HashSet<int>> CertifiedAsync(IReadOnlyCollection<int> enrolmentIds, CancellationToken cancellationToken) =>
        enrolmentIds.Count == 0 ? [] : (await db.Certificates.IgnoreQueryFilters().Where(c => enrolmentIds.Contains(c.EnrolmentId) && c.RevokedOn == null)
            .Select(c => c.EnrolmentId).ToListAsync(cancellationToken)).ToHashSet();

    public Task<bool> EverIssuedAsync(int enrolmentId, CancellationToken cancellationToken) =>
        db.Certificates.IgnoreQueryFilters().AnyAsync(c => c.EnrolmentId == enrolmentId, cancellationToken);

    public Task<List<int>> IssueForCourseAsync(int courseId, DateOnly? issuedOn, CancellationToken cancellationToken) =>
        issue.IssueForCourseAsync(courseId, issuedOn, cancellationToken);
}
