using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Courses;
using DaoTaoNghe.Tests.Features.Learners;
using DaoTaoNghe.Tests.Support;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoTaoNghe.Tests.Features.ExchangeIn;

/// <summary>
/// An institution's (or a commune's) own software sends its records under its own ids, as it would in
/// production: with an API key made on /Account/ApiKeys, through PUT /api/v1/exchange/…, POSTs with an
/// Idempotency-Key, and the change feed.
/// </summary>
public partial class ExchangeInTests
{
    /// <summary>A machine client holding a read-and-write key of <paramref name="user"/>, made on the key page as a person would.</summary>
    private static Task<HttpClient> MachineAsync(string user) => ApiKeyClient.ForAsync(user, "Phần mềm quản lý đào tạo");

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static Dictionary<string, object?> Person(int communeId, string name, string cccd, string phone = "0912 345 678") => new()
    {
        ["fullName"] = name, ["birthDate"] = "1995-04-12", ["sex"] = "Female", ["cccd"] = cccd, ["communeId"] = communeId,
        ["address"] = "Bản Nà Bó", ["phone"] = phone, ["educationLevel"] = "LowerSecondary",
        ["consentGiven"] = true, ["consentDate"] = "2025-06-01", ["consentPurpose"] = "Quản lý đào tạo nghề", ["consentMethod"] = "SignedForm",
    };

    private static Dictionary<string, object?> CourseBody(TrainingSetup setup, AdministrativeUnit venue, DateOnly start, string name) => new()
    {
        ["programmeId"] = setup.Programme.Id, ["name"] = name, ["venueCommuneId"] = venue.Id, ["venueAddress"] = "Nhà văn hóa bản",
        ["startDate"] = start.ToString("yyyy-MM-dd"), ["endDate"] = start.AddDays(60).ToString("yyyy-MM-dd"), ["plannedDays"] = 40,
        ["capacity"] = 30, ["actualUnitCost"] = 3_000_000, ["attendanceMode"] = "Summary", ["trainerIds"] = new[] { setup.TrainerId },
    };

    private static string Outcome(JsonElement answer) => answer.GetProperty("outcome").GetString()!;

    [Fact]
    public async Task A_learner_sent_twice_is_one_record_and_a_changed_payload_is_one_update()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var machine = await MachineAsync(officer);
        var cccd = LearnerTestData.Cccd(DaoTaoNghe.Features.Catalogues.Sex.Female, 1995);
        var key = "HS-" + TestData.Unique();
        var body = Person(commune.Id, LearnerTestData.Name(), cccd);

        var created = await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/learners/{key}", body), HttpStatusCode.Created);
        Outcome(created).ShouldBe("Created");
        created.GetProperty("key").GetString().ShouldBe(key);
        var id = created.GetProperty("id").GetInt64();

        var again = await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/learners/{key}", body), HttpStatusCode.OK);
        Outcome(again).ShouldBe("Unchanged");
        again.GetProperty("id").GetInt64().ShouldBe(id);
        (await TestData.WithDbAsync(db => db.Learners.IgnoreQueryFilters().CountAsync(l => l.Cccd == cccd))).ShouldBe(1);

        body["phone"] = "0987 654 321";
        var updated = await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/learners/{key}", body), HttpStatusCode.OK);
        Outcome(updated).ShouldBe("Updated");
        updated.GetProperty("id").GetInt64().ShouldBe(id);
        (await LearnerTestData.LoadAsync((int)id)).Phone.ShouldBe("0987654321");
        (await TestData.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .CountAsync(a => a.EntityType == "Learner" && a.EntityId == id.ToString() && a.Action == AuditAction.Update))).ShouldBe(1);
        // Registered as the form registers: its CCCD checked with the population registry once, when the record was made.
        (await TestData.WithDbAsync(db => db.PopulationChecks.IgnoreQueryFilters().CountAsync(c => c.LearnerId == (int)id))).ShouldBe(1);
    }

    [Fact]
    public async Task A_learner_outside_the_senders_scope_is_refused_with_the_forms_reason_and_nothing_is_written()
    {
        var mine = await TestData.CommuneAsync("Xã Bình Lư");
        var other = await TestData.CommuneAsync("Xã Tả Lèng");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, mine);
        using var machine = await MachineAsync(officer);
        var cccd = LearnerTestData.Cccd(DaoTaoNghe.Features.Catalogues.Sex.Female, 1995);
        var key = "HS-" + TestData.Unique();

        var refused = await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/learners/{key}", Person(other.Id, LearnerTestData.Name(), cccd)),
            HttpStatusCode.BadRequest);
        refused.GetProperty("errors").GetProperty("CommuneId")[0].GetString()!.ShouldContain("ngoài phạm vi");
        (await TestData.WithDbAsync(db => db.Learners.IgnoreQueryFilters().CountAsync(l => l.Cccd == cccd))).ShouldBe(0);
        (await TestData.WithDbAsync(db => db.ExternalKeys.IgnoreQueryFilters().CountAsync(k => k.Key == key))).ShouldBe(0);

        // The same key sent by another commune is that commune's own key: it never reaches this record.
        var created = await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/learners/{key}", Person(mine.Id, LearnerTestData.Name(), cccd)),
            HttpStatusCode.Created);
        var (otherOfficer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, other);
        using var otherMachine = await MachineAsync(otherOfficer);
        var theirs = await otherMachine.PutAsJsonAsync($"/api/v1/exchange/learners/{key}", Person(mine.Id, "Lò Văn Khác", cccd, "0911 111 111"));
        theirs.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await LearnerTestData.LoadAsync(created.GetProperty("id").GetInt32())).Phone.ShouldBe("0912345678");
    }

    [Fact]
    public async Task Courses_and_enrolments_sent_twice_are_one_record_each_and_a_change_is_one_update()
    {
        var setup = await TrainingTestData.InstitutionAsync();
        var venue = await TestData.CommuneAsync("Xã Bình Lư");
        using var machine = await MachineAsync(setup.Staff);
        var courseKey = "LOP-" + TestData.Unique();
        var course = CourseBody(setup, venue, TestData.Clock.Today.AddDays(20), "Lớp trồng chè " + TestData.Unique());

        var createdCourse = await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/courses/{courseKey}", course), HttpStatusCode.Created);
        var courseId = createdCourse.GetProperty("id").GetInt32();
        Outcome(await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/courses/{courseKey}", course), HttpStatusCode.OK)).ShouldBe("Unchanged");
        course["capacity"] = 25;
        Outcome(await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/courses/{courseKey}", course), HttpStatusCode.OK)).ShouldBe("Updated");
        (await TrainingTestData.CourseAsync(courseId)).Capacity.ShouldBe(25);
        (await machine.PostAsync($"/api/v1/courses/{courseId}/open", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var learner = await TrainingTestData.LearnerAsync(venue.Id);
        var key = "GD-" + TestData.Unique();
        var enrolment = new Dictionary<string, object?>
        {
            ["courseKey"] = courseKey, ["cccd"] = learner.Cccd, ["birthDate"] = learner.BirthDate.ToString("yyyy-MM-dd"), ["distanceKm"] = 4.5,
        };
        var created = await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/enrolments/{key}", enrolment), HttpStatusCode.Created);
        Outcome(created).ShouldBe("Created");
        var enrolmentId = created.GetProperty("id").GetInt32();
        Outcome(await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/enrolments/{key}", enrolment), HttpStatusCode.OK)).ShouldBe("Unchanged");
        (await TestData.WithDbAsync(db => db.Enrolments.IgnoreQueryFilters().CountAsync(e => e.CourseId == courseId))).ShouldBe(1);

        enrolment["distanceKm"] = 12.0;
        Outcome(await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/enrolments/{key}", enrolment), HttpStatusCode.OK)).ShouldBe("Updated");
        (await TrainingTestData.EnrolmentAsync(enrolmentId)).DistanceKm.ShouldBe(12.0);
        (await TestData.WithDbAsync(db => db.Enrolments.IgnoreQueryFilters().CountAsync(e => e.CourseId == courseId))).ShouldBe(1);
    }

    [Fact]
    public async Task Another_institutions_course_key_or_course_is_refused_naming_the_field()
    {
        var mine = await TrainingTestData.InstitutionAsync();
        var theirs = await TrainingTestData.InstitutionAsync();
        var venue = await TestData.CommuneAsync("Xã Bình Lư");
        using var me = await MachineAsync(mine.Staff);
        using var them = await MachineAsync(theirs.Staff);
        var courseKey = "LOP-" + TestData.Unique();
        var created = await JsonAsync(await them.PutAsJsonAsync($"/api/v1/exchange/courses/{courseKey}",
            CourseBody(theirs, venue, TestData.Clock.Today.AddDays(20), "Lớp " + TestData.Unique())), HttpStatusCode.Created);
        var theirCourse = created.GetProperty("id").GetInt32();
        (await them.PostAsync($"/api/v1/courses/{theirCourse}/open", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var learner = await TrainingTestData.LearnerAsync(venue.Id);

        var byKey = await JsonAsync(await me.PutAsJsonAsync($"/api/v1/exchange/enrolments/GD-{TestData.Unique()}", new
        {
            courseKey, cccd = learner.Cccd, birthDate = learner.BirthDate,
        }), HttpStatusCode.NotFound);
        byKey.GetProperty("detail").GetString()!.ShouldContain("courseKey");
        await JsonAsync(await me.PutAsJsonAsync($"/api/v1/exchange/enrolments/GD-{TestData.Unique()}", new
        {
            courseId = theirCourse, cccd = learner.Cccd, birthDate = learner.BirthDate,
        }), HttpStatusCode.NotFound);
        // Their course, edited through my key for it: mine does not exist, and theirs is not reachable.
        (await me.PutAsJsonAsync($"/api/v1/exchange/courses/{courseKey}", CourseBody(theirs, venue, TestData.Clock.Today.AddDays(20), "Lớp đổi tên")))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TrainingTestData.CourseAsync(theirCourse)).Enrolments.ShouldBeEmpty();
        (await TestData.WithDbAsync(db => db.Courses.IgnoreQueryFilters().CountAsync(c => c.InstitutionId == mine.Institution.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task A_result_sent_twice_is_recorded_once_and_a_changed_score_is_one_update()
    {
        var setup = await TrainingTestData.InstitutionAsync();
        var venue = await TestData.CommuneAsync("Xã Bình Lư");
        using var machine = await MachineAsync(setup.Staff);
        var courseKey = "LOP-" + TestData.Unique();
        var today = TestData.Clock.Today;
        using (TestData.Clock.At(today.AddDays(-12)))
        {
            await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/courses/{courseKey}", CourseBody(setup, venue, today.AddDays(-10), "Lớp " + TestData.Unique())),
                HttpStatusCode.Created);
        }
        var courseId = await TestData.WithDbAsync(db => db.ExternalKeys.IgnoreQueryFilters().Where(k => k.Key == courseKey).Select(k => k.EntityId).SingleAsync());
        (await machine.PostAsync($"/api/v1/courses/{courseId}/open", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var learner = await TrainingTestData.LearnerAsync(venue.Id);
        var key = "GD-" + TestData.Unique();
        await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/enrolments/{key}", new { courseKey, cccd = learner.Cccd, birthDate = learner.BirthDate }),
            HttpStatusCode.Created);
        (await machine.PostAsync($"/api/v1/courses/{courseId}/start", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var result = new Dictionary<string, object?> { ["onDate"] = today.ToString("yyyy-MM-dd"), ["outcome"] = "Failed", ["score"] = 4.0 };
        Outcome(await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/results/{key}", result), HttpStatusCode.OK)).ShouldBe("Updated");
        Outcome(await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/results/{key}", result), HttpStatusCode.OK)).ShouldBe("Unchanged");
        result["score"] = 4.5;
        Outcome(await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/results/{key}", result), HttpStatusCode.OK)).ShouldBe("Updated");
        var enrolment = await TestData.WithDbAsync(db => db.Enrolments.IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.CourseId == courseId));
        (enrolment.Status, enrolment.Score, enrolment.ResultOn).ShouldBe((EnrolmentStatus.Failed, 4.5, today));

        // A pass below the attendance threshold needs the form's reason, named as the body names it.
        var refused = await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/results/{key}", new { onDate = today, outcome = "Passed", score = 9.0 }),
            HttpStatusCode.BadRequest);
        refused.GetProperty("errors").GetProperty("PassReason")[0].GetString()!.ShouldContain("lý do công nhận đạt");
        (await machine.PutAsJsonAsync($"/api/v1/exchange/results/NO-{TestData.Unique()}", result)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_first_answer_without_a_second_write_and_refuses_another_body()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var machine = await MachineAsync(officer);
        var cccd = LearnerTestData.Cccd(DaoTaoNghe.Features.Catalogues.Sex.Female, 1995);
        var body = Person(commune.Id, LearnerTestData.Name(), cccd);
        var idempotencyKey = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> PostAsync(object payload, string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/learners") { Content = JsonContent.Create(payload) };
            request.Headers.Add("Idempotency-Key", key);
            return await machine.SendAsync(request);
        }

        var first = await PostAsync(body, idempotencyKey);
        var firstText = await first.Content.ReadAsStringAsync();
        first.StatusCode.ShouldBe(HttpStatusCode.Created, firstText);
        var again = await PostAsync(body, idempotencyKey);
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await again.Content.ReadAsStringAsync()).ShouldBe(firstText);
        again.Headers.Location.ShouldBe(first.Headers.Location);
        again.Headers.GetValues("Idempotency-Replayed").ShouldBe(["true"]);
        (await TestData.WithDbAsync(db => db.Learners.IgnoreQueryFilters().CountAsync(l => l.Cccd == cccd))).ShouldBe(1);

        var otherCccd = LearnerTestData.Cccd(DaoTaoNghe.Features.Catalogues.Sex.Female, 1995);
        var other = Person(commune.Id, LearnerTestData.Name(), otherCccd);
        var mismatch = await JsonAsync(await PostAsync(other, idempotencyKey), HttpStatusCode.UnprocessableEntity);
        mismatch.GetProperty("detail").GetString()!.ShouldContain("Idempotency-Key");
        (await TestData.WithDbAsync(db => db.Learners.IgnoreQueryFilters().CountAsync(l => l.Cccd == otherCccd))).ShouldBe(0);

        // Kept for a day (Exchange:IdempotencyHours): after that the key is free again.
        using (TestData.Clock.At(TestData.Clock.GetUtcNow().AddHours(25)))
            (await PostAsync(other, idempotencyKey)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await TestData.WithDbAsync(db => db.Learners.IgnoreQueryFilters().CountAsync(l => l.Cccd == otherCccd))).ShouldBe(1);
    }

    [Fact]
    public async Task A_refused_post_keeps_nothing_so_the_corrected_request_may_reuse_its_key()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var machine = await MachineAsync(officer);
        var cccd = LearnerTestData.Cccd(DaoTaoNghe.Features.Catalogues.Sex.Female, 1995);
        var body = Person(commune.Id, "", cccd);
        var idempotencyKey = Guid.NewGuid().ToString();
        HttpResponseMessage Send(object payload)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/learners") { Content = JsonContent.Create(payload) };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            return machine.SendAsync(request).GetAwaiter().GetResult();
        }

        Send(body).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        body["fullName"] = LearnerTestData.Name();
        Send(body).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await TestData.WithDbAsync(db => db.Learners.IgnoreQueryFilters().CountAsync(l => l.Cccd == cccd))).ShouldBe(1);
    }

    private static async Task<List<JsonElement>> FeedAsync(HttpClient client, string type, int pageSize, List<string>? cursors = null)
    {
        var items = new List<JsonElement>();
        string? since = null;
        while (true)
        {
            var page = await JsonAsync(await client.GetAsync($"/api/v1/changes?type={type}&pageSize={pageSize}{(since is null ? "" : "&since=" + since)}"),
                HttpStatusCode.OK);
            var got = page.GetProperty("items").EnumerateArray().ToList();
            got.Count.ShouldBeLessThanOrEqualTo(pageSize);
            items.AddRange(got);
            cursors?.AddRange(got.Select(i => i.GetProperty("cursor").GetString()!));
            var next = page.GetProperty("next").GetString()!;
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                // Read again from the last cursor: nothing new, and the same cursor back.
                var empty = await JsonAsync(await client.GetAsync($"/api/v1/changes?type={type}&since={next}"), HttpStatusCode.OK);
                empty.GetProperty("items").GetArrayLength().ShouldBe(0);
                empty.GetProperty("next").GetString().ShouldBe(next);
                return items;
            }
            since = next;
        }
    }

    [Fact]
    public async Task The_change_feed_pages_through_creations_updates_and_deletions_in_order_and_only_in_scope()
    {
        var setup = await TrainingTestData.InstitutionAsync();
        var stranger = await TrainingTestData.InstitutionAsync();
        var venue = await TestData.CommuneAsync("Xã Bình Lư");
        using var machine = await MachineAsync(setup.Staff);
        using var other = await MachineAsync(stranger.Staff);
        var courseKey = "LOP-" + TestData.Unique();
        var course = await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/courses/{courseKey}",
            CourseBody(setup, venue, TestData.Clock.Today.AddDays(20), "Lớp " + TestData.Unique())), HttpStatusCode.Created);
        var courseId = course.GetProperty("id").GetInt64();
        (await machine.PostAsync($"/api/v1/courses/{courseId}/open", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var keys = new List<string>();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            var learner = await TrainingTestData.LearnerAsync(venue.Id);
            var key = $"GD-{i}-{TestData.Unique()}";
            var created = await JsonAsync(await machine.PutAsJsonAsync($"/api/v1/exchange/enrolments/{key}",
                new { courseKey, cccd = learner.Cccd, birthDate = learner.BirthDate }), HttpStatusCode.Created);
            keys.Add(key);
            ids.Add(created.GetProperty("id").GetInt64());
        }
        (await machine.DeleteAsync($"/api/v1/enrolments/{ids[1]}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var cursors = new List<string>();
        var enrolments = await FeedAsync(machine, "enrolments", pageSize: 2, cursors);
        cursors.Distinct().Count().ShouldBe(cursors.Count);
        var mine = enrolments.Where(e => ids.Contains(e.GetProperty("id").GetInt64())).ToList();
        // Each enrolment is created (and its support computed: an update), the second one deleted, in the order they happened.
        mine.Select(e => (e.GetProperty("id").GetInt64(), e.GetProperty("operation").GetString())).Where(e => e.Item2 != "Updated").ShouldBe(
            [(ids[0], "Created"), (ids[1], "Created"), (ids[2], "Created"), (ids[1], "Deleted")]);
        mine.ShouldAllBe(e => e.GetProperty("type").GetString() == "enrolments");
        mine.Where(e => e.GetProperty("id").GetInt64() == ids[1]).ShouldAllBe(e => e.GetProperty("externalId").GetString() == keys[1]);
        enrolments.ShouldAllBe(e => e.GetProperty("type").GetString() == "enrolments");

        // Paged or whole, the same changes in the same order: the cursor only moves forward.
        var whole = await FeedAsync(machine, "enrolments", pageSize: 200);
        whole.Select(e => e.GetProperty("cursor").GetString()).ShouldBe(cursors);

        var courses = await FeedAsync(machine, "courses", pageSize: 200);
        courses.Select(c => (c.GetProperty("id").GetInt64(), c.GetProperty("externalId").GetString())).ShouldContain((courseId, courseKey));

        // Another institution sees none of it, deletion included.
        var theirs = (await FeedAsync(other, "enrolments", pageSize: 200)).Concat(await FeedAsync(other, "courses", pageSize: 200)).ToList();
        theirs.ShouldNotContain(e => ids.Contains(e.GetProperty("id").GetInt64()) || e.GetProperty("id").GetInt64() == courseId);
    }

    [Fact]
    public async Task A_cursor_that_is_not_ours_and_an_unknown_type_are_refused_naming_the_parameter()
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var machine = await MachineAsync(admin);
        var since = await JsonAsync(await machine.GetAsync("/api/v1/changes?since=abc"), HttpStatusCode.BadRequest);
        since.GetProperty("errors").GetProperty("since")[0].GetString()!.ShouldContain("since");
        var type = await JsonAsync(await machine.GetAsync("/api/v1/changes?type=people"), HttpStatusCode.BadRequest);
        type.GetProperty("errors").GetProperty("type")[0].GetString()!.ShouldContain("learners");
    }

    /// <summary>
    /// Ids are taken in insert order but transactions commit in another: a change committed after a reader
    /// passed it must still come after the reader's cursor. Two writers at once need PostgreSQL (SQLite
    /// writes one transaction at a time, so there the order cannot differ).
    /// </summary>
    [PostgresFact]
    public async Task A_change_committed_after_a_later_one_was_read_still_comes_after_the_readers_cursor()
    {
        var (admin, organisation) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var machine = await MachineAsync(admin);
        var cursor = await LastCursorAsync(machine);
        var early = Random.Shared.Next(1_900_000_000, 2_000_000_000);
        ChangeLogEntry Change(int id) => new()
        {
            EntityType = "courses", EntityId = id, Operation = ChangeOperation.Updated, ChangedAt = TestData.Clock.UtcNow, ProvinceId = organisation.ProvinceId,
        };

        await using var slow = TestApp.Instance.SystemScope();
        var slowDb = slow.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await slowDb.Database.BeginTransactionAsync();
        slowDb.ChangeLog.Add(Change(early));
        await slowDb.SaveChangesAsync();
        await TestData.WithDbAsync(async db =>
        {
            db.ChangeLog.Add(Change(early + 1));
            await db.SaveChangesAsync();
        });

        var first = await JsonAsync(await machine.GetAsync($"/api/v1/changes?type=courses&since={cursor}"), HttpStatusCode.OK);
        long[] Mine(JsonElement page) =>
            page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()).Where(id => id == early || id == early + 1).ToArray();
        Mine(first).ShouldBe([early + 1]);
        await transaction.CommitAsync();
        var then = await JsonAsync(await machine.GetAsync($"/api/v1/changes?type=courses&since={first.GetProperty("next").GetString()}"), HttpStatusCode.OK);
        Mine(then).ShouldBe([early]);
    }

    private static async Task<string> LastCursorAsync(HttpClient client)
    {
        string? since = null;
        while (true)
        {
            var page = await JsonAsync(await client.GetAsync($"/api/v1/changes?type=courses&pageSize=200{(since is null ? "" : "&since=" + since)}"), HttpStatusCode.OK);
            since = page.GetProperty("next").GetString()!;
            if (!page.GetProperty("hasMore").GetBoolean()) return since;
        }
    }
}
