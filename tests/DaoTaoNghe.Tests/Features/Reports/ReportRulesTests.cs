using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Reports;

namespace DaoTaoNghe.Tests.Features.Reports;

/// <summary>The pure rules: deadlines in Vietnam time, the decree's data cut-off, the administrative date and header.</summary>
public class ReportRulesTests
{
    private static readonly DateOnly Due = new(2026, 12, 15);

    [Theory]
    [InlineData("2026-12-15T16:59:59Z", Timeliness.OnTime)]
    [InlineData("2026-12-14T17:00:00Z", Timeliness.OnTime)]
    [InlineData("2026-12-15T17:00:00Z", Timeliness.Late)]
    [InlineData("2027-01-02T03:00:00Z", Timeliness.Late)]
    public void A_submission_is_on_time_until_midnight_of_the_deadline_day_in_Vietnam(string submittedUtc, Timeliness expected)
    {
        var submitted = DateTime.Parse(submittedUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

        TimelinessRules.Of(Due, submitted, nowUtc: DateTime.Parse("2027-03-01T00:00:00Z", null, System.Globalization.DateTimeStyles.AdjustToUniversal))
            .ShouldBe(expected);
    }

    [Theory]
    [InlineData("2026-12-15T16:59:59Z", Timeliness.NotDue)]
    [InlineData("2026-12-15T17:00:00Z", Timeliness.Missing)]
    public void An_unsent_report_is_missing_from_the_moment_the_deadline_day_ends(string nowUtc, Timeliness expected)
    {
        var now = DateTime.Parse(nowUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal);

        TimelinessRules.Of(Due, null, now).ShouldBe(expected);
    }

    [Fact]
    public void Completeness_and_timeliness_count_every_expected_report()
    {
        var summary = TimelinessSummary.Of([
            (Timeliness.OnTime, ReportState.Approved), (Timeliness.OnTime, ReportState.Submitted), (Timeliness.Late, ReportState.Approved),
            (Timeliness.Missing, ReportState.Draft), (Timeliness.NotDue, ReportState.Draft),
        ]);

        summary.ShouldBe(new TimelinessSummary(Expected: 5, Submitted: 3, OnTime: 2, Late: 1, Missing: 1, NotDue: 1, Approved: 2));
        summary.Completeness.ShouldBe(0.6);
        summary.OnTimeRate.ShouldBe(0.4);
    }

    [Theory]
    [InlineData(PeriodKind.Year, 2026, null, "2025-12-15", "2026-12-14")]
    [InlineData(PeriodKind.Quarter, 2026, 1, "2025-12-15", "2026-03-14")]
    [InlineData(PeriodKind.Quarter, 2026, 3, "2026-06-15", "2026-09-14")]
    [InlineData(PeriodKind.Month, 2026, 1, "2025-12-15", "2026-01-14")]
    [InlineData(PeriodKind.Month, 2026, 11, "2026-10-15", "2026-11-14")]
    public void Periods_follow_the_data_cut_off_of_Decree_09_2019(PeriodKind kind, int year, int? number, string start, string end)
    {
        var range = ReportPeriods.DefaultRange(kind, year, number);

        range.ShouldBe((DateOnly.Parse(start), DateOnly.Parse(end)));
    }

    [Fact]
    public void Period_labels_read_as_in_a_title()
    {
        ReportPeriods.Label(PeriodKind.Year, 2026, null, default, default).ShouldBe("năm 2026");
        ReportPeriods.Label(PeriodKind.Quarter, 2026, 3, default, default).ShouldBe("quý III năm 2026");
        ReportPeriods.Label(PeriodKind.AdHoc, 2026, null, new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 20))
            .ShouldBe("từ ngày 01/01/2026 đến ngày 20/11/2026");
    }

    [Theory]
    [InlineData("2026-02-05", "Bình Lư, ngày 05 tháng 02 năm 2026")]
    [InlineData("2026-12-15", "Bình Lư, ngày 15 tháng 12 năm 2026")]
    [InlineData("2026-03-09", "Bình Lư, ngày 09 tháng 3 năm 2026")]
    public void Dates_take_a_leading_zero_for_days_below_10_and_for_January_and_February(string date, string expected) =>
        ReportComposer.PlaceDateLine("Bình Lư", DateOnly.Parse(date)).ShouldBe(expected);

    [Fact]
    public void Number_and_symbol_keep_a_blank_for_the_clerk_until_registered()
    {
        ReportComposer.NumberLine("15", "BC-UBND").ShouldBe("Số: 15/BC-UBND");
        ReportComposer.NumberLine(null, "BC-SGDĐT").ShouldBe("Số:       /BC-SGDĐT");
    }

    [Theory]
    [InlineData("Sở Giáo dục và Đào tạo tỉnh Lai Châu", OrganisationKind.Department, "SGDĐT")]
    [InlineData("Sở Nông nghiệp và Môi trường tỉnh Lai Châu", OrganisationKind.Department, "SNNMT")]
    [InlineData("Sở Nội vụ tỉnh Lai Châu", OrganisationKind.Department, "SNV")]
    [InlineData("Ủy ban nhân dân xã Bình Lư", OrganisationKind.CommuneGovernment, "UBND")]
    public void The_symbol_abbreviates_the_body(string name, OrganisationKind kind, string expected) =>
        ReportFill.Abbreviation(name, kind, "Tỉnh Lai Châu").ShouldBe(expected);

    [Fact]
    public void The_issuing_body_is_printed_under_its_parent()
    {
        ReportFill.IssuerHeader("Sở Giáo dục và Đào tạo tỉnh Lai Châu", OrganisationKind.Department, "Tỉnh Lai Châu", "Tỉnh Lai Châu", null)
            .ShouldSatisfyAllConditions(
                h => h.Parent.ShouldBe("UBND TỈNH LAI CHÂU"),
                h => h.Lines.ShouldBe(["SỞ GIÁO DỤC VÀ ĐÀO TẠO"]));
        ReportFill.IssuerHeader("Ủy ban nhân dân xã Bình Lư", OrganisationKind.CommuneGovernment, "Xã Bình Lư", "Tỉnh Lai Châu", null)
            .ShouldSatisfyAllConditions(
                h => h.Parent.ShouldBeNull(),
                h => h.Lines.ShouldBe(["ỦY BAN NHÂN DÂN", "XÃ BÌNH LƯ"]));
    }

    [Fact]
    public void Every_template_section_names_only_indicators_the_figures_seam_knows()
    {
        ReportTemplates.All.Count.ShouldBeGreaterThanOrEqualTo(3);
        foreach (var template in ReportTemplates.All)
        {
            template.Sections.ShouldNotBeEmpty(template.Code);
            foreach (var code in template.Sections.SelectMany(s => s.Indicators ?? []))
                ReportFigures.Find(code).ShouldNotBeNull($"{template.Code}: {code}");
            template.Sections.Where(s => s.Kind == SectionKind.Narrative).ShouldAllBe(s => !string.IsNullOrWhiteSpace(s.Prompt));
        }
        ReportTemplates.Find("tong-hop-cua-tinh")!.IsAggregate.ShouldBeTrue();
        ReportTemplates.Find("ket-qua-thuc-hien-ke-hoach")!.IsAggregate.ShouldBeFalse();
    }
}
