using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Export;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.PersonalData;

/// <summary>The processing summary, per category of personal data and role, as the rules answer it; printable and as .xlsx.</summary>
[Authorize(Policy = PersonalDataPolicies.Summary)]
public class Processing(AuditTrail audit) : PageModel
{
    public sealed record Line(string Category, string KeptIn, IReadOnlyList<string> ByRole);

    public static IReadOnlyList<Line> Lines() =>
        ProcessingSummary.Categories
            .Select(c => new Line(c.Name, c.KeptIn, ProcessingSummary.Roles.Select(r => c.Access(ProcessingSummary.ScopeOf(r))).ToList()))
            .ToList();

    public IReadOnlyList<Line> Data { get; private set; } = [];

    public void OnGet() => Data = Lines();

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var lines = Lines();
        await audit.RecordExportAsync("Tổng hợp xử lý dữ liệu cá nhân", lines.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Tổng hợp", [
            new XlsxColumn<Line>("Dữ liệu cá nhân", l => l.Category, Width: 44),
            new XlsxColumn<Line>("Nơi lưu giữ", l => l.KeptIn, Width: 22),
            .. ProcessingSummary.Roles.Select((role, i) => new XlsxColumn<Line>(Roles.DisplayName(role), l => l.ByRole[i], Width: 18)),
        ], lines, title: "Tổng hợp xử lý dữ liệu cá nhân theo vai trò (hồ sơ đánh giá tác động)");
        return book.ToFileResult("tong-hop-xu-ly-du-lieu-ca-nhan.xlsx");
    }
}
