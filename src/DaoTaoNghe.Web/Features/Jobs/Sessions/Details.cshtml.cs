using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Enterprises;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Sessions;

/// <summary>
/// A session with the enterprises taking part, the job seekers who came and the applications made
/// there; its organiser registers them and moves applications on.
/// </summary>
public class Details(Details.Handler handler, EnterpriseChoices enterprises, Propose.Handler propose, Advance.Handler advance) : PageModel
{
    public sealed record Result(int Id, SessionKind Kind, string Title, DateOnly HeldOn, string VenueName, bool IsOnline, string OrganiserName,
        string? Notes, List<EnterpriseRow> Enterprises, List<SeekerRow> Seekers, List<ApplicationRow> Applications);

    public sealed record EnterpriseRow(int EnterpriseId, string Name);

    public sealed record SeekerRow(int LearnerId, string FullName, string CommuneName);

    public sealed record ApplicationRow(int Id, string VacancyTitle, string EnterpriseName, string FullName, ApplicationStatus Status, DateOnly ProposedOn);

    public sealed record VacancyOption(int Id, string Label);

    public sealed class Handler(AppDbContext db, CccdLookups lookups, TimeProvider clock) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var session = await db.JobSessions.AsNoTracking().Where(s => s.Id == id)
                              .Select(s => new { s.Id, s.Kind, s.Title, s.HeldOn, Venue = s.VenueCommune.Name, s.IsOnline, Organiser = s.Organiser.Name, s.Notes })
                              .SingleOrDefaultAsync(cancellationToken)
                          ?? throw new NotFoundException("Không tìm thấy phiên giao dịch việc làm hoặc bạn không có quyền xem.");
            var taking = await db.SessionEnterprises.AsNoTracking().Where(e => e.SessionId == id).OrderBy(e => e.Enterprise.Name)
                .Select(e => new EnterpriseRow(e.EnterpriseId, e.Enterprise.Name)).ToListAsync(cancellationToken);
            var seekers = await db.SessionSeekers.AsNoTracking().Where(s => s.SessionId == id).OrderBy(s => s.Learner.FullName)
                .Select(s => new SeekerRow(s.LearnerId, s.Learner.FullName, s.Learner.Commune.Name)).ToListAsync(cancellationToken);
            var applications = await db.JobApplications.AsNoTracking().Where(a => a.SessionId == id).OrderBy(a => a.Id)
                .Select(a => new ApplicationRow(a.Id, a.Vacancy.Title, a.Vacancy.Enterprise.Name, a.ApplicantName, a.Status, a.ProposedOn))
                .ToListAsync(cancellationToken);
            return new Result(session.Id, session.Kind, session.Title, session.HeldOn, session.Venue, session.IsOnline, session.Organiser, session.Notes,
                taking, seekers, applications);
        }

        /// <summary>Open vacancies of the enterprises taking part: what seekers at this session can be put forward for.</summary>
        public async Task<List<VacancyOption>> VacanciesAsync(int id, CancellationToken cancellationToken)
        {
            var today = VietnamTime.Today(clock);
            return await db.Vacancies.AsNoTracking()
                .Where(v => v.Deadline >= today && db.SessionEnterprises.Any(e => e.SessionId == id && e.EnterpriseId == v.EnterpriseId))
                .OrderBy(v => v.Enterprise.Name).ThenBy(v => v.Title)
                .Select(v => new VacancyOption(v.Id, v.Enterprise.Name + " – " + v.Title)).ToListAsync(cancellationToken);
        }

        public async Task AddEnterpriseAsync(int id, int? enterpriseId, EnterpriseChoices choices, CancellationToken cancellationToken)
        {
            var session = await FindAsync(id, cancellationToken);
            if (enterpriseId is not { } eid || !await choices.IsActiveAsync(eid, cancellationToken))
                throw new ValidationFailedException("EnterpriseId", "Vui lòng chọn một doanh nghiệp đang hoạt động của tỉnh.");
            if (await db.SessionEnterprises.AnyAsync(e => e.SessionId == id && e.EnterpriseId == eid, cancellationToken))
                throw new ValidationFailedException("EnterpriseId", "Doanh nghiệp đã có trong danh sách tham gia phiên.");
            db.SessionEnterprises.Add(new SessionEnterprise { SessionId = id, EnterpriseId = eid, OrganiserId = session.OrganiserId, ProvinceId = session.ProvinceId });
            await db.SaveChangesAsync(cancellationToken);
        }

        /// <summary>The seeker by CCCD, or by name and birth date when no CCCD is typed.</summary>
        public async Task AddSeekerAsync(int id, string? cccd, string? fullName, DateOnly? birthDate, CancellationToken cancellationToken)
        {
            var session = await FindAsync(id, cancellationToken);
            var byName = string.IsNullOrWhiteSpace(cccd) && (!string.IsNullOrWhiteSpace(fullName) || birthDate is not null);
            var learnerId = byName
                ? await PersonLookup.ByNameAndBirthDateAsync(db, fullName, birthDate, cancellationToken)
                : await PersonLookup.ByCccdAsync(db, lookups, cccd, "Cccd", cancellationToken);
            if (await db.SessionSeekers.AnyAsync(s => s.SessionId == id && s.LearnerId == learnerId, cancellationToken))
                throw new ValidationFailedException(byName ? "FullName" : "Cccd", "Người này đã có trong danh sách người tìm việc của phiên.");
            db.SessionSeekers.Add(new SessionSeeker { SessionId = id, LearnerId = learnerId, OrganiserId = session.OrganiserId, ProvinceId = session.ProvinceId });
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<JobSession> FindAsync(int id, CancellationToken cancellationToken) =>
            await db.JobSessions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy phiên giao dịch việc làm hoặc bạn không có quyền xem.");
    }

    public Result Data { get; private set; } = null!;
    public List<SelectListItem> EnterpriseOptions { get; private set; } = [];
    public List<SelectListItem> VacancyOptions { get; private set; } = [];

    public Task OnGetAsync(int id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    public Task<IActionResult> OnPostEnterpriseAsync(int id, int? enterpriseId, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
        {
            await handler.AddEnterpriseAsync(id, enterpriseId, enterprises, cancellationToken);
            TempData["Message"] = "Đã thêm doanh nghiệp tham gia.";
            return RedirectToPage(new { id });
        }, () => LoadAsync(id, cancellationToken), prefix: "");

    public Task<IActionResult> OnPostSeekerAsync(int id, string? cccd, string? fullName, DateOnly? birthDate, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
        {
            await handler.AddSeekerAsync(id, cccd, fullName, birthDate, cancellationToken);
            TempData["Message"] = "Đã thêm người tìm việc.";
            return RedirectToPage(new { id });
        }, () => LoadAsync(id, cancellationToken), prefix: "");

    public Task<IActionResult> OnPostProposeAsync(int id, int? vacancyId, string? cccd, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
        {
            await propose.HandleAsync(new Propose.Command { SessionId = id, VacancyId = vacancyId, Cccd = cccd }, cancellationToken);
            TempData["Message"] = "Đã giới thiệu người tìm việc.";
            return RedirectToPage(new { id });
        }, () => LoadAsync(id, cancellationToken), prefix: "");

    public Task<IActionResult> OnPostAdvanceAsync(int id, int applicationId, ApplicationStatus to, DateOnly? on, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
        {
            await advance.HandleAsync(applicationId, to, on, cancellationToken);
            TempData["Message"] = to == ApplicationStatus.Hired ? "Đã ghi nhận tuyển dụng và việc làm của người lao động." : "Đã cập nhật hồ sơ ứng tuyển.";
            return RedirectToPage(new { id });
        }, () => LoadAsync(id, cancellationToken), prefix: "");

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        if (User.Holds(JobPolicies.WriteSessions))
        {
            EnterpriseOptions = await enterprises.SelectListAsync(cancellationToken);
            VacancyOptions = (await handler.VacanciesAsync(id, cancellationToken)).Select(v => new SelectListItem(v.Label, v.Id.ToString())).ToList();
        }
    }
}
