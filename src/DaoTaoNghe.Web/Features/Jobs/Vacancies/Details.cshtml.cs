using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Jobs.Matching;
using DaoTaoNghe.Features.Jobs.Sessions;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Vacancies;

/// <summary>A vacancy; the placing roles also see the best-matching people and put them forward from here.</summary>
public class Details(Details.Handler handler, Matches matches, Propose.Handler propose, AuditTrail audit) : PageModel
{
    public sealed record Result(
        int Id, string Title, int EnterpriseId, string EnterpriseName, int OccupationId, string OccupationName, int Quantity, long? WageFrom,
        long? WageTo, int PlaceCommuneId, string PlaceCommuneName, string? Requirements, DateOnly PostedOn, DateOnly Deadline, int Leads)
    {
        public IReadOnlyList<ApplicationLine> Applications { get; init; } = [];
        public int Hired => Applications.Count(a => a.Status == ApplicationStatus.Hired);
    }

    /// <summary>A person put forward for the vacancy, where their application stands and when it was decided.</summary>
    public sealed record ApplicationLine(string FullName, ApplicationStatus Status, DateOnly ProposedOn, DateOnly? InterviewedOn, DateOnly? DecidedOn,
        int? SessionId, string? SessionTitle);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var vacancy = await db.Vacancies.AsNoTracking()
                              .Where(v => v.Id == id)
                              .Select(v => new Result(v.Id, v.Title, v.EnterpriseId, v.Enterprise.Name, v.OccupationId, v.Occupation.Name, v.Quantity,
                                  v.WageFrom, v.WageTo, v.PlaceCommuneId, v.PlaceCommune.Name, v.Requirements, v.PostedOn, v.Deadline,
                                  db.InterestLeads.Count(l => l.VacancyId == v.Id)))
                              .SingleOrDefaultAsync(cancellationToken)
                          ?? throw new NotFoundException("Không tìm thấy tin tuyển dụng hoặc bạn không có quyền xem.");
            var applications = await db.JobApplications.AsNoTracking().Where(a => a.VacancyId == id)
                .OrderBy(a => a.Status == ApplicationStatus.Hired ? 0 : 1).ThenByDescending(a => a.DecidedOn).ThenBy(a => a.Id)
                .Select(a => new ApplicationLine(a.ApplicantName, a.Status, a.ProposedOn, a.InterviewedOn, a.DecidedOn, a.SessionId,
                    a.Session != null ? a.Session.Title : null))
                .ToListAsync(cancellationToken);
            return vacancy with { Applications = applications };
        }
    }

    public Result Data { get; private set; } = null!;

    /// <summary>The best-matching people, for the placing roles only (null for anyone else).</summary>
    public Matches.ForVacancyResult? Matching { get; private set; }

    public Task OnGetAsync(int id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    public Task<IActionResult> OnPostProposeAsync(int id, int? learnerId, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
        {
            await propose.HandleAsync(new Propose.Command { VacancyId = id, LearnerId = learnerId }, cancellationToken);
            TempData["Message"] = "Đã giới thiệu người lao động vào tin tuyển dụng.";
            return RedirectToPage(new { id });
        }, () => LoadAsync(id, cancellationToken), prefix: "");

    public async Task<IActionResult> OnGetExportAsync(int id, CancellationToken cancellationToken)
    {
        var result = await matches.ForVacancyAsync(id, cancellationToken);
        await audit.RecordExportAsync($"Người phù hợp với tin tuyển dụng {result.Title}", result.Candidates.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Người phù hợp", [
            new XlsxColumn<Matches.Candidate>("Họ và tên", c => c.FullName, Width: 28),
            new XlsxColumn<Matches.Candidate>("Xã, phường", c => c.CommuneName, Width: 24),
            new XlsxColumn<Matches.Candidate>("Điểm phù hợp", c => c.Score, XlsxFormat.Integer, 12),
            new XlsxColumn<Matches.Candidate>("Lý do", c => string.Join("; ", c.Reasons.Select(MatchScore.Text)), Width: 90),
        ], result.Candidates, $"Người phù hợp với tin tuyển dụng: {result.Title}");
        return book.ToFileResult($"nguoi-phu-hop-tin-{result.VacancyId}.xlsx");
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        if (User.Holds(JobPolicies.Place))
            Matching = await matches.ForVacancyAsync(id, cancellationToken);
    }
}
