using System.Text.Json;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>
/// The province admin's "recompute the indicator figures": asks the worker for a rebuild of every maintained value
/// from the records (minutes at a million learners, so it runs in the background), shows its progress, and the
/// values it found different from those kept – each one a write path that did not mark its change.
/// </summary>
[Authorize(Policy = IndicatorPolicies.RebuildValues)]
public class Rebuild(AppDbContext db, MaintainedValues values, AuditTrail audit) : PageModel
{
    /// <summary>One difference as the admin reads it: the indicator's name and the commune's.</summary>
    public sealed record Difference(string Indicator, int Year, int Month, string Commune, string? Breakdown, long? Kept, long? Recomputed);

    public IndicatorCellsState? State { get; private set; }
    public RebuildReport? Report { get; private set; }
    public IReadOnlyList<Difference> Differences { get; private set; } = [];
    public int Waiting { get; private set; }

    /// <summary>Asked for and not yet finished: the page follows it.</summary>
    public bool Running => State is { RebuildRequestedAt: not null } or { Progress: not null };

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        State = await values.StateAsync(cancellationToken);
        Waiting = await values.WaitingAsync(cancellationToken);
        if (State?.Report is not { } json) return;
        Report = JsonSerializer.Deserialize<RebuildReport>(json);
        if (Report is null || Report.FirstDifferences.Count == 0) return;
        var ids = Report.FirstDifferences.Select(d => d.CommuneId).Distinct().ToList();
        var names = await UnitDirectory.Units(db).AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var labels = new Dictionary<(string, string), string>();
        foreach (var group in Report.FirstDifferences.Where(d => d.Dimension is not null).GroupBy(d => d.Dimension!))
            if (Enum.TryParse<Dimension>(group.Key, out var dimension))
                foreach (var (key, label) in await BreakdownLabels.ForAsync(db, dimension, group.Select(d => d.Member ?? IndicatorEngine.NullKey), cancellationToken))
                    labels[(group.Key, key)] = $"{Fmt.Enum(dimension)}: {label}";
        Differences = Report.FirstDifferences.Select(d => new Difference(
            IndicatorCatalogue.All.FirstOrDefault(i => i.Computation == d.Computation)?.Name ?? d.Computation, d.Year, d.Month,
            names.GetValueOrDefault(d.CommuneId, $"Đơn vị mã {d.CommuneId}"),
            d.Dimension is null ? null : labels.GetValueOrDefault((d.Dimension, d.Member ?? IndicatorEngine.NullKey), $"{d.Dimension}: {d.Member}"),
            d.Kept, d.Recomputed)).ToList();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var by = User.Identity?.Name ?? "";
        await values.RequestRebuildAsync(by, cancellationToken);
        await audit.RecordRequestAsync(nameof(IndicatorCellsState), "1", "Yêu cầu tính lại toàn bộ số liệu chỉ tiêu từ hồ sơ", cancellationToken);
        TempData["Message"] = "Đã yêu cầu tính lại số liệu chỉ tiêu. Việc tính chạy nền; trang này tự cập nhật tiến độ.";
        return RedirectToPage();
    }
}
