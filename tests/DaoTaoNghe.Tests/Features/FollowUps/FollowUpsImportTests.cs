using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Tests.Features.Imports;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Imports.ImportSteps;

namespace DaoTaoNghe.Tests.Features.FollowUps;

public class FollowUpsImportTests
{
    private const string Template = "theo-doi-viec-lam";

    private static readonly object?[] Header =
        ["Số CCCD", "Mã lớp", "Mốc theo dõi (tháng)", "Tình trạng việc làm", "Nơi làm việc", "Mức thu nhập", "Có vay vốn", "Ngày ghi nhận"];

    [Fact]
    public async Task A_communes_follow_up_sheet_is_checked_row_by_row_then_committed_and_a_rerun_changes_nothing()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (course, people, completedOn) = await FollowUpsTests.CompletionsAsync(commune, 3);
        var cccds = await TestData.WithDbAsync(db => db.Learners.Where(l => people.Select(p => p.LearnerId).Contains(l.Id))
            .ToDictionaryAsync(l => l.Id, l => l.Cccd!));
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var on = TestData.Clock.Today.ToString("dd/MM/yyyy");
        var elsewhere = await FollowUpsTests.CompletionsAsync(await TestData.CommuneAsync("Xã Tân Uyên"), 1);
        var strangerCccd = await TestData.WithDbAsync(db => db.Learners.Where(l => l.Id == elsewhere.People[0].LearnerId).Select(l => l.Cccd!).SingleAsync());

        var file = TestWorkbook.Sheet(
            Header,
            [cccds[people[0].LearnerId], course.CourseId, 6, "Tự tạo việc làm", null, "Dưới 3 triệu đồng/tháng", "Có", on],
            [cccds[people[1].LearnerId], course.CourseId, 3, "doanh nghiệp", "Cơ sở may Thu Hằng", "Từ 3 đến dưới 5 triệu đồng/tháng", "Không", on],
            [cccds[people[2].LearnerId], course.CourseId, 6, "Làm việc cho doanh nghiệp", null, null, null, on],
            [cccds[people[2].LearnerId], course.CourseId, 3, "Chưa có việc làm", null, null, null, completedOn.ToString("dd/MM/yyyy")],
            [cccds[people[2].LearnerId], course.CourseId, 5, "Chưa có việc làm", null, null, null, on],
            [strangerCccd, elsewhere.Course.CourseId, 6, "Tự tạo việc làm", null, null, null, on]);

        var id = await UploadAsync(browser, "theo-doi.xlsx", file, Template);
        var dry = await WaitAsync(browser, id);
        Counts(dry).ShouldBe((6, 2, 0, 0, 4));
        var errors = Errors(dry);
        errors.ShouldContain(e => e.Row == 4 && e.Message == "Làm việc cho doanh nghiệp: vui lòng ghi tên hoặc mã số thuế của doanh nghiệp.");
        errors.ShouldContain(e => e.Row == 5 && e.Message == $"Ngày ghi nhận kết quả phải sau ngày hoàn thành khóa học ({completedOn:dd/MM/yyyy}).");
        errors.ShouldContain(e => e.Row == 6 && e.Message == "Mốc theo dõi phải là 3, 6 hoặc 12 tháng.");
        errors.ShouldContain(e => e.Row == 7 && e.Message.StartsWith("Không tìm thấy người có số CCCD này hoàn thành lớp"));
        (await CountAsync(course.CourseId)).ShouldBe(0);

        var committed = await CommitAsync(browser, id);
        Counts(committed).ShouldBe((6, 2, 0, 0, 4));
        var saved = await TestData.WithDbAsync(db => db.EmploymentOutcomes.AsNoTracking().Where(o => o.Enrolment!.CourseId == course.CourseId).ToListAsync());
        saved.Count.ShouldBe(2);
        var first = saved.Single(o => o.EnrolmentId == people[0].EnrolmentId);
        (first.Status, first.Checkpoint, first.LoanHelped, first.IncomeBand, first.IsNewJob)
            .ShouldBe((EmploymentStatus.SelfEmployed, 6, true, IncomeBand.Under3, true));
        saved.Single(o => o.EnrolmentId == people[1].EnrolmentId).EmployerName.ShouldBe("Cơ sở may Thu Hằng");
        (await TestData.WithDbAsync(db => db.EmploymentOutcomes.CountAsync(o => o.Enrolment!.CourseId == elsewhere.Course.CourseId))).ShouldBe(0);

        var again = await CommitAsync(browser, (await DryRunAsync(browser, "theo-doi (1).xlsx", file, Template)).GetProperty("jobId").GetInt32());
        Counts(again).ShouldBe((6, 0, 0, 2, 4));

        var corrected = TestWorkbook.Sheet(Header,
            [cccds[people[0].LearnerId], course.CourseId, 6, "Hợp tác xã", "Hợp tác xã chè Bình Lư", null, "Có", on]);
        Counts(await CommitAsync(browser, (await DryRunAsync(browser, "sua.xlsx", corrected, Template)).GetProperty("jobId").GetInt32()))
            .ShouldBe((1, 0, 1, 0, 0));
        (await CountAsync(course.CourseId)).ShouldBe(2);
    }

    private static Task<int> CountAsync(int courseId) =>
        TestData.WithDbAsync(db => db.EmploymentOutcomes.CountAsync(o => o.Enrolment!.CourseId == courseId));
}
