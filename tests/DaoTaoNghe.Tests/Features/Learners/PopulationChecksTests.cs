using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Web;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using static DaoTaoNghe.Tests.Features.Learners.LearnerTestData;

namespace DaoTaoNghe.Tests.Features.Learners;

/// <summary>
/// The CCCD check with the national population database (the local simulator answers by the number's
/// last digits): made when a learner is registered and when the officer presses the button, each answer
/// kept with its date and source and shown on the record; a registry that cannot be reached never stops
/// a registration. The HTTP adapter turns every failure into "unreachable".
/// </summary>
public class PopulationChecksTests
{
    [Fact]
    public async Task Registration_checks_the_CCCD_and_the_record_shows_the_answer_with_date_and_source()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);

        var id = await CreateAsync(browser, Form(commune.Id, Name(), cccd: Number("03")));

        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Learners/Details/{id}"));
        page.ShouldContain("Đã đăng ký người học. CSDL quốc gia về dân cư: số CCCD, họ tên và ngày sinh khớp.");
        var check = await TestData.WithDbAsync(db => db.PopulationChecks.IgnoreQueryFilters().SingleAsync(c => c.LearnerId == id));
        check.Result.ShouldBe(PopulationCheckResult.Match);
        check.CheckedBy.ShouldBe(officer);
        check.Source.ShouldBe("Mô phỏng CSDL quốc gia về dân cư (chạy cục bộ)");
        page.ShouldContain($"{Fmt.DateTime(check.CheckedAt)} Khớp (số CCCD, họ tên, ngày sinh) Mô phỏng CSDL quốc gia về dân cư (chạy cục bộ) {await TestData.PersonNameAsync(officer)}");
        page.ShouldContain("Kiểm tra với CSDL quốc gia về dân cư");
    }

    [Fact]
    public async Task A_registry_that_cannot_be_reached_never_stops_a_registration_and_is_stored_as_not_reachable()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var name = Name();

        var id = await CreateAsync(browser, Form(commune.Id, name, cccd: Number("99")));

        (await LoadAsync(id)).FullName.ShouldBe(name);
        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Learners/Details/{id}"));
        page.ShouldContain("Đã đăng ký người học. Không kết nối được CSDL quốc gia về dân cư");
        page.ShouldContain("Hồ sơ vẫn được lưu; hãy kiểm tra lại sau.");
        page.ShouldContain("Không kết nối được");
        (await TestData.WithDbAsync(db => db.PopulationChecks.IgnoreQueryFilters().Where(c => c.LearnerId == id).Select(c => c.Result).ToListAsync()))
            .ShouldBe([PopulationCheckResult.Unreachable]);
    }

    [Fact]
    public async Task A_learner_registered_through_the_API_is_checked_as_the_forms_are_and_an_unreachable_registry_refuses_nothing()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var ids = new List<int>();
        foreach (var ending in new[] { "03", "99" })
        {
            var response = await browser.PostJsonAsync("/api/v1/learners",
                new { fullName = Name(), birthDate = "1995-04-12", sex = "Female", cccd = Number(ending), communeId = commune.Id, consentGiven = false });
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            ids.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
        }

        (await ResultsAsync(ids[0])).ShouldBe([PopulationCheckResult.Match]);
        (await ResultsAsync(ids[1])).ShouldBe([PopulationCheckResult.Unreachable]);
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Learners/Details/{ids[0]}")).ShouldContain($"Khớp (số CCCD, họ tên, ngày sinh) Mô phỏng CSDL quốc gia về dân cư (chạy cục bộ) {await TestData.PersonNameAsync(officer)}");
        TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Learners/Details/{ids[1]}")).ShouldContain("Không kết nối được");
    }

    private static Task<List<PopulationCheckResult>> ResultsAsync(int learnerId) =>
        TestData.WithDbAsync(db => db.PopulationChecks.IgnoreQueryFilters().Where(c => c.LearnerId == learnerId).Select(c => c.Result).ToListAsync());

    [Fact]
    public async Task The_officer_presses_the_button_each_answer_is_kept_and_counted_as_a_CCCD_lookup_and_others_cannot()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var other = await TestData.CommuneAsync("Xã Tân Uyên");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);
        var cccd = Number("01");
        var id = await CreateAsync(browser, Form(commune.Id, Name(), cccd: cccd));
        Task<List<AuditEntry>> LookupsAsync() => TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.UserName == officer && a.Action == AuditAction.Lookup && a.Summary!.Contains(PopulationChecks.Purpose)).ToListAsync());
        (await LookupsAsync()).Count.ShouldBe(1);

        var record = await browser.GetHtmlAsync($"/Learners/Details/{id}");
        record.ShouldContain($"action=\"/Learners/Details/{id}?handler=CheckPopulation\"");
        var pressed = await browser.PostFormAsync($"/Learners/Details/{id}", new(), $"/Learners/Details/{id}?handler=CheckPopulation");

        pressed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Learners/Details/{id}"));
        page.ShouldContain("CSDL quốc gia về dân cư: họ tên không khớp với số CCCD. Hãy đối chiếu giấy tờ của người học.");
        (await TestData.WithDbAsync(db => db.PopulationChecks.IgnoreQueryFilters().CountAsync(c => c.LearnerId == id && c.Result == PopulationCheckResult.NameMismatch)))
            .ShouldBe(2);
        var lookups = await LookupsAsync();
        lookups.Count.ShouldBe(2);
        lookups.ShouldAllBe(l => l.Summary!.Contains(cccd) && l.EntityId == id.ToString() && l.ContainsPersonalData);

        var (neighbour, _) = await TestData.ActorAsync(Roles.CommuneOfficer, other);
        using var neighbourBrowser = await TestBrowser.SignedInAsync(neighbour);
        (await neighbourBrowser.PostFormAsync("/Learners", new(), $"/Learners/Details/{id}?handler=CheckPopulation")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (inspector, _) = await TestData.ActorAsync(Roles.Inspector, commune);
        using var inspectorBrowser = await TestBrowser.SignedInAsync(inspector);
        var readOnly = await inspectorBrowser.GetHtmlAsync($"/Learners/Details/{id}");
        readOnly.ShouldNotContain("handler=CheckPopulation");
        TestBrowser.HtmlText(readOnly).ShouldContain("Họ tên không khớp");
        (await inspectorBrowser.PostFormAsync("/Learners", new(), $"/Learners/Details/{id}?handler=CheckPopulation")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await TestData.WithDbAsync(db => db.PopulationChecks.IgnoreQueryFilters().CountAsync(c => c.LearnerId == id))).ShouldBe(2);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "{\"result\":\"match\"}", PopulationCheckResult.Match)]
    [InlineData(HttpStatusCode.OK, "{\"result\":\"name_mismatch\"}", PopulationCheckResult.NameMismatch)]
    [InlineData(HttpStatusCode.OK, "{\"result\":\"birth_date_mismatch\"}", PopulationCheckResult.BirthDateMismatch)]
    [InlineData(HttpStatusCode.OK, "{\"result\":\"not_found\"}", PopulationCheckResult.NotFound)]
    [InlineData(HttpStatusCode.OK, "{\"result\":\"perhaps\"}", PopulationCheckResult.Unreachable)]
    [InlineData(HttpStatusCode.OK, "<html>proxy</html>", PopulationCheckResult.Unreachable)]
    [InlineData(HttpStatusCode.ServiceUnavailable, "", PopulationCheckResult.Unreachable)]
    public async Task The_HTTP_adapter_reads_the_documented_answers_and_takes_anything_else_for_unreachable(HttpStatusCode status, string body, PopulationCheckResult expected)
    {
        string? sent = null;
        var registry = Adapter(async request =>
        {
            sent = await request.Content!.ReadAsStringAsync();
            request.RequestUri!.AbsolutePath.ShouldBe("/registry/v1/citizen-checks");
            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        });

        (await registry.CheckAsync(new PopulationQuestion("012195000123", "Lò Thị Ún", new DateOnly(1995, 4, 12)))).ShouldBe(expected);
        var json = System.Text.Json.JsonDocument.Parse(sent!).RootElement;
        json.GetProperty("citizenId").GetString().ShouldBe("012195000123");
        json.GetProperty("fullName").GetString().ShouldBe("Lò Thị Ún");
        json.GetProperty("birthDate").GetString().ShouldBe("1995-04-12");
    }

    [Fact]
    public async Task The_HTTP_adapter_gives_up_after_its_timeout_and_on_a_refused_connection()
    {
        var silent = Adapter(async request =>
        {
            await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
            return new HttpResponseMessage(HttpStatusCode.OK);
        });
        var refused = Adapter(_ => throw new HttpRequestException("Connection refused"));

        (await silent.CheckAsync(new PopulationQuestion("012195000123", "Lò Thị Ún", new DateOnly(1995, 4, 12)))).ShouldBe(PopulationCheckResult.Unreachable);
        (await refused.CheckAsync(new PopulationQuestion("012195000123", "Lò Thị Ún", new DateOnly(1995, 4, 12)))).ShouldBe(PopulationCheckResult.Unreachable);
    }

    private static HttpPopulationRegistry Adapter(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) =>
        new(new HttpClient(new Answering(answer)) { BaseAddress = new Uri("http://registry.test/registry/") },
            new PopulationRegistrySettings { Mode = "Http", TimeoutSeconds = 1 }, NullLogger<HttpPopulationRegistry>.Instance);

    private sealed class Answering(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            await answer(request).WaitAsync(cancellationToken);
    }

    /// <summary>A CCCD of a woman born in 1995 (registered in Điện Biên, 011) ending in <paramref name="ending"/>, which picks the simulator's answer.</summary>
    public static string Number(string ending) => $"0111{95}{Random.Shared.Next(0, 10_000):0000}{ending}";
}
