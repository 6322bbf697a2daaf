using System.Linq.Expressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>Which outcomes a figure counts; the outcomes list filters by the same kinds so a number links to exactly its records.</summary>
public enum OutcomeKind
{
    /// <summary>Completions followed up in the period, each once: its latest checkpoint recorded in the period.</summary>
    FollowedUp = 1,
    Employed = 2,
    NewJobs = 3,
    NewJobsWomen = 4,
    NewJobsLoans = 5,
    NewJobsAbroad = 6,
}

/// <summary>The employment figures' rules, shared by the indicators and the outcomes list.</summary>
public static class OutcomeKinds
{
    public static readonly IReadOnlyDictionary<OutcomeKind, string> Codes = new Dictionary<OutcomeKind, string>
    {
        [OutcomeKind.FollowedUp] = "theo-doi", [OutcomeKind.Employed] = "co-viec-lam", [OutcomeKind.NewJobs] = "viec-lam-moi",
        [OutcomeKind.NewJobsWomen] = "lao-dong-nu", [OutcomeKind.NewJobsLoans] = "vay-von", [OutcomeKind.NewJobsAbroad] = "nuoc-ngoai",
    };

    public static readonly IReadOnlyDictionary<OutcomeKind, string> Labels = new Dictionary<OutcomeKind, string>
    {
        [OutcomeKind.FollowedUp] = "Người hoàn thành khóa học được theo dõi", [OutcomeKind.Employed] = "Người có việc làm sau đào tạo",
        [OutcomeKind.NewJobs] = "Lao động được giải quyết việc làm (mỗi người một dòng: việc làm mới đầu tiên trong năm)",
        [OutcomeKind.NewJobsWomen] = "Lao động nữ được giải quyết việc làm (mỗi người một dòng: việc làm mới đầu tiên trong năm)",
        [OutcomeKind.NewJobsLoans] = "Có việc làm thông qua vay vốn (mỗi người một dòng: lần đầu trong năm)",
        [OutcomeKind.NewJobsAbroad] = "Đi làm việc ở nước ngoài theo hợp đồng (mỗi người một dòng: lần đầu trong năm)",
    };

    public static OutcomeKind? Parse(string? code) => Codes.FirstOrDefault(c => c.Value == code).Key is var kind && kind != 0 ? kind : null;

    /// <summary>
    /// The outcomes of <paramref name="kind"/> dated in [from, to]. A completion followed up at 3 and 6
    /// months in one period counts once, by its later checkpoint, so the employment rate is over people.
    /// </summary>
    /// <remarks>
    /// <paramref name="pastScope"/>: every record the number counts, whoever may read it (EF lifts the filter for the
    /// whole query, so a person's other records decide "first of the year" over all of them).
    /// </remarks>
    public static IQueryable<EmploymentOutcome> Of(AppDbContext db, OutcomeKind kind, DateOnly from, DateOnly to, bool pastScope = false)
    {
        var dated = (pastScope ? db.EmploymentOutcomes.IgnoreQueryFilters(Unscoped) : db.EmploymentOutcomes)
            .Where(o => o.OutcomeOn >= from && o.OutcomeOn <= to);
        return kind switch
        {
            OutcomeKind.FollowedUp => Latest(db, dated, from, to),
            OutcomeKind.Employed => Latest(db, dated, from, to).Where(Employed),
            OutcomeKind.NewJobs => FirstOfYear(db, dated, NewJob),
            OutcomeKind.NewJobsWomen => FirstOfYear(db, dated, NewJob).Where(o => o.Learner.Sex == Sex.Female),
            OutcomeKind.NewJobsLoans => FirstOfYear(db, dated, NewJobThroughLoan),
            OutcomeKind.NewJobsAbroad => FirstOfYear(db, dated, NewJobAbroad),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    private static readonly string[] Unscoped = [ScopeRules.FilterName];

    private static readonly Expression<Func<EmploymentOutcome, bool>> NewJob = o => o.IsNewJob;
    private static readonly Expression<Func<EmploymentOutcome, bool>> NewJobThroughLoan = o => o.IsNewJob && (o.LoanHelped || o.Source == OutcomeSource.Loan);
    private static readonly Expression<Func<EmploymentOutcome, bool>> NewJobAbroad = o => o.IsNewJob && o.Status == EmploymentStatus.WorkingAbroad;

    /// <summary>
    /// A person counts once a year, at the first outcome of the kind that year (by date, then by record),
    /// whichever area recorded it: a follow-up, a hire and a loan in one year are one person placed in work.
    /// </summary>
    private static IQueryable<EmploymentOutcome> FirstOfYear(AppDbContext db, IQueryable<EmploymentOutcome> dated,
        Expression<Func<EmploymentOutcome, bool>> kind)
    {
        var earlier = db.EmploymentOutcomes.Where(kind);
        return dated.Where(kind).Where(o => !earlier.Any(p => p.LearnerId == o.LearnerId && p.OutcomeOn.Year == o.OutcomeOn.Year
                                                             && (p.OutcomeOn < o.OutcomeOn || (p.OutcomeOn == o.OutcomeOn && p.Id < o.Id))));
    }

    private static IQueryable<EmploymentOutcome> Latest(AppDbContext db, IQueryable<EmploymentOutcome> dated, DateOnly from, DateOnly to) =>
        dated.Where(o => o.Source == OutcomeSource.FollowUp && o.EnrolmentId != null
                         && !db.EmploymentOutcomes.Any(l => l.EnrolmentId == o.EnrolmentId && l.Source == OutcomeSource.FollowUp
                                                            && l.OutcomeOn >= from && l.OutcomeOn <= to && l.Checkpoint > o.Checkpoint));

    public static readonly Expression<Func<EmploymentOutcome, bool>> Employed = o =>
        o.Status == EmploymentStatus.EmployedByEnterprise || o.Status == EmploymentStatus.SelfEmployed
        || o.Status == EmploymentStatus.Cooperative || o.Status == EmploymentStatus.WorkingAbroad;
}

/// <summary>
/// Employment after training (over the follow-ups of completions, each completion once) and jobs
/// created (people: a person once a year at their first new job, however it was recorded), where the
/// person lived, dated by the outcome.
/// </summary>
public sealed class FollowUpIndicators : IIndicatorSource
{
    public IEnumerable<IndicatorComputation> Computations =>
    [
        Employment("employment.followed_up", OutcomeKind.FollowedUp),
        Employment("employment.employed", OutcomeKind.Employed),
        Jobs(NewJobs[0], OutcomeKind.NewJobs).BreakdownBy(Dimension.Sex, o => o.Learner.Sex),
        Jobs(NewJobs[1], OutcomeKind.NewJobsWomen),
        Jobs(NewJobs[2], OutcomeKind.NewJobsLoans).BreakdownBy(Dimension.Sex, o => o.Learner.Sex),
        Jobs(NewJobs[3], OutcomeKind.NewJobsAbroad).BreakdownBy(Dimension.Sex, o => o.Learner.Sex),
    ];

    private static IndicatorComputation<EmploymentOutcome> Employment(string name, OutcomeKind kind) =>
        IndicatorComputation.Over(name, r => OutcomeKinds.Of(r.Db, kind, r.From, r.To))
            .InCommune(o => o.ResidenceCommune).CarriedOutBy(o => o.InstitutionId!.Value).On(o => o.OutcomeOn)
            .Person(o => o.LearnerId, r => r.Db.EmploymentOutcomes)
            .ByPerson(o => o.Learner)
            .BreakdownBy(Dimension.Level, o => o.Enrolment!.Course.Level)
            .BreakdownBy(Dimension.Occupation, o => o.Enrolment!.Course.OccupationId)
            .BreakdownBy(Dimension.Institution, o => o.InstitutionId)
            .Records(q => Records(q, kind));

    /// <summary>The figures of new jobs, each counting a person once nationally: the national list of their people takes these.</summary>
    public static readonly IReadOnlyList<string> NewJobs = ["jobs.created", "jobs.women", "jobs.loans", "jobs.abroad"];

    private static IndicatorComputation<EmploymentOutcome> Jobs(string name, OutcomeKind kind) =>
        IndicatorComputation.Over(name, r => OutcomeKinds.Of(r.Db, kind, r.From, r.To))
            .InCommune(o => o.ResidenceCommune).On(o => o.OutcomeOn)
            .Person(o => o.LearnerId, r => r.Db.EmploymentOutcomes)
            .OncePerPersonNationally(o => o.Learner, records: year => $"/FollowUps/NewJobsNationally?ma={name}&nam={year}")
            .Records(q => Records(q, kind));

    /// <summary>The outcomes list filters by year, commune, institution and each breakdown the figures have, except "any minority".</summary>
    private static string? Records(RecordsQuery query, OutcomeKind kind)
    {
        if (!query.ListsShowUnit || !query.IsWholeYear) return null;
        var filter = query.Dimension switch
        {
            null => "",
            Dimension.Sex => "&gt=" + query.Key,
            Dimension.EthnicGroup when !string.IsNullOrEmpty(query.Key) => "&dt=" + query.Key,
            Dimension.Priority => "&uu-tien=" + query.Key,
            Dimension.Level => "&trinh-do=" + query.Key,
            Dimension.Occupation when !string.IsNullOrEmpty(query.Key) => "&nghe=" + query.Key,
            Dimension.Institution when !string.IsNullOrEmpty(query.Key) => "&co-so=" + query.Key,
            _ => null,
        };
        return filter is null ? null : $"/FollowUps/Outcomes?loai={OutcomeKinds.Codes[kind]}&nam={query.Year}{query.CommuneParameter("xa")}{filter}";
    }
}
