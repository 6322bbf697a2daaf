using DaoTaoNghe.Features.Support;

namespace DaoTaoNghe.Tests.Features.Support;

/// <summary>QĐ 46/2015/QĐ-TTg with its own numbers: every group, and the edges of distance, cost, overlap and history.</summary>
public class SupportCalculatorTests
{
    private static readonly SupportRules Qd46 = DaoTaoNghe.Features.Support.Qd46.Rules(id: 46);
    private static readonly DateOnly Start = new(2026, 3, 2);

    private static CourseFacts Course(long cost = 7_000_000, int days = 20, double? km = null, long? fare = null) =>
        new(Start, cost, days, km, fare);

    private static SupportResult Calculate(LearnerFacts learner, CourseFacts? course = null, SupportHistory? history = null) =>
        SupportCalculator.Calculate(Qd46, learner, course ?? Course(), history ?? SupportHistory.None);

    public static TheoryData<string, LearnerFacts, SupportGroup, long, long> Groups => new()
    {
        { "khuyết tật", new LearnerFacts(Disabled: true), SupportGroup.Disabled, 6_000_000, 600_000 },
        { "DTTS hộ nghèo", new LearnerFacts(EthnicMinority: true, PoorHousehold: true), SupportGroup.EthnicMinorityPoorHousehold, 4_000_000, 600_000 },
        { "hộ nghèo ở xã ĐBKK", new LearnerFacts(PoorHousehold: true, ResidenceDifficulty: CommuneDifficulty.EspeciallyDifficult),
            SupportGroup.PoorHouseholdEspeciallyDifficultCommune, 4_000_000, 600_000 },
        { "DTTS", new LearnerFacts(EthnicMinority: true, ResidenceDifficulty: CommuneDifficulty.EspeciallyDifficult), SupportGroup.EthnicMinority, 3_000_000, 0 },
        { "người có công", new LearnerFacts(PersonWithMerit: true), SupportGroup.PersonWithMerit, 3_000_000, 0 },
        { "hộ nghèo ở xã khó khăn", new LearnerFacts(PoorHousehold: true, ResidenceDifficulty: CommuneDifficulty.Difficult), SupportGroup.PoorHousehold, 3_000_000, 0 },
        { "thu hồi đất", new LearnerFacts(LandRecovered: true), SupportGroup.LandRecovered, 3_000_000, 0 },
        { "nữ mất việc", new LearnerFacts(WomanLostJob: true), SupportGroup.WomanLostJob, 3_000_000, 0 },
        { "ngư dân", new LearnerFacts(Fisher: true), SupportGroup.Fisher, 3_000_000, 0 },
        { "cận nghèo", new LearnerFacts(NearPoorHousehold: true), SupportGroup.NearPoorHousehold, 2_500_000, 0 },
        { "lao động nông thôn khác", new LearnerFacts(), SupportGroup.RuralWorker, 2_000_000, 0 },
    };

    [Theory]
    [MemberData(nameof(Groups))]
    public void Each_group_gets_its_maximum_and_only_the_top_groups_get_meals(string because, LearnerFacts learner, SupportGroup group, long tuition, long meals)
    {
        var result = Calculate(learner);

        result.Group.ShouldBe(group, because);
        result.Tuition.ShouldBe(tuition, because);
        result.Meals.ShouldBe(meals, because);
        result.Total.ShouldBe(tuition + meals, because);
        result.RuleSetCode.ShouldBe("QĐ 46/2015/QĐ-TTg");
    }

    [Fact]
    public void The_derivation_is_written_out_in_Vietnamese()
    {
        var result = Calculate(new LearnerFacts(Disabled: true), Course(cost: 4_500_000, days: 20, km: 16, fare: 150_000));

        result.Lines.ShouldBe([
            "Áp dụng QĐ 46/2015/QĐ-TTg (hiệu lực từ 15/11/2015) theo ngày khai giảng 02/03/2026.",
            "Nhóm người khuyết tật: mức tối đa 6.000.000 đ; học phí thực tế 4.500.000 đ → hỗ trợ 4.500.000 đ (không vượt chi phí thực tế).",
            "Tiền ăn (người khuyết tật): 30.000 đ/ngày × 20 ngày thực học = 600.000 đ.",
            "Tiền đi lại: nơi học cách nơi ở 16 km (từ 5 km, người khuyết tật): theo giá vé 150.000 đ, tối đa 300.000 đ → 150.000 đ.",
            "Tổng hỗ trợ: 5.250.000 đ.",
        ]);
        result.Total.ShouldBe(5_250_000);
    }

    [Fact]
    public void The_amount_never_exceeds_the_actual_cost()
    {
        Calculate(new LearnerFacts(Disabled: true), Course(cost: 4_500_000)).Tuition.ShouldBe(4_500_000);
        Calculate(new LearnerFacts(), Course(cost: 1_800_000)).Tuition.ShouldBe(1_800_000);
        Calculate(new LearnerFacts(), Course(cost: 0)).Tuition.ShouldBe(0);
    }

    [Fact]
    public void Two_groups_at_once_give_the_highest_single_level_not_the_sum()
    {
        var result = Calculate(new LearnerFacts(Disabled: true, EthnicMinority: true, PoorHousehold: true));

        result.Group.ShouldBe(SupportGroup.Disabled);
        result.Tuition.ShouldBe(6_000_000);
        result.Lines[1].ShouldBe("Thuộc 4 nhóm: Người khuyết tật (tối đa 6.000.000 đ); Người dân tộc thiểu số thuộc hộ nghèo (tối đa 4.000.000 đ); "
            + "Người dân tộc thiểu số (tối đa 3.000.000 đ); Người thuộc hộ nghèo (tối đa 3.000.000 đ). Chỉ áp dụng một mức cao nhất.");
    }

    [Fact]
    public void Equal_maxima_are_broken_by_the_decisions_order()
    {
        Calculate(new LearnerFacts(EthnicMinority: true, Fisher: true, PersonWithMerit: true)).Group.ShouldBe(SupportGroup.EthnicMinority);
    }

    [Fact]
    public void Travel_starts_at_15_km_exactly_for_everyone_in_a_travel_group()
    {
        var poorMinority = new LearnerFacts(EthnicMinority: true, PoorHousehold: true, ResidenceDifficulty: CommuneDifficulty.NotDifficult);

        Calculate(poorMinority, Course(km: 15, fare: 250_000)).Travel.ShouldBe(200_000);
        Calculate(poorMinority, Course(km: 15, fare: 120_000)).Travel.ShouldBe(120_000);
        var short_ = Calculate(poorMinority, Course(km: 14.9, fare: 250_000));
        short_.Travel.ShouldBe(0);
        short_.Lines.ShouldContain("Tiền đi lại: nơi học cách nơi ở 14,9 km, dưới ngưỡng 15 km: không hỗ trợ.");
    }

    [Fact]
    public void A_disabled_learner_gets_travel_from_5_km_up_to_300000()
    {
        var disabled = new LearnerFacts(Disabled: true);

        Calculate(disabled, Course(km: 5, fare: 350_000)).Travel.ShouldBe(300_000);
        Calculate(disabled, Course(km: 4.9, fare: 350_000)).Travel.ShouldBe(0);
        Calculate(disabled, Course(km: 40, fare: 350_000)).Travel.ShouldBe(300_000);
    }

    [Fact]
    public void Living_in_a_difficult_commune_also_lowers_the_threshold_to_5_km()
    {
        var poorMinority = new LearnerFacts(EthnicMinority: true, PoorHousehold: true, ResidenceDifficulty: CommuneDifficulty.Difficult);

        var result = Calculate(poorMinority, Course(km: 5, fare: 400_000));

        result.Travel.ShouldBe(300_000);
        result.Lines.ShouldContain("Tiền đi lại: nơi học cách nơi ở 5 km (từ 5 km, cư trú ở xã khó khăn): theo giá vé 400.000 đ, tối đa 300.000 đ → 300.000 đ.");
    }

    [Fact]
    public void Groups_without_travel_get_none_however_far()
    {
        var result = Calculate(new LearnerFacts(NearPoorHousehold: true), Course(km: 60, fare: 300_000));

        result.Travel.ShouldBe(0);
        result.Lines.ShouldContain("Tiền đi lại: nhóm của người học không được hỗ trợ tiền đi lại theo QĐ 46/2015/QĐ-TTg.");
    }

    [Fact]
    public void Travel_waits_for_the_distance_and_the_fare()
    {
        var disabled = new LearnerFacts(Disabled: true);

        Calculate(disabled, Course(km: null, fare: 100_000)).Lines.ShouldContain("Tiền đi lại: chưa có khoảng cách từ nơi ở đến nơi học: chưa tính.");
        var noFare = Calculate(disabled, Course(km: 20, fare: null));
        noFare.Travel.ShouldBe(0);
        noFare.Lines.ShouldContain("Tiền đi lại: nơi học cách nơi ở 20 km (từ 5 km, người khuyết tật), tối đa 300.000 đ; chưa có giá vé phương tiện công cộng: chưa tính.");
    }

    [Fact]
    public void Meals_are_paid_per_day_actually_studied()
    {
        Calculate(new LearnerFacts(Disabled: true), Course(days: 0)).Meals.ShouldBe(0);
        Calculate(new LearnerFacts(Disabled: true), Course(days: 45)).Meals.ShouldBe(1_350_000);
    }

    [Fact]
    public void A_second_course_for_the_same_person_gets_nothing_under_a_once_per_person_rule()
    {
        var result = Calculate(new LearnerFacts(Disabled: true), Course(km: 20, fare: 100_000), new SupportHistory(AlreadySupportedUnderRuleSet: true));

        result.Total.ShouldBe(0);
        result.Group.ShouldBeNull();
        result.Lines.ShouldBe([
            "Áp dụng QĐ 46/2015/QĐ-TTg (hiệu lực từ 15/11/2015) theo ngày khai giảng 02/03/2026.",
            "Người học đã được hỗ trợ theo QĐ 46/2015/QĐ-TTg ở khóa học khác; mỗi người chỉ được hỗ trợ một lần theo chính sách này: không hỗ trợ.",
            "Tổng hỗ trợ: 0 đ.",
        ]);
    }

    [Fact]
    public void A_rule_set_without_once_per_person_supports_a_second_course()
    {
        var repeatable = Qd46 with { OncePerPerson = false };

        SupportCalculator.Calculate(repeatable, new LearnerFacts(), Course(), new SupportHistory(AlreadySupportedUnderRuleSet: true))
            .Tuition.ShouldBe(2_000_000);
    }

    [Fact]
    public void Nothing_is_paid_when_another_state_policy_already_paid()
    {
        var result = Calculate(new LearnerFacts(Disabled: true), history: new SupportHistory(OtherPolicyPaid: true));

        result.Total.ShouldBe(0);
        result.Lines.ShouldContain("Người học đã được hỗ trợ đào tạo theo chính sách khác của Nhà nước: không hỗ trợ theo QĐ 46/2015/QĐ-TTg.");
    }

    [Fact]
    public void The_calculator_marks_the_lines_that_name_no_group_and_leaves_every_line_a_group_decides_unmarked()
    {
        var paidElsewhere = Calculate(new LearnerFacts(Disabled: true), history: new SupportHistory(OtherPolicyPaid: true));
        var paid = Calculate(new LearnerFacts(Disabled: true, EthnicMinority: true, PoorHousehold: true), Course(km: 20, fare: 100_000));

        paidElsewhere.LinesWithoutGroup.ShouldBe(["Người học đã được hỗ trợ đào tạo theo chính sách khác của Nhà nước: không hỗ trợ theo QĐ 46/2015/QĐ-TTg."]);
        paid.LinesWithoutGroup.ShouldBeEmpty();
        paid.Lines.Count.ShouldBeGreaterThan(4);
    }

    [Fact]
    public void A_new_rule_set_starting_on_a_date_leaves_earlier_courses_on_the_old_rules()
    {
        var old = Qd46 with { EffectiveTo = new DateOnly(2026, 12, 31) };
        var newer = new SupportRules(47, "QĐ 99/2026/QĐ-TTg", new DateOnly(2027, 1, 1), null, OncePerPerson: true, MealPerDay: 50_000,
            [
                new(SupportGroup.Disabled, 8_000_000, true, true),
                new(SupportGroup.NearPoorHousehold, 4_000_000, GetsMeals: true, GetsTravel: false),
                new(SupportGroup.RuralWorker, 3_000_000, false, false),
            ],
            [new(10, 250_000, TravelCondition.Anyone)]);
        var sets = new[] { newer, old };
        var nearPoor = new LearnerFacts(NearPoorHousehold: true);

        var before = SupportCalculator.Calculate(sets, nearPoor, new CourseFacts(new DateOnly(2026, 12, 31), 9_000_000, 20), SupportHistory.None);
        var after = SupportCalculator.Calculate(sets, nearPoor, new CourseFacts(new DateOnly(2027, 1, 1), 9_000_000, 20), SupportHistory.None);

        before.RuleSetCode.ShouldBe("QĐ 46/2015/QĐ-TTg");
        before.Tuition.ShouldBe(2_500_000);
        before.Meals.ShouldBe(0);
        after.RuleSetCode.ShouldBe("QĐ 99/2026/QĐ-TTg");
        after.Tuition.ShouldBe(4_000_000);
        after.Meals.ShouldBe(1_000_000);
        SupportCalculator.Calculate(sets, new LearnerFacts(Disabled: true), new CourseFacts(new DateOnly(2027, 3, 1), 9_000_000, 0), SupportHistory.None)
            .Tuition.ShouldBe(8_000_000);
    }

    [Fact]
    public void A_group_the_rule_set_drops_is_not_supported()
    {
        var onlyDisabled = Qd46 with { Groups = [new(SupportGroup.Disabled, 6_000_000, true, true)] };

        var result = SupportCalculator.Calculate(onlyDisabled, new LearnerFacts(Fisher: true), Course(), SupportHistory.None);

        result.Total.ShouldBe(0);
        result.Lines.ShouldContain("Người học không thuộc nhóm đối tượng nào của QĐ 46/2015/QĐ-TTg: không hỗ trợ.");
    }

    [Fact]
    public void No_rule_set_in_force_on_the_start_date_means_no_support()
    {
        var result = SupportCalculator.Calculate([Qd46], new LearnerFacts(Disabled: true), new CourseFacts(new DateOnly(2015, 11, 14), 5_000_000, 10), SupportHistory.None);

        result.Total.ShouldBe(0);
        result.RuleSetCode.ShouldBeNull();
        result.Lines[0].ShouldBe("Không có chính sách hỗ trợ nào có hiệu lực vào ngày khai giảng 14/11/2015: không hỗ trợ.");
    }

    [Fact]
    public void Impossible_inputs_are_programming_errors()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Calculate(new LearnerFacts(), Course(cost: -1)));
        Should.Throw<ArgumentOutOfRangeException>(() => Calculate(new LearnerFacts(), Course(km: -2)));
        Should.Throw<ArgumentException>(() => SupportCalculator.Calculate(Qd46 with { EffectiveTo = new DateOnly(2020, 1, 1) },
            new LearnerFacts(), Course(), SupportHistory.None));
    }
}
