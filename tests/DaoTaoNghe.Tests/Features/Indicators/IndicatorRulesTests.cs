using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Reports;

namespace DaoTaoNghe.Tests.Features.Indicators;

/// <summary>The catalogue's consistency and the pure rules (targets, periods, values), with the plans' own numbers.</summary>
public class IndicatorRulesTests
{
    /// <summary>domain.md's table, indicator by indicator: each has a catalogue entry.</summary>
    [Theory]
    [InlineData("training.completed")]
    [InlineData("employment.rate")]
    [InlineData("jobs.created")]
    [InlineData("jobs.women")]
    [InlineData("jobs.loans")]
    [InlineData("jobs.abroad")]
    [InlineData("jobs.sessions")]
    [InlineData("jobs.session_enterprises")]
    [InlineData("outreach.events")]
    [InlineData("outreach.people")]
    [InlineData("programmes.key_accredited_rate")]
    [InlineData("occupations.vet_partnered_rate")]
    [InlineData("education.vet_entry_rate")]
    [InlineData("labour.unemployment_rate")]
    [InlineData("support.disbursement_rate")]
    [InlineData("reports.on_time_rate")]
    [InlineData("learners.registered")]
    public void Every_indicator_of_the_domain_is_in_the_catalogue(string code) => IndicatorCatalogue.Find(code).ShouldNotBeNull();

    [Fact]
    public void The_catalogue_is_consistent_with_the_computations_the_areas_provide()
    {
        IndicatorCatalogue.All.Select(i => i.Code).ShouldBeUnique();
        foreach (var indicator in IndicatorCatalogue.All)
        {
            indicator.Scopes.ShouldNotBeEmpty(indicator.Code);
            switch (indicator.Kind)
            {
                case IndicatorKind.Ratio:
                    var numerator = IndicatorCatalogue.Find(indicator.Numerator).ShouldNotBeNull(indicator.Code);
                    var denominator = IndicatorCatalogue.Find(indicator.Denominator).ShouldNotBeNull(indicator.Code);
                    numerator.IsAdditive.ShouldBeTrue(indicator.Code);
                    denominator.IsAdditive.ShouldBeTrue(indicator.Code);
                    indicator.Measure.ShouldBe(IndicatorMeasure.Percent);
                    break;
                case IndicatorKind.Computed:
                    // A computed indicator is computed by an area, or entered by hand until its records exist.
                    (IndicatorEngine.ComputationNames.Contains(indicator.Computation!) || IndicatorCatalogue.FindElement(indicator.Element) is not null)
                        .ShouldBeTrue(indicator.Code);
                    if (IndicatorEngine.OriginOf(indicator) == ValueOrigin.Records)
                    {
                        var computation = IndicatorEngine.ComputationOf(indicator)!;
                        indicator.Breakdowns.Where(d => d is not (Dimension.Commune or Dimension.District)).ShouldAllBe(d => computation.Dimensions.Contains(d), indicator.Code);
                    }
                    break;
                default:
                    IndicatorCatalogue.FindElement(indicator.Element).ShouldNotBeNull(indicator.Code);
                    break;
            }
        }
        IndicatorEngine.ComputationNames.ShouldAllBe(name => IndicatorCatalogue.All.Any(i => i.Computation == name));
        IndicatorCatalogue.Rules.ShouldAllBe(r => IndicatorCatalogue.FindElement(r.Left) != null && IndicatorCatalogue.FindElement(r.Right) != null);
    }

    [Fact]
    public void Every_indicator_an_area_computes_is_read_from_records_and_its_stand_in_is_no_longer_entered()
    {
        foreach (var code in new[] { "outreach.events", "outreach.people", "learners.registered", "programmes.key", "programmes.key_accredited",
                     "occupations.vet_taught", "occupations.vet_partnered", "reports.due", "reports.on_time",
                     "employment.followed_up", "employment.employed", "jobs.created", "jobs.women", "jobs.loans", "jobs.abroad",
                     "training.completed", "support.paid", "jobs.sessions", "jobs.session_enterprises", "jobs.vacancies_filled" })
            IndicatorEngine.OriginOf(IndicatorCatalogue.Find(code)!).ShouldBe(ValueOrigin.Records, code);
        IndicatorEngine.IsEnteredByHand(IndicatorCatalogue.Find("employment.rate")!).ShouldBeFalse();
        AggregateEntry.InUse.Select(e => e.Code).Order()
            .ShouldBe(["education.rural_graduates", "education.vet_entrants", "labour.unemployment_rate", "support.budget"]);
    }

    [Fact]
    public void Reports_carry_every_additive_indicator_and_no_rate()
    {
        ReportFigures.Definitions.Select(d => d.Code).ShouldContain(ReportFigures.OutreachEvents);
        ReportFigures.Definitions.Select(d => d.Code).ShouldContain("employment.employed");
        ReportFigures.Definitions.Select(d => d.Code).ShouldContain("employment.followed_up");
        ReportFigures.Definitions.Select(d => d.Code).ShouldNotContain("employment.rate");
        ReportFigures.Definitions.Select(d => d.Code).ShouldNotContain("labour.unemployment_rate");
        ReportFigures.Definitions.Select(d => d.Code)
            .ShouldBe(IndicatorCatalogue.All.Where(i => i.Kind != IndicatorKind.Ratio && i.Code != "labour.unemployment_rate").Select(i => i.Code));
    }

    [Theory]
    [InlineData(9_727, 11_500, TargetDirection.AtLeast, 2026, "2026-11-22", TargetState.InProgress, 0.8458)]
    [InlineData(12_021, 11_500, TargetDirection.AtLeast, 2025, "2026-11-22", TargetState.Achieved, 1.0453)]
    [InlineData(10_907, 11_500, TargetDirection.AtLeast, 2024, "2026-11-22", TargetState.Missed, 0.9484)]
    [InlineData(82.45, 80, TargetDirection.AtLeast, 2026, "2026-11-22", TargetState.Achieved, 1.0306)]
    [InlineData(1.18, 1.2, TargetDirection.About, 2026, "2026-11-22", TargetState.Achieved, 0.9833)]
    [InlineData(1.35, 1.2, TargetDirection.About, 2024, "2026-11-22", TargetState.Missed, 1.125)]
    [InlineData(1.32, 1.2, TargetDirection.About, 2024, "2026-11-22", TargetState.Achieved, 1.1)]
    [InlineData(1.4, 1.5, TargetDirection.AtMost, 2024, "2026-11-22", TargetState.Achieved, 0.9333)]
    [InlineData(1.6, 1.5, TargetDirection.AtMost, 2024, "2026-11-22", TargetState.Missed, 1.0667)]
    [InlineData(75.9, 40, TargetDirection.AtLeast, 2030, "2026-11-22", TargetState.Achieved, 1.8975)]
    [InlineData(50, 100, TargetDirection.AtLeast, 2030, "2026-11-22", TargetState.InProgress, 0.5)]
    public void A_value_stands_against_its_target(double value, double target, TargetDirection direction, int year, string today, TargetState state, double progress)
    {
        var assessed = TargetProgress.Assess(value, new AppliedTarget(target, direction, year, null), DateOnly.Parse(today));
        assessed.State.ShouldBe(state);
        assessed.Progress!.Value.ShouldBe(progress, 0.0001);
    }

    [Fact]
    public void No_value_is_no_data_and_targets_read_as_the_plans_write_them()
    {
        var employed = IndicatorCatalogue.Find("employment.rate")!;
        TargetProgress.Assess(null, new AppliedTarget(80, TargetDirection.AtLeast, 2026, null), new DateOnly(2026, 5, 1)).State.ShouldBe(TargetState.NoData);
        TargetProgress.Describe(new AppliedTarget(80, TargetDirection.AtLeast, 2026, null), employed, 2026).ShouldBe("≥ 80%");
        TargetProgress.Describe(new AppliedTarget(100, TargetDirection.AtLeast, 2030, null), IndicatorCatalogue.Find("programmes.key_accredited_rate")!, 2026)
            .ShouldBe("≥ 100% (đến năm 2030)");
        TargetProgress.Describe(new AppliedTarget(1.2, TargetDirection.About, 2026, null), IndicatorCatalogue.Find("labour.unemployment_rate")!, 2026)
            .ShouldBe("khoảng 1,2%");
        TargetProgress.Describe(new AppliedTarget(11_500, TargetDirection.AtLeast, 2026, null), IndicatorCatalogue.Find("training.completed")!, 2026)
            .ShouldBe("11.500");
    }

    [Theory]
    [InlineData("2026-01-01", "2026-12-31", 2026, 2026)]
    [InlineData("2025-12-15", "2026-12-14", 2026, 2026)]
    [InlineData("2024-01-01", "2026-12-31", 2024, 2026)]
    [InlineData("2026-03-01", "2026-04-30", null, null)]
    [InlineData("2026-07-01", "2026-07-01", 2026, 2026)]
    public void A_yearly_value_counts_in_a_period_that_contains_its_1_July(string from, string to, int? first, int? last)
    {
        var years = IndicatorPeriod.YearsOf(DateOnly.Parse(from), DateOnly.Parse(to));
        years?.First.ShouldBe(first!.Value);
        years?.Last.ShouldBe(last!.Value);
        (years is null).ShouldBe(first is null);
    }

    [Theory]
    [InlineData("labour.unemployment_rate", 1.23, null)]
    [InlineData("labour.unemployment_rate", 100.5, "\"Tỷ lệ thất nghiệp\" phải từ 0 đến 100 %.")]
    [InlineData("labour.unemployment_rate", 1.234, "\"Tỷ lệ thất nghiệp\" chỉ được có tối đa 2 chữ số thập phân.")]
    [InlineData("jobs.created", -1, "\"Số lao động được giải quyết việc làm\" phải từ 0 đến 10.000.000 lao động.")]
    [InlineData("jobs.created", 2.5, "\"Số lao động được giải quyết việc làm\" phải là số nguyên.")]
    public void Each_value_is_checked_against_its_elements_range_and_decimals(string code, double value, string? message) =>
        AggregateEntry.CheckValue(IndicatorCatalogue.FindElement(code)!, value).ShouldBe(message);

    [Fact]
    public void Rules_between_elements_are_judged_on_the_values_together()
    {
        var broken = AggregateEntry.CheckRules(new Dictionary<string, double>
        {
            ["education.rural_graduates"] = 1200, ["education.vet_entrants"] = 1500, ["jobs.created"] = 13_200, ["jobs.women"] = 6_340,
        });
        broken.Single().Message.ShouldBe("Số học sinh vào học giáo dục nghề nghiệp (1.500) không được lớn hơn số học sinh tốt nghiệp THCS, THPT ở nông thôn (1.200) của cùng đơn vị, cùng năm.");
        AggregateEntry.CheckRules(new Dictionary<string, double> { ["education.vet_entrants"] = 1500 }).ShouldBeEmpty();
        IndicatorCatalogue.FindElement("labour.unemployment_rate")!.ToStored(1.2).ShouldBe(120);
    }
}
