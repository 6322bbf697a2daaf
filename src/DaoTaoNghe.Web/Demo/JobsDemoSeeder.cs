using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Enterprises;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.Jobs;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// A year of Lai Châu's labour market on the demo enterprises, learners and courses: vacancies and
/// demand returns, monthly job-exchange sessions with the enterprises taking part, people who came,
/// applications and hires (each hire the person's employment outcome), a few hundred Social Policy
/// Bank loans and some contracts abroad.
/// </summary>
public sealed class JobsDemoSeeder : IDemoSeeder
{
    public int Order => 510;

    public string Title => "việc làm, phiên giao dịch, vay vốn, đi làm việc ở nước ngoài";

    /// <summary>The posts an enterprise of each sector offers, each with the occupation of the catalogue it asks for.</summary>
    private static readonly Dictionary<EnterpriseSector, (string Title, string OccupationCode)[]> Posts = new()
    {
        [EnterpriseSector.Agriculture] = [("Công nhân trồng và chăm sóc chè", "NN.01"), ("Công nhân chăm sóc vườn mắc ca", "NN.10"), ("Công nhân trồng dược liệu", "NN.09"), ("Công nhân chăn nuôi", "NN.03")],
        [EnterpriseSector.FoodProcessing] = [("Công nhân chế biến chè", "NN.02"), ("Công nhân chế biến, bảo quản nông sản", "PNN.15"), ("Công nhân sơ chế dược liệu", "PNN.15")],
        [EnterpriseSector.Garments] = [("Công nhân may công nghiệp", "5540205"), ("Thợ may", "PNN.01"), ("Thợ dệt thổ cẩm", "PNN.02")],
        [EnterpriseSector.Construction] = [("Thợ xây, hoàn thiện", "PNN.11"), ("Thợ hàn", "PNN.04"), ("Lái máy xúc, máy đào", "PNN.13")],
        [EnterpriseSector.Energy] = [("Công nhân vận hành, sửa chữa điện", "5520227"), ("Thợ điện", "PNN.05"), ("Công nhân nuôi cá lồng lòng hồ", "NN.07")],
        [EnterpriseSector.Mining] = [("Lái máy xúc, máy đào", "PNN.13"), ("Thợ sửa chữa cơ khí", "PNN.07"), ("Thợ hàn", "5520123")],
        [EnterpriseSector.Mechanics] = [("Thợ sửa chữa máy nông nghiệp", "PNN.07"), ("Thợ sửa chữa xe máy", "PNN.06"), ("Thợ sửa chữa ô tô", "5510216")],
        [EnterpriseSector.Trade] = [("Nhân viên bán hàng", "PNN.17"), ("Nhân viên bán hàng trực tuyến", "PNN.17"), ("Nhân viên văn phòng, tin học", "PNN.14")],
        [EnterpriseSector.Tourism] = [("Nhân viên phục vụ nhà hàng", "PNN.08"), ("Đầu bếp", "5810207"), ("Hướng dẫn viên du lịch cộng đồng", "PNN.10"), ("Nhân viên homestay", "PNN.09")],
        [EnterpriseSector.Transport] = [("Thợ sửa chữa ô tô", "5510216"), ("Thợ sửa chữa xe máy", "PNN.06")],
        [EnterpriseSector.Services] = [("Thợ làm tóc, trang điểm", "PNN.12"), ("Nhân viên tin học văn phòng", "PNN.14"), ("Thợ mộc", "PNN.16")],
    };

    private static readonly (string Country, string Company)[] Abroad =
        [("Nhật Bản", "Công ty Nông sản Kagoshima"), ("Hàn Quốc", "Công ty Thủy sản Busan"), ("Đài Loan (Trung Quốc)", "Công ty Điện tử Đài Trung"),
         ("Nhật Bản", "Công ty Chế biến thực phẩm Aichi")];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var provinceId = context.Province.Id;
        var today = context.Today;
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var enterprises = await db.Organisations.Where(o => o.ProvinceId == provinceId && o.Kind == OrganisationKind.Enterprise && o.IsActive)
            .OrderBy(o => o.Id).Select(o => o.Id).ToListAsync(cancellationToken);
        var sectors = await db.EnterpriseProfiles.Where(p => enterprises.Contains(p.OrganisationId))
            .ToDictionaryAsync(p => p.OrganisationId, p => p.Sector, cancellationToken);
        var centre = await db.Organisations.Where(o => o.ProvinceId == provinceId && o.Kind == OrganisationKind.EmploymentCentre).OrderBy(o => o.Id)
            .Select(o => o.Id).FirstOrDefaultAsync(cancellationToken);
        var bank = await db.Organisations.Where(o => o.ProvinceId == provinceId && o.Kind == OrganisationKind.SocialPolicyBank).OrderBy(o => o.Id)
            .Select(o => o.Id).FirstOrDefaultAsync(cancellationToken);
        var communes = await db.AdministrativeUnits.Where(u => u.ProvinceId == provinceId && u.Level == UnitLevel.Commune && u.ValidTo == null)
            .OrderBy(u => u.Id).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken);
        var occupations = await db.Occupations.Where(o => o.IsActive).OrderBy(o => o.Id).Select(o => new { o.Id, o.Code, o.Name }).ToListAsync(cancellationToken);
        // Completers are the people placed and lent to: the demo's jobs follow its training.
        var people = await db.Enrolments.Where(e => e.Status == EnrolmentStatus.Completed && e.Learner.ProvinceId == provinceId && e.Learner.MergedIntoId == null)
            .Select(e => new { e.LearnerId, e.Learner.FullName }).Distinct().OrderBy(p => p.LearnerId).ToListAsync(cancellationToken);
        if (enterprises.Count == 0 || centre == 0 || bank == 0 || communes.Count == 0 || occupations.Count == 0 || people.Count == 0) return;

        var vacancies = new List<Vacancy>();
        foreach (var enterpriseId in enterprises)
            for (var i = 0; i < 2 + random.Next(3); i++)
            {
                var posts = Posts[sectors.GetValueOrDefault(enterpriseId, EnterpriseSector.Services)];
                var post = posts[random.Next(posts.Length)];
                var occupation = occupations.FirstOrDefault(o => o.Code == post.OccupationCode) ?? occupations[random.Next(occupations.Count)];
                var posted = today.AddDays(-random.Next(330));
                var wage = 4_500_000 + random.Next(8) * 500_000L;
                var vacancy = new Vacancy
                {
                    EnterpriseId = enterpriseId, ProvinceId = provinceId, OccupationId = occupation.Id, Quantity = 2 + random.Next(20), WageFrom = wage,
                    WageTo = wage + 1_500_000, PlaceCommuneId = communes[random.Next(communes.Count)].Id, PostedOn = posted,
                    Deadline = posted.AddDays(30 + random.Next(90)), Requirements = "Sức khỏe tốt; ưu tiên người đã học nghề", CreatedAt = now,
                };
                vacancy.SetTitle(post.Title, occupation.Name);
                vacancies.Add(vacancy);
                db.LabourDemands.Add(new LabourDemand
                {
                    EnterpriseId = enterpriseId, ProvinceId = provinceId, OccupationId = occupation.Id, Level = (Features.Occupations.TrainingLevel)(1 + random.Next(2)),
                    Workers = 5 + random.Next(40), PlaceCommuneId = vacancy.PlaceCommuneId, NeededFrom = new DateOnly(today.Year + 1, 1 + random.Next(12), 1),
                    CreatedAt = now,
                });
            }
        db.Vacancies.AddRange(vacancies);
        await db.SaveChangesAsync(cancellationToken);

        var sessions = new List<JobSession>();
        for (var month = 11; month >= 0; month--)
        {
            var commune = communes[random.Next(communes.Count)];
            var session = new JobSession
            {
                ProvinceId = provinceId, OrganiserId = centre, Kind = month % 4 == 0 ? SessionKind.Fair : SessionKind.Session,
                HeldOn = today.AddMonths(-month).AddDays(-random.Next(20)), VenueCommuneId = commune.Id, IsOnline = month % 5 == 0, CreatedAt = now,
            };
            session.SetTitle($"{(session.Kind == SessionKind.Fair ? "Ngày hội việc làm" : "Phiên giao dịch việc làm")} tháng {session.HeldOn.Month}/{session.HeldOn.Year} tại {commune.Name}");
            foreach (var enterpriseId in enterprises.OrderBy(_ => random.Next()).Take(Math.Min(enterprises.Count, 2 + random.Next(4))))
                session.Enterprises.Add(new SessionEnterprise { EnterpriseId = enterpriseId, OrganiserId = centre, ProvinceId = provinceId });
            sessions.Add(session);
        }
        db.JobSessions.AddRange(sessions);
        // The next two months' sessions are announced already, with the enterprises that signed up.
        for (var ahead = 1; ahead <= 2; ahead++)
        {
            var commune = communes[(ahead * 7) % communes.Count];
            var upcoming = new JobSession
            {
                ProvinceId = provinceId, OrganiserId = centre, Kind = ahead == 2 ? SessionKind.Fair : SessionKind.Session,
                HeldOn = new DateOnly(today.Year, today.Month, 15).AddMonths(ahead), VenueCommuneId = commune.Id, CreatedAt = now,
            };
            upcoming.SetTitle($"{(upcoming.Kind == SessionKind.Fair ? "Ngày hội việc làm" : "Phiên giao dịch việc làm")} tháng {upcoming.HeldOn.Month}/{upcoming.HeldOn.Year} tại {commune.Name}");
            foreach (var enterpriseId in enterprises.Take(3 * ahead))
                upcoming.Enterprises.Add(new SessionEnterprise { EnterpriseId = enterpriseId, OrganiserId = centre, ProvinceId = provinceId });
            db.JobSessions.Add(upcoming);
        }
        await db.SaveChangesAsync(cancellationToken);

        var applications = new List<JobApplication>();
        var applied = new HashSet<(int, int)>();
        foreach (var session in sessions)
        {
            var open = vacancies.Where(v => session.Enterprises.Any(e => e.EnterpriseId == v.EnterpriseId)).ToList();
            foreach (var person in people.OrderBy(_ => random.Next()).Take(8 + random.Next(10)))
            {
                session.Seekers.Add(new SessionSeeker { LearnerId = person.LearnerId, OrganiserId = centre, ProvinceId = provinceId });
                if (open.Count == 0 || random.Next(3) == 0) continue;
                var vacancy = open[random.Next(open.Count)];
                if (!applied.Add((vacancy.Id, person.LearnerId))) continue;
                var roll = random.Next(10);
                var status = roll < 4 ? ApplicationStatus.Hired : roll < 6 ? ApplicationStatus.Rejected : roll < 8 ? ApplicationStatus.Interviewed : ApplicationStatus.Proposed;
                var decided = session.HeldOn.AddDays(7 + random.Next(14));
                applications.Add(new JobApplication
                {
                    VacancyId = vacancy.Id, SessionId = session.Id, LearnerId = person.LearnerId, ApplicantName = person.FullName, EnterpriseId = vacancy.EnterpriseId,
                    RecordedByOrganisationId = centre, ProvinceId = provinceId, Status = status, ProposedOn = session.HeldOn,
                    InterviewedOn = status == ApplicationStatus.Proposed ? null : session.HeldOn.AddDays(3),
                    DecidedOn = status is ApplicationStatus.Hired or ApplicationStatus.Rejected && decided <= today ? decided : null,
                });
            }
        }
        foreach (var a in applications.Where(a => a.Status is ApplicationStatus.Hired or ApplicationStatus.Rejected && a.DecidedOn is null))
            a.Status = ApplicationStatus.Interviewed;
        db.JobApplications.AddRange(applications);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var hire in applications.Where(a => a.Status == ApplicationStatus.Hired))
            await EmploymentOutcomes.RecordAsync(db, new OutcomeFromElsewhere(hire.LearnerId, hire.DecidedOn!.Value, EmploymentStatus.EmployedByEnterprise,
                hire.EnterpriseId, null, OutcomeSource.Hire, hire.Id, LoanHelped: false, centre), context.Clock, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        var contracts = people.OrderBy(_ => random.Next()).Take(Math.Min(people.Count, 24)).Select(person =>
        {
            var (country, company) = Abroad[random.Next(Abroad.Length)];
            var departure = today.AddDays(-random.Next(360));
            return new AbroadContract
            {
                LearnerId = person.LearnerId, Country = country, ReceivingCompany = company, SendingAgency = "Công ty CP Cung ứng nhân lực quốc tế và Thương mại",
                DepartureOn = departure, ReturnOn = departure.AddYears(3), RecordedByOrganisationId = centre, ProvinceId = provinceId, CreatedAt = now,
            };
        }).ToList();
        db.AbroadContracts.AddRange(contracts);

        var loans = people.OrderBy(_ => random.Next()).Take(Math.Min(people.Count, 300)).Select(person =>
        {
            var purpose = random.Next(3) == 0 ? LoanPurpose.Study : LoanPurpose.StartWork;
            var roll = random.Next(10);
            return new SocialPolicyLoan
            {
                LearnerId = person.LearnerId, BorrowerName = person.FullName, BankBranchId = bank, ProvinceId = provinceId, Purpose = purpose,
                Amount = purpose == LoanPurpose.Study ? 4_000_000 + random.Next(4) * 1_000_000L : 30_000_000 + random.Next(8) * 10_000_000L,
                LoanedOn = today.AddDays(-random.Next(360)),
                Status = roll == 0 ? LoanStatus.Approved : roll == 1 ? LoanStatus.Overdue : roll < 4 ? LoanStatus.Repaid : LoanStatus.Disbursed,
                CreatedAt = now,
            };
        }).ToList();
        db.SocialPolicyLoans.AddRange(loans);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var contract in contracts)
            await EmploymentOutcomes.RecordAsync(db, new OutcomeFromElsewhere(contract.LearnerId, contract.DepartureOn, EmploymentStatus.WorkingAbroad, null,
                $"{contract.ReceivingCompany} ({contract.Country})", OutcomeSource.AbroadContract, contract.Id, LoanHelped: false, centre), context.Clock, cancellationToken);
        foreach (var loan in loans.Where(Features.Jobs.Loans.Create.Handler.StartsWork))
            await EmploymentOutcomes.RecordAsync(db, new OutcomeFromElsewhere(loan.LearnerId, loan.LoanedOn, EmploymentStatus.SelfEmployed, null, null,
                OutcomeSource.Loan, loan.Id, LoanHelped: true, bank), context.Clock, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
