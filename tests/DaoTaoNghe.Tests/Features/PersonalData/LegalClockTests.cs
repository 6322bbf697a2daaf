using DaoTaoNghe.Features.PersonalData;
using DaoTaoNghe.Infrastructure.Time;

namespace DaoTaoNghe.Tests.Features.PersonalData;

/// <summary>The law's clocks, with the dates a person and an officer would count on a calendar.</summary>
public class LegalClockTests
{
    [Theory]
    [InlineData(2025, "2025-01-29")]
    [InlineData(2026, "2026-02-17")]
    [InlineData(2027, "2027-02-06")]
    [InlineData(2028, "2028-01-26")]
    [InlineData(2029, "2029-02-13")]
    public void Tet_falls_on_the_Vietnamese_lunar_new_year(int year, string tet) =>
        LunarCalendar.NewYear(year).ShouldBe(DateOnly.Parse(tet));

    [Theory]
    [InlineData(2025, "2025-04-07")]
    [InlineData(2026, "2026-04-26")]
    [InlineData(2027, "2027-04-16")]
    public void Gio_To_Hung_Vuong_is_the_tenth_of_the_third_lunar_month(int year, string day) =>
        LunarCalendar.ToSolar(10, 3, year).ShouldBe(DateOnly.Parse(day));

    [Theory]
    // Received the Friday before Tết 2026 (days off 14/2–22/2): answered by the second working day after, Tuesday 24/2;
    // 15 days end on Saturday 28/2, so Monday 2/3; an extension of 15 days more ends Tuesday 17/3.
    [InlineData("2026-02-13", "2026-02-24", "2026-03-02", "2026-03-17")]
    // Before 30/4 and 1/5 (Thursday, Friday) and the weekend: Monday 4/5 and Tuesday 5/5.
    [InlineData("2026-04-29", "2026-05-05", "2026-05-14", "2026-05-29")]
    // Saturday 10/1/2026 is worked in exchange for Friday 2/1: it counts.
    [InlineData("2026-01-09", "2026-01-12", "2026-01-26", "2026-02-10")]
    // Quốc khánh 2026 is Tuesday 1/9 and Wednesday 2/9.
    [InlineData("2026-08-31", "2026-09-04", "2026-09-15", "2026-09-30")]
    // Over the new year: 1/1/2027 (Friday) is off and the weekend follows.
    [InlineData("2026-12-31", "2027-01-05", "2027-01-15", "2027-02-01")]
    // Received on a Saturday: the first working day after is Monday.
    [InlineData("2026-11-21", "2026-11-24", "2026-12-07", "2026-12-22")]
    public void A_request_is_answered_within_two_working_days_and_carried_out_within_fifteen_days_extendable_once(
        string received, string answerBy, string carryOutBy, string latestExtension)
    {
        var deadlines = RequestDeadlines.For(DateOnly.Parse(received));

        deadlines.AnswerBy.ShouldBe(DateOnly.Parse(answerBy));
        deadlines.CarryOutBy.ShouldBe(DateOnly.Parse(carryOutBy));
        deadlines.LatestExtension.ShouldBe(DateOnly.Parse(latestExtension));
    }

    [Fact]
    public void Tet_2027_follows_the_law_until_the_Government_decides_five_days_with_its_weekend_compensated()
    {
        var year = WorkingDays.Year(2027);

        year.Decided.ShouldBeFalse();
        // Eve Friday 5/2; mùng 1 and 2 on the weekend give Wednesday 10/2 and Thursday 11/2.
        new[] { 5, 8, 9, 10, 11 }.ShouldAllBe(d => !WorkingDays.IsWorkingDay(new DateOnly(2027, 2, d)));
        WorkingDays.IsWorkingDay(new DateOnly(2027, 2, 12)).ShouldBeTrue();
        WorkingDays.IsWorkingDay(new DateOnly(2027, 4, 16)).ShouldBeFalse();
        // 1/5/2027 is a Saturday: Monday 3/5 off.
        WorkingDays.IsWorkingDay(new DateOnly(2027, 5, 3)).ShouldBeFalse();
        WorkingDays.Year(2026).Decided.ShouldBeTrue();
    }

    [Fact]
    public void A_breach_found_on_new_years_eve_must_be_notified_by_three_days_later_at_the_same_hour()
    {
        // 31/12/2026 22:30 in Vietnam.
        var discovered = new DateTime(2026, 12, 31, 15, 30, 0, DateTimeKind.Utc);

        BreachClock.NotifyBy(discovered).ShouldBe(new DateTime(2027, 1, 3, 15, 30, 0, DateTimeKind.Utc));
        VietnamTime.ToLocal(BreachClock.NotifyBy(discovered)).ShouldBe(new DateTime(2027, 1, 3, 22, 30, 0));
        BreachClock.IsLate(discovered, new DateTime(2027, 1, 3, 15, 30, 0, DateTimeKind.Utc)).ShouldBeFalse();
        BreachClock.IsLate(discovered, new DateTime(2027, 1, 3, 15, 31, 0, DateTimeKind.Utc)).ShouldBeTrue();
    }
}
