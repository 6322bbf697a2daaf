using System.Net;
using System.Text.Json;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Federation;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Support;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Federation;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DaoTaoNghe.Tests.Features.Learners.LearnerTestData;

namespace DaoTaoNghe.Tests.Features.Federation;

/// <summary>Provinces replicate into the national database on real PostgreSQL logical replication (docs/federation.md).</summary>
[Collection(nameof(FederationWorld))]
public sealed class FederationTests(FederationWorld world)
{
    [FederationFact]
    public async Task A_learner_registered_in_a_province_appears_in_the_national_list_and_indicators()
    {
        var name = Name();
        using var officer = await world.LaiChau.SignInAsync(world.LaiChau.AdminUserName);
        await CreateAsync(officer, Form(await CommuneAsync(world.LaiChau), name));
        using var ministry = await world.National.SignInAsync(await world.National.AccountAsync(Roles.MinistryOfficer));

        await FederationWorld.EventuallyAsync(
            async () => TestBrowser.HtmlText(await ministry.GetHtmlAsync("/Learners?q=" + Uri.EscapeDataString(name))).Contains(name),
            $"{name} trong danh sách người học cấp quốc gia");

        var province = await ProvinceIdAsync(world.LaiChau, "12");
        var values = $"/api/v1/indicators/values?indicator=learners.registered&unit={province}&period={world.Clock.Today.Year}";
        var seenInProvince = await RegisteredAsync(officer, values);
        seenInProvince.ShouldBeGreaterThan(0);
        await FederationWorld.EventuallyAsync(async () => await RegisteredAsync(ministry, values) == await RegisteredAsync(officer, values),
            "chỉ số người đăng ký học của Lai Châu ở cấp quốc gia bằng số tỉnh thấy");
    }

    [FederationFact]
    public async Task The_same_CCCD_in_two_provinces_is_one_person_nationally_and_both_provinces_are_told()
    {
        var cccd = Cccd(Sex.Female, 1995);
        var name = Name();
        var year = world.Clock.Today.Year;
        using var laiChau = await world.LaiChau.SignInAsync(world.LaiChau.AdminUserName);
        using var dienBien = await world.DienBien.SignInAsync(world.DienBien.AdminUserName);
        var inLaiChau = await CreateAsync(laiChau, Form(await CommuneAsync(world.LaiChau), name, cccd: cccd));
        var inDienBien = await CreateAsync(dienBien, Form(await CommuneAsync(world.DienBien), name, cccd: cccd));
        // Both arrive: the national database keeps the province's one-record-per-CCCD index without its uniqueness.
        await FederationWorld.EventuallyAsync(async () => await world.National.CountAsync("learners", $"cccd = '{cccd}'") == 2,
            "hai hồ sơ cùng số CCCD của hai tỉnh ở cấp quốc gia");
        using var ministry = await world.National.SignInAsync(await world.National.AccountAsync(Roles.MinistryOfficer));

        var list = JsonDocument.Parse(await ministry.Http.GetStringAsync("/api/v1/learners?q=" + Uri.EscapeDataString(name))).RootElement;
        list.GetProperty("total").GetInt32().ShouldBe(1, "một người trong danh sách người học cấp quốc gia");
        list.GetProperty("items")[0].GetProperty("id").GetInt32().ShouldBe(inLaiChau, "the earlier record stands for the person");
        list.GetProperty("items")[0].GetProperty("provinces").EnumerateArray().Select(p => p.GetString()).ShouldBe(["Tỉnh Lai Châu", "Tỉnh Điện Biên"]);
        var page = TestBrowser.HtmlText(await ministry.GetHtmlAsync("/Learners?q=" + Uri.EscapeDataString(name)));
        page.ShouldContain("Tỉnh Lai Châu, Tỉnh Điện Biên");
        // The record names the other province's record of the same person.
        var record = await ministry.GetHtmlAsync($"/Learners/Details/{inLaiChau}");
        record.ShouldContain($"href=\"/Learners/Details/{inDienBien}\"");
        TestBrowser.HtmlText(record).ShouldContain("Cùng một người (cùng số CCCD) còn có hồ sơ ở:");

        // A province's people, as its figure links them on the national tier: its own record, not the person's earliest elsewhere.
        foreach (var (code, own) in new[] { ("12", inLaiChau), ("11", inDienBien) })
        {
            var ofProvince = JsonDocument.Parse(await ministry.Http.GetStringAsync(
                $"/api/v1/learners?nam-dk={year}&tinh={await ProvinceIdAsync(world.National, code)}&q={Uri.EscapeDataString(name)}")).RootElement;
            ofProvince.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ShouldBe([own]);
        }

        // Counted once nationally; each province keeps counting its own record.
        var ofLaiChau = await PersonsAsync(laiChau, year);
        var ofDienBien = await PersonsAsync(dienBien, year);
        ofLaiChau.Persons.ShouldBe(ofLaiChau.Records);
        ofDienBien.Persons.ShouldBe(ofDienBien.Records);
        await FederationWorld.EventuallyAsync(async () => await PersonsAsync(ministry, year) == (ofLaiChau.Records + ofDienBien.Records - 1, ofLaiChau.Records + ofDienBien.Records),
            "cấp quốc gia: mọi hồ sơ của hai tỉnh, người có hồ sơ ở cả hai tỉnh tính một lần");

        // The national tier tells each province of the case, with both provinces' record numbers.
        foreach (var (code, own) in new[] { ("12", inLaiChau), ("11", inDienBien) })
        {
            var cases = JsonDocument.Parse(await ministry.Http.GetStringAsync("/api/v1/learners/shared-persons?pageSize=200&tinh=" + code)).RootElement;
            var person = cases.GetProperty("items").EnumerateArray()
                .Single(p => p.GetProperty("records").EnumerateArray().Any(r => r.GetProperty("learnerId").GetInt32() == own));
            person.GetProperty("records").EnumerateArray().Select(r => (r.GetProperty("provinceCode").GetString(), r.GetProperty("learnerId").GetInt32()))
                .ShouldBe([("12", inLaiChau), ("11", inDienBien)]);
        }

        // Each province's officers read it on their own instance, with the key of the province's reconciliation account.
        foreach (var (province, officer, own, other, otherProvince) in new[]
                 {
                     (world.LaiChau, laiChau, inLaiChau, inDienBien, "Tỉnh Điện Biên"), (world.DienBien, dienBien, inDienBien, inLaiChau, "Tỉnh Lai Châu"),
                 })
        {
            province.Configure("Federation:NationalApiKey", await world.National.ApiKeyAsync(await world.National.ReconciliationAccountAsync(province.Code)));
            try
            {
                var html = await officer.GetHtmlAsync("/Learners/OtherProvinces");
                html.ShouldContain($"href=\"/Learners/Details/{own}\"");
                TestBrowser.HtmlText(html).ShouldContain($"{otherProvince}, ");
                TestBrowser.HtmlText(html).ShouldContain($"(mã hồ sơ {other})");
            }
            finally
            {
                province.Configure("Federation:NationalApiKey", null);
            }
        }
        TestBrowser.HtmlText(await laiChau.GetHtmlAsync("/Learners/OtherProvinces")).ShouldContain(DaoTaoNghe.Features.Learners.OtherProvinces.NotConfigured);
    }

    [FederationFact]
    public async Task A_person_in_two_provinces_is_reported_through_the_change_feed_to_each_province_concerned_and_to_no_other()
    {
        // Each province's system follows the national feed with its reconciliation account's key, from where it last read.
        var clients = new Dictionary<string, HttpClient>();
        foreach (var code in new[] { "12", "11", "00" })
        {
            var client = world.National.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
                await world.National.ApiKeyAsync(await world.National.ReconciliationAccountAsync(code == "00" ? null : code)));
            clients[code] = client;
        }
        var cursors = new Dictionary<string, string>();
        foreach (var (code, client) in clients) cursors[code] = (await FeedAsync(client, null)).Next;

        var cccd = Cccd(Sex.Male, 1993);
        var name = Name("Lò Văn");
        using var laiChau = await world.LaiChau.SignInAsync(world.LaiChau.AdminUserName);
        using var dienBien = await world.DienBien.SignInAsync(world.DienBien.AdminUserName);
        var inLaiChau = await CreateAsync(laiChau, Form(await CommuneAsync(world.LaiChau), name, sex: Sex.Male, birthDate: "1993-02-03", cccd: cccd));
        var inDienBien = await CreateAsync(dienBien, Form(await CommuneAsync(world.DienBien), name, sex: Sex.Male, birthDate: "1993-02-03", cccd: cccd));
        await FederationWorld.EventuallyAsync(async () => await world.National.CountAsync("learners", $"cccd = '{cccd}'") == 2,
            "hai hồ sơ cùng số CCCD của hai tỉnh ở cấp quốc gia");

        // Each province concerned reads one new case, its own, naming both provinces' records; the case of the other is not found.
        var told = new Dictionary<string, int>();
        foreach (var code in new[] { "12", "11" })
        {
            var page = await FeedAsync(clients[code], cursors[code]);
            var change = page.Items.ShouldHaveSingleItem();
            (change.Type, change.Operation).ShouldBe(("shared-persons", "Created"));
            var found = JsonDocument.Parse(await clients[code].GetStringAsync($"/api/v1/shared-person-cases/{change.Id}")).RootElement;
            found.GetProperty("provinceCode").GetString().ShouldBe(code);
            found.GetProperty("records").EnumerateArray().Select(r => (r.GetProperty("provinceCode").GetString(), r.GetProperty("learnerId").GetInt32()))
                .ShouldBe([("12", inLaiChau), ("11", inDienBien)]);
            found.GetRawText().ShouldNotContain(cccd);
            told[code] = change.Id;
            cursors[code] = page.Next;
        }
        (await clients["12"].GetAsync($"/api/v1/shared-person-cases/{told["11"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await clients["11"].GetAsync($"/api/v1/shared-person-cases/{told["12"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FeedAsync(clients["00"], cursors["00"])).Items.ShouldBeEmpty("an account bound to a province the person never registered in");
        (await clients["12"].GetAsync("/api/v1/learners")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await clients["12"].GetAsync($"/api/v1/learners/{inLaiChau}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Điện Biên corrects its record's CCCD: the case is resolved, and both provinces read it deleted.
        await world.DienBien.ExecuteAsync($"UPDATE learners SET cccd = '{Cccd(Sex.Male, 1993)}' WHERE id = {inDienBien}");
        await FederationWorld.EventuallyAsync(async () => await world.National.CountAsync("learners", $"cccd = '{cccd}'") == 1,
            "hồ sơ của Điện Biên đã sửa số CCCD đến cấp quốc gia");
        foreach (var code in new[] { "12", "11" })
        {
            var change = (await FeedAsync(clients[code], cursors[code])).Items.ShouldHaveSingleItem();
            (change.Type, change.Id, change.Operation).ShouldBe(("shared-persons", told[code], "Deleted"));
            (await clients[code].GetAsync($"/api/v1/shared-person-cases/{told[code]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        foreach (var client in clients.Values) client.Dispose();
    }

    private sealed record FeedChange(string Type, int Id, string Operation);

    private sealed record FeedPage(List<FeedChange> Items, string Next);

    private static async Task<FeedPage> FeedAsync(HttpClient client, string? since)
    {
        var page = JsonDocument.Parse(await client.GetStringAsync("/api/v1/changes?pageSize=200" + (since is null ? "" : "&since=" + since))).RootElement;
        page.GetProperty("hasMore").GetBoolean().ShouldBeFalse();
        return new FeedPage(page.GetProperty("items").EnumerateArray()
                .Select(c => new FeedChange(c.GetProperty("type").GetString()!, c.GetProperty("id").GetInt32(), c.GetProperty("operation").GetString()!)).ToList(),
            page.GetProperty("next").GetString()!);
    }

    [FederationFact]
    public async Task A_person_trained_in_two_provinces_counts_once_for_the_nation_and_once_in_each_province()
    {
        var cccd = Cccd(Sex.Male, 1990);
        var name = Name();
        var today = world.Clock.Today;
        using var laiChau = await world.LaiChau.SignInAsync(world.LaiChau.AdminUserName);
        using var dienBien = await world.DienBien.SignInAsync(world.DienBien.AdminUserName);
        var inLaiChau = await CreateAsync(laiChau, Form(await CommuneAsync(world.LaiChau), name, sex: Sex.Male, birthDate: "1990-05-01", cccd: cccd));
        var inDienBien = await CreateAsync(dienBien, Form(await CommuneAsync(world.DienBien), name, sex: Sex.Male, birthDate: "1990-05-01", cccd: cccd));
        // Registered last year, so that this year's national count of people registered (another test's) is not touched.
        await world.LaiChau.ExecuteAsync($"UPDATE learners SET created_at = created_at - interval '1 year' WHERE id = {inLaiChau}");
        await world.DienBien.ExecuteAsync($"UPDATE learners SET created_at = created_at - interval '1 year' WHERE id = {inDienBien}");
        await CompletionAsync(world.LaiChau, inLaiChau, today);
        await CompletionAsync(world.DienBien, inDienBien, today);
        await FederationWorld.EventuallyAsync(async () => await world.National.CountAsync("enrolments", $"learner_id in ({inLaiChau}, {inDienBien}) and status = 'Completed'") == 2,
            "hai lượt hoàn thành khóa học của cùng một người ở hai tỉnh đến cấp quốc gia");
        using var ministry = await world.National.SignInAsync(await world.National.AccountAsync(Roles.MinistryOfficer));
        var ofLaiChau = await ProvinceIdAsync(world.National, "12");
        var ofDienBien = await ProvinceIdAsync(world.National, "11");

        // Each province's figure stays its own (the person is trained in both); the nation counts the person once, as the
        // national tier's worker counts it (here at once, rather than at its next round).
        var url = $"/Indicators/Provinces?ma=training.completed&nam={today.Year}";
        var counter = world.National.Services.GetRequiredService<DaoTaoNghe.Features.Indicators.NationalPersonCounter>();
        await FederationWorld.EventuallyAsync(async () =>
        {
            await counter.CountAsync(DaoTaoNghe.Features.Indicators.IndicatorCatalogue.Find("training.completed")!, today.Year);
            var html = await ministry.GetHtmlAsync(url);
            return ComparedValue(html, $"province-{ofLaiChau}") is >= 1 and var laiChauValue && ComparedValue(html, $"province-{ofDienBien}") is >= 1 and var dienBienValue
                && ComparedValue(html, "nation") == laiChauValue + dienBienValue - 1;
        }, "số người được đào tạo: mỗi tỉnh tính người của mình, cả nước tính người học ở hai tỉnh một lần");
        foreach (var (officer, app) in new[] { (laiChau, world.LaiChau), (dienBien, world.DienBien) })
        {
            var own = await RegisteredAsync(officer, $"/api/v1/indicators/values?indicator=training.completed&unit={await ProvinceIdAsync(app, app.Code)}&period={today.Year}");
            own.ShouldBe(1, "the province counts its own completion");
        }
        var comparison = await ministry.GetHtmlAsync(url);
        TestBrowser.HtmlText(comparison).ShouldContain("Mỗi người (một số CCCD) tính một lần dù có hồ sơ ở nhiều tỉnh");

        // The nation's value opens the list of exactly the people it counts: this person once, with both provinces.
        var trained = System.Text.RegularExpressions.Regex.Match(comparison, "<tr id=\"nation\">.*?<a href=\"([^\"]+)\"",
            System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        trained.ShouldBe($"/Courses/TrainedNationally?nam={today.Year}");
        var people = await Xlsx.DownloadAsync(ministry, trained + "&handler=Export");
        (people.Count - 2).ShouldBe(ComparedValue(comparison, "nation")!.Value, "one row per person the nation's value counts");
        people.Skip(2).Where(r => r[1] == name).ShouldHaveSingleItem()[4].ShouldBe("Tỉnh Lai Châu; Tỉnh Điện Biên");

        // People registered: the nation's row is the national count of persons (each CCCD once, in the year of its earliest record).
        await counter.CountAsync(DaoTaoNghe.Features.Indicators.IndicatorCatalogue.Find("learners.registered")!, today.Year);
        var registered = await ministry.GetHtmlAsync($"/Indicators/Provinces?ma=learners.registered&nam={today.Year}");
        var nation = ComparedValue(registered, "nation");
        nation.ShouldBe((await PersonsAsync(ministry, today.Year)).Persons);
        // Its drill-down lists exactly those people: the national list of the year, one row per person.
        var records = System.Text.RegularExpressions.Regex.Match(registered, "<tr id=\"nation\">.*?<a href=\"([^\"]+)\"", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        records.ShouldBe($"/Learners?nam-dk={today.Year}");
        var listed = JsonDocument.Parse(await ministry.Http.GetStringAsync($"/api/v1/learners?nam-dk={today.Year}")).RootElement;
        listed.GetProperty("total").GetInt32().ShouldBe(nation!.Value);
        // The person of this test, registered last year in both provinces, is not among this year's.
        var lastYear = JsonDocument.Parse(await ministry.Http.GetStringAsync($"/api/v1/learners?nam-dk={today.Year - 1}&q={Uri.EscapeDataString(name)}")).RootElement;
        lastYear.GetProperty("total").GetInt32().ShouldBe(1);
    }

    /// <summary>The number in the comparison's result column of a row ("1.234 người" → 1234).</summary>
    private static int? ComparedValue(string html, string rowId)
    {
        var row = html.IndexOf($"id=\"{rowId}\"", StringComparison.Ordinal);
        if (row < 0) return null;
        var cell = html.IndexOf("<td class=\"num\">", row, StringComparison.Ordinal);
        // The nation's row reads "đang được tính" (no number cell) until the count it shows has reached the page's database.
        if (cell < 0) return null;
        var end = html.IndexOf("</td>", cell, StringComparison.Ordinal);
        var text = System.Text.RegularExpressions.Regex.Replace(html[cell..end], "<[^>]+>", " ");
        var number = System.Text.RegularExpressions.Regex.Match(text, @"\d[\d.]*");
        return number.Success ? int.Parse(number.Value.Replace(".", "")) : null;
    }

    /// <summary>A completion of a finished course of a new institution of the province, arranged directly in the province's database.</summary>
    private async Task CompletionAsync(TierApp app, int learnerId, DateOnly on)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var learner = await db.Learners.Where(l => l.Id == learnerId).Select(l => new { l.CommuneId, l.Commune.ProvinceId }).SingleAsync();
        var provinceId = learner.ProvinceId!.Value;
        var unique = Guid.NewGuid().ToString("N")[..8];
        var institution = new DaoTaoNghe.Features.Organisations.Organisation
        {
            Kind = DaoTaoNghe.Features.Organisations.OrganisationKind.TrainingInstitution, UnitId = learner.CommuneId, ProvinceId = provinceId,
        };
        institution.SetName("Trung tâm thử " + unique);
        var occupation = new DaoTaoNghe.Features.Occupations.Occupation
        {
            ProvinceId = provinceId, Field = DaoTaoNghe.Features.Occupations.OccupationField.Agriculture,
            Origin = DaoTaoNghe.Features.Occupations.OccupationOrigin.Local,
        };
        occupation.SetCodeAndName("T" + unique.ToUpperInvariant(), "Nghề thử " + unique);
        db.AddRange(institution, occupation);
        await db.SaveChangesAsync();
        var programme = new DaoTaoNghe.Features.Programmes.Programme
        {
            InstitutionId = institution.Id, OccupationId = occupation.Id, Level = DaoTaoNghe.Features.Occupations.TrainingLevel.Elementary, DurationHours = 360,
        };
        programme.SetName("Chương trình thử " + unique, null);
        db.Add(programme);
        await db.SaveChangesAsync();
        var course = new DaoTaoNghe.Features.Courses.Course
        {
            InstitutionId = institution.Id, ProvinceId = provinceId, ProgrammeId = programme.Id, OccupationId = occupation.Id,
            Level = DaoTaoNghe.Features.Occupations.TrainingLevel.Elementary, VenueCommuneId = learner.CommuneId, StartDate = on.AddMonths(-3), EndDate = on,
            PlannedDays = 50, Capacity = 40, ActualUnitCost = 3_000_000, AttendanceMode = DaoTaoNghe.Features.Courses.AttendanceMode.Summary,
            State = DaoTaoNghe.Features.Courses.CourseState.Finished, FinishedOn = on, CreatedAt = world.Clock.GetUtcNow().UtcDateTime,
        };
        course.SetName("Lớp thử " + unique);
        db.Add(course);
        await db.SaveChangesAsync();
        db.Add(new DaoTaoNghe.Features.Courses.Enrolment
        {
            CourseId = course.Id, LearnerId = learnerId, InstitutionId = institution.Id, ProvinceId = provinceId, ResidenceCommuneId = learner.CommuneId,
            EnrolledOn = on.AddMonths(-3), Status = DaoTaoNghe.Features.Courses.EnrolmentStatus.Completed, DaysAttended = 48, ResultOn = on, CreatedAt = world.Clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
    }

    private static async Task<(int Persons, int Records)> PersonsAsync(TestBrowser browser, int year)
    {
        var count = JsonDocument.Parse(await browser.Http.GetStringAsync($"/api/v1/learners/registered-persons?nam={year}")).RootElement;
        return (count.GetProperty("persons").GetInt32(), count.GetProperty("records").GetInt32());
    }

    [FederationFact]
    public async Task A_national_subscriber_stopped_while_provinces_write_catches_up_with_nothing_lost_or_doubled()
    {
        using var laiChau = await world.LaiChau.SignInAsync(world.LaiChau.AdminUserName);
        using var dienBien = await world.DienBien.SignInAsync(world.DienBien.AdminUserName);
        await world.National.ExecuteAsync($"ALTER SUBSCRIPTION {FederationSetup.SubscriptionName("12")} DISABLE");
        try
        {
            var written = Name();
            for (var i = 0; i < 3; i++) await CreateAsync(laiChau, Form(await CommuneAsync(world.LaiChau), i == 0 ? written : Name()));
            for (var i = 0; i < 2; i++) await CreateAsync(dienBien, Form(await CommuneAsync(world.DienBien), Name()));
            (await world.National.CountAsync("learners", $"full_name = '{written}'")).ShouldBe(0, "the subscription is disabled");
        }
        finally
        {
            await world.National.ExecuteAsync($"ALTER SUBSCRIPTION {FederationSetup.SubscriptionName("12")} ENABLE");
        }

        var tables = ReplicatedTables.Of(world.National.Model);
        var differences = new List<string>();
        await FederationWorld.EventuallyAsync(async () =>
        {
            differences.Clear();
            foreach (var table in tables)
            {
                var expected = await world.LaiChau.CountAsync(table) + await world.DienBien.CountAsync(table) + await NationalOwnAsync(table);
                var actual = await world.National.CountAsync(table);
                if (actual != expected) differences.Add($"{table}: {actual} ≠ {expected}");
            }
            return differences.Count == 0;
        }, "số dòng của mọi bảng ở cấp quốc gia bằng tổng của hai tỉnh");
    }

    [FederationFact]
    public async Task Province_accounts_cannot_sign_in_to_the_national_tier()
    {
        var provinceAccount = await world.National.AccountAsync(Roles.ProvinceAdmin);
        using var browser = new TestBrowser(world.National);

        var response = await browser.PostFormAsync("/Account/Login", new() { ["Data.UserName"] = provinceAccount, ["Data.Password"] = FederationWorld.Password });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()).ShouldContain(TierAccounts.ProvinceAccountOnNational);
        (await browser.GetAsync("/Learners")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [FederationFact]
    public async Task National_accounts_cannot_sign_in_to_a_province()
    {
        var nationalAccount = await world.LaiChau.AccountAsync(Roles.MinistryOfficer);
        using var browser = new TestBrowser(world.LaiChau);

        var response = await browser.PostFormAsync("/Account/Login", new() { ["Data.UserName"] = nationalAccount, ["Data.Password"] = FederationWorld.Password });

        TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()).ShouldContain(TierAccounts.NationalAccountOnProvince);
    }

    [FederationFact]
    public async Task The_national_tier_refuses_every_write_to_the_provinces_records()
    {
        var name = Name();
        using (var officer = await world.LaiChau.SignInAsync(world.LaiChau.AdminUserName))
            await CreateAsync(officer, Form(await CommuneAsync(world.LaiChau), name));
        await FederationWorld.EventuallyAsync(async () => await world.National.CountAsync("learners", $"full_name = '{name}'") == 1, name + " ở cấp quốc gia");
        using var ministry = await world.National.SignInAsync(await world.National.AccountAsync(Roles.MinistryOfficer));

        (await ministry.GetAsync("/Learners/Create")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Behind the permissions, the one place that refuses: whoever the user, the provinces' rows are not written here.
        await using var scope = world.National.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current =
            DataScope.ForUser(Roles.NationalAdmin, 1, FederationWorld.NationalAdmin, 1, 0, 0);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var learner = await db.Learners.SingleAsync(l => l.FullName == name);
        learner.Address = "Sửa ở cấp quốc gia";
        var refused = await Should.ThrowAsync<ForbiddenException>(() => db.SaveChangesAsync());
        refused.Message.ShouldBe(NationalTierGuard.Message);
        (await world.National.CountAsync("learners", $"full_name = '{name}' AND address = 'Sửa ở cấp quốc gia'")).ShouldBe(0);
    }

    [FederationFact]
    public async Task The_national_admin_sees_each_provinces_replication()
    {
        using var admin = await world.National.SignInAsync(FederationWorld.NationalAdmin);

        await FederationWorld.EventuallyAsync(async () =>
        {
            var page = TestBrowser.HtmlText(await admin.GetHtmlAsync("/Federation"));
            return page.Contains("dtn_tinh_12") && page.Contains("dtn_tinh_11") && !page.Contains("Cần kiểm tra");
        }, "trang liên thông cho thấy hai tỉnh đang nhận dữ liệu");
        using var ministry = await world.National.SignInAsync(await world.National.AccountAsync(Roles.MinistryOfficer));
        (await ministry.GetAsync("/Federation")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [FederationFact]
    public async Task A_province_publishes_exactly_the_replicated_tables()
    {
        await using var connection = new Npgsql.NpgsqlConnection(world.LaiChau.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            $"SELECT tablename FROM pg_publication_tables WHERE pubname = '{FederationSetup.PublicationName}' ORDER BY tablename", connection);
        var published = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) published.Add(reader.GetString(0));

        published.ShouldBe(ReplicatedTables.Of(world.LaiChau.Model).Order(StringComparer.Ordinal).ToList());
        published.ShouldContain("learners");
        published.ShouldContain("indicator_cells");
        published.ShouldContain("indicator_targets");
        published.ShouldContain("support_rule_sets");
        published.ShouldContain("support_group_rules");
        published.ShouldContain("support_travel_rules");
        foreach (var local in new[] { "users", "api_keys", "audit_entries", "notifications", "app_settings", "administrative_units", "ethnic_groups" })
            published.ShouldNotContain(local);
    }

    [FederationFact]
    public async Task Operators_read_the_replication_lag_of_each_subscriber_and_each_province_at_metrics()
    {
        // The province: WAL its national subscriber's slot has not confirmed, per slot.
        await FederationWorld.EventuallyAsync(async () => System.Text.RegularExpressions.Regex.IsMatch(await MetricsAsync(world.LaiChau),
                "(?m)^dtn_replication_slot_lag(_bytes)?\\{(?=[^}]*slot=\"dtn_12_)(?=[^}]*kind=\"logical\")[^}]*\\} \\d"),
            "độ trễ của khe sao chép dtn_12_… ở /metrics của tỉnh");
        // The national tier: per province subscription, the age of its last applied change and of its last message.
        foreach (var subscription in new[] { FederationSetup.SubscriptionName("12"), FederationSetup.SubscriptionName("11") })
            await FederationWorld.EventuallyAsync(async () =>
            {
                var metrics = await MetricsAsync(world.National);
                return new[] { "dtn_replication_subscription_lag(_seconds)?", "dtn_replication_subscription_last_message_age(_seconds)?" }.All(name =>
                    System.Text.RegularExpressions.Regex.IsMatch(metrics, $"(?m)^{name}\\{{(?=[^}}]*subscription=\"{subscription}\")[^}}]*\\}} \\d"));
            }, $"độ trễ của {subscription} ở /metrics cấp quốc gia");
    }

    [FederationFact]
    public async Task A_schema_upgrade_national_first_then_the_province_keeps_replicating_and_brings_the_new_column_and_table()
    {
        using var officer = await world.LaiChau.SignInAsync(world.LaiChau.AdminUserName);
        var subscription = FederationSetup.SubscriptionName("12");
        // Release N+1, additive: a nullable column on a replicated table and a new table, as a migration's script runs them (one transaction).
        const string upgrade = """
            BEGIN;
            ALTER TABLE learners ADD COLUMN upgrade_note text;
            CREATE TABLE upgrade_probes (id bigint PRIMARY KEY, note text NOT NULL);
            COMMIT;
            """;
        try
        {
            // 1. National first: it now has a column and a table the provinces do not send yet, and takes their old rows as before.
            await world.National.ExecuteAsync(upgrade);
            var before = Name();
            await CreateAsync(officer, Form(await CommuneAsync(world.LaiChau), before));
            await FederationWorld.EventuallyAsync(async () => await world.National.CountAsync("learners", $"full_name = '{before}' AND upgrade_note IS NULL") == 1,
                before + " ở cấp quốc gia khi chỉ cấp quốc gia đã nâng cấp");

            // 2. Then the province: its rows carry the new column; the new table is published and the subscription refreshed, which copies it.
            await world.LaiChau.ExecuteAsync(upgrade);
            await world.LaiChau.ExecuteAsync("INSERT INTO upgrade_probes VALUES (1, 'có trước khi đăng ký')");
            // `federation refresh` with release N+1's replicated tables (this build's and the new one).
            var release = ReplicatedTables.Of(world.National.Model).Append("upgrade_probes").ToList();
            var refreshed = await FederationSetup.RefreshAsync(release, "12", world.LaiChau.ConnectionString, world.National.ConnectionString);
            refreshed.Published.ShouldBe(["upgrade_probes"]);
            refreshed.Unpublished.ShouldBeEmpty();
            refreshed.Subscribed.ShouldBe(["upgrade_probes"]);
            (await FederationSetup.RefreshAsync(release, "12", world.LaiChau.ConnectionString, world.National.ConnectionString)).Changed
                .ShouldBeFalse("a second refresh changes nothing");
            var after = Name();
            await CreateAsync(officer, Form(await CommuneAsync(world.LaiChau), after));
            await world.LaiChau.ExecuteAsync($"UPDATE learners SET upgrade_note = 'cột mới' WHERE full_name = '{after}'");
            await world.LaiChau.ExecuteAsync("INSERT INTO upgrade_probes VALUES (2, 'ghi sau khi đăng ký')");

            await FederationWorld.EventuallyAsync(async () => await world.National.CountAsync("learners", $"full_name = '{after}' AND upgrade_note = 'cột mới'") == 1,
                "giá trị của cột mới ở cấp quốc gia");
            await FederationWorld.EventuallyAsync(async () => await world.National.CountAsync("upgrade_probes") == 2, "hai dòng của bảng mới ở cấp quốc gia");
            (await world.National.CountAsync("learners", $"full_name = '{before}'")).ShouldBe(1, "nothing applied twice");

            // `federation add-province` again for a province already added is no error: it brings the publication and subscription to
            // exactly this build's tables (here release N's, so the new table leaves) and waits until every table is ready.
            var again = await FederationSetup.AddProvinceAsync(world.National.Model, "12", world.LaiChau.ConnectionString, world.National.ConnectionString,
                progress: null, new TestClock(), TimeSpan.FromMinutes(2));
            again.ShouldNotBeNull();
            again.Unpublished.ShouldBe(["upgrade_probes"]);
            again.Unsubscribed.ShouldBe(["upgrade_probes"]);
            again.Published.ShouldBeEmpty();
        }
        finally
        {
            // Back to the schema the other tests know: the table leaves the publication first, columns go on the province before the national side.
            await world.LaiChau.ExecuteAsync($"""
                DO $$ BEGIN
                  IF EXISTS (SELECT FROM pg_publication_tables WHERE pubname = '{FederationSetup.PublicationName}' AND tablename = 'upgrade_probes') THEN
                    ALTER PUBLICATION {FederationSetup.PublicationName} DROP TABLE upgrade_probes;
                  END IF;
                END $$;
                """);
            await world.National.ExecuteAsync($"ALTER SUBSCRIPTION {subscription} REFRESH PUBLICATION");
            foreach (var app in new[] { world.LaiChau, world.National })
                await app.ExecuteAsync("DROP TABLE IF EXISTS upgrade_probes; ALTER TABLE learners DROP COLUMN IF EXISTS upgrade_note");
        }
    }

    private static async Task<string> MetricsAsync(TierApp app)
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestApp.ClientAddressHeader, "127.0.0.1");
        return await client.GetStringAsync("/metrics");
    }

    [FederationFact]
    public async Task A_provinces_rule_set_reaches_the_national_database()
    {
        // Each province loads QĐ 46 for itself only, the national tier for none: nationally one set per province, the province's own row.
        await FederationWorld.EventuallyAsync(async () => await world.National.CountAsync("support_rule_sets", $"code = '{Qd46.Code}'") == 2,
            "QĐ 46 của hai tỉnh ở cấp quốc gia");
        foreach (var province in new[] { world.LaiChau, world.DienBien })
        {
            var (first, last) = KeyRanges.For(int.Parse(province.Code), typeof(int));
            (await world.National.CountAsync("support_rule_sets", $"code = '{Qd46.Code}' AND id BETWEEN {first} AND {last}")).ShouldBe(1, province.Code);
        }

        // A province's own amendment, with its groups and travel levels, and its page nationally.
        var code = "QĐ " + TestData.Unique()[..6] + "/2099/QĐ-UBND";
        using var admin = await world.LaiChau.SignInAsync(world.LaiChau.AdminUserName);
        var form = new Dictionary<string, string>
        {
            ["Data.Code"] = code, ["Data.Title"] = "Điều chỉnh mức hỗ trợ đào tạo của tỉnh", ["Data.EffectiveFrom"] = "2099-01-01",
            ["Data.OncePerPerson"] = "true", ["Data.MealPerDay"] = "40.000",
            ["Data.Travel[0].MinDistanceKm"] = "10", ["Data.Travel[0].MaxAmount"] = "250.000", ["Data.Travel[0].Condition"] = nameof(TravelCondition.Anyone),
        };
        var groups = Enum.GetValues<SupportGroup>();
        for (var i = 0; i < groups.Length; i++)
            (form[$"Data.Groups[{i}].Group"], form[$"Data.Groups[{i}].MaxPerCourse"]) = (groups[i].ToString(), "3.500.000");
        var created = await admin.PostFormAsync("/Support/Create", form);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, TestBrowser.HtmlText(await created.Content.ReadAsStringAsync()));
        var id = int.Parse(created.Headers.Location!.ToString().Split('/').Last());

        await FederationWorld.EventuallyAsync(async () => await world.National.CountAsync("support_travel_rules", $"rule_set_id = {id}") == 1,
            code + " ở cấp quốc gia");
        (await world.National.CountAsync("support_group_rules", $"rule_set_id = {id}")).ShouldBe(groups.Length);
        using var ministry = await world.National.SignInAsync(await world.National.AccountAsync(Roles.MinistryOfficer));
        var page = TestBrowser.HtmlText(await ministry.GetHtmlAsync($"/Support/Details/{id}"));
        page.ShouldContain(code);
        page.ShouldContain("Người khuyết tật 3.500.000 đ");
    }

    /// <summary>The national instance's own rows of a replicated table: only the ministry's organisation, written at its start-up.</summary>
    private Task<long> NationalOwnAsync(string table) =>
        table == "organisations" ? world.National.CountAsync(table, $"id < {DaoTaoNghe.Infrastructure.Data.KeyRanges.IntSpan}") : Task.FromResult(0L);

    private static async Task<double> RegisteredAsync(TestBrowser browser, string url)
    {
        var value = JsonDocument.Parse(await browser.Http.GetStringAsync(url)).RootElement.GetProperty("indicators")[0].GetProperty("value");
        return value.ValueKind == JsonValueKind.Null ? 0 : value.GetDouble();
    }

    private static async Task<int> CommuneAsync(TierApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await UnitDirectory.Units(db).Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.Province!.Code == app.Code)
            .OrderBy(u => u.Code).Select(u => u.Id).FirstAsync();
    }

    private static async Task<int> ProvinceIdAsync(TierApp app, string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await UnitDirectory.Units(db).Where(u => u.Level == UnitLevel.Province && u.Code == code).Select(u => u.Id).SingleAsync();
    }
}
