using System.Linq.Expressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Expressions;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.TrainingNeeds;

/// <summary>Training needs the caller sees (their commune's with its pre-2025 communes, or the province's), with the people counted in total and by occupation.</summary>
[Authorize(Policy = TrainingNeedPolicies.Read)]
public class Index(Index.Handler handler, UnitChoices units, OccupationChoices occupations, AuditTrail audit) : PageModel
{

    public enum Kind
    {
        [System.ComponentModel.DataAnnotations.Display(Name = "Theo từng người")] PerPerson = 1,
        [System.ComponentModel.DataAnnotations.Display(Name = "Theo số lượng")] Counted = 2,
    }

    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }
        [FromQuery(Name = "xa")] public int? CommuneId { get; set; }
        [FromQuery(Name = "nghe")] public int? OccupationId { get; set; }
        [FromQuery(Name = "loai")] public Kind? Kind { get; set; }
    }

    public sealed record Row(
        int Id, int Year, string CommuneName, string? CommuneNowName, string OccupationName, int? LearnerId, string? LearnerName, int Count,
        PreferredTime? PreferredTime, DateOnly SurveyedOn, string RecordedBy, string? Notes);

    public sealed record ByOccupation(string OccupationName, long People);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        private IQueryable<TrainingNeed> Filtered(Query query)
        {
            var needs = db.TrainingNeeds.AsNoTracking();
            if (query.Year is { } year) needs = needs.Where(n => n.Year == year);
            if (query.CommuneId is { } communeId) needs = needs.Where(n => n.CommuneId == communeId || n.Commune.RollUpUnitId == communeId);
            if (query.OccupationId is { } occupationId) needs = needs.Where(n => n.OccupationId == occupationId);
            if (query.Kind == Kind.PerPerson) needs = needs.Where(n => n.LearnerId != null);
            if (query.Kind == Kind.Counted) needs = needs.Where(n => n.LearnerId == null);
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = TextSearch.ContainsPattern(query.Search);
                Expression<Func<TrainingNeed, bool>> occupation = n => EF.Functions.Like(n.Occupation.SearchText, pattern, "\\");
                needs = needs.Where(NameSearch.HasWords<TrainingNeed>(n => n.Learner!.SearchName, query.Search, db.Database.IsNpgsql()) is { } person
                    ? occupation.Or(person) : occupation);
            }
            return needs;
        }

        public IQueryable<Row> Rows(Query query) =>
            Filtered(query)
                .OrderByDescending(n => n.Year).ThenBy(n => n.Commune.Name).ThenBy(n => n.Occupation.Name).ThenBy(n => n.Id)
                .Select(n => new Row(n.Id, n.Year, n.Commune.Name, n.Commune.RollUpUnit != null ? n.Commune.RollUpUnit.Name : null, n.Occupation.Name,
                    n.LearnerId, n.Learner != null ? n.Learner.FullName : null, n.Count, n.PreferredTime, n.SurveyedOn, n.RecordedBy, n.Notes));

        public async Task<long> PeopleAsync(Query query, CancellationToken cancellationToken = default) =>
            await Filtered(query).SumAsync(n => (long)n.Count, cancellationToken);

        public async Task<List<ByOccupation>> ByOccupationAsync(Query query, CancellationToken cancellationToken = default) =>
            (await Filtered(query).GroupBy(n => n.Occupation.Name)
                .Select(g => new { Name = g.Key, People = g.Sum(n => (long)n.Count) })
                .OrderByDescending(g => g.People).ThenBy(g => g.Name)
                .ToListAsync(cancellationToken))
            .Select(g => new ByOccupation(g.Name, g.People)).ToList();
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public long People { get; private set; }
    public List<ByOccupation> Occupations { get; private set; } = [];
    public List<SelectListItem> Communes { get; private set; } = [];
    public List<SelectListItem> OccupationChoices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await audit.ListedAsync(await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken),
            "TrainingNeed", "Xem danh sách nhu cầu học nghề", r => r.Id, cancellationToken);
        People = await handler.PeopleAsync(Filter, cancellationToken);
        Occupations = (await handler.ByOccupationAsync(Filter, cancellationToken)).Take(10).ToList();
        Communes = await units.CurrentCommunesAsync(cancellationToken);
        OccupationChoices = await occupations.SelectListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Nhu cầu học nghề", rows.Count, containsPersonalData: rows.Any(r => r.LearnerId is not null), cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Nhu cầu học nghề", [
            new XlsxColumn<Row>("Năm", r => r.Year, XlsxFormat.Integer, 8),
            new XlsxColumn<Row>("Xã, phường", r => r.CommuneName, Width: 22),
            new XlsxColumn<Row>("Nay thuộc", r => r.CommuneNowName, Width: 22),
            new XlsxColumn<Row>("Nghề", r => r.OccupationName, Width: 32),
            new XlsxColumn<Row>("Người học", r => r.LearnerName, Width: 26),
            new XlsxColumn<Row>("Số người", r => r.Count, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Thời gian mong muốn", r => Fmt.Enum(r.PreferredTime), Width: 16),
            new XlsxColumn<Row>("Ngày khảo sát", r => r.SurveyedOn, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Người ghi", r => r.RecordedBy, Width: 16),
            new XlsxColumn<Row>("Ghi chú", r => r.Notes, Width: 30),
        ], rows, title: "Nhu cầu học nghề");
        return book.ToFileResult("nhu-cau-hoc-nghe.xlsx");
    }
}
