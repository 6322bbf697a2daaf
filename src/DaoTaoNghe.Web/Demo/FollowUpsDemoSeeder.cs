using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Enterprises;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Follow-ups of the demo completions whose checkpoints are past, recorded by the commune of
/// residence: about four in five people employed (mostly self-employed in farming and trades, then
/// enterprises, cooperatives, a few abroad), some still without work at 3 months. Follow-ups due
/// this month stay open, and some overdue ones too – more in Bình Lư and Tân Uyên, whose demo
/// officers (xa.binhlu, xa.tanuyen) show the due and overdue lists.
/// </summary>
public sealed class FollowUpsDemoSeeder : IDemoSeeder
{
    public int Order => 500;

    public string Title => "theo dõi việc làm sau đào tạo";

    private static readonly string[] OpenCommunes = ["Xã Bình Lư", "Xã Tân Uyên"];

    private static readonly string[] LocalEmployers =
    [
        "Cơ sở chế biến chè Bản Giang", "Xưởng mộc Phúc Khoa", "Cơ sở may Thu Hằng", "Trang trại chăn nuôi Nậm Tăm", "Quán ăn Hương Rừng",
        "Gara sửa chữa xe máy Minh Tuấn", "Homestay bản Sin Suối Hồ",
    ];

    private static readonly string[] Cooperatives =
    [
        "Hợp tác xã chè Shan tuyết Tả Phìn", "Tổ hợp tác dệt thổ cẩm bản Hon", "Hợp tác xã dược liệu Sìn Hồ", "Hợp tác xã nông nghiệp Mường Than",
    ];

    private static readonly string[] Abroad =
    [
        "Công ty cổ phần nhân lực quốc tế – làm việc tại Nhật Bản", "Công ty TNHH cung ứng lao động – làm việc tại Hàn Quốc (EPS)",
        "Công ty cổ phần xuất khẩu lao động – làm việc tại Đài Loan",
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var today = context.Today;
        var month = new DateOnly(today.Year, today.Month, 1);
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var provinceId = context.Province.Id;

        var completions = await db.Enrolments
            .Where(e => e.ProvinceId == provinceId && e.Status == EnrolmentStatus.Completed && e.ResultOn != null && e.Course.State != CourseState.Cancelled)
            .OrderBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.LearnerId, e.InstitutionId, e.ProvinceId, e.ResidenceCommuneId, CommuneNowId = e.ResidenceCommune.RollUpUnitId ?? e.ResidenceCommuneId,
                CommuneNow = e.ResidenceCommune.RollUpUnit != null ? e.ResidenceCommune.RollUpUnit.Name : e.ResidenceCommune.Name, CompletedOn = e.ResultOn!.Value,
            })
            .ToListAsync(cancellationToken);
        var communeGovernments = await db.Organisations
            .Where(o => o.ProvinceId == provinceId && o.Kind == OrganisationKind.CommuneGovernment)
            .ToDictionaryAsync(o => o.UnitId, o => o.Id, cancellationToken);
        var enterprises = await db.EnterpriseProfiles.Where(p => p.ProvinceId == provinceId && p.Organisation.IsActive)
            .OrderBy(p => p.OrganisationId).Select(p => new { p.OrganisationId, p.Form }).ToListAsync(cancellationToken);
        var companies = enterprises.Where(e => e.Form != EnterpriseForm.Cooperative).Select(e => e.OrganisationId).ToList();
        var cooperatives = enterprises.Where(e => e.Form == EnterpriseForm.Cooperative).Select(e => e.OrganisationId).ToList();

        var outcomes = new List<EmploymentOutcome>();
        foreach (var completion in completions)
        {
            if (!communeGovernments.TryGetValue(completion.CommuneNowId, out var recorder)) continue;
            var final = FinalStatus(random.Next(100));
            var startsLate = EmploymentOutcome.IsEmployed(final) && random.Next(100) < 30;
            var employer = Employer(final);
            var income = Income(final);
            var loan = final switch
            {
                EmploymentStatus.SelfEmployed => random.Next(100) < 35,
                EmploymentStatus.WorkingAbroad => random.Next(100) < 40,
                EmploymentStatus.Cooperative => random.Next(100) < 15,
                _ => false,
            };
            var followUps = new List<EmploymentOutcome>();
            foreach (var checkpoint in EmploymentOutcome.Checkpoints)
            {
                var due = completion.CompletedOn.AddMonths(checkpoint);
                if (due >= month) break;
                var leftOpen = OpenCommunes.Contains(completion.CommuneNow) && due >= month.AddMonths(-3) ? 30 : 6;
                if (random.Next(100) < leftOpen) continue;
                var status = checkpoint == 3 && startsLate ? EmploymentStatus.Unemployed : final;
                var outcome = new EmploymentOutcome
                {
                    LearnerId = completion.LearnerId, EnrolmentId = completion.Id, InstitutionId = completion.InstitutionId, Checkpoint = checkpoint,
                    OutcomeOn = Min(due.AddDays(random.Next(21)), today.AddDays(-1)), Status = status, Source = OutcomeSource.FollowUp,
                    EnterpriseId = EmploymentOutcome.IsEmployed(status) ? employer.EnterpriseId : null,
                    EmployerName = EmploymentOutcome.IsEmployed(status) ? employer.Name : null,
                    IncomeBand = EmploymentOutcome.IsEmployed(status) ? income : null, LoanHelped = EmploymentOutcome.IsEmployed(status) && loan,
                    ResidenceCommuneId = completion.ResidenceCommuneId, RecordedByOrganisationId = recorder, ProvinceId = completion.ProvinceId,
                    CreatedAt = now, UpdatedAt = now,
                };
                followUps.Add(outcome);
            }
            EmploymentOutcomes.MarkNewJobs(followUps);
            outcomes.AddRange(followUps);
        }
        db.EmploymentOutcomes.AddRange(outcomes);
        await db.SaveChangesAsync(cancellationToken);

        EmploymentStatus FinalStatus(int roll) => roll switch
        {
            < 36 => EmploymentStatus.SelfEmployed,
            < 58 => EmploymentStatus.EmployedByEnterprise,
            < 74 => EmploymentStatus.Cooperative,
            < 80 => EmploymentStatus.WorkingAbroad,
            < 85 => EmploymentStatus.StudyingFurther,
            _ => EmploymentStatus.Unemployed,
        };

        (int? EnterpriseId, string? Name) Employer(EmploymentStatus status) => status switch
        {
            EmploymentStatus.EmployedByEnterprise when companies.Count > 0 && random.Next(100) < 80 => (companies[random.Next(companies.Count)], null),
            EmploymentStatus.EmployedByEnterprise => (null, LocalEmployers[random.Next(LocalEmployers.Length)]),
            EmploymentStatus.Cooperative when cooperatives.Count > 0 && random.Next(100) < 50 => (cooperatives[random.Next(cooperatives.Count)], null),
            EmploymentStatus.Cooperative => (null, Cooperatives[random.Next(Cooperatives.Length)]),
            EmploymentStatus.WorkingAbroad => (null, Abroad[random.Next(Abroad.Length)]),
            _ => (null, null),
        };

        IncomeBand? Income(EmploymentStatus status) => status switch
        {
            EmploymentStatus.SelfEmployed or EmploymentStatus.Cooperative => random.Next(100) < 55 ? IncomeBand.Under3 : IncomeBand.From3To5,
            EmploymentStatus.EmployedByEnterprise => random.Next(100) < 60 ? IncomeBand.From3To5 : IncomeBand.From5To7,
            EmploymentStatus.WorkingAbroad => random.Next(100) < 70 ? IncomeBand.Over10 : IncomeBand.From7To10,
            _ => null,
        };
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
