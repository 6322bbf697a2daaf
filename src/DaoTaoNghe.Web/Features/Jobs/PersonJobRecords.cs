using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs;

/// <summary>
/// What the jobs area holds on one person: introductions to vacancies, job-exchange sessions attended,
/// Social Policy Bank loans and contracts to work abroad, one line each, oldest first.
/// </summary>
[AreaContract]
public static class PersonJobRecords
{
    public sealed record Line(string Kind, DateOnly On, string What, string? Details, string? Status);

    /// <summary>
    /// Past the caller's scope: a person's "see my data" request is answered with everything held on them
    /// (Luật 91/2025/QH15), and those who answer it (the commune, the province) do not read the bank's loans
    /// or the centre's contracts. The caller reached the person through a request it may see; the answer's
    /// download is audited as personal data.
    /// </summary>
    public static async Task<IReadOnlyList<Line>> PastScopeAsync(AppDbContext db, int learnerId, CancellationToken cancellationToken = default)
    {
        var applications = await db.JobApplications.IgnoreQueryFilters().AsNoTracking().Where(a => a.LearnerId == learnerId)
            .Select(a => new { a.ProposedOn, a.Vacancy.Title, Enterprise = a.Vacancy.Enterprise.Name, a.InterviewedOn, a.DecidedOn, a.Notes, a.Status })
            .ToListAsync(cancellationToken);
        var sessions = await db.SessionSeekers.IgnoreQueryFilters().AsNoTracking().Where(s => s.LearnerId == learnerId)
            .Select(s => new { s.Session.HeldOn, s.Session.Title, s.Session.Kind, Organiser = s.Session.Organiser.Name })
            .ToListAsync(cancellationToken);
        var loans = await db.SocialPolicyLoans.IgnoreQueryFilters().AsNoTracking().Where(l => l.LearnerId == learnerId)
            .Select(l => new { l.LoanedOn, l.Purpose, l.Amount, Bank = l.BankBranch.Name, l.Status })
            .ToListAsync(cancellationToken);
        var contracts = await db.AbroadContracts.IgnoreQueryFilters().AsNoTracking().Where(c => c.LearnerId == learnerId)
            .Select(c => new { c.DepartureOn, c.ReturnOn, c.Country, c.ReceivingCompany, c.SendingAgency })
            .ToListAsync(cancellationToken);

        return applications.Select(a => new Line("Giới thiệu việc làm", a.ProposedOn, $"{a.Title} – {a.Enterprise}",
                Join(a.InterviewedOn is { } i ? $"phỏng vấn ngày {Fmt.Date(i)}" : null, a.DecidedOn is { } d ? $"quyết định ngày {Fmt.Date(d)}" : null, a.Notes),
                Fmt.Enum(a.Status)))
            .Concat(sessions.Select(s => new Line(Fmt.Enum(s.Kind), s.HeldOn, s.Title, $"tổ chức bởi {s.Organiser}", "Đã tham gia")))
            .Concat(loans.Select(l => new Line("Vay vốn Ngân hàng Chính sách xã hội", l.LoanedOn, $"{Fmt.Enum(l.Purpose)}: {Fmt.Money(l.Amount)}", l.Bank,
                Fmt.Enum(l.Status))))
            .Concat(contracts.Select(c => new Line("Hợp đồng đi làm việc ở nước ngoài", c.DepartureOn, $"{c.Country} – {c.ReceivingCompany}",
                Join($"doanh nghiệp đưa đi: {c.SendingAgency}", c.ReturnOn is { } r ? $"về nước ngày {Fmt.Date(r)}" : null), null)))
            .OrderBy(l => l.On).ToList();
    }

    private static string? Join(params string?[] parts) =>
        parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToList() is { Count: > 0 } kept ? string.Join("; ", kept) : null;
}
