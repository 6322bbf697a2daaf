using System.Net;
using DaoTaoNghe.Features.Jobs;
using DaoTaoNghe.Features.Jobs.Public;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Courses.TrainingTestData;
using static DaoTaoNghe.Tests.Features.Jobs.JobsTestData;

namespace DaoTaoNghe.Tests.Features.Jobs;

public class PublicSiteTests
{
    private static Task<DaoTaoNghe.Features.Map.AdministrativeUnit> OtherProvinceCommuneAsync() =>
        TestData.WithDbAsync(db => db.AdministrativeUnits.AsNoTracking().OrderBy(u => u.Id).FirstAsync(u =>
            u.Level == DaoTaoNghe.Features.Map.UnitLevel.Commune && u.ValidTo == null && u.Province!.Code != TestData.LaiChau));

    [Fact]
    public async Task Anyone_finds_an_open_vacancy_and_a_course_with_places_without_diacritics_and_sees_no_personal_data()
    {
        var marker = TestData.Unique();
        var (_, _, vacancyId, title) = await VacancyAsync($"Thợ hái chè Shan tuyết {marker}");
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        using var institution = await TestBrowser.SignedInAsync(setup.Staff);
        var form = CourseForm(setup, binhLu.Id, capacity: 3);
        form["Data.Name"] = $"Lớp chăn nuôi gà {marker}";
        var courseId = await OpenCourseAsync(institution, form);
        var learner = await LearnerAsync(binhLu.Id, name: "Lò Thị Bình " + marker);
        await EnrolledAsync(institution, courseId, learner);
        using var visitor = Visitor();
        var leadName = "Giàng A Sử";
        (await visitor.PostFormAsync($"/viec-lam/tin/{vacancyId}", InterestForm(binhLu, leadName, "0987 654 321"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var list = TestBrowser.HtmlText(await visitor.GetHtmlAsync($"/viec-lam?q=tho+hai+che+shan+tuyet+{marker}"));
        var courses = TestBrowser.HtmlText(await visitor.GetHtmlAsync($"/viec-lam?q=chan+nuoi+ga+{marker}"));
        var vacancy = TestBrowser.HtmlText(await visitor.GetHtmlAsync($"/viec-lam/tin/{vacancyId}"));
        var course = TestBrowser.HtmlText(await visitor.GetHtmlAsync($"/viec-lam/lop/{courseId}"));

        list.ShouldContain(title);
        courses.ShouldContain($"Lớp chăn nuôi gà {marker}");
        courses.ShouldContain("còn 2 chỗ");
        course.ShouldContain("2 / 3");
        foreach (var page in new[] { list, courses, vacancy, course })
        {
            page.ShouldNotContain(leadName);
            page.ShouldNotContain("0987654321");
            page.ShouldNotContain(learner.FullName);
            page.ShouldNotContain("Đăng xuất");
        }
    }

    [Fact]
    public async Task Upcoming_sessions_are_listed_for_anyone_without_who_attends_and_past_ones_are_not()
    {
        var marker = TestData.Unique();
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var province = await TestData.ProvinceAsync();
        var centre = await TestData.OrganisationAsync(DaoTaoNghe.Features.Organisations.OrganisationKind.EmploymentCentre, province);
        var (_, enterpriseId) = await EnterpriseAsync();
        var seeker = await LearnerAsync(binhLu.Id, name: "Vàng Thị Dính " + marker);
        var today = TestData.Clock.Today;
        await TestData.WithDbAsync(async db =>
        {
            foreach (var (title, day) in new[] { ($"Phiên giao dịch việc làm Bình Lư {marker}", today.AddDays(10)), ($"Phiên đã qua Bình Lư {marker}", today.AddDays(-3)) })
            {
                var session = new JobSession
                {
                    ProvinceId = province.Id, OrganiserId = centre.Id, Kind = SessionKind.Session, HeldOn = day, VenueCommuneId = binhLu.Id, CreatedAt = TestData.Clock.UtcNow,
                };
                session.SetTitle(title);
                session.Enterprises.Add(new SessionEnterprise { EnterpriseId = enterpriseId, OrganiserId = centre.Id, ProvinceId = province.Id });
                session.Seekers.Add(new SessionSeeker { LearnerId = seeker.Id, OrganiserId = centre.Id, ProvinceId = province.Id });
                db.JobSessions.Add(session);
            }
            await db.SaveChangesAsync();
        });
        using var visitor = Visitor();

        var page = TestBrowser.HtmlText(await visitor.GetHtmlAsync($"/viec-lam?q=phien+giao+dich+viec+lam+binh+lu+{marker}"));

        page.ShouldContain($"Phiên giao dịch việc làm Bình Lư {marker}");
        page.ShouldContain($"ngày {today.AddDays(10):dd/MM/yyyy} · tại Xã Bình Lư");
        page.ShouldContain("1 doanh nghiệp tham gia");
        page.ShouldNotContain($"Phiên đã qua Bình Lư {marker}");
        page.ShouldNotContain(seeker.FullName);
    }

    [Fact]
    public async Task A_vacancy_lead_reaches_its_enterprise_only_with_the_consent_text()
    {
        var (user, enterpriseId, vacancyId, _) = await VacancyAsync("Lái xe tải " + TestData.Unique());
        var (otherUser, _) = await EnterpriseAsync();
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var name = "Lò Văn Thắng";
        using var visitor = Visitor();

        var response = await visitor.PostFormAsync($"/viec-lam/tin/{vacancyId}", InterestForm(binhLu, name, "+84 912.000.111"));

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldStartWith("/viec-lam/da-gui");
        var lead = await TestData.WithDbAsync(db => db.InterestLeads.SingleAsync(l => l.VacancyId == vacancyId));
        lead.EnterpriseId.ShouldBe(enterpriseId);
        lead.Phone.ShouldBe("0912000111");
        lead.ConsentText.ShouldBe(RegisterInterest.ConsentText);
        using var enterprise = await TestBrowser.SignedInAsync(user);
        TestBrowser.HtmlText(await enterprise.GetHtmlAsync("/Jobs/Leads")).ShouldContain("0912000111");
        using var other = await TestBrowser.SignedInAsync(otherUser);
        TestBrowser.HtmlText(await other.GetHtmlAsync("/Jobs/Leads")).ShouldNotContain("0912000111");
        var (commune, _) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        using var officer = await TestBrowser.SignedInAsync(commune);
        TestBrowser.HtmlText(await officer.GetHtmlAsync("/Jobs/Leads")).ShouldNotContain("0912000111");
    }

    [Fact]
    public async Task The_same_form_sent_twice_is_one_lead_and_another_persons_is_another()
    {
        var (_, _, vacancyId, _) = await VacancyAsync("Thợ hàn " + TestData.Unique());
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        using var visitor = Visitor();

        var first = await visitor.PostFormAsync($"/viec-lam/tin/{vacancyId}", InterestForm(binhLu, "Lò Văn Thắng", "0912 000 222"));
        var again = await visitor.PostFormAsync($"/viec-lam/tin/{vacancyId}", InterestForm(binhLu, "Lò Văn  Thắng", "0912000222"));
        var sister = await visitor.PostFormAsync($"/viec-lam/tin/{vacancyId}", InterestForm(binhLu, "Lò Thị Thắm", "0912000222"));

        new[] { first, again, sister }.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(db => db.InterestLeads.Where(l => l.VacancyId == vacancyId).Select(l => l.FullName).ToListAsync()))
            .ShouldBe(["Lò Văn Thắng", "Lò Thị Thắm"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_course_lead_reaches_the_commune_the_person_lives_in()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var setup = await InstitutionAsync();
        using var institution = await TestBrowser.SignedInAsync(setup.Staff);
        var courseId = await OpenCourseAsync(institution, CourseForm(setup, binhLu.Id));
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var phone = "09" + Random.Shared.Next(10_000_000, 99_999_999);
        using var visitor = Visitor();

        (await visitor.PostFormAsync($"/viec-lam/lop/{courseId}", InterestForm(tanUyen, "Vàng Thị Mai", phone))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (home, _) = await TestData.ActorAsync(Roles.CommuneOfficer, tanUyen);
        using var homeOfficer = await TestBrowser.SignedInAsync(home);
        TestBrowser.HtmlText(await homeOfficer.GetHtmlAsync("/Jobs/Leads")).ShouldContain(phone);
        var (venue, _) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        using var venueOfficer = await TestBrowser.SignedInAsync(venue);
        TestBrowser.HtmlText(await venueOfficer.GetHtmlAsync("/Jobs/Leads")).ShouldNotContain(phone);
        var (enterprise, _) = await EnterpriseAsync();
        using var enterpriseBrowser = await TestBrowser.SignedInAsync(enterprise);
        TestBrowser.HtmlText(await enterpriseBrowser.GetHtmlAsync("/Jobs/Leads")).ShouldNotContain(phone);
    }

    [Fact]
    public async Task Bad_input_is_refused_naming_each_field_and_a_filled_honeypot_stores_nothing()
    {
        var (_, _, vacancyId, _) = await VacancyAsync("Phụ bếp nhà hàng " + TestData.Unique());
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        using var visitor = Visitor();

        var bad = await visitor.PostFormAsync($"/viec-lam/tin/{vacancyId}", InterestForm(binhLu, "<script>1</script>", "12345", consent: false));
        var robot = await visitor.PostFormAsync($"/viec-lam/tin/{vacancyId}", InterestForm(binhLu, "Robot Bot", website: "http://spam.example"));
        var otherProvince = await visitor.PostFormAsync($"/viec-lam/tin/{vacancyId}",
            InterestForm(await OtherProvinceCommuneAsync(), "Nguyễn Văn An"));

        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = TestBrowser.HtmlText(await bad.Content.ReadAsStringAsync());
        page.ShouldContain("Họ và tên: chỉ gồm chữ cái");
        page.ShouldContain("Số điện thoại: phải gồm 10 chữ số");
        page.ShouldContain("Đồng ý: vui lòng đánh dấu đồng ý");
        robot.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        TestBrowser.HtmlText(await otherProvince.Content.ReadAsStringAsync()).ShouldContain("Xã, phường nơi ở: vui lòng chọn một xã, phường trong danh sách.");
        (await TestData.WithDbAsync(db => db.InterestLeads.CountAsync(l => l.VacancyId == vacancyId))).ShouldBe(0);
    }

    [Fact]
    public async Task A_flood_of_posts_from_one_address_is_refused_with_429_in_Vietnamese()
    {
        var (_, _, vacancyId, _) = await VacancyAsync("Bảo vệ " + TestData.Unique());
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        using var visitor = Visitor();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 7; i++)
        {
            last = await visitor.PostFormAsync($"/viec-lam/tin/{vacancyId}", InterestForm(binhLu, "Lò Văn Tám", $"09120000{i:00}"));
            statuses.Add(last.StatusCode);
        }

        statuses.Take(5).ShouldAllBe(s => s == HttpStatusCode.Redirect);
        statuses.Skip(5).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        var page = TestBrowser.HtmlText(await last.Content.ReadAsStringAsync());
        page.ShouldContain("Quá nhiều yêu cầu");
        page.ShouldContain("vui lòng thử lại sau ít phút");
        (await TestData.WithDbAsync(db => db.InterestLeads.CountAsync(l => l.VacancyId == vacancyId))).ShouldBe(5);
        using var another = Visitor();
        (await another.PostFormAsync($"/viec-lam/tin/{vacancyId}", InterestForm(binhLu, "Lò Thị Chín", "0912000099"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(db => db.InterestLeads.CountAsync(l => l.VacancyId == vacancyId && l.Kind == LeadKind.Vacancy))).ShouldBe(6);
    }
}
