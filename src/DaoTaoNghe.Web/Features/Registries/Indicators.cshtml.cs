using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DaoTaoNghe.Features.Registries;

/// <summary>The two registry indicators on a date, with the programmes and occupations behind each number.</summary>
[Authorize(Policy = RegistryPolicies.ReadIndicators)]
public class Indicators(RegistryIndicators indicators, InstitutionChoices institutions, AuditTrail audit, TimeProvider clock) : PageModel
{

    public sealed class Query
    {
        [FromQuery(Name = "ngay")] public DateOnly? At { get; set; }
        [FromQuery(Name = "co-so")] public int? InstitutionId { get; set; }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public RegistryIndicatorValues Values { get; private set; } = null!;
    public List<KeyProgrammeStatus> KeyProgrammes { get; private set; } = [];
    public List<TaughtOccupationStatus> TaughtOccupations { get; private set; } = [];
    public List<SelectListItem> Institutions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Institutions = await institutions.SelectListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        await audit.RecordExportAsync("Chỉ số kiểm định chương trình và liên kết doanh nghiệp", KeyProgrammes.Count + TaughtOccupations.Count,
            containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Chương trình trọng điểm", [
            new XlsxColumn<KeyProgrammeStatus>("Cơ sở đào tạo", r => r.InstitutionName, Width: 40),
            new XlsxColumn<KeyProgrammeStatus>("Chương trình", r => r.Name, Width: 45),
            new XlsxColumn<KeyProgrammeStatus>("Trình độ", r => Fmt.Enum(r.Level), Width: 20),
            new XlsxColumn<KeyProgrammeStatus>("Đạt kiểm định", r => r.Accredited, Width: 12),
            new XlsxColumn<KeyProgrammeStatus>("Hiệu lực đến", r => r.ValidUntil, XlsxFormat.Date, 12),
        ], KeyProgrammes, title: $"Chương trình trọng điểm đạt kiểm định ngày {Fmt.Date(Values.At)}: {Fmt.Percent(Values.AccreditedShare)}");
        book.AddSheet("Nghề TC, CĐ có liên kết", [
            new XlsxColumn<TaughtOccupationStatus>("Cơ sở đào tạo", r => r.InstitutionName, Width: 40),
            new XlsxColumn<TaughtOccupationStatus>("Mã nghề", r => r.OccupationCode, Width: 12),
            new XlsxColumn<TaughtOccupationStatus>("Nghề", r => r.OccupationName, Width: 36),
            new XlsxColumn<TaughtOccupationStatus>("Số doanh nghiệp liên kết", r => r.Partners, XlsxFormat.Integer, 14),
        ], TaughtOccupations, title: $"Nghề trình độ trung cấp, cao đẳng có ít nhất 1 doanh nghiệp liên kết ngày {Fmt.Date(Values.At)}: {Fmt.Percent(Values.PartneredShare)}");
        return book.ToFileResult("chi-so-kiem-dinh-lien-ket.xlsx");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var at = Filter.At ?? VietnamTime.Today(clock);
        Filter.At = at;
        KeyProgrammes = await indicators.KeyProgrammesAsync(at, Filter.InstitutionId, cancellationToken);
        TaughtOccupations = await indicators.TaughtOccupationsAsync(at, Filter.InstitutionId, cancellationToken);
        Values = new RegistryIndicatorValues(at, KeyProgrammes.Count, KeyProgrammes.Count(k => k.Accredited),
            TaughtOccupations.Count, TaughtOccupations.Count(t => t.Partners > 0));
    }
}
