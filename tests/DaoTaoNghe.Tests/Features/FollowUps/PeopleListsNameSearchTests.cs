using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Courses;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using static DaoTaoNghe.Tests.Features.Learners.LearnerTestData;

namespace DaoTaoNghe.Tests.Features.FollowUps;

/// <summary>
/// The lists of people other than the learners list find a name the same way: by the beginnings of its words, in any
/// order, without diacritics ("vi van" finds "Vì Văn Sáng" and "Lò Văn Việt", not "Nguyễn Đavi Tuấn").
/// </summary>
public class PeopleListsNameSearchTests
{
    [Fact]
    public async Task Follow_ups_outcomes_a_courses_learners_and_the_enrolment_picker_find_people_by_the_beginnings_of_their_names()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (staff, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, commune);
        var completedOn = FollowUpsTests.ThisMonth.AddMonths(-6).AddDays(4);
        var course = await FollowUpTestData.CourseAsync(institution, commune, finishedOn: completedOn);
        var letters = Letters();
        var mark = char.ToUpperInvariant(letters[0]) + letters[1..];
        var sang = $"Vì Văn Sáng {mark}";
        var viet = $"Lò Văn Việt {mark}";
        var inside = $"Nguyễn Đavi Tuấn {mark}";
        foreach (var name in new[] { sang, viet, inside })
        {
            var learner = await TrainingTestData.LearnerAsync(commune.Id, name: name);
            var enrolment = await FollowUpTestData.CompletionAsync(course, learner.Id, commune, completedOn);
            await FollowUpTestData.FollowUpAsync(enrolment, 3, completedOn.AddMonths(3), EmploymentStatus.SelfEmployed);
        }
        var q = Uri.EscapeDataString($"vi van {mark[..4].ToLowerInvariant()}");

        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using (var browser = await TestBrowser.SignedInAsync(officer))
        {
            var month = FollowUpsTests.ThisMonth.ToString("yyyy-MM");
            foreach (var page in new[] { $"/FollowUps?lop={course.CourseId}&thang={month}", $"/FollowUps/Entry?lop={course.CourseId}&thang={month}", "/FollowUps/Outcomes?x=1" })
                Found(await browser.GetHtmlAsync($"{page}&q={q}"), page);
        }
        using (var browser = await TestBrowser.SignedInAsync(staff))
        {
            Found(await browser.GetHtmlAsync($"/Courses/Enrolments?lop={course.CourseId}&q={q}"), "/Courses/Enrolments");
            Found(await browser.GetHtmlAsync($"/Courses/Enrol/{course.CourseId}?q={q}"), "/Courses/Enrol");
        }

        void Found(string html, string page) => ShouldFind(html, page, [sang, viet], inside);
    }

    [Fact]
    public async Task Training_needs_and_their_person_picker_find_people_by_the_beginnings_of_their_names()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var occupation = await RegistryData.OccupationAsync("Chăn nuôi dê " + TestData.Unique());
        var letters = Letters();
        var mark = char.ToUpperInvariant(letters[0]) + letters[1..];
        var names = new[] { $"Vì Văn Sáng {mark}", $"Lò Văn Việt {mark}", $"Nguyễn Đavi Tuấn {mark}" };
        foreach (var name in names)
        {
            var learner = await TrainingTestData.LearnerAsync(commune.Id, name: name);
            var saved = await browser.PostFormAsync($"/TrainingNeeds/Create?nguoi-hoc={learner.Id}", new()
            {
                ["Data.LearnerId"] = learner.Id.ToString(), ["Data.OccupationId"] = occupation.Id.ToString(), ["Data.Year"] = "2027",
                ["Data.PreferredTime"] = "Quarter1", ["Data.SurveyedOn"] = "2026-10-15",
            }, "/TrainingNeeds/Create");
            saved.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect, TestBrowser.HtmlText(await saved.Content.ReadAsStringAsync()));
        }
        var q = Uri.EscapeDataString($"van vi {mark[..3].ToLowerInvariant()}");

        ShouldFind(await browser.GetHtmlAsync($"/TrainingNeeds?nghe={occupation.Id}&q={q}"), "/TrainingNeeds", names[..2], names[2]);
        ShouldFind(await browser.GetHtmlAsync($"/TrainingNeeds/Create?q={q}"), "/TrainingNeeds/Create", names[..2], names[2]);
    }

    [Fact]
    public async Task An_enterprise_finds_its_leads_by_the_beginnings_of_the_persons_name_or_by_phone()
    {
        var (user, enterpriseId, vacancyId, title) = await Jobs.JobsTestData.VacancyAsync("Lái xe tải " + TestData.Unique());
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var letters = Letters();
        var mark = char.ToUpperInvariant(letters[0]) + letters[1..];
        var names = new[] { $"Vì Văn Sáng {mark}", $"Lò Văn Việt {mark}", $"Nguyễn Đavi Tuấn {mark}" };
        var phones = names.Select(_ => "09" + Random.Shared.Next(10_000_000, 99_999_999)).ToArray();
        await TestData.WithDbAsync(async db =>
        {
            for (var i = 0; i < names.Length; i++)
                db.InterestLeads.Add(new DaoTaoNghe.Features.Jobs.InterestLead
                {
                    Kind = DaoTaoNghe.Features.Jobs.LeadKind.Vacancy, VacancyId = vacancyId, Subject = title, EnterpriseId = enterpriseId, CommuneId = commune.Id,
                    ProvinceId = commune.ProvinceId!.Value, FullName = names[i], SearchName = DaoTaoNghe.Infrastructure.Text.TextSearch.Normalize(names[i]),
                    Phone = phones[i], ConsentText = DaoTaoNghe.Features.Jobs.Public.RegisterInterest.ConsentText, CreatedAt = TestData.Clock.UtcNow,
                });
            await db.SaveChangesAsync();
        });
        using var browser = await TestBrowser.SignedInAsync(user);

        ShouldFind(await browser.GetHtmlAsync($"/Jobs/Leads?q={Uri.EscapeDataString($"vi van {mark[..4].ToLowerInvariant()}")}"), "/Jobs/Leads", names[..2], names[2]);
        ShouldFind(await browser.GetHtmlAsync($"/Jobs/Leads?q={phones[2]}"), "/Jobs/Leads by phone", [names[2]], names[0]);
    }

    private static void ShouldFind(string html, string page, string[] found, string notFound)
    {
        var text = TestBrowser.HtmlText(html);
        foreach (var name in found) text.ShouldContain(name, customMessage: page);
        text.ShouldNotContain(notFound, customMessage: page);
    }
}
