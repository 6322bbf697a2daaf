using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Courses;
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

        void Found(string html, string page)
        {
            var text = TestBrowser.HtmlText(html);
            text.ShouldContain(sang, customMessage: page);
            text.ShouldContain(viet, customMessage: page);
            text.ShouldNotContain(inside, customMessage: page);
        }
    }
}
