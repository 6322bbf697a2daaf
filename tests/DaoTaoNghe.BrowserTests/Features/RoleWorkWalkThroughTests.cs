using DaoTaoNghe.BrowserTests.Support;
using DaoTaoNghe.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>
/// A day's work for the roles WorkItemsWalkThroughTests leaves out (issue 17): the home page lists what
/// the test made wait, its link leads to the action, the action is done, and the other side finds its
/// notification — the department and the province over a report, the employment centre and the
/// enterprise over a hire, the bank over a loan to pay out and the inspector over an export of people's data.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public class RoleWorkWalkThroughTests(DemoSite site)
{
    private static ILocator Item(IPage page, string title) => page.Locator("ul.work-list li", new() { HasText = title });

    [Fact]
    public async Task A_department_sends_its_report_the_province_is_told_approves_it_and_the_department_is_told()
    {
        // The agriculture department's 2026 report is the demo's only one for it, and no other test sends it.
        var report = await site.QueryAsync(db => db.Reports
            .Where(r => r.Organisation.Name == "Sở Nông nghiệp và Môi trường tỉnh Lai Châu" && r.Obligation.PeriodYear == 2026 && r.State == ReportState.Draft)
            .Select(r => new { r.Id, r.Obligation.Title }).SingleAsync());
        var department = await site.SignInAsync("sonnmt");
        department.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await Item(department, "Báo cáo chưa gửi").Locator("a").ClickAsync();
        await department.GetByRole(AriaRole.Link, new() { Name = report.Title, Exact = true }).ClickAsync();
        var sections = department.Locator("textarea[id^='section-']");
        for (var i = 0; i < await sections.CountAsync(); i++)
            await sections.Nth(i).FillAsync("Sở đã phối hợp mở các lớp nghề nông nghiệp theo kế hoạch.");
        await department.GetByRole(AriaRole.Button, new() { Name = "Gửi báo cáo", Exact = true }).ClickAsync();
        await Assertions.Expect(department.Locator("#report-state")).ToHaveTextAsync("Đã gửi, chờ duyệt");
        await department.GotoAsync("/");
        await Assertions.Expect(Item(department, "Báo cáo chưa gửi")).ToHaveCountAsync(0);

        var province = await site.SignInAsync("sogddt");
        await Assertions.Expect(Item(province, "Báo cáo đã gửi, chờ duyệt")).ToBeVisibleAsync();
        await province.Locator("#notifications-link").ClickAsync();
        var told = province.Locator("ul.notifications li", new() { HasText = "Báo cáo mới gửi, chờ duyệt" })
            .Filter(new() { HasText = "Sở Nông nghiệp và Môi trường tỉnh Lai Châu" });
        await told.Locator("a").ClickAsync();
        await Assertions.Expect(province.Locator("#report-state")).ToHaveTextAsync("Đã gửi, chờ duyệt");
        province.Url.ShouldEndWith($"/Reports/Details/{report.Id}");
        await province.GetByRole(AriaRole.Button, new() { Name = "Duyệt", Exact = true }).ClickAsync();
        await Assertions.Expect(province.Locator("#report-state")).ToHaveTextAsync("Đã duyệt");

        await department.GotoAsync("/");
        await department.Locator("#notifications-link").ClickAsync();
        await Assertions.Expect(department.Locator("ul.notifications")).ToContainTextAsync("Báo cáo đã được duyệt: ");
    }

    [Fact]
    public async Task The_employment_centre_puts_a_person_forward_at_its_session_the_enterprise_is_told_and_told_again_of_the_hire()
    {
        var (session, vacancy) = await site.JobSessionAsync("Trung tâm Điều dưỡng người có công và Dịch vụ việc làm tỉnh Lai Châu", "Hợp tác xã Chè Tân Uyên", "Xã Tân Uyên");
        var person = (await site.LearnersAsync("Xã Tân Uyên", 1)).Single();
        var centre = await site.SignInAsync("vieclam");
        await Item(centre, "Phiên giao dịch việc làm trong 7 ngày tới").Locator("a").ClickAsync();
        await centre.GetByRole(AriaRole.Link, new() { Name = session.Title, Exact = true }).ClickAsync();
        var propose = centre.Locator("form:has(select[name='vacancyId'])");
        await propose.Locator("select[name='vacancyId']").SelectOptionAsync(vacancy.Id.ToString());
        await propose.Locator("input[name='cccd']").FillAsync(person.Cccd!);
        await propose.GetByRole(AriaRole.Button, new() { Name = "Giới thiệu" }).ClickAsync();
        var row = centre.Locator("main table tbody tr", new() { HasText = person.FullName }).Filter(new() { HasText = vacancy.Title });
        await Assertions.Expect(row).ToContainTextAsync("Đã giới thiệu");

        var enterprise = await site.SignInAsync("dn.chetanuyen");
        await Item(enterprise, "Tin tuyển dụng có người được giới thiệu chờ phỏng vấn, quyết định").Locator("a").ClickAsync();
        await enterprise.GetByRole(AriaRole.Link, new() { Name = vacancy.Title, Exact = true }).ClickAsync();
        await Assertions.Expect(enterprise.Locator("main table").First).ToContainTextAsync(person.FullName);
        await enterprise.Locator("#notifications-link").ClickAsync();
        await Assertions.Expect(enterprise.Locator("ul.notifications")).ToContainTextAsync($"Người được giới thiệu vào tin \"{vacancy.Title}\": {person.FullName}");

        await row.GetByRole(AriaRole.Button, new() { Name = "Đã phỏng vấn" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Tuyển dụng" }).ClickAsync();
        await Assertions.Expect(row).ToContainTextAsync("Đã tuyển");

        await enterprise.ReloadAsync();
        await Assertions.Expect(enterprise.Locator("ul.notifications")).ToContainTextAsync($"Đã ghi nhận tuyển dụng: {person.FullName}");
        await enterprise.GotoAsync("/Jobs/Vacancies?viec=cho-tra-loi");
        await Assertions.Expect(enterprise.Locator("main")).Not.ToContainTextAsync(vacancy.Title);
    }

    [Fact]
    public async Task The_bank_records_a_loan_paid_out_and_the_inspector_finds_an_export_of_peoples_data()
    {
        var person = (await site.LearnersAsync("Xã Bình Lư", 1)).Single();
        var loan = await site.ApprovedLoanAsync("Ngân hàng Chính sách xã hội chi nhánh tỉnh Lai Châu", person);
        var bank = await site.SignInAsync("nhcsxh");
        await Item(bank, "Khoản vay đã duyệt, chưa ghi giải ngân").Locator("a").ClickAsync();
        await bank.Locator($"main a[href='/Jobs/Loans/Details/{loan.Id}']").ClickAsync();
        await bank.GetByLabel("Trạng thái mới").SelectOptionAsync(new SelectOptionValue { Label = "Đã giải ngân" });
        await bank.GetByRole(AriaRole.Button, new() { Name = "Cập nhật" }).ClickAsync();
        await Assertions.Expect(bank.Locator("main dl")).ToContainTextAsync("Đã giải ngân");
        await bank.GotoAsync("/Jobs/Loans?trang-thai=Approved");
        await Assertions.Expect(bank.Locator($"main a[href='/Jobs/Loans/Details/{loan.Id}']")).ToHaveCountAsync(0);

        // A commune exports its learners (people's data); the inspector's list of such exports shows it.
        var commune = await site.SignInAsync("xa.binhlu");
        (await commune.Context.APIRequest.GetAsync("/Learners?handler=Export")).Status.ShouldBe(200);
        var inspector = await site.SignInAsync("thanhtra");
        await Item(inspector, "Lần xuất dữ liệu có thông tin cá nhân trong 7 ngày qua").Locator("a").ClickAsync();
        await Assertions.Expect(inspector.Locator("main table")).ToContainTextAsync("xa.binhlu");
    }
}
