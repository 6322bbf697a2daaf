using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Reports;

/// <summary>
/// One report: the reporting body drafts it here (document fields, narrative sections; figures and
/// task statuses fill themselves) and sends it; the standing agency approves it or returns it with a
/// comment; everyone who may see it reads its history and downloads it as .docx or .xlsx.
/// </summary>
public class Details(ReportQuery query, SaveDraft.Handler save, Submit.Handler submit, Review.Handler review,
    IValidator<SaveDraft.Command> validator, IValidator<Review.Command> reviewValidator, DataScopeAccessor scopeAccessor, AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public SaveDraft.Command Data { get; set; } = new();

    [BindProperty]
    public Review.Command ReviewData { get; set; } = new();

    public ReportView Report { get; private set; } = null!;
    public DateTime Now { get; private set; }

    public bool MayDraft { get; private set; }
    public bool MayReview { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        Data = FromView(Report);
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Report = await query.HandleAsync(id, cancellationToken);
        Now = clock.GetUtcNow().UtcDateTime;
        var scope = scopeAccessor.Current;
        MayDraft = !scope.IsReadOnly && (Report.OrganisationId == scope.OrganisationId || scope.IsProvinceAdmin)
            && Report.State is ReportState.Draft or ReportState.Returned;
        MayReview = scope.IsProvinceAdmin && Report.State == ReportState.Submitted;
    }

    private static SaveDraft.Command FromView(ReportView r) => new()
    {
        Title = r.Title, Number = r.Number, Symbol = r.Symbol, Place = r.Place, ReportDate = r.ReportDate, SignerAuthority = r.SignerAuthority,
        SignerName = r.SignerName, Recipients = r.Recipients,
        Sections = r.Sections.Where(s => s.Kind == SectionKind.Narrative).Select(s => new SaveDraft.SectionText { Id = s.Id, Text = s.Text }).ToList(),
    };

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await save.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu bản nháp; số liệu đã được cập nhật.";
                return RedirectToPage("Details", new { id });
            },
            reload: () => LoadAsync(id, cancellationToken));

    public Task<IActionResult> OnPostSubmitAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await submit.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã gửi báo cáo.";
                return RedirectToPage("Details", new { id });
            },
            reload: () => LoadAsync(id, cancellationToken));

    public Task<IActionResult> OnPostApproveAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(reviewValidator, ReviewData,
            save: async () =>
            {
                await review.ApproveAsync(id, ReviewData, cancellationToken);
                TempData["Message"] = "Đã duyệt báo cáo.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => { await LoadAsync(id, cancellationToken); Data = FromView(Report); },
            prefix: "ReviewData");

    public Task<IActionResult> OnPostReturnAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(reviewValidator, ReviewData,
            save: async () =>
            {
                await review.ReturnAsync(id, ReviewData, cancellationToken);
                TempData["Message"] = "Đã trả lại báo cáo kèm ý kiến.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => { await LoadAsync(id, cancellationToken); Data = FromView(Report); },
            prefix: "ReviewData");

    public async Task<IActionResult> OnGetDocxAsync(int id, CancellationToken cancellationToken)
    {
        var report = await query.HandleAsync(id, cancellationToken);
        await audit.RecordExportAsync($"Báo cáo {report.Id} (.docx)", 1, containsPersonalData: false, cancellationToken);
        return File(ReportDocx.Write(ReportComposer.Compose(report)), ReportDocx.ContentType, FileName(report, "docx"));
    }

    public async Task<IActionResult> OnGetXlsxAsync(int id, CancellationToken cancellationToken)
    {
        var report = await query.HandleAsync(id, cancellationToken);
        await audit.RecordExportAsync($"Báo cáo {report.Id} (.xlsx)", report.Figures.Count + report.TaskLines.Count, containsPersonalData: false, cancellationToken);
        using var book = ReportWorkbook.Write(report, clock.GetUtcNow().UtcDateTime);
        return book.ToFileResult(FileName(report, "xlsx"));
    }

    public static string FileName(ReportView report, string extension) => $"bao-cao-{report.Id}.{extension}";
}
