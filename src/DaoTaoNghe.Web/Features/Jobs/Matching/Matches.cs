using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.Jobs.Sessions;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Matching;

/// <summary>
/// The best-matching people for a vacancy and the best-matching open vacancies for a person. Only
/// people who completed a course in the vacancy's occupation are candidates: the list is for
/// placing trained workers, and anyone else would score at most half. Candidates are gathered in SQL
/// (the latest completers first, up to <see cref="Gathered"/>), scored in memory by
/// <see cref="MatchScore"/>, and the best <see cref="Shown"/> kept. Matching reads people's records,
/// so it is the placing roles' work only (the employment centre, the province admin) and each list is
/// audited as one view; an enterprise sees only the people who applied to it.
/// </summary>
public sealed class Matches(AppDbContext db, TrainingFacts facts, AuditTrail audit, TimeProvider clock) : IHandler
{
    public const int Gathered = 500;
    public const int Shown = 50;

    public sealed record Candidate(int LearnerId, string FullName, string CommuneName, int Score, IReadOnlyList<MatchReason> Reasons, bool AlreadyApplied);

    public sealed record ForVacancyResult(int VacancyId, string Title, string OccupationName, IReadOnlyList<Candidate> Candidates);

    public sealed record VacancyMatch(
        int VacancyId, string Title, string EnterpriseName, string PlaceCommuneName, DateOnly Deadline, int Score, IReadOnlyList<MatchReason> Reasons,
        bool AlreadyApplied);

    public sealed record ForPersonResult(int LearnerId, string FullName, string CommuneName, IReadOnlyList<VacancyMatch> Vacancies);

    public async Task<ForVacancyResult> ForVacancyAsync(int vacancyId, CancellationToken cancellationToken = default)
    {
        Placement.EnsureMayPlace(db);
        var vacancy = await db.Vacancies.AsNoTracking().Where(v => v.Id == vacancyId)
                          .Select(v => new { v.Id, v.Title, v.OccupationId, OccupationName = v.Occupation.Name, v.PlaceCommuneId, v.ProvinceId })
                          .SingleOrDefaultAsync(cancellationToken)
                      ?? throw new NotFoundException("Không tìm thấy tin tuyển dụng hoặc bạn không có quyền xem.");
        var learnerIds = await facts.Completions()
            .Where(c => c.OccupationId == vacancy.OccupationId
                        && LearnerDirectory.Visible(db).Any(l => l.Id == c.LearnerId && l.MergedIntoId == null && l.ProvinceId == vacancy.ProvinceId))
            .GroupBy(c => c.LearnerId)
            .Select(g => new { LearnerId = g.Key, Latest = g.Max(c => c.CompletedOn) })
            .OrderByDescending(g => g.Latest).ThenBy(g => g.LearnerId)
            .Take(Gathered)
            .Select(g => g.LearnerId)
            .ToListAsync(cancellationToken);
        var people = await LearnerDirectory.Visible(db).AsNoTracking()
            .Where(l => learnerIds.Contains(l.Id) && l.MergedIntoId == null && l.ProvinceId == vacancy.ProvinceId)
            .Select(l => new { l.Id, l.FullName, l.CommuneId, CommuneName = l.Commune.Name })
            .ToListAsync(cancellationToken);
        var ids = people.Select(p => p.Id).ToList();
        var completions = await CompletionsAsync(ids, cancellationToken);
        var outcomes = await LatestOutcomesAsync(ids, cancellationToken);
        var applied = (await db.JobApplications.AsNoTracking().Where(a => a.VacancyId == vacancy.Id && ids.Contains(a.LearnerId))
            .Select(a => a.LearnerId).ToListAsync(cancellationToken)).ToHashSet();
        var districts = await FormerDistrictsAsync([.. people.Select(p => p.CommuneId), vacancy.PlaceCommuneId], cancellationToken);

        var target = new MatchVacancy(vacancy.OccupationId, vacancy.OccupationName, vacancy.PlaceCommuneId, districts.Of(vacancy.PlaceCommuneId));
        var byId = people.ToDictionary(p => p.Id);
        var ranked = MatchScore.Rank(target, people.Select(p => new MatchPerson(p.Id, p.CommuneId, districts.Of(p.CommuneId),
            completions.GetValueOrDefault(p.Id, []), outcomes.GetValueOrDefault(p.Id), applied.Contains(p.Id))), VietnamTime.Today(clock));
        var candidates = ranked.Take(Shown)
            .Select(m => new Candidate(m.LearnerId, byId[m.LearnerId].FullName, byId[m.LearnerId].CommuneName, m.Score, m.Reasons, m.AlreadyApplied))
            .ToList();
        await audit.RecordViewAsync(nameof(Vacancy), vacancy.Id, $"Xem {candidates.Count} người phù hợp với tin tuyển dụng {vacancy.Title}", cancellationToken);
        return new ForVacancyResult(vacancy.Id, vacancy.Title, vacancy.OccupationName, candidates);
    }

    public async Task<ForPersonResult> ForPersonAsync(int learnerId, CancellationToken cancellationToken = default)
    {
        Placement.EnsureMayPlace(db);
        var person = await LearnerDirectory.Visible(db).AsNoTracking().Where(l => l.Id == learnerId && l.MergedIntoId == null)
                         .Select(l => new { l.Id, l.FullName, l.CommuneId, CommuneName = l.Commune.Name, l.ProvinceId })
                         .SingleOrDefaultAsync(cancellationToken)
                     ?? throw new NotFoundException("Không tìm thấy người học hoặc bạn không có quyền xem.");
        var today = VietnamTime.Today(clock);
        var completions = (await CompletionsAsync([person.Id], cancellationToken)).GetValueOrDefault(person.Id, []);
        var occupations = completions.Select(c => c.OccupationId).Distinct().ToList();
        var vacancies = await db.Vacancies.AsNoTracking()
            .Where(v => occupations.Contains(v.OccupationId) && v.Deadline >= today && v.ProvinceId == person.ProvinceId)
            .OrderBy(v => v.Deadline).ThenBy(v => v.Id)
            .Take(Gathered)
            .Select(v => new
            {
                v.Id, v.Title, EnterpriseName = v.Enterprise.Name, v.OccupationId, OccupationName = v.Occupation.Name, v.PlaceCommuneId,
                PlaceCommuneName = v.PlaceCommune.Name, v.Deadline,
            })
            .ToListAsync(cancellationToken);
        var vacancyIds = vacancies.Select(v => v.Id).ToList();
        var applied = (await db.JobApplications.AsNoTracking().Where(a => a.LearnerId == person.Id && vacancyIds.Contains(a.VacancyId))
            .Select(a => a.VacancyId).ToListAsync(cancellationToken)).ToHashSet();
        var outcome = (await LatestOutcomesAsync([person.Id], cancellationToken)).GetValueOrDefault(person.Id);
        var districts = await FormerDistrictsAsync([person.CommuneId, .. vacancies.Select(v => v.PlaceCommuneId)], cancellationToken);

        var matches = vacancies
            .Select(v => (Vacancy: v, Match: MatchScore.Score(
                new MatchVacancy(v.OccupationId, v.OccupationName, v.PlaceCommuneId, districts.Of(v.PlaceCommuneId)),
                new MatchPerson(person.Id, person.CommuneId, districts.Of(person.CommuneId), completions, outcome, applied.Contains(v.Id)), today)))
            .OrderBy(x => x.Match.AlreadyApplied).ThenByDescending(x => x.Match.Score).ThenBy(x => x.Vacancy.Deadline).ThenBy(x => x.Vacancy.Id)
            .Take(Shown)
            .Select(x => new VacancyMatch(x.Vacancy.Id, x.Vacancy.Title, x.Vacancy.EnterpriseName, x.Vacancy.PlaceCommuneName, x.Vacancy.Deadline,
                x.Match.Score, x.Match.Reasons, x.Match.AlreadyApplied))
            .ToList();
        await audit.RecordViewAsync(nameof(Learner), person.Id, $"Xem việc làm phù hợp với người học {person.FullName}", cancellationToken);
        return new ForPersonResult(person.Id, person.FullName, person.CommuneName, matches);
    }

    private async Task<Dictionary<int, IReadOnlyList<MatchCompletion>>> CompletionsAsync(List<int> learnerIds, CancellationToken cancellationToken)
    {
        var rows = await facts.Completions()
            .Where(c => learnerIds.Contains(c.LearnerId))
            .Join(OccupationDirectory.Visible(db), c => c.OccupationId, o => o.Id, (c, o) => new { c.LearnerId, c.OccupationId, o.Name, c.CompletedOn })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.LearnerId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<MatchCompletion>)g.Select(r => new MatchCompletion(r.OccupationId, r.Name, r.CompletedOn)).ToList());
    }

    /// <summary>Each person's latest outcome, however it was recorded (a follow-up, a hire, a contract abroad, a loan).</summary>
    private async Task<Dictionary<int, MatchOutcome>> LatestOutcomesAsync(List<int> learnerIds, CancellationToken cancellationToken)
    {
        var rows = await OutcomeRecords.Visible(db).AsNoTracking().Where(o => learnerIds.Contains(o.LearnerId))
            .Select(o => new { o.Id, o.LearnerId, o.OutcomeOn, o.Status })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.LearnerId).ToDictionary(g => g.Key, g =>
        {
            var latest = g.OrderByDescending(r => r.OutcomeOn).ThenByDescending(r => r.Id).First();
            return new MatchOutcome(latest.OutcomeOn, EmploymentOutcome.IsEmployed(latest.Status));
        });
    }

    /// <summary>
    /// The pre-2025 districts each commune lies in or grew out of: its own district for a commune of
    /// the old map, the districts of its predecessors for a commune formed in the 2025 merger.
    /// </summary>
    private async Task<FormerDistricts> FormerDistrictsAsync(List<int> communeIds, CancellationToken cancellationToken)
    {
        var ids = communeIds.Distinct().ToList();
        var own = await UnitDirectory.Units(db).AsNoTracking()
            .Where(u => ids.Contains(u.Id) && u.Parent != null && u.Parent.Level == UnitLevel.District)
            .Select(u => new { CommuneId = u.Id, DistrictId = u.ParentId!.Value })
            .ToListAsync(cancellationToken);
        var inherited = await UnitDirectory.Successions(db).AsNoTracking()
            .Where(s => ids.Contains(s.SuccessorId) && s.Predecessor.Parent != null && s.Predecessor.Parent.Level == UnitLevel.District)
            .Select(s => new { CommuneId = s.SuccessorId, DistrictId = s.Predecessor.ParentId!.Value })
            .ToListAsync(cancellationToken);
        return new FormerDistricts(own.Concat(inherited).GroupBy(r => r.CommuneId)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<int>)g.Select(r => r.DistrictId).ToHashSet()));
    }

    private sealed record FormerDistricts(Dictionary<int, IReadOnlySet<int>> ByCommune)
    {
        private static readonly IReadOnlySet<int> None = new HashSet<int>();

        public IReadOnlySet<int> Of(int communeId) => ByCommune.GetValueOrDefault(communeId, None);
    }
}
