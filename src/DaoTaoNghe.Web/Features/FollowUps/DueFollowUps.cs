using System.Globalization;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>A follow-up not yet recorded: one completion at one checkpoint.</summary>
public sealed class DueRow
{
    public int EnrolmentId { get; init; }
    public int Checkpoint { get; init; }
    public int LearnerId { get; init; }
    public string LearnerName { get; init; } = "";
    public DateOnly BirthDate { get; init; }
    public string CommuneName { get; init; } = "";
    public int CourseId { get; init; }
    public string CourseName { get; init; } = "";
    public string OccupationName { get; init; } = "";
    public string InstitutionName { get; init; } = "";
    public DateOnly CompletedOn { get; init; }

    /// <summary>Months since year 0 of the due date: orders rows by due month in the database.</summary>
    public int DueMonth { get; init; }

    public DateOnly DueOn => CompletedOn.AddMonths(Checkpoint);
}

/// <summary>
/// Follow-ups due 3, 6 and 12 months after each completion and not yet recorded. A follow-up is
/// due in the month its checkpoint falls in and overdue from the first of the next month: the
/// commune has the whole month. Read through the caller's enrolments, so a commune officer sees
/// their residents', an institution its own learners', the province all.
/// </summary>
public sealed class DueFollowUps(AppDbContext db, TimeProvider clock) : IHandler
{
    public const string DueThisMonth = "den-han";
    public const string Overdue = "qua-han";

    public sealed class Query : PagedQuery
    {
        /// <summary>The month whose follow-ups are due, yyyy-MM; this month when empty.</summary>
        [FromQuery(Name = "thang")] public string? Month { get; set; }

        /// <summary>"den-han" (due in the month), "qua-han" (due before it), or both when empty.</summary>
        [FromQuery(Name = "tt")] public string? State { get; set; }

        /// <summary>Part of the person's name, with or without diacritics.</summary>
        [FromQuery(Name = "q")] public string? Search { get; set; }

        [FromQuery(Name = "moc")] public int? Checkpoint { get; set; }
        [FromQuery(Name = "xa")] public int? CommuneId { get; set; }
        [FromQuery(Name = "lop")] public int? CourseId { get; set; }
        [FromQuery(Name = "nghe")] public int? OccupationId { get; set; }
    }

    /// <summary>The first day of the query's month (this month in Vietnam when none or unreadable).</summary>
    public DateOnly MonthOf(Query query) =>
        DateOnly.TryParseExact(query.Month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            ? first
            : new DateOnly(VietnamTime.Today(clock).Year, VietnamTime.Today(clock).Month, 1);

    public IQueryable<DueRow> Rows(Query query)
    {
        var month = MonthOf(query);
        IQueryable<DueRow>? rows = null;
        foreach (var checkpoint in EmploymentOutcome.Checkpoints.Where(c => query.Checkpoint is null || query.Checkpoint == c))
        {
            var first = month.AddMonths(-checkpoint);
            var last = month.AddMonths(1 - checkpoint).AddDays(-1);
            var completions = Completions(query);
            completions = query.State switch
            {
                DueThisMonth => completions.Where(e => e.ResultOn >= first && e.ResultOn <= last),
                Overdue => completions.Where(e => e.ResultOn < first),
                _ => completions.Where(e => e.ResultOn <= last),
            };
            var c = checkpoint;
            var due = completions
                .Where(e => !db.EmploymentOutcomes.Any(o => o.EnrolmentId == e.Id && o.Checkpoint == c))
                .Select(e => new DueRow
                {
                    EnrolmentId = e.Id, Checkpoint = c, LearnerId = e.LearnerId, LearnerName = e.Learner.FullName, BirthDate = e.Learner.BirthDate,
                    CommuneName = e.ResidenceCommune.Name, CourseId = e.CourseId, CourseName = e.Course.Name, OccupationName = e.Course.Occupation.Name,
                    InstitutionName = e.Course.Institution.Name, CompletedOn = e.ResultOn!.Value,
                    DueMonth = e.ResultOn!.Value.Year * 12 + e.ResultOn!.Value.Month + c,
                });
            rows = rows is null ? due : rows.Concat(due);
        }
        return (rows ?? Enumerable.Empty<DueRow>().AsQueryable())
            .OrderBy(r => r.DueMonth).ThenBy(r => r.LearnerName).ThenBy(r => r.EnrolmentId).ThenBy(r => r.Checkpoint);
    }

    /// <summary>The rows of a posted quick-entry form, described as the list shows them (only completions the caller sees).</summary>
    public async Task<List<DueRow?>> DescribeAsync(IReadOnlyList<(int EnrolmentId, int Checkpoint)> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.EnrolmentId).Distinct().ToList();
        var found = await TrainingRecords.Enrolments(db).AsNoTracking().Where(e => ids.Contains(e.Id) && e.ResultOn != null)
            .Select(e => new DueRow
            {
                EnrolmentId = e.Id, LearnerId = e.LearnerId, LearnerName = e.Learner.FullName, BirthDate = e.Learner.BirthDate,
                CommuneName = e.ResidenceCommune.Name, CourseId = e.CourseId, CourseName = e.Course.Name, OccupationName = e.Course.Occupation.Name,
                InstitutionName = e.Course.Institution.Name, CompletedOn = e.ResultOn!.Value,
            })
            .ToDictionaryAsync(e => e.EnrolmentId, cancellationToken);
        return rows.Select(r => found.TryGetValue(r.EnrolmentId, out var row)
                ? new DueRow
                {
                    EnrolmentId = row.EnrolmentId, Checkpoint = r.Checkpoint, LearnerId = row.LearnerId, LearnerName = row.LearnerName, BirthDate = row.BirthDate,
                    CommuneName = row.CommuneName, CourseId = row.CourseId, CourseName = row.CourseName, OccupationName = row.OccupationName,
                    InstitutionName = row.InstitutionName, CompletedOn = row.CompletedOn,
                }
                : null)
            .ToList();
    }

    private IQueryable<Enrolment> Completions(Query query)
    {
        var enrolments = TrainingRecords.Enrolments(db).AsNoTracking()
            .Where(e => e.Status == EnrolmentStatus.Completed && e.ResultOn != null && e.Course.State != CourseState.Cancelled && e.Learner.MergedIntoId == null);
        if (query.CommuneId is { } communeId)
            enrolments = enrolments.Where(e => e.ResidenceCommuneId == communeId || e.ResidenceCommune.RollUpUnitId == communeId);
        if (query.CourseId is { } courseId) enrolments = enrolments.Where(e => e.CourseId == courseId);
        if (!string.IsNullOrWhiteSpace(query.Search))
            enrolments = enrolments.WhereNameHasWords(e => e.Learner.SearchName, query.Search, db.Database.IsNpgsql());
        if (query.OccupationId is { } occupationId) enrolments = enrolments.Where(e => e.Course.OccupationId == occupationId);
        return enrolments;
    }

    public static bool IsOverdue(DueRow row, DateOnly month) => row.DueOn < month;
}

/// <summary>What the due lists' filter form shows (the list and the quick-entry screen share it).</summary>
public sealed record DueFilterView(DueFollowUps.Query Filter, DateOnly Month, List<SelectListItem> Communes, List<SelectListItem> Occupations);
