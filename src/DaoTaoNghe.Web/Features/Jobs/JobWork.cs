using System.Linq.Expressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs;

/// <summary>
/// Work waiting in the jobs area: for an enterprise, people who asked about its vacancies this week
/// and people put forward to it awaiting an interview or a decision; for the employment centre, its
/// sessions of the coming week and the people it put forward still awaiting the enterprise's answer;
/// for the bank, loans approved but not yet recorded as disbursed and loans past due. Each list filters
/// by the same rule (<c>viec=…</c>), so the link lists exactly what is counted.
/// </summary>
public sealed class JobWork(AppDbContext db, DataScopeAccessor scope, TimeProvider clock) : IWorkSource
{
    public const string NewLeads = "moi";
    public const string AwaitingAnswer = "cho-tra-loi";
    public const string Upcoming = "sap-dien-ra";

    /// <summary>How far back a lead counts as new and how far ahead a session as upcoming: a working week.</summary>
    public const int Days = 7;

    public static Expression<Func<InterestLead, bool>>? Leads(string? work, DateOnly today) => work switch
    {
        NewLeads => LeadsSince(VietnamTime.StartOfDayUtc(today.AddDays(1 - Days))),
        _ => null,
    };

    private static Expression<Func<InterestLead, bool>> LeadsSince(DateTime from) => l => l.Kind == LeadKind.Vacancy && l.CreatedAt >= from;

    /// <summary>Vacancies with someone put forward (by the caller, or to the caller's enterprise) not yet hired or refused.</summary>
    public static Expression<Func<Vacancy, bool>>? Vacancies(AppDbContext db, string? work, int organisationId) => work switch
    {
        AwaitingAnswer => v => db.JobApplications.Any(a => a.VacancyId == v.Id && (a.Status == ApplicationStatus.Proposed || a.Status == ApplicationStatus.Interviewed)
                                                       && (a.EnterpriseId == organisationId || a.RecordedByOrganisationId == organisationId)),
        _ => null,
    };

    /// <summary>The caller's own sessions from today to a week ahead.</summary>
    public static Expression<Func<JobSession, bool>>? Sessions(string? work, DateOnly today, int organisationId) => work switch
    {
        Upcoming => UpcomingSessions(today, today.AddDays(Days - 1), organisationId),
        _ => null,
    };

    private static Expression<Func<JobSession, bool>> UpcomingSessions(DateOnly from, DateOnly to, int organisationId) =>
        s => s.OrganiserId == organisationId && s.HeldOn >= from && s.HeldOn <= to;

    public async Task<IReadOnlyList<WorkItem>> LoadAsync(CancellationToken cancellationToken)
    {
        var caller = scope.Current;
        var today = VietnamTime.Today(clock);
        var organisationId = caller.OrganisationId;
        return caller.Role switch
        {
            Roles.Enterprise =>
            [
                new($"Người đăng ký quan tâm tin tuyển dụng trong {Days} ngày qua",
                    await db.InterestLeads.AsNoTracking().Where(l => l.EnterpriseId == organisationId).CountAsync(Leads(NewLeads, today)!, cancellationToken),
                    $"/Jobs/Leads?viec={NewLeads}"),
                new("Tin tuyển dụng có người được giới thiệu chờ phỏng vấn, quyết định",
                    await db.Vacancies.AsNoTracking().CountAsync(Vacancies(db, AwaitingAnswer, organisationId)!, cancellationToken),
                    $"/Jobs/Vacancies?viec={AwaitingAnswer}"),
            ],
            Roles.EmploymentCentre =>
            [
                new($"Phiên giao dịch việc làm trong {Days} ngày tới",
                    await db.JobSessions.AsNoTracking().CountAsync(Sessions(Upcoming, today, organisationId)!, cancellationToken),
                    $"/Jobs/Sessions?viec={Upcoming}"),
                new("Tin tuyển dụng có người bạn giới thiệu chờ doanh nghiệp trả lời",
                    await db.Vacancies.AsNoTracking().CountAsync(Vacancies(db, AwaitingAnswer, organisationId)!, cancellationToken),
                    $"/Jobs/Vacancies?viec={AwaitingAnswer}"),
            ],
            Roles.SocialPolicyBank =>
            [
                new("Khoản vay quá hạn", await db.SocialPolicyLoans.AsNoTracking().CountAsync(l => l.BankBranchId == organisationId && l.Status == LoanStatus.Overdue, cancellationToken),
                    $"/Jobs/Loans?trang-thai={LoanStatus.Overdue}", Overdue: true),
                new("Khoản vay đã duyệt, chưa ghi giải ngân",
                    await db.SocialPolicyLoans.AsNoTracking().CountAsync(l => l.BankBranchId == organisationId && l.Status == LoanStatus.Approved, cancellationToken),
                    $"/Jobs/Loans?trang-thai={LoanStatus.Approved}"),
            ],
            _ => [],
        };
    }
}
