using DaoTaoNghe.Features.Certificates;
using DaoTaoNghe.Features.Courses;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Certificates for the learners who completed the demo's finished courses, issued one to three
/// weeks after the results, numbered in each institution's yearly series in the order issued (the
/// counters left where issuing would leave them), a few revoked with a reason. Verification codes
/// come from the seeded random source, so every fresh demo database prints the same QR codes.
/// </summary>
public sealed class CertificatesDemoSeeder : IDemoSeeder
{
    public int Order => 470;

    public string Title => "chứng chỉ, chứng nhận";

    private static readonly string[] RevocationReasons =
    [
        "Cấp nhầm họ tên người học; đã cấp lại chứng chỉ mới", "Người học không đủ điều kiện dự kiểm tra kết thúc khóa học theo kết luận thanh tra",
        "Sai ngày sinh so với căn cước công dân; đã cấp lại",
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var today = context.Today;
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var completed = await db.Enrolments
            .Where(e => e.ProvinceId == context.Province.Id && e.Status == EnrolmentStatus.Completed && e.Course.State == CourseState.Finished)
            .OrderBy(e => e.CourseId).ThenBy(e => e.Learner.SearchName).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.CourseId, e.ResultOn, e.InstitutionId, e.ProvinceId, e.Learner.FullName, e.Learner.BirthDate, Occupation = e.Course.Occupation.Name,
                e.Course.Level, Institution = e.Course.Institution.Name, e.Course.Institution.ShortName, e.Course.StartDate, e.Course.EndDate,
            })
            .ToListAsync(cancellationToken);

        var issuedOn = completed.GroupBy(e => e.CourseId).ToDictionary(g => g.Key, g =>
        {
            var date = g.First().ResultOn!.Value.AddDays(7 + random.Next(15));
            return date < today ? date : today;
        });
        var certificates = new List<Certificate>();
        foreach (var series in completed.GroupBy(e => (e.InstitutionId, issuedOn[e.CourseId].Year)))
        {
            var sequence = 0;
            foreach (var e in series.OrderBy(e => issuedOn[e.CourseId]).ThenBy(e => e.CourseId))
            {
                var date = issuedOn[e.CourseId];
                var bytes = new byte[CertificateNumbers.CodeLength];
                random.NextBytes(bytes);
                var certificate = new Certificate
                {
                    EnrolmentId = e.Id, InstitutionId = e.InstitutionId, ProvinceId = e.ProvinceId, Year = date.Year, Sequence = ++sequence,
                    Number = CertificateNumbers.Format(CertificateNumbers.InstitutionCode(e.ShortName, e.Institution), date.Year, sequence),
                    VerificationCode = CertificateNumbers.Encode(bytes), IssuedOn = date, IssuedBy = "demo", HolderName = e.FullName,
                    HolderBirthDate = e.BirthDate, OccupationName = e.Occupation, Level = e.Level, InstitutionName = e.Institution,
                    CourseStart = e.StartDate, CourseEnd = e.EndDate, CreatedAt = now,
                };
                if (random.Next(100) < 2 && date.AddDays(30) < today)
                {
                    certificate.RevokedOn = date.AddDays(30 + random.Next(Math.Max(1, Math.Min(300, today.DayNumber - date.DayNumber - 30))));
                    certificate.RevocationReason = RevocationReasons[random.Next(RevocationReasons.Length)];
                    certificate.RevokedBy = "sogddt";
                }
                certificates.Add(certificate);
            }
            db.CertificateCounters.Add(new CertificateCounter { InstitutionId = series.Key.InstitutionId, Year = series.Key.Year, LastNumber = sequence });
        }
        db.Certificates.AddRange(certificates);
        await db.SaveChangesAsync(cancellationToken);
    }
}
