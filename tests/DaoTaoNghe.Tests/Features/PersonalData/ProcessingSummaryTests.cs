using System.Net;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.PersonalData;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;

namespace DaoTaoNghe.Tests.Features.PersonalData;

/// <summary>The processing summary is the rules' own answer for every role, so changing a rule changes it.</summary>
public class ProcessingSummaryTests
{
    [Fact]
    public async Task The_summary_workbook_gives_for_every_category_and_role_what_the_code_rules_allow()
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var browser = await TestBrowser.SignedInAsync(admin);

        var rows = await Xlsx.DownloadAsync(browser, "/PersonalData/Processing?handler=Export");

        var header = rows.First(r => r.FirstOrDefault() == "Dữ liệu cá nhân");
        foreach (var category in ProcessingSummary.Categories)
        {
            var row = rows.Single(r => r.FirstOrDefault() == category.Name);
            foreach (var role in Roles.All)
                row[header.IndexOf(Roles.DisplayName(role))].ShouldBe(category.Access(ProcessingSummary.ScopeOf(role)), $"{category.Name} – {role}");
        }
        string Cell(string category, string role) => rows.Single(r => r.FirstOrDefault() == category)[header.IndexOf(Roles.DisplayName(role))];
        // The rules as docs/personal-data.md tables them.
        Cell("Số CCCD", Roles.InstitutionStaff).ShouldBe("Đầy đủ");
        Cell("Số CCCD", Roles.DepartmentOfficer).ShouldBe("Đã che (2 số cuối)");
        Cell("Số tiền hỗ trợ của từng người học", Roles.InstitutionStaff).ShouldBe(ProcessingSummary.Read);
        Cell("Nhóm đối tượng hỗ trợ và cách tính", Roles.InstitutionStaff).ShouldBe(ProcessingSummary.None);
        Cell("Số tiền hỗ trợ của từng người học", Roles.EmploymentCentre).ShouldBe(ProcessingSummary.None);
        (SupportVisibility.SeesAmounts(ProcessingSummary.ScopeOf(Roles.InstitutionStaff)), LearnerAccess.SeesFullCccd(ProcessingSummary.ScopeOf(Roles.DepartmentOfficer)))
            .ShouldBe((true, false));

        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync("/PersonalData/Processing"));
        page.ShouldContain("Dân tộc, hộ nghèo, cận nghèo, khuyết tật, đối tượng ưu tiên (dữ liệu nhạy cảm)");
        var (officer, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var other = await TestBrowser.SignedInAsync(officer);
        (await other.GetAsync("/PersonalData/Processing")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
