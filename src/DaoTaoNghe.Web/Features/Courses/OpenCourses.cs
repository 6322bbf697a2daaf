using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>A course anyone may read about: public facts only, with the places still free.</summary>
[AreaContract]
public sealed record OpenCourse(
    int Id, int ProvinceId, string Name, string OccupationName, TrainingLevel Level, string InstitutionName, int VenueCommuneId,
    string VenueCommuneName, DateOnly StartDate, DateOnly EndDate, int Capacity, int PlacesLeft);

/// <summary>
/// The courses area's named query for the public site (issue 9): courses enrolling now, or planned
/// and not started, that still have places. Reads past the scope filters (the caller is anonymous)
/// and projects public fields only; a place is held by every enrolment not dropped out.
/// </summary>
[AreaContract]
public sealed class OpenCourses(AppDbContext db) : IHandler
{
    /// <summary>Open courses, matching <paramref name="search"/> if given, or the one course <paramref name="id"/> if it is open.</summary>
    public IQueryable<OpenCourse> Query(DateOnly today, string? search = null, int? id = null)
    {
        var courses = db.Courses.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.State == CourseState.Open || (c.State == CourseState.Planned && c.StartDate >= today));
        if (id is { } only) courses = courses.Where(c => c.Id == only);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = TextSearch.ContainsPattern(search);
            courses = courses.Where(c => EF.Functions.Like(c.SearchText, pattern, "\\") || EF.Functions.Like(c.Occupation.SearchText, pattern, "\\")
                                         || EF.Functions.Like(c.VenueCommune.SearchName, pattern, "\\"));
        }
        return courses
            .Select(c => new { Course = c, Taken = db.Enrolments.IgnoreQueryFilters().Count(e => e.CourseId == c.Id && e.Status != EnrolmentStatus.DroppedOut) })
            .Where(x => x.Course.Capacity > x.Taken)
            .OrderBy(x => x.Course.StartDate).ThenBy(x => x.Course.Id)
            .Select(x => new OpenCourse(x.Course.Id, x.Course.ProvinceId, x.Course.Name, x.Course.Occupation.Name, x.Course.Level, x.Course.Institution.Name,
                x.Course.VenueCommuneId, x.Course.VenueCommune.Name, x.Course.StartDate, x.Course.EndDate, x.Course.Capacity, x.Course.Capacity - x.Taken));
    }
}
