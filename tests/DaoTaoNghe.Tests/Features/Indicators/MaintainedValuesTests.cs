using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Jobs;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Outreach;
using DaoTaoNghe.Features.Support;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Tests.Features.Imports;
using DaoTaoNghe.Tests.Features.Learners;
using DaoTaoNghe.Tests.Features.FollowUps;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DaoTaoNghe.Tests.Features.FollowUps.FollowUpTestData;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.Indicators;

/// <summary>
/// The maintained indicator values stay equal to counting the records: after a long random sequence of
/// changes through every write path the values depend on, a full rebuild finds no difference, and the
/// dashboards' API answers the same from the maintained values as counted live. A record saved is counted
/// by the worker alone within its lag.
/// </summary>
[Collection(Collection)]
public class MaintainedValuesTests
{
    /// <summary>
    /// Tests that rebuild run one after another (a rebuild repairs the value another test planted) and alone: while a
    /// rebuild runs, dashboards read the values as they are rather than wait, so another test's fresh record would not show.
    /// </summary>
    public const string Collection = "Maintained indicator values";

    private static MaintainedValuesRunner Runner => TestApp.Instance.Services.GetRequiredService<MaintainedValuesRunner>();
    private static MaintainedValuesOptions Options => TestApp.Instance.Services.GetRequiredService<MaintainedValuesOptions>();

    [Fact]
    public async Task After_each_batch_of_random_changes_every_maintained_value_equals_a_full_recomputation_and_the_live_count()
    {
        var p = await ProvinceAsync();
        var (_, institution) = await ActorAsync(Roles.InstitutionStaff, p.A);
        var (_, other) = await ActorAsync(Roles.InstitutionStaff, p.B);
        var (_, centre) = await ActorAsync(Roles.EmploymentCentre, p.Province);
        var (_, enterprise) = await ActorAsync(Roles.Enterprise, p.B);
        var (_, communeA) = await ActorAsync(Roles.CommuneOfficer, p.A);
        var courses = new List<FollowUpCourse>
        {
            await CourseAsync(institution, p.A, finishedOn: new DateOnly(2025, 6, 30)),
            await CourseAsync(institution, p.FormerA1, TrainingLevel.Elementary, new DateOnly(2025, 3, 15)),
            await CourseAsync(other, p.B, finishedOn: new DateOnly(2026, 5, 20)),
            await CourseAsync(other, p.A, finishedOn: new DateOnly(2026, 10, 2)),
        };
        var communes = new[] { p.A, p.B, p.FormerA1, p.FormerA2, p.FormerB1 };
        var ethnic = new string?[] { Kinh, Thai, Hmong, null };
        var random = new Random(15);
        DateOnly Day() => new DateOnly(2025, 1, 1).AddDays(random.Next(0, 700));
        T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        var learners = new List<int>();
        var enrolments = new List<int>();
        var outcomes = new List<int>();
        var events = new List<int>();
        using var admin = await AdminAsync(p);

        // The values are built (at start-up) before the first comparison.
        await Runner.RebuildAsync("thử");

        for (var batch = 0; batch < 8; batch++)
        {
            for (var step = 0; step < 14; step++)
            {
                var operation = learners.Count < 4 ? 0 : random.Next(17);
                switch (operation)
                {
                    case 0: // a person registered (the API for some, the records directly for others)
                        if (random.Next(2) == 0) learners.Add(await ApiLearnerAsync(admin, Pick(new[] { p.A, p.B })));
                        else
                            learners.Add(await LearnerAsync(p, Pick(communes), random.Next(2) == 0 ? Sex.Female : Sex.Male, Day(), Pick(ethnic),
                                random.Next(3) == 0 ? new[] { PriorityCategory.Disabled, PriorityCategory.WomanLostJob }[..random.Next(1, 3)] : null));
                        break;
                    case 1: // edited: sex, ethnic group, priority groups
                    {
                        var id = Pick(learners);
                        var code = Pick(ethnic);
                        await TestData.WithDbAsync(async db =>
                        {
                            var learner = await db.Learners.Include(l => l.Priorities).SingleAsync(l => l.Id == id);
                            learner.Sex = learner.Sex == Sex.Female ? Sex.Male : Sex.Female;
                            learner.EthnicGroupId = code is null ? null : await db.EthnicGroups.Where(e => e.Code == code).Select(e => e.Id).SingleAsync();
                            if (learner.Priorities.Count > 0) learner.Priorities.Clear();
                            else learner.Priorities.Add(new LearnerPriority { Category = PriorityCategory.PersonWithMerit });
                            await db.SaveChangesAsync();
                        });
                        break;
                    }
                    case 2: // moved house: the record's commune corrected directly, a move from a past date, or the old commune recorded
                    {
                        var id = Pick(learners);
                        var kind = random.Next(3);
                        if (kind == 0)
                        {
                            var to = Pick(communes).Id;
                            await TestData.WithDbAsync(async db =>
                            {
                                var learner = await db.Learners.SingleAsync(l => l.Id == id);
                                learner.CommuneId = to;
                                await db.SaveChangesAsync();
                            });
                            break;
                        }
                        var page = $"/Learners/Residence/{id}";
                        var movedOn = Day();
                        if (movedOn > TestData.Clock.Today) movedOn = TestData.Clock.Today;
                        var form = kind == 1
                            ? new Dictionary<string, string>
                            {
                                ["Data.MovedOn"] = movedOn.ToString("yyyy-MM-dd"),
                                ["Data.CommuneId"] = (movedOn < MergerDay ? Pick(new[] { p.FormerA1, p.FormerA2, p.FormerB1 }) : Pick(new[] { p.A, p.B })).Id.ToString(),
                            }
                            : new Dictionary<string, string> { ["Former.CommuneId"] = Pick(new[] { p.FormerA1, p.FormerA2, p.FormerB1 }).Id.ToString() };
                        var moved = await admin.PostFormAsync(page, form, kind == 1 ? page : page + "?handler=Former");
                        // Refused with a message (a date before the current period, the same commune) changes nothing.
                        moved.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.OK);
                        break;
                    }
                    case 3 or 4: // enrolled and completed
                        try
                        {
                            enrolments.Add(await CompletionAsync(Pick(courses), Pick(learners), Pick(communes), Day(),
                                random.Next(5) == 0 ? EnrolmentStatus.Failed : EnrolmentStatus.Completed));
                        }
                        catch (DbUpdateException)
                        {
                            // Already enrolled in that course.
                        }
                        break;
                    case 5 when enrolments.Count > 0: // a result's date corrected, or the result withdrawn
                    {
                        var id = Pick(enrolments);
                        var day = Day();
                        var withdraw = random.Next(3) == 0;
                        await TestData.WithDbAsync(async db =>
                        {
                            var enrolment = await db.Enrolments.SingleAsync(e => e.Id == id);
                            enrolment.Status = withdraw ? EnrolmentStatus.Failed : EnrolmentStatus.Completed;
                            enrolment.ResultOn = withdraw ? null : day;
                            await db.SaveChangesAsync();
                        });
                        break;
                    }
                    case 6 when enrolments.Count > 0: // followed up
                        try
                        {
                            outcomes.Add(await FollowUpAsync(Pick(enrolments), Pick(new[] { 3, 6, 12 }), Day(),
                                Pick(new[] { EmploymentStatus.EmployedByEnterprise, EmploymentStatus.SelfEmployed, EmploymentStatus.Unemployed, EmploymentStatus.WorkingAbroad })));
                        }
                        catch (DbUpdateException)
                        {
                            // That checkpoint of that completion was already followed up.
                        }
                        break;
                    case 7: // hired, a loan, an abroad contract
                        outcomes.Add(await ElsewhereAsync(Pick(learners), Day(), Pick(new[] { EmploymentStatus.EmployedByEnterprise, EmploymentStatus.SelfEmployed, EmploymentStatus.WorkingAbroad }),
                            Pick(new[] { OutcomeSource.Hire, OutcomeSource.Loan, OutcomeSource.AbroadContract }), centre.Id, random.Next(2) == 0));
                        break;
                    case 8 when learners.Count > 3: // duplicates merged: the duplicate's records move to the person kept
                    {
                        var duplicate = Pick(learners);
                        var survivor = Pick(learners.Where(l => l != duplicate).ToList());
                        var merged = await admin.PostJsonAsync($"/api/v1/learners/{duplicate}/merge", new { survivorId = survivor, reason = "Trùng hồ sơ (thử)", confirmed = true });
                        if (merged.StatusCode != HttpStatusCode.NoContent)
                            await TestData.WithDbAsync(async db =>
                            {
                                await db.Enrolments.Where(e => e.LearnerId == duplicate).ExecuteUpdateAsync(s => s.SetProperty(e => e.LearnerId, survivor));
                                await db.EmploymentOutcomes.Where(o => o.LearnerId == duplicate).ExecuteUpdateAsync(s => s.SetProperty(o => o.LearnerId, survivor));
                                await db.Learners.Where(l => l.Id == duplicate).ExecuteUpdateAsync(s => s.SetProperty(l => l.MergedIntoId, survivor));
                            });
                        learners.Remove(duplicate);
                        break;
                    }
                    case 9 when outcomes.Count > 0: // an outcome deleted
                    {
                        var id = Pick(outcomes);
                        outcomes.Remove(id);
                        await TestData.WithDbAsync(db => db.EmploymentOutcomes.Where(o => o.Id == id).ExecuteDeleteAsync());
                        break;
                    }
                    case 10: // a course cancelled or reinstated, its level changed
                    {
                        var course = Pick(courses).CourseId;
                        await TestData.WithDbAsync(async db =>
                        {
                            var row = await db.Courses.SingleAsync(c => c.Id == course);
                            if (random.Next(2) == 0) row.State = row.State == CourseState.Cancelled ? CourseState.Finished : CourseState.Cancelled;
                            else row.Level = row.Level == TrainingLevel.Elementary ? TrainingLevel.ShortCourse : TrainingLevel.Elementary;
                            await db.SaveChangesAsync();
                        });
                        break;
                    }
                    case 11 when enrolments.Count > 0: // support paid out (settlement), by a bulk update as a payment list would
                    {
                        var id = Pick(enrolments);
                        var day = Day();
                        var amount = random.Next(1, 50) * 100_000L;
                        await TestData.WithDbAsync(db => db.Enrolments.Where(e => e.Id == id)
                            .ExecuteUpdateAsync(s => s.SetProperty(e => e.SettledOn, day).SetProperty(e => e.SettledAmount, amount)));
                        break;
                    }
                    case 12: // an outreach activity held, or one moved to another commune and day
                        if (events.Count == 0 || random.Next(2) == 0)
                        {
                            await OutreachAsync(Pick(communes), communeA.Id, Day(), random.Next(5, 80));
                            events.Add(await TestData.WithDbAsync(db => db.OutreachEvents.Where(e => e.OrganisationId == communeA.Id).MaxAsync(e => e.Id)));
                        }
                        else
                        {
                            var id = Pick(events);
                            var to = Pick(communes).Id;
                            var day = Day();
                            await TestData.WithDbAsync(db => db.OutreachEvents.Where(e => e.Id == id)
                                .ExecuteUpdateAsync(s => s.SetProperty(e => e.CommuneId, to).SetProperty(e => e.HeldOn, day)));
                        }
                        break;
                    case 13: // a job session with an enterprise, then moved
                    {
                        var day = Day();
                        var venue = Pick(communes).Id;
                        var moved = Day();
                        await TestData.WithDbAsync(async db =>
                        {
                            var session = new JobSession
                            {
                                ProvinceId = p.Id, OrganiserId = centre.Id, Kind = SessionKind.Session, HeldOn = day, VenueCommuneId = venue, CreatedAt = TestData.Clock.UtcNow,
                            };
                            session.SetTitle("Phiên thử " + TestData.Unique());
                            session.Enterprises.Add(new SessionEnterprise { EnterpriseId = enterprise.Id, OrganiserId = centre.Id, ProvinceId = p.Id });
                            db.JobSessions.Add(session);
                            await db.SaveChangesAsync();
                            if (random.Next(2) == 0) await db.JobSessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.HeldOn, moved));
                        });
                        break;
                    }
                    case 14 when enrolments.Count > 0: // an enrolment deleted with its follow-ups
                    {
                        var id = Pick(enrolments);
                        enrolments.Remove(id);
                        await TestData.WithDbAsync(async db =>
                        {
                            var gone = await db.EmploymentOutcomes.Where(o => o.EnrolmentId == id).Select(o => o.Id).ToListAsync();
                            outcomes.RemoveAll(gone.Contains);
                            await db.EmploymentOutcomes.Where(o => o.EnrolmentId == id).ExecuteDeleteAsync();
                            await db.Enrolments.Where(e => e.Id == id).ExecuteDeleteAsync();
                        });
                        break;
                    }
                    case 15: // people imported from a list (checked, then committed through the import API)
                    {
                        var names = Enumerable.Range(0, random.Next(1, 4)).Select(_ => LearnerTestData.Name()).ToList();
                        var file = TestWorkbook.Sheet([ImportHeader, .. names.Select((name, i) => ImportRow(i + 1, name, Day(), Pick(new[] { p.A, p.B }).Name))]);
                        var dryRun = await ImportSteps.DryRunAsync(admin, "nguoi-hoc.xlsx", file, "nguoi-hoc");
                        await ImportSteps.CommitAsync(admin, dryRun.GetProperty("jobId").GetInt32());
                        learners.AddRange(await TestData.WithDbAsync(db => db.Learners.Where(l => names.Contains(l.FullName)).Select(l => l.Id).ToListAsync()));
                        break;
                    }
                    case 16: // a new support rule set starts: unpaid support of the courses from its first day is recomputed
                        await StartRuleSetAsync(p, Day(), random.Next(1, 20) * 100_000L);
                        break;
                }
            }

            var report = await Runner.RebuildAsync("thử");
            report.FirstBuild.ShouldBeFalse();
            report.Differences.ShouldBe(0, $"batch {batch}: " + string.Join("; ", report.FirstDifferences.Take(10)));
            report.Cells.ShouldBeGreaterThan(0);
            await DashboardsAgreeAsync(admin, p, batch);
        }
    }

    /// <summary>The API answers the same from the maintained values as counted from the records, for the province, a commune and an institution.</summary>
    private static async Task DashboardsAgreeAsync(TestBrowser admin, TestProvince p, int batch)
    {
        var institution = await TestData.WithDbAsync(db => db.Enrolments.Where(e => e.ResidenceCommune.ProvinceId == p.Id || e.ResidenceCommuneId == p.Id)
            .Select(e => (int?)e.InstitutionId).FirstOrDefaultAsync());
        var queries = new List<string>();
        foreach (var year in new[] { 2025, 2026 })
        {
            queries.Add($"period={year}");
            queries.Add($"period={year}&unit={p.A.Id}");
            queries.Add($"period={year}&unit={p.FormerA1.Id}");
            queries.Add($"period={year}&unit={p.District.Id}");
            if (institution is not null) queries.Add($"period={year}&institution={institution}");
            foreach (var by in new[] { "Commune", "Sex", "Priority", "Minority", "Level", "Institution", "Month", "Year" })
                foreach (var code in new[] { "training.completed", "training.completions", "employment.rate", "jobs.created", "learners.registered", "support.paid", "outreach.people" })
                    queries.Add($"indicator={code}&period={year}&by={by}");
            queries.Add($"indicator=learners.registered&period={year}&by=Commune&map=2024");
            queries.Add($"indicator=training.completed&period={year}&by=District&map=2024");
        }
        foreach (var query in queries)
        {
            var maintained = await AnswerAsync(admin, query);
            Options.Enabled = false;
            try
            {
                var live = await AnswerAsync(admin, query);
                maintained.ShouldBe(live, $"batch {batch}: {query}");
            }
            finally
            {
                Options.Enabled = true;
            }
        }
    }

    private static async Task<string?> AnswerAsync(TestBrowser browser, string query)
    {
        var response = await browser.GetAsync("/api/v1/indicators/values?" + query);
        // A breakdown an indicator does not have is refused alike, maintained or live.
        return response.StatusCode == HttpStatusCode.OK ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("indicators").ToString()
            : response.StatusCode.ToString();
    }

    [Fact]
    public async Task A_person_registered_is_counted_on_the_dashboard_by_the_worker_alone_within_its_lag()
    {
        var p = await ProvinceAsync();
        using var admin = await AdminAsync(p);
        var year = TestData.Clock.Year;
        var query = $"indicator=learners.registered&unit={p.A.Id}&period={year}";
        Value(await ValuesAsync(admin, query), "learners.registered").ShouldBe(0);

        Options.CatchUpOnRead = false;
        try
        {
            await LearnerAsync(p, p.A, Sex.Female, TestData.Clock.Today);
            // Polled, not slept: the worker applies marks every second; the bound only stops a broken worker from hanging the suite.
            double? counted = 0;
            for (var attempt = 0; attempt < 600 && counted == 0; attempt++)
            {
                counted = Value(await ValuesAsync(admin, query), "learners.registered");
                if (counted == 0) await Task.Delay(100);
            }
            counted.ShouldBe(1);
        }
        finally
        {
            Options.CatchUpOnRead = true;
        }
    }

    [Fact]
    public async Task Dashboards_read_the_maintained_values_and_the_rebuild_reports_a_value_that_differs()
    {
        var p = await ProvinceAsync();
        using var admin = await AdminAsync(p);
        await LearnerAsync(p, p.B, Sex.Male, new DateOnly(2026, 3, 2));
        await Runner.DrainAsync(Timeout.InfiniteTimeSpan);
        var query = $"indicator=learners.registered&unit={p.B.Id}&period=2026";
        Value(await ValuesAsync(admin, query), "learners.registered").ShouldBe(1);

        // A value kept wrongly (as if a write path had not marked) shows on the dashboard, and the rebuild finds and repairs it.
        await TestData.WithDbAsync(db => db.IndicatorCells.Where(c => c.Computation == "learners.registered" && c.CommuneId == p.B.Id && c.Year == 2026
            && c.Dimension == null && c.Month == 0).ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, 7)));
        Value(await ValuesAsync(admin, query), "learners.registered").ShouldBe(7);
        var report = await Runner.RebuildAsync("thử");
        report.Differences.ShouldBe(1);
        report.FirstDifferences.Single().ShouldBe(new RebuildDifference("learners.registered", 2026, 0, p.B.Id, null, null, null, 7, 1));
        Value(await ValuesAsync(admin, query), "learners.registered").ShouldBe(1);
    }

    // As the learners' import template has them (LearnersImportTests): A STT … P mismatch confirmed.
    private static readonly object?[] ImportHeader =
    [
        "STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Dân tộc", "Số điện thoại", "Xã, phường", "Thôn, bản", "Trình độ học vấn",
        "Hộ nghèo, cận nghèo", "Năm xác định hộ", "Đối tượng ưu tiên", "Đồng ý xử lý dữ liệu cá nhân", "Ngày đồng ý", "Xác nhận lệch CCCD",
    ];

    private static object?[] ImportRow(int number, string name, DateOnly registered, string commune) =>
        [number, name, $"{registered.Day:00}/{registered.Month:00}/{1980 + number}", number % 2 == 0 ? "Nam" : "Nữ", null, null, null, commune, null, null, null, null, null, null, null, null];

    /// <summary>As the support page's "new rule set" does: the set before ends, the new one starts, unpaid support is recomputed, in one transaction.</summary>
    private static async Task StartRuleSetAsync(TestProvince p, DateOnly from, long amount)
    {
        await using var scope = TestApp.Instance.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
        var db = scope.ServiceProvider.GetRequiredService<DaoTaoNghe.Data.AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var latest = await db.SupportRuleSets.Where(r => r.ProvinceId == p.Id).OrderByDescending(r => r.EffectiveFrom).FirstOrDefaultAsync();
        if (latest is not null && from <= latest.EffectiveFrom) from = latest.EffectiveFrom.AddDays(30);
        if (latest is not null) latest.EffectiveTo = from.AddDays(-1);
        var set = Qd46.NewRuleSet(p.Id, TestData.Clock.UtcNow);
        set.Code = "QĐ thử " + TestData.Unique();
        set.EffectiveFrom = from;
        foreach (var group in set.Groups) group.MaxPerCourse = amount;
        db.SupportRuleSets.Add(set);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<ISupportRuleSetStart>().RecomputeFromAsync(p.Id, from);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private static async Task<int> ApiLearnerAsync(TestBrowser admin, AdministrativeUnit commune)
    {
        var response = await admin.PostJsonAsync("/api/v1/learners", new
        {
            fullName = "Người Học Thử Api " + string.Concat(TestData.Unique().Select(c => (char)('a' + c % 26))),
            birthDate = "1996-04-05", sex = "Female", communeId = commune.Id,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }
}

[CollectionDefinition(MaintainedValuesTests.Collection, DisableParallelization = true)]
public class MaintainedValuesCollection;
