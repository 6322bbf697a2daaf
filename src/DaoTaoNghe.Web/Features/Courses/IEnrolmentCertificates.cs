using DaoTaoNghe.Infrastructure;

namespace DaoTaoNghe.Features.Courses;

/// <summary>A certificate issued for an enrolment, as course pages show it.</summary>
[AreaContract]
public sealed record EnrolmentCertificate(int Id, int EnrolmentId, string Number, DateOnly IssuedOn);

/// <summary>
/// What the courses area needs of the certificates issued for its enrolments, implemented by the
/// area that issues them: which enrolments hold one (a certified result is locked), and issuing
/// them for a finished course from the course's page.
/// </summary>
[AreaContract]
public interface IEnrolmentCertificates
{
    /// <summary>The valid (not revoked) certificates of the course's learners, by enrolment, as far as the caller sees them.</summary>
    Task<IReadOnlyDictionary<int, EnrolmentCertificate>> ValidOfCourseAsync(int courseId, CancellationToken cancellationToken);

    Task<EnrolmentCertificate?> ValidOfEnrolmentAsync(int enrolmentId, CancellationToken cancellationToken);

    /// <summary>Enrolments among <paramref name="enrolmentIds"/> holding a certificate not revoked, read past the caller's scope.</summary>
    Task<HashSet<int>> CertifiedAsync(IReadOnlyCollection<int> enrolmentIds, CancellationToken cancellationToken);

    /// <summary>Whether a certificate was ever issued for the enrolment, revoked or not, read past the caller's scope.</summary>
    Task<bool> EverIssuedAsync(int enrolmentId, CancellationToken cancellationToken);

    /// <summary>Certificates for every learner of the course who completed it and holds no valid one; their ids.</summary>
    Task<List<int>> IssueForCourseAsync(int courseId, DateOnly? issuedOn, CancellationToken cancellationToken);
}
