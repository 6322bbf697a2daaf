using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Export;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Jobs.Matching;

/// <summary>The open vacancies that best match one person, for the employment centre and the province admin.</summary>
[Authorize(Policy = JobPolicies.Place)]
public class Person(Matches matches, AuditTrail audit) : PageModel
{
    public Matches.ForPersonResult Data { get; private set; } = null!;

    public async Task OnGetAsync(int learnerId, CancellationToken cancellationToken) => Data = await matches.ForPersonAsync(learnerId, cancellationToken);

    public async Task<IActionResult> OnGetExportAsync(int learnerId, CancellationToken cancellationToken)
    {
        var result = await matches.ForPersonAsync(learnerId, cancellationToken);
        await audit.RecordExportAsync($"Việc làm phù hợp với người học {result.FullName}", result.Vacancies.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Việc làm phù hợp", [
            new XlsxColumn<Matches.VacancyMatch>("Tin tuyển dụng", v => v.Title, Width: 40),
            new XlsxColumn<Matches.VacancyMatch>("Doanh nghiệp", v => v.EnterpriseName, Width: 32),
            new XlsxColumn<Matches.VacancyMatch>("Nơi làm việc", v => v.PlaceCommuneName, Width: 24),
            new XlsxColumn<Matches.VacancyMatch>("Hạn nộp hồ sơ", v => v.Deadline, XlsxFormat.Date, 14),
            new XlsxColumn<Matches.VacancyMatch>("Điểm phù hợp", v => v.Score, XlsxFormat.Integer, 12),
            new XlsxColumn<Matches.VacancyMatch>("Lý do", v => string.Join("; ", v.Reasons.Select(MatchScore.Text)), Width: 90),
        ], result.Vacancies, $"Việc làm phù hợp với {result.FullName}");
        return book.ToFileResult($"viec-lam-phu-hop-{result.LearnerId}.xlsx");
    }
}
