using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Features.Enterprises;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>
/// Quick entry: one screen with a page of due follow-ups, each with its outcome, saved in one post.
/// Rows left without a status are not recorded; a problem in any row is shown on that row and
/// nothing is saved until every row is right.
/// </summary>
[Authorize(Policy = FollowUpPolicies.Write)]
public class Entry(DueFollowUps due, RecordFollowUps record, UnitChoices units, OccupationChoices occupations, EnterpriseChoices enterprises,
    AuditTrail audit, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DueFollowUps.Query Filter { get; set; } = new();

    [BindProperty]
    public List<RecordFollowUps.Command> Rows { get; set; } = [];

    /// <summary>Who each row of <see cref="Rows"/> is, in the same order.</summary>
    public List<DueRow?> Items { get; private set; } = [];

    public PagedList<DueRow>? Data { get; private set; }
    public DateOnly Month { get; private set; }
    public List<SelectListItem> Communes { get; private set; } = [];
    public List<SelectListItem> Occupations { get; private set; } = [];
    public List<SelectListItem> Enterprises { get; private set; } = [];
    public DueFilterView Filters => new(Filter, Month, Communes, Occupations);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var data = await audit.ListedAsync(await due.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken),
            "Enrolment", "Xem danh sách ghi kết quả theo dõi việc làm", r => r.EnrolmentId, cancellationToken);
        Data = data;
        Items = [.. data.Items];
        var today = VietnamTime.Today(clock);
        Rows = data.Items.Select(r => new RecordFollowUps.Command { EnrolmentId = r.EnrolmentId, Checkpoint = r.Checkpoint, OutcomeOn = today }).ToList();
        await LoadChoicesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Items = await due.DescribeAsync(Rows.Select(r => (r.EnrolmentId, r.Checkpoint)).ToList(), cancellationToken);
        var entered = Enumerable.Range(0, Rows.Count).Where(i => Rows[i].Status is not null).ToList();
        // A row left blank is not being recorded: what could not be read in it does not matter.
        foreach (var key in ModelState.Keys.Where(k => Enumerable.Range(0, Rows.Count).Except(entered).Any(i => k.StartsWith($"Rows[{i}].", StringComparison.Ordinal))).ToList())
            ModelState.Remove(key);
        foreach (var (key, entry) in ModelState.Where(e => e.Value?.Errors.Count > 0).ToList())
            if (RowOf(key) is { } i)
                foreach (var error in entry!.Errors.ToList())
                {
                    entry.Errors.Remove(error);
                    entry.Errors.Add($"{RowName(i)}: {error.ErrorMessage}");
                }

        if (entered.Count == 0) ModelState.AddModelError("", "Chưa có dòng nào được chọn tình trạng việc làm: chọn tình trạng cho những người đã theo dõi được.");
        if (ModelState.IsValid)
        {
            try
            {
                var saved = await record.HandleManyAsync(entered.Select(i => Rows[i]).ToList(), i => $"Rows[{entered[i]}]", i => RowName(entered[i]),
                    cancellationToken);
                TempData["Message"] = $"Đã ghi nhận {Fmt.Number(saved.Count)} kết quả theo dõi việc làm.";
                return Redirect("/FollowUps/Entry" + Request.QueryString);
            }
            catch (ValidationFailedException failed)
            {
                failed.AddTo(ModelState, "");
            }
        }
        Month = due.MonthOf(Filter);
        await LoadChoicesAsync(cancellationToken);
        return Page();
    }

    public string RowName(int index) =>
        Items.ElementAtOrDefault(index) is { } row ? $"Dòng {index + 1} ({row.LearnerName}, mốc {row.Checkpoint} tháng)" : $"Dòng {index + 1}";

    /// <summary>The messages of one row's fields, for the row itself.</summary>
    public IEnumerable<string> ErrorsOf(int index) =>
        ModelState.Where(e => e.Key.StartsWith($"Rows[{index}].", StringComparison.Ordinal)).SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage);

    private static int? RowOf(string key) =>
        key.StartsWith("Rows[", StringComparison.Ordinal) && int.TryParse(key[5..key.IndexOf(']')], out var i) ? i : null;

    private async Task LoadChoicesAsync(CancellationToken cancellationToken)
    {
        Month = due.MonthOf(Filter);
        Communes = await units.CurrentCommunesAsync(cancellationToken);
        Occupations = await occupations.SelectListAsync(cancellationToken);
        Enterprises = await enterprises.SelectListAsync(cancellationToken);
    }
}
