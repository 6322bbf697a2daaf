using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Public;

/// <summary>
/// The public jobs and courses site for phones: vacancies still open, job-exchange sessions and fairs
/// to come, and courses with places left, searched without diacritics. No sign-in, no personal data: only what enterprises and
/// institutions publish.
/// </summary>
[AllowAnonymous]
public class Index(Index.Handler handler, OpenCourses courses, TimeProvider clock) : PageModel
{
    public const int CoursesShown = 10;
    public const int SessionsShown = 10;

    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
    }

    public sealed record Row(int Id, string Title, string EnterpriseName, string OccupationName, int Quantity, long? WageFrom, long? WageTo,
        string PlaceCommuneName, DateOnly Deadline);

    public sealed record SessionRow(int Id, SessionKind Kind, string Title, DateOnly HeldOn, string VenueName, bool IsOnline, string OrganiserName,
        int Enterprises);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public IQueryable<Row> Vacancies(DateOnly today, string? search)
        {
            var vacancies = db.Vacancies.IgnoreQueryFilters().AsNoTracking().Where(v => v.Deadline >= today);
            if (!string.IsNullOrWhiteSpace(search))
            {
                var pattern = TextSearch.ContainsPattern(search);
                vacancies = vacancies.Where(v => EF.Functions.Like(v.SearchText, pattern, "\\") || EF.Functions.Like(v.Enterprise.SearchName, pattern, "\\")
                                                 || EF.Functions.Like(v.PlaceCommune.SearchName, pattern, "\\"));
            }
            return vacancies.OrderBy(v => v.Deadline).ThenBy(v => v.Id)
                .Select(v => new Row(v.Id, v.Title, v.Enterprise.Name, v.Occupation.Name, v.Quantity, v.WageFrom, v.WageTo, v.PlaceCommune.Name, v.Deadline));
        }

        /// <summary>Sessions and fairs from today on: what, when, where, who organises, how many enterprises come; never who attends.</summary>
        public IQueryable<SessionRow> UpcomingSessions(DateOnly today, string? search)
        {
            var sessions = db.JobSessions.IgnoreQueryFilters().AsNoTracking().Where(s => s.HeldOn >= today);
            if (!string.IsNullOrWhiteSpace(search))
            {
                var pattern = TextSearch.ContainsPattern(search);
                sessions = sessions.Where(s => EF.Functions.Like(s.SearchText, pattern, "\\") || EF.Functions.Like(s.VenueCommune.SearchName, pattern, "\\"));
            }
            return sessions.OrderBy(s => s.HeldOn).ThenBy(s => s.Id)
                .Select(s => new SessionRow(s.Id, s.Kind, s.Title, s.HeldOn, s.VenueCommune.Name, s.IsOnline, s.Organiser.Name, s.Enterprises.Count));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public List<OpenCourse> Courses { get; private set; } = [];
    public List<SessionRow> Sessions { get; private set; } = [];
    public int CourseCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(clock);
        Data = await handler.Vacancies(today, Filter.Search).ToPagedListAsync(Filter, size: 20, cancellationToken: cancellationToken);
        Sessions = await handler.UpcomingSessions(today, Filter.Search).Take(SessionsShown).ToListAsync(cancellationToken);
        var open = courses.Query(today, Filter.Search);
        Courses = await open.Take(CoursesShown).ToListAsync(cancellationToken);
        CourseCount = await open.CountAsync(cancellationToken);
    }
}
