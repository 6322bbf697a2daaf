using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Imports;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Imports.ImportSteps;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.Indicators;

/// <summary>The aggregate values template: the entry form's rules row by row and between rows of a unit and year, and a re-run that changes nothing.</summary>
public class AggregateValuesImportTests
{
    private const string Template = "so-lieu-tong-hop";
    private static readonly object?[] Header = ["Năm", "Số liệu", "Đơn vị", "Giá trị", "Ghi chú"];

    [Fact]
    public async Task The_province_admin_imports_values_of_old_and_new_communes_and_broken_rules_reject_their_rows()
    {
        var p = await ProvinceAsync();
        using var admin = await AdminAsync(p);
        var file = TestWorkbook.Sheet(Header,
            [2024, "Số học sinh tốt nghiệp THCS, THPT ở nông thôn", p.FormerA1.Name, 200, "Phòng Giáo dục huyện"],
            [2024, "education.vet_entrants", p.FormerA1.Name, 80],
            [2026, "Số học sinh tốt nghiệp THCS, THPT ở nông thôn", p.A.Name, 100],
            [2026, "trong đó: vào học giáo dục nghề nghiệp", p.A.Name, 150],
            [2026, "Tỷ lệ thất nghiệp", "Toàn tỉnh", "1,3"],
            [2026, "Tỷ lệ thất nghiệp", p.A.Name, "1,3"],
            [2026, "education.rural_graduates", p.FormerA1.Name, 10],
            [2026, "Số không có trong danh mục", p.A.Name, 10]);

        var dryRun = await DryRunAsync(admin, "so-lieu.xlsx", file, Template);
        Counts(dryRun).ShouldBe((8, 3, 0, 0, 5));
        var errors = Errors(dryRun);
        errors.Select(e => e.Row).Distinct().Order().ShouldBe([4, 5, 7, 8, 9]);
        errors.Single(e => e.Row == 5).Message.ShouldBe("Số học sinh vào học giáo dục nghề nghiệp (150) không được lớn hơn số học sinh tốt nghiệp THCS, THPT ở nông thôn (100) của cùng đơn vị, cùng năm.");
        errors.Single(e => e.Row == 8).Message.ShouldContain(p.FormerA1.Name + " chỉ có đến ngày 30/06/2025");
        errors.Single(e => e.Row == 9).Message.ShouldContain("không có số liệu \"Số không có trong danh mục\" trong danh mục");
        (await TestData.WithDbAsync(db => db.AggregateValues.CountAsync(v => v.ProvinceId == p.Id))).ShouldBe(0);

        Counts(await CommitAsync(admin, dryRun.GetProperty("jobId").GetInt32())).ShouldBe((8, 3, 0, 0, 5));
        Value(await ValuesAsync(admin, $"indicator=education.vet_entry_rate&period=2024&unit={p.A.Id}"), "education.vet_entry_rate").ShouldBe(40);
        Value(await ValuesAsync(admin, "indicator=labour.unemployment_rate&period=2026"), "labour.unemployment_rate").ShouldBe(1.3);
        (await TestData.WithDbAsync(db => db.AggregateValues.SingleAsync(v => v.UnitId == p.FormerA1.Id && v.ElementCode == "education.rural_graduates")))
            .Note.ShouldBe("Phòng Giáo dục huyện");

        Counts(await DryRunAsync(admin, "so-lieu.xlsx", file, Template)).ShouldBe((8, 0, 0, 3, 5));
    }

    [Fact]
    public async Task A_commune_officer_imports_only_their_communes_values()
    {
        var p = await ProvinceAsync();
        using var officer = await SignInAsync(Roles.CommuneOfficer, p.A);
        var file = TestWorkbook.Sheet(Header,
            [2026, "Số học sinh tốt nghiệp THCS, THPT ở nông thôn", p.A.Name, 35],
            [2024, "Số học sinh tốt nghiệp THCS, THPT ở nông thôn", p.FormerA2.Name, 12],
            [2026, "Số học sinh tốt nghiệp THCS, THPT ở nông thôn", p.B.Name, 50],
            [2026, "Tỷ lệ thất nghiệp", "Toàn tỉnh", 1]);

        var dryRun = await DryRunAsync(officer, "xa.xlsx", file, Template);

        Counts(dryRun).ShouldBe((4, 2, 0, 0, 2));
        Errors(dryRun).Single(e => e.Row == 4).Message.ShouldContain("nằm ngoài phạm vi của bạn");
        Errors(dryRun).Single(e => e.Row == 5).Message.ShouldContain("chỉ quản trị cấp tỉnh nhập số liệu cấp tỉnh");
    }
}
