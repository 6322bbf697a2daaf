using System.Text.RegularExpressions;
using DaoTaoNghe.BrowserTests.Support;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Occupations;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>
/// The college's staff run a course from its order to certificates: open it under the order,
/// enrol two registered people by their CCCD, start, keep the register, record results, finish,
/// certify; the printed certificate's verification page confirms it to anyone.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public class CourseWalkThroughTests(DemoSite site)
{
    [Fact]
    public async Task An_institution_runs_a_course_from_opening_to_certificates()
    {
        var today = site.Today;
        var order = await site.QueryAsync(db => db.TrainingOrders
            .Where(o => o.Institution.Name == "Trường Cao đẳng Lai Châu" && o.Year <= today.Year && o.Level == TrainingLevel.Elementary)
            .OrderByDescending(o => o.Year)
            .Select(o => new
            {
                o.Id, o.Year, o.DecisionNumber, o.Quota, o.Occupation.Name,
                Taken = db.Enrolments.Count(e => e.Course.OrderId == o.Id && e.Course.State != CourseState.Cancelled && e.Status != EnrolmentStatus.DroppedOut),
            })
            .Where(o => o.Taken <= o.Quota - 2)
            .FirstAsync());
        var end = today.Year > order.Year ? new DateOnly(order.Year, 12, 20) : today.AddDays(-1);
        var start = end.AddDays(-30);
        // Two people the commune registered, the test's own: enrolled in no other course.
        var people = await site.LearnersAsync("Xã Bình Lư", 2);
        var page = await site.SignInAsync("truong.cdlc");
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        var name = $"Lớp {order.Name} – bản Nà Đon, thử nghiệm {Guid.NewGuid().ToString("N")[..4]}";

        // Open a course under the order.
        await page.GetByRole(AriaRole.Link, new() { Name = "Đơn đặt hàng đào tạo" }).ClickAsync();
        // One decision may order several occupations: the order's own link, by its number and id.
        await page.Locator($"a[href='/Orders/Details/{order.Id}']", new() { HasText = order.DecisionNumber }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Mở lớp theo đơn hàng" }).ClickAsync();
        await page.GetByLabel("Tên lớp").FillAsync(name);
        await page.GetByLabel("Xã, phường nơi học").SelectOptionAsync(new SelectOptionValue { Label = "Phường Đoàn Kết" });
        await page.GetByLabel("Địa điểm cụ thể").FillAsync("Nhà văn hóa tổ dân phố 5");
        await page.GetByLabel("Ngày khai giảng").FillAsync(start.ToString("yyyy-MM-dd"));
        await page.GetByLabel("Ngày kết thúc").FillAsync(end.ToString("yyyy-MM-dd"));
        await page.GetByLabel("Số ngày học theo kế hoạch").FillAsync("26");
        await page.Locator("input[name='Data.TrainerIds']").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã tạo lớp ở trạng thái dự kiến");
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("Dự kiến");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mở tuyển sinh" }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("Đang tuyển sinh");

        // Enrol two people the communes registered, by the CCCD and birth date they show.
        await page.GetByRole(AriaRole.Link, new() { Name = "Ghi danh người học" }).ClickAsync();
        foreach (var person in people)
        {
            await page.GetByLabel("Số CCCD", new() { Exact = true }).FillAsync(person.Cccd!);
            await page.GetByLabel("Ngày sinh", new() { Exact = true }).FillAsync(person.BirthDate.ToString("yyyy-MM-dd"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Ghi danh", Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync($"Đã ghi danh {person.FullName}");
        }
        await page.GetByRole(AriaRole.Link, new() { Name = "Xong" }).ClickAsync();
        await Assertions.Expect(page.Locator("main table tbody tr")).ToHaveCountAsync(2);

        // Teach: start, keep the register for a day, record both as passed, finish.
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu học" }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("Đang học");
        await page.GetByRole(AriaRole.Link, new() { Name = "Điểm danh" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Lưu điểm danh ngày") }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("2 người có mặt");
        await Assertions.Expect(page.Locator("table.register tbody tr").First).ToContainTextAsync("✓");
        await page.Locator(".breadcrumb a").Nth(1).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Kết quả học tập" }).ClickAsync();
        foreach (var person in people)
            await page.GetByLabel(person.FullName, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Đạt – hoàn thành" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu kết quả" }).ClickAsync();
        // One day of 26 planned: "Đạt" needs the institution's reason for each of them.
        await Assertions.Expect(page.Locator(".alert-error")).ToContainTextAsync($"{people[0].FullName} mới học 1/26 ngày, dưới 80 % số ngày theo kế hoạch");
        foreach (var person in people)
        {
            await page.GetByLabel(person.FullName, new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Đạt – hoàn thành" });
            await page.GetByLabel($"Lý do công nhận đạt của {person.FullName}").FillAsync("Học bù theo kế hoạch bổ sung, có biên bản");
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu kết quả" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã lưu kết quả học tập.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kết thúc lớp" }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("Đã kết thúc");

        // Certify, print, and let anyone verify.
        await page.GetByRole(AriaRole.Button, new() { Name = "Cấp chứng chỉ cho 2 người hoàn thành" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã cấp 2 chứng chỉ.");
        await page.Locator("main table tbody tr", new() { HasText = people[0].FullName }).Locator("a[href^='/Certificates/Details/']").ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToContainTextAsync("Còn hiệu lực");
        var verifyUrl = await page.Locator("main dd a[href*='/xac-minh/']").GetAttributeAsync("href");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bản in" }).ClickAsync();
        await Assertions.Expect(page.Locator("article.certificate")).ToContainTextAsync(people[0].FullName);
        await Assertions.Expect(page.Locator("article.certificate img")).ToHaveAttributeAsync("src", new Regex("^data:image/png;base64,"));

        var visitor = await site.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await visitor.GotoAsync(verifyUrl!);
        await Assertions.Expect(visitor.Locator(".alert-success")).ToContainTextAsync("Chứng chỉ hợp lệ.");
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync(order.Name);
        await Assertions.Expect(visitor.Locator("main")).Not.ToContainTextAsync(people[0].FullName);
        await Assertions.Expect(visitor.Locator("main")).Not.ToContainTextAsync(people[0].Cccd!);
    }
}
