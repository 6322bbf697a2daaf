using DaoTaoNghe.Features.Jobs.Matching;

namespace DaoTaoNghe.Tests.Features.Jobs;

/// <summary>The match score on known people: each point and its reason, and the order they come out in.</summary>
public class MatchScoreTests
{
    private const int Tea = 7;
    private const int Sewing = 8;
    private const int TanUyen = 100;
    private const int Neighbour = 101;
    private const int FarAway = 200;
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly MatchVacancy Vacancy = new(Tea, "Kỹ thuật trồng chè", TanUyen, new HashSet<int> { 10 });

    private static MatchPerson Person(int id, int commune, int[] districts, MatchCompletion[] completions, MatchOutcome? outcome = null,
        bool applied = false) =>
        new(id, commune, districts.ToHashSet(), completions, outcome, applied);

    private static MatchCompletion TeaOn(int year, int month, int day = 15) => new(Tea, "Kỹ thuật trồng chè", new DateOnly(year, month, day));

    [Fact]
    public void Reasons_explain_every_point()
    {
        var result = MatchScore.Score(Vacancy, Person(1, TanUyen, [10], [TeaOn(2026, 3)]), Today);

        result.Score.ShouldBe(95);
        result.Reasons.Select(MatchScore.Text).ShouldBe([
            "Đã học nghề Kỹ thuật trồng chè (hoàn thành 03/2026): +50",
            "Cùng xã với nơi làm việc: +25",
            "Chưa có kết quả theo dõi việc làm: +10",
            "Học xong trong 12 tháng qua: +10",
        ]);
    }

    [Fact]
    public void The_latest_course_of_the_occupation_counts_and_recency_ends_twelve_months_back()
    {
        var lastDayOut = MatchScore.Score(Vacancy, Person(1, FarAway, [20], [TeaOn(2025, 11, 22)], new(new DateOnly(2026, 2, 1), Employed: true)), Today);
        var firstDayIn = MatchScore.Score(Vacancy, Person(1, FarAway, [20], [TeaOn(2020, 1), TeaOn(2025, 11, 23)]), Today);

        lastDayOut.Score.ShouldBe(50);
        lastDayOut.Reasons.Select(MatchScore.Text).ShouldBe([
            "Đã học nghề Kỹ thuật trồng chè (hoàn thành 11/2025): +50",
            "Ở xã khác, ngoài huyện cũ của nơi làm việc: +0",
            "Đang có việc làm theo lần theo dõi gần nhất (01/02/2026): +0",
        ]);
        firstDayIn.Score.ShouldBe(70);
        firstDayIn.CompletedOn.ShouldBe(new DateOnly(2025, 11, 23));
    }

    [Fact]
    public void Ranking_puts_the_trained_and_available_first_and_breaks_ties_by_completion_then_id()
    {
        MatchPerson[] people =
        [
            Person(6, TanUyen, [10], [TeaOn(2026, 3)], applied: true),
            Person(3, TanUyen, [10], [TeaOn(2024, 5)], new(new DateOnly(2025, 1, 10), Employed: true)),
            Person(7, FarAway, [20], [TeaOn(2026, 3)], new(new DateOnly(2026, 6, 15), Employed: false)),
            Person(5, TanUyen, [10], [new(Sewing, "May công nghiệp", new DateOnly(2026, 5, 1))], new(new DateOnly(2026, 8, 1), Employed: false)),
            Person(4, FarAway, [20], [TeaOn(2026, 3)], new(new DateOnly(2026, 6, 15), Employed: false)),
            Person(2, Neighbour, [10, 11], [TeaOn(2026, 3)], new(new DateOnly(2026, 6, 15), Employed: false)),
            Person(1, TanUyen, [10], [TeaOn(2026, 3)]),
        ];

        var ranked = MatchScore.Rank(Vacancy, people, Today);

        ranked.Select(m => (m.LearnerId, m.Score)).ShouldBe([(1, 95), (2, 85), (4, 75), (7, 75), (3, 75), (5, 40), (6, 95)]);
        ranked[1].Reasons.Select(MatchScore.Text).ShouldBe([
            "Đã học nghề Kỹ thuật trồng chè (hoàn thành 03/2026): +50",
            "Cùng huyện cũ với nơi làm việc: +10",
            "Chưa có việc làm theo lần theo dõi gần nhất (15/06/2026): +15",
            "Học xong trong 12 tháng qua: +10",
        ]);
        ranked[5].Reasons.Select(MatchScore.Text).ShouldBe([
            "Chưa học nghề Kỹ thuật trồng chè: +0",
            "Cùng xã với nơi làm việc: +25",
            "Chưa có việc làm theo lần theo dõi gần nhất (01/08/2026): +15",
        ]);
        ranked[6].Reasons.Last().Text.ShouldBe("Đã được giới thiệu vào tin tuyển dụng này");
    }
}
