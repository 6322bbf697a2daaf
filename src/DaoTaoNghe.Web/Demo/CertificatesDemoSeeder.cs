using DaoTaoNghe.Features.Certificates;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Certificates for the learners who completed the demo's finished courses, issued one to three
/// weeks after the results, numbered in each institution's yearly series in the order issued (the
/// counters left where issuing would leave them), a few revoked with a reason. Verification codes
/// come from the seeded random source, so every fresh demo database prints the same QR codes.
/// Each is signed by a staff member of its institution: the demo account where the institution has
/// one, otherwise an officer of the institution's training office made here (no password, so nobody
/// signs in as them), so a certificate names a person, as a real one does.
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
        var issuers = await IssuersAsync(context, completed.Select(e => e.InstitutionId).Distinct().ToList(), cancellationToken);
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
                    VerificationCode = CertificateNumbers.Encode(bytes), IssuedOn = date, IssuedBy = issuers[e.InstitutionId], HolderName = e.FullName,
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

    private static async Task<Dictionary<int, string>> IssuersAsync(
        DemoSeedContext context, IReadOnlyList<int> institutions, CancellationToken cancellationToken)
    {
        var users = context.Services.GetRequiredService<UserManager<AppUser>>();
        var staff = await users.GetUsersInRoleAsync(Roles.InstitutionStaff);
        // A random source of its own, so the officers' names do not shift the shared one's later draws.
        var names = new Random(470);
        var issuers = new Dictionary<int, string>();
        foreach (var institutionId in institutions.Order())
        {
            if (staff.FirstOrDefault(u => u.OrganisationId == institutionId) is { UserName: { } existing })
            {
                issuers[institutionId] = existing;
                continue;
            }
            var officer = new AppUser
            {
                UserName = $"daotao.{institutionId}", FullName = DemoPeople.Name(names), OrganisationId = institutionId,
                CreatedAt = context.Clock.GetUtcNow().UtcDateTime,
            };
            var result = await users.CreateAsync(officer);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(officer, Roles.InstitutionStaff);
            issuers[institutionId] = officer.UserName;
        }
        return issuers;
    }
}
