using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DaoTaoNghe.Tests.Features.Learners.LearnerTestData;

namespace DaoTaoNghe.Tests.Features.Learners;

public class LearnersTests
{
    [Fact]
    public async Task A_commune_officer_reading_a_list_page_writes_one_audit_line_naming_the_people_shown()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var name = Name();
        var first = await CreateAsync(browser, Form(commune.Id, name, "1990-01-02"));
        var second = await CreateAsync(browser, Form(commune.Id, name, "1991-03-04"));
        Task<List<AuditEntry>> ListLinesAsync() => TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.UserName == officer && a.Action == AuditAction.View && a.EntityType == nameof(Learner) && a.EntityId == null).ToListAsync());
        var before = (await ListLinesAsync()).Count;

        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync("/Learners?q=" + Uri.EscapeDataString(name)));

        page.ShouldContain(name);
        var lines = await ListLinesAsync();
        lines.Count.ShouldBe(before + 1);
        var line = lines.OrderBy(a => a.Id).Last();
        line.Summary.ShouldBe($"Xem danh sách người học, trang 1: 2 dòng, mã {first}, {second}");
        line.ContainsPersonalData.ShouldBeTrue();
    }

    [Fact]
    public async Task A_commune_officer_registers_a_learner_and_finds_them_without_diacritics()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var letters = Letters();
        var name = $"Lò Thị Ún {char.ToUpperInvariant(letters[0])}{letters[1..]}";
        var cccd = Cccd(Sex.Female, 1995);
        var form = Form(commune.Id, name, cccd: cccd);
        form["Data.EthnicGroupId"] = (await EthnicGroupIdAsync("03")).ToString();
        form["Data.HouseholdYear"] = "2025";
        form["Data.HouseholdStatus"] = nameof(HouseholdStatus.Poor);

        var id = await CreateAsync(browser, form);

        var details = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Learners/Details/{id}"));
        details.ShouldContain(name);
        details.ShouldContain("12/04/1995");
        details.ShouldContain(cccd + " (đăng ký khai sinh tại Lai Châu)");
        details.ShouldContain("Thái");
        details.ShouldContain("2025 Hộ nghèo");
        var found = TestBrowser.HtmlText(await browser.GetHtmlAsync("/Learners?q=" + Uri.EscapeDataString($"lo thi un {letters}")));
        found.ShouldContain(name);
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/Learners?q=" + cccd[2..10])).ShouldContain(name);
        var learner = await LoadAsync(id);
        learner.ProvinceId.ShouldBe(commune.ProvinceId!.Value);
        learner.Phone.ShouldBe("0912345678");
        learner.Consents.Single().RecordedBy.ShouldBe(officer);
    }

    [Fact]
    public async Task A_CCCD_that_disagrees_with_sex_or_birth_year_must_be_confirmed_on_the_form()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var name = Name();
        var form = Form(commune.Id, name, birthDate: "1996-02-03", cccd: Cccd(Sex.Male, 1995));

        var first = await browser.PostFormAsync("/Learners/Create", form);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = TestBrowser.HtmlText(await first.Content.ReadAsStringAsync());
        page.ShouldContain("Số CCCD cho biết giới tính Nam, khác giới tính đã nhập (Nữ).");
        page.ShouldContain("Số CCCD cho biết năm sinh 1995, khác năm sinh đã nhập (1996).");
        page.ShouldContain("Tôi đã kiểm tra: số CCCD đúng dù khác giới tính hoặc năm sinh đã nhập");
        (await TestData.WithDbAsync(db => db.Learners.IgnoreQueryFilters().AnyAsync(l => l.FullName == name))).ShouldBeFalse();

        form["Data.ConfirmCccdMismatch"] = "true";
        var id = await CreateAsync(browser, form);

        var learner = await LoadAsync(id);
        learner.CccdMismatchConfirmed.ShouldBeTrue();
        learner.Sex.ShouldBe(Sex.Female);
        learner.BirthDate.ShouldBe(new DateOnly(1996, 2, 3));
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Learners/Details/{id}")).ShouldContain("Khác giới tính/năm sinh – đã xác nhận");
    }

    [Fact]
    public async Task The_API_asks_for_the_confirmation_flag_and_accepts_it()
    {
        var commune = await TestData.CommuneAsync("Xã Tân Uyên");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var body = new Dictionary<string, object?>
        {
            ["fullName"] = Name("Lò Văn"), ["birthDate"] = "1990-05-06", ["sex"] = "Male", ["cccd"] = Cccd(Sex.Male, 1991),
            ["communeId"] = commune.Id, ["consentGiven"] = false,
        };

        var refused = await browser.PostJsonAsync("/api/v1/learners", body);
        body["confirmCccdMismatch"] = true;
        var created = await browser.PostJsonAsync("/api/v1/learners", body);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("ConfirmCccdMismatch")[0].GetString()!
            .ShouldStartWith("Số CCCD cho biết năm sinh 1991, khác năm sinh đã nhập (1990).");
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_malformed_CCCD_is_an_error_that_no_confirmation_overrides()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var name = Name();
        var form = Form(commune.Id, name, cccd: "003195123456");
        form["Data.ConfirmCccdMismatch"] = "true";

        var response = await browser.PostFormAsync("/Learners/Create", form);

        TestBrowser.HtmlText(await response.Content.ReadAsStringAsync())
            .ShouldContain("Ba chữ số đầu của số CCCD (003) không phải mã tỉnh nơi đăng ký khai sinh theo Thông tư 07/2016/TT-BCA.");
        (await TestData.WithDbAsync(db => db.Learners.IgnoreQueryFilters().AnyAsync(l => l.FullName == name))).ShouldBeFalse();
    }

    [Fact]
    public async Task A_possible_duplicate_is_offered_before_saving_and_can_be_declared_another_person()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var letters = Letters();
        var existingId = await CreateAsync(browser, Form(commune.Id, $"Giàng Thị Mỷ {char.ToUpperInvariant(letters[0])}{letters[1..]}", "1988-09-10"));
        var form = Form(commune.Id, $"giang thi my {letters}", "1988-09-10");

        var offered = await browser.PostFormAsync("/Learners/Create", form);
        var check = await browser.PostJsonAsync("/api/v1/learners/check",
            new { fullName = $"GIANG THI MY {letters}", birthDate = "1988-09-10", communeId = commune.Id });

        var html = await offered.Content.ReadAsStringAsync();
        html.ShouldContain($"href=\"/Learners/Details/{existingId}\"");
        TestBrowser.HtmlText(html).ShouldContain("Có thể đã có hồ sơ của người này");
        TestBrowser.HtmlText(html).ShouldContain($"mã hồ sơ {existingId}");
        (await TestData.WithDbAsync(db => db.Learners.CountAsync(l => l.SearchName == $"giang thi my {letters}"))).ShouldBe(1);
        var review = await check.Content.ReadFromJsonAsync<JsonElement>();
        review.GetProperty("samePerson")[0].GetProperty("id").GetInt32().ShouldBe(existingId);

        form["Data.ConfirmNotDuplicate"] = "true";
        var secondId = await CreateAsync(browser, form);
        secondId.ShouldNotBe(existingId);
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Learners/Details/{secondId}")).ShouldContain("Có thể trùng với hồ sơ khác");
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/Learners/Duplicates?xa=" + commune.Id)).ShouldContain($"Gộp vào mã {existingId}");
        var exported = await Xlsx.DownloadAsync(browser, $"/Learners/Duplicates?handler=Export&xa={commune.Id}");
        exported.Skip(2).Where(r => r[1] == existingId.ToString() || r[1] == secondId.ToString()).Select(r => r[0]).Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task One_CCCD_is_one_person_even_across_communes()
    {
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        var (otherOfficer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, tanUyen);
        using var browser = await TestBrowser.SignedInAsync(officer);
        using var other = await TestBrowser.SignedInAsync(otherOfficer);
        var cccd = Cccd(Sex.Female, 1995);
        var existingId = await CreateAsync(browser, Form(binhLu.Id, Name(), cccd: cccd));
        var again = Name();

        var sameCommune = TestBrowser.HtmlText(await (await browser.PostFormAsync("/Learners/Create", Form(binhLu.Id, again, cccd: cccd))).Content.ReadAsStringAsync());
        var elsewhere = TestBrowser.HtmlText(await (await other.PostFormAsync("/Learners/Create", Form(tanUyen.Id, again, cccd: cccd))).Content.ReadAsStringAsync());

        sameCommune.ShouldContain($"Số CCCD này đã có trong hồ sơ của");
        sameCommune.ShouldContain($"mã hồ sơ {existingId}");
        elsewhere.ShouldContain(LearnerReviewResult.RegisteredElsewhere);
        elsewhere.ShouldNotContain(existingId.ToString() + ")");
        (await TestData.WithDbAsync(db => db.Learners.IgnoreQueryFilters().CountAsync(l => l.Cccd == cccd))).ShouldBe(1);
    }

    [Fact]
    public async Task Merging_keeps_the_duplicate_as_history_and_moves_what_the_survivor_lacks()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var name = Name("Tẩn Thị");
        var survivorForm = Form(commune.Id, name, "1992-01-02", consent: false);
        survivorForm.Remove("Data.Phone");
        var survivorId = await CreateAsync(browser, survivorForm);
        var cccd = Cccd(Sex.Female, 1992);
        var duplicateForm = Form(commune.Id, name, "1992-01-02", cccd: cccd);
        duplicateForm["Data.ConfirmNotDuplicate"] = "true";
        duplicateForm["Data.HouseholdYear"] = "2025";
        duplicateForm["Data.HouseholdStatus"] = nameof(HouseholdStatus.NearPoor);
        duplicateForm["Data.Categories"] = nameof(PriorityCategory.Fisher);
        var duplicateId = await CreateAsync(browser, duplicateForm);

        var unconfirmed = await browser.PostFormAsync($"/Learners/Merge?id={duplicateId}&vao={survivorId}", new() { ["Data.Reason"] = "Trùng" });
        TestBrowser.HtmlText(await unconfirmed.Content.ReadAsStringAsync()).ShouldContain("Vui lòng xác nhận hai hồ sơ là của cùng một người.");
        var merged = await browser.PostFormAsync($"/Learners/Merge?id={duplicateId}&vao={survivorId}",
            new() { ["Data.Reason"] = "Đăng ký hai lần", ["Data.Confirmed"] = "true" });

        merged.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var survivor = await LoadAsync(survivorId);
        var duplicate = await LoadAsync(duplicateId);
        duplicate.MergedIntoId.ShouldBe(survivorId);
        duplicate.MergedBy.ShouldBe(officer);
        duplicate.MergeReason.ShouldBe("Đăng ký hai lần");
        duplicate.Cccd.ShouldBe(cccd);
        survivor.Cccd.ShouldBe(cccd);
        survivor.Phone.ShouldBe("0912345678");
        survivor.Consents.Count.ShouldBe(1);
        survivor.Households.Single().Status.ShouldBe(HouseholdStatus.NearPoor);
        survivor.Priorities.Select(p => p.Category).ShouldBe([PriorityCategory.Fisher]);

        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Learners/Details/{duplicateId}")).ShouldContain($"Hồ sơ này đã được gộp vào hồ sơ {name} (mã {survivorId})");
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Learners/Details/{survivorId}")).ShouldContain($"{name} (mã {duplicateId})");
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/Learners?q=" + Uri.EscapeDataString(name))).ShouldNotContain("đã gộp vào mã");
        TestBrowser.HtmlText(await browser.GetHtmlAsync("/Learners?da-gop=true&q=" + Uri.EscapeDataString(name))).ShouldContain($"đã gộp vào mã {survivorId}");
        (await browser.GetAsync($"/Learners/Edit/{duplicateId}")).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var trail = await TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.Update && a.UserName == officer).ToListAsync());
        trail.ShouldContain(a => a.EntityType == nameof(Learner) && a.EntityId == duplicateId.ToString() && a.After!.Contains($"\"MergedIntoId\":{survivorId}"));
        trail.ShouldContain(a => a.EntityType == nameof(LearnerConsent) && a.After!.Contains($"\"LearnerId\":{survivorId}"));
        trail.ShouldContain(a => a.EntityType == nameof(LearnerHousehold) && a.Before!.Contains($"\"LearnerId\":{duplicateId}"));
        trail.Where(a => a.EntityType is nameof(Learner) or nameof(LearnerConsent) or nameof(LearnerHousehold)).ShouldAllBe(a => a.ContainsPersonalData);
    }

    [Fact]
    public async Task Two_records_with_different_CCCDs_are_never_merged()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var browser = await TestBrowser.SignedInAsync(admin);
        var name = Name();
        var a = await CreateAsync(browser, Form(commune.Id, name, cccd: Cccd(Sex.Female, 1995)));
        var bForm = Form(commune.Id, name, cccd: Cccd(Sex.Female, 1995));
        var b = await CreateAsync(browser, bForm);

        var response = await browser.PostJsonAsync($"/api/v1/learners/{a}/merge", new { survivorId = b, confirmed = true });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("đây là hai người khác nhau, không gộp được");
        (await LoadAsync(a)).MergedIntoId.ShouldBeNull();
    }

    [Fact]
    public async Task The_merge_repoints_every_reference_to_a_learner()
    {
        var model = await TestData.WithDbAsync(db => Task.FromResult(db.Model));
        await using var scope = TestApp.Instance.SystemScope();
        var handled = scope.ServiceProvider.GetServices<IPersonReferences>().SelectMany(a => a.Entities).Concat(LearnerReferences.Own).ToHashSet();

        var referencing = model.GetEntityTypes()
            .SelectMany(t => t.GetForeignKeys())
            .Where(fk => fk.PrincipalEntityType.ClrType == typeof(Learner) && fk.DeclaringEntityType.ClrType != typeof(Learner))
            .Select(fk => fk.DeclaringEntityType.ClrType)
            .Distinct().ToList();

        referencing.ShouldNotBeEmpty();
        referencing.ShouldAllBe(t => handled.Contains(t),
            "the area that points at Learner implements IPersonReferences so a merge moves its records to the survivor");
    }

    [Fact]
    public async Task The_list_exports_to_xlsx_masked_by_role_and_the_export_is_audited()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        var (department, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var browser = await TestBrowser.SignedInAsync(officer);
        using var departmentBrowser = await TestBrowser.SignedInAsync(department);
        var letters = Letters();
        var name = $"Vàng Thị Dợ {char.ToUpperInvariant(letters[0])}{letters[1..]}";
        var cccd = Cccd(Sex.Female, 1995);
        var form = Form(commune.Id, name, cccd: cccd);
        form["Data.EthnicGroupId"] = (await EthnicGroupIdAsync("08")).ToString();
        await CreateAsync(browser, form);

        var full = await Xlsx.DownloadAsync(browser, $"/Learners?handler=Export&q={letters}");
        var masked = await Xlsx.DownloadAsync(departmentBrowser, $"/Learners?handler=Export&q={letters}");

        full.Count.ShouldBe(3);
        full[1].ShouldContain("Dân tộc");
        full[2][1].ShouldBe(name);
        full[2][2].ShouldBe(new DateTime(1995, 4, 12).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture));
        full[2][4].ShouldBe(cccd);
        full[2].ShouldContain("H'mông (Mèo)");
        masked[1].ShouldNotContain("Dân tộc");
        masked[2][4].ShouldBe("**********" + cccd[^2..]);
        masked[2].ShouldNotContain("H'mông (Mèo)");
        var exports = await TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.Export && (a.UserName == officer || a.UserName == department)).ToListAsync());
        exports.Count.ShouldBe(2);
        exports.ShouldAllBe(a => a.ContainsPersonalData && a.EntityType == "Danh sách người học" && a.Summary == "Xuất 1 dòng");
    }

    [Theory]
    [InlineData(Roles.ProvinceAdmin, true)]
    [InlineData(Roles.Inspector, true)]
    [InlineData(Roles.DepartmentOfficer, false)]
    [InlineData(Roles.EmploymentCentre, false)]
    public async Task The_CCCD_and_sensitive_fields_are_shown_only_to_roles_that_need_them(string role, bool shown)
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var owner = await TestBrowser.SignedInAsync(officer);
        var name = Name();
        var cccd = Cccd(Sex.Female, 1995);
        var form = Form(commune.Id, name, cccd: cccd);
        form["Data.EthnicGroupId"] = (await EthnicGroupIdAsync("09")).ToString();
        form["Data.Categories"] = nameof(PriorityCategory.Disabled);
        form["Data.HouseholdYear"] = "2025";
        form["Data.HouseholdStatus"] = nameof(HouseholdStatus.Poor);
        var id = await CreateAsync(owner, form);
        var (user, _) = await TestData.ProvinceActorAsync(role);
        using var browser = await TestBrowser.SignedInAsync(user);

        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Learners/Details/{id}"));
        var list = TestBrowser.HtmlText(await browser.GetHtmlAsync("/Learners?q=" + Uri.EscapeDataString(name)));
        var api = await browser.Http.GetFromJsonAsync<JsonElement>($"/api/v1/learners/{id}");

        var masked = "**********" + cccd[^2..];
        page.ShouldContain(shown ? cccd : masked);
        list.ShouldContain(shown ? cccd : masked);
        api.GetProperty("cccd").GetString().ShouldBe(shown ? cccd : masked);
        api.GetProperty("sensitiveShown").GetBoolean().ShouldBe(shown);
        if (shown)
        {
            page.ShouldContain("Dao");
            page.ShouldContain("Người khuyết tật");
            page.ShouldContain("Hộ nghèo");
            api.GetProperty("ethnicGroup").GetString().ShouldBe("Dao");
            api.GetProperty("households").GetArrayLength().ShouldBe(1);
        }
        else
        {
            page.ShouldNotContain(cccd);
            page.ShouldNotContain("Người khuyết tật");
            page.ShouldNotContain("2025 Hộ nghèo");
            page.ShouldContain("chỉ hiển thị cho cán bộ có nhiệm vụ");
            api.GetProperty("ethnicGroup").ValueKind.ShouldBe(JsonValueKind.Null);
            api.GetProperty("households").GetArrayLength().ShouldBe(0);
            api.GetProperty("categories").GetArrayLength().ShouldBe(0);
            (await browser.GetHtmlAsync($"/Learners?q={cccd[3..9]}")).ShouldNotContain(name);
        }
    }

    [Fact]
    public async Task Every_view_of_a_record_is_in_the_audit_trail()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        var (inspector, _) = await TestData.ProvinceActorAsync(Roles.Inspector);
        using var owner = await TestBrowser.SignedInAsync(officer);
        using var browser = await TestBrowser.SignedInAsync(inspector);
        var name = Name();
        var id = await CreateAsync(owner, Form(commune.Id, name));

        await browser.GetHtmlAsync($"/Learners/Details/{id}");
        (await browser.GetAsync($"/api/v1/learners/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await owner.GetHtmlAsync($"/Learners/Edit/{id}");

        var views = await TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.View && a.EntityType == nameof(Learner) && a.EntityId == id.ToString())
            .OrderBy(a => a.Id).ToListAsync());
        views.Select(v => v.UserName).ShouldBe([inspector, inspector, officer]);
        views.ShouldAllBe(v => v.ContainsPersonalData);
        views[0].Summary.ShouldBe($"Xem hồ sơ người học {name}");
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_nothing_is_saved()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var name = "Lò Văn 3";
        var form = Form(commune.Id, name, birthDate: "31/02/1990", sex: Sex.Male);
        form["Data.Phone"] = "12345";
        form["Data.Categories"] = nameof(PriorityCategory.WomanLostJob);
        form["Data.ConsentDate"] = "2099-01-01";
        form["Data.HouseholdYear"] = "2010";
        form["Data.HouseholdStatus"] = nameof(HouseholdStatus.Poor);

        var response = await browser.PostFormAsync("/Learners/Create", form);
        var tooYoung = await browser.PostFormAsync("/Learners/Create", Form(commune.Id, Name(), birthDate: TestData.Clock.Today.AddYears(-10).ToString("yyyy-MM-dd")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = TestBrowser.HtmlText(await response.Content.ReadAsStringAsync());
        page.ShouldContain("Họ và tên chỉ được gồm chữ cái, dấu cách và dấu nháy");
        page.ShouldContain("Ngày sinh: \"31/02/1990\" không phải ngày hợp lệ (dd/MM/yyyy).");
        page.ShouldContain("Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0 (vd: 0912 345 678).");
        page.ShouldContain("Đối tượng \"Lao động nữ bị mất việc làm\" chỉ áp dụng cho người có giới tính Nữ.");
        page.ShouldContain("Ngày đồng ý không được sau ngày hôm nay.");
        page.ShouldContain("Năm xác định hộ phải từ 2015 đến");
        TestBrowser.HtmlText(await tooYoung.Content.ReadAsStringAsync()).ShouldContain("Người học phải từ đủ 15 tuổi");
        (await TestData.WithDbAsync(db => db.Learners.IgnoreQueryFilters().AnyAsync(l => l.FullName == name))).ShouldBeFalse();

        var api = await browser.PostJsonAsync("/api/v1/learners", new { fullName = "", sex = "Male", communeId = commune.Id });
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("FullName")[0].GetString().ShouldBe("Vui lòng nhập họ và tên.");
        problem.GetProperty("errors").GetProperty("BirthDate")[0].GetString().ShouldBe("Vui lòng nhập ngày sinh.");
    }

    [Fact]
    public async Task Sensitive_data_needs_consent_and_withdrawing_the_last_consent_erases_it()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var thai = (await EthnicGroupIdAsync("03")).ToString();
        var withoutConsent = Form(commune.Id, Name(), consent: false);
        withoutConsent["Data.EthnicGroupId"] = thai;
        withoutConsent["Data.Categories"] = nameof(PriorityCategory.Disabled);
        withoutConsent["Data.HouseholdYear"] = "2025";
        withoutConsent["Data.HouseholdStatus"] = nameof(HouseholdStatus.Poor);

        var refused = TestBrowser.HtmlText(await (await browser.PostFormAsync("/Learners/Create", withoutConsent)).Content.ReadAsStringAsync());
        refused.ShouldContain("Chưa có sự đồng ý xử lý dữ liệu cá nhân của người học: không được ghi tình trạng hộ nghèo, cận nghèo");

        withoutConsent.Remove("Data.HouseholdStatus");
        refused = TestBrowser.HtmlText(await (await browser.PostFormAsync("/Learners/Create", withoutConsent)).Content.ReadAsStringAsync());
        refused.ShouldContain("không được ghi dân tộc (dữ liệu nhạy cảm theo Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15)");
        refused.ShouldContain("không được ghi tình trạng khuyết tật");

        var consented = Form(commune.Id, Name());
        consented["Data.EthnicGroupId"] = thai;
        consented["Data.Categories"] = nameof(PriorityCategory.Disabled);
        consented["Data.HouseholdYear"] = "2025";
        consented["Data.HouseholdStatus"] = nameof(HouseholdStatus.Poor);
        var id = await CreateAsync(browser, consented);
        var consentId = (await LoadAsync(id)).Consents.Single().Id;
        var withdrawAction = FormAction(await browser.GetHtmlAsync($"/Learners/Consent/{id}"), "handler=Withdraw");
        withdrawAction.ShouldContain($"consentId={consentId}");

        var withdrawn = await browser.PostFormAsync($"/Learners/Consent/{id}", new() { ["Withdraw.WithdrawnOn"] = "2025-07-01" }, withdrawAction);

        withdrawn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var learner = await LoadAsync(id);
        learner.EthnicGroupId.ShouldBeNull();
        learner.Priorities.ShouldBeEmpty();
        learner.Households.ShouldBeEmpty();
        learner.Consents.Single().WithdrawnOn.ShouldBe(new DateOnly(2025, 7, 1));
        learner.Consents.Single().WithdrawalRecordedBy.ShouldBe(officer);
        var household = await browser.PostFormAsync($"/Learners/Household/{id}", new() { ["Data.Year"] = "2025", ["Data.Status"] = "Poor" });
        TestBrowser.HtmlText(await household.Content.ReadAsStringAsync()).ShouldContain("không được ghi tình trạng hộ nghèo, cận nghèo");

        var given = await browser.PostJsonAsync($"/api/v1/learners/{id}/consents", new { purpose = "Xét hỗ trợ học nghề", givenOn = "2025-08-01", method = "Spoken" });
        given.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await browser.Http.PutAsJsonAsync($"/api/v1/learners/{id}/households/2025", new { status = "NearPoor" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await LoadAsync(id)).Households.Single().Status.ShouldBe(HouseholdStatus.NearPoor);

        var removeAction = FormAction(await browser.GetHtmlAsync($"/Learners/Household/{id}"), "handler=Remove");
        removeAction.ShouldContain("year=2025");
        var removed = await browser.PostFormAsync($"/Learners/Household/{id}", [], removeAction);
        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LoadAsync(id)).Households.ShouldBeEmpty();
    }

    /// <summary>The action of the page's form whose action contains <paramref name="marker"/>, as a browser would post to it.</summary>
    private static string FormAction(string html, string marker) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Matches(html, "action=\"([^\"]+)\"")
            .Select(m => m.Groups[1].Value).First(a => a.Contains(marker)));

    [Fact]
    public async Task An_edit_asks_again_only_about_what_it_changes()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var form = Form(commune.Id, Name(), birthDate: "1996-02-03", cccd: Cccd(Sex.Female, 1995));
        form["Data.ConfirmCccdMismatch"] = "true";
        var id = await CreateAsync(browser, form);
        form.Remove("Data.ConfirmCccdMismatch");
        form["Data.Address"] = "Bản Hua Bum";

        var kept = await browser.PostFormAsync($"/Learners/Edit/{id}", form);
        form["Data.Sex"] = nameof(Sex.Male);
        var changed = await browser.PostFormAsync($"/Learners/Edit/{id}", form);

        kept.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LoadAsync(id)).Address.ShouldBe("Bản Hua Bum");
        TestBrowser.HtmlText(await changed.Content.ReadAsStringAsync()).ShouldContain("Số CCCD cho biết giới tính Nữ, khác giới tính đã nhập (Nam).");
        (await LoadAsync(id)).Sex.ShouldBe(Sex.Female);
    }
}
