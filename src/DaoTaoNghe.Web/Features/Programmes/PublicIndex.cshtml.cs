using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Programmes;

/// <summary>
/// Learning materials for self-study, open to anyone: programmes in use that publish at least one
/// material, searched without diacritics. Reads past the scope filters and shows public fields only.
/// </summary>
[AllowAnonymous]
public class PublicIndex(PublicIndex.Handler handler) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "trinh-do")] public TrainingLevel? Level { get; set; }
        [FromQuery(Name = "nhom")] public OccupationField? Field { get; set; }
    }

    public sealed record Row(int Id, string Name, string OccupationName, OccupationField Field, TrainingLevel Level, int DurationHours,
        string InstitutionName, string UnitName, int Materials);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var programmes = db.Programmes.IgnoreQueryFilters().AsNoTracking()
                .Where(p => p.IsActive && p.Institution.IsActive && p.Materials.Any(m => m.IsPublic && m.IsActive));
            if (query.Level is { } level) programmes = programmes.Where(p => p.Level == level);
            if (query.Field is { } field) programmes = programmes.Where(p => p.Occupation.Field == field);
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = TextSearch.ContainsPattern(query.Search);
                programmes = programmes.Where(p => EF.Functions.Like(p.SearchText, pattern, "\\")
                                                   || EF.Functions.Like(p.Occupation.SearchText, pattern, "\\")
                                                   || EF.Functions.Like(p.Institution.SearchName, pattern, "\\")
                                                   || p.Materials.Any(m => m.IsPublic && m.IsActive && EF.Functions.Like(m.SearchText, pattern, "\\")));
            }
            return programmes
                .OrderBy(p => p.Occupation.Name).ThenBy(p => p.Name)
                .Select(p => new Row(p.Id, p.Name, p.Occupation.Name, p.Occupation.Field, p.Level, p.DurationHours,
                    p.Institution.Name, p.Institution.Unit.Name, p.Materials.Count(m => m.IsPublic && m.IsActive)));
        }

        public Task<PagedList<Row>> PageAsync(Query query, CancellationToken cancellationToken) =>
            Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken);
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Data = await handler.PageAsync(Filter, cancellationToken);
}
