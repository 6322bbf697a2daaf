using System.Globalization;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Jobs.Matching;

/// <summary>What a vacancy offers, for matching: its occupation and where the work is (today's commune and the pre-2025 districts it grew out of).</summary>
public sealed record MatchVacancy(int OccupationId, string OccupationName, int PlaceCommuneId, IReadOnlySet<int> PlaceFormerDistrictIds);

/// <summary>A completed course of a person: its occupation and the date of the result.</summary>
public sealed record MatchCompletion(int OccupationId, string OccupationName, DateOnly CompletedOn);

/// <summary>The person's latest employment outcome, if any was recorded.</summary>
public sealed record MatchOutcome(DateOnly On, bool Employed);

/// <summary>A person, for matching: where they live, what they completed, their latest outcome and whether they were already put forward for this vacancy.</summary>
public sealed record MatchPerson(
    int LearnerId, int CommuneId, IReadOnlySet<int> FormerDistrictIds, IReadOnlyList<MatchCompletion> Completions, MatchOutcome? LatestOutcome,
    bool AlreadyApplied);

public sealed record MatchReason(string Text, int Points);

public sealed record MatchResult(int LearnerId, int Score, IReadOnlyList<MatchReason> Reasons, bool TrainedInOccupation, DateOnly? CompletedOn, bool AlreadyApplied);

/// <summary>
/// The explainable match of a person to a vacancy, out of 100: having completed a course in the
/// vacancy's occupation (50), living in the commune of the work (25) or in the same former district
/// (10), being available — not employed at the latest outcome (15), or no outcome recorded yet (10)
/// — and having finished the course in the last 12 months (10). Every point comes with its reason,
/// zero-point facts too (already employed, already put forward), so staff see why someone is low.
/// The data keeps no coordinates of communes, so distance is judged by the administrative map.
/// </summary>
public static class MatchScore
{
    public const int Occupation = 50;
    public const int SameCommune = 25;
    public const int SameFormerDistrict = 10;
    public const int Unemployed = 15;
    public const int NoOutcome = 10;
    public const int Recent = 10;

    public static MatchResult Score(MatchVacancy vacancy, MatchPerson person, DateOnly today)
    {
        var reasons = new List<MatchReason>();
        var course = person.Completions.Where(c => c.OccupationId == vacancy.OccupationId).MaxBy(c => c.CompletedOn);
        if (course is not null)
            reasons.Add(new($"Đã học nghề {course.OccupationName} (hoàn thành {course.CompletedOn.ToString("MM/yyyy", CultureInfo.InvariantCulture)})", Occupation));
        else
            reasons.Add(new($"Chưa học nghề {vacancy.OccupationName}", 0));

        if (person.CommuneId == vacancy.PlaceCommuneId)
            reasons.Add(new("Cùng xã với nơi làm việc", SameCommune));
        else if (person.FormerDistrictIds.Overlaps(vacancy.PlaceFormerDistrictIds))
            reasons.Add(new("Cùng huyện cũ với nơi làm việc", SameFormerDistrict));
        else
            reasons.Add(new("Ở xã khác, ngoài huyện cũ của nơi làm việc", 0));

        reasons.Add(person.LatestOutcome switch
        {
            null => new("Chưa có kết quả theo dõi việc làm", NoOutcome),
            { Employed: false } o => new($"Chưa có việc làm theo lần theo dõi gần nhất ({Fmt.Date(o.On)})", Unemployed),
            var o => new($"Đang có việc làm theo lần theo dõi gần nhất ({Fmt.Date(o.On)})", 0),
        });

        if (course is not null && course.CompletedOn > today.AddMonths(-12))
            reasons.Add(new("Học xong trong 12 tháng qua", Recent));

        if (person.AlreadyApplied)
            reasons.Add(new("Đã được giới thiệu vào tin tuyển dụng này", 0));

        return new MatchResult(person.LearnerId, reasons.Sum(r => r.Points), reasons, course is not null, course?.CompletedOn, person.AlreadyApplied);
    }

    /// <summary>
    /// Best first: people not yet put forward before those who were (the list is for finding new
    /// people), people trained in the occupation before those not, then the score, the latest
    /// completion, and the learner id so equal scores always come out in the same order.
    /// </summary>
    public static IReadOnlyList<MatchResult> Rank(MatchVacancy vacancy, IEnumerable<MatchPerson> people, DateOnly today) =>
        people.Select(p => Score(vacancy, p, today))
            .OrderBy(m => m.AlreadyApplied)
            .ThenByDescending(m => m.TrainedInOccupation)
            .ThenByDescending(m => m.Score)
            .ThenByDescending(m => m.CompletedOn)
            .ThenBy(m => m.LearnerId)
            .ToList();

    public static string Text(MatchReason reason) => $"{reason.Text}: +{reason.Points}";
}
