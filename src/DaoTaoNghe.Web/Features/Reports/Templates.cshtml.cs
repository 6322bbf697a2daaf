using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Reports;

/// <summary>The report templates (data files) with their sections, prompts and indicators, so the admin knows what each asks for.</summary>
public class Templates : PageModel
{
    public IReadOnlyList<ReportTemplate> All => ReportTemplates.All;
}
