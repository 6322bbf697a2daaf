using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Federation;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DaoTaoNghe.Tests.Infrastructure.Scope;

/// <summary>
/// The route matrix on the national tier: the app as <see cref="NationalApp"/> (Tier:Mode = National over the run's own
/// database, which holds the scope worlds of two provinces, A in Lai Châu and C in Điện Biên, as a national database holds
/// what replication copied in; so it runs on SQLite and PostgreSQL alike), every route of the same catalogue
/// (<see cref="RouteCatalogue"/>: the OpenAPI document and the page table, nothing listed by hand), as each national role.
/// Reads answer alike whichever province a record is in; no write changes a province's record; province accounts are refused.
/// </summary>
public class NationalRouteScopeTests(ITestOutputHelper output)
{
    public static TheoryData<string> NationalRoles => new(Roles.NationalAdmin, Roles.MinistryOfficer, Roles.NationalInspector);

    /// <summary>Write routes not sent, with the reason.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotSent = new Dictionary<string, string>
    {
        ["POST /Account/Logout"] = "signs the caller out (nothing written); every call after it would be anonymous",
    };

    private static async Task<(TestBrowser Browser, int UserId)> SignInAsync(string role)
    {
        var userName = await NationalApp.Instance.AccountAsync(role);
        var browser = await TestBrowser.SignedInAsync(NationalApp.Instance, userName, TestApp.Password);
        return (browser, await TestData.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync()));
    }

    /// <summary>
    /// Every record route read (API GET, page GET) with world A's ids and with world C's: the same answer for both
    /// provinces, never a 5xx, and where it opens, the record of that world it is about; every list and page without
    /// ids answers without a 5xx. The ministry's readers open records of both provinces.
    /// </summary>
    [Theory]
    [MemberData(nameof(NationalRoles))]
    public async Task Reads_answer_alike_for_every_province(string role)
    {
        var matrix = await ScopeMatrix.GetAsync();
        var (browser, _) = await SignInAsync(role);
        using var probe = ScopeProbe.Over(browser.Http);
        var failures = new List<string>();
        var opened = new List<string>();

        foreach (var route in matrix.RecordRoutes.Where(r => !r.IsWrite))
        {
            var a = await probe.GetAsync(ScopeMatrix.Url(route, matrix.A, matrix.LaneValue(route, matrix.A)));
            var c = await probe.GetAsync(ScopeMatrix.Url(route, matrix.C, matrix.LaneValue(route, matrix.C)));
            if (a.IsRedirect && a.Location?.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) == true)
                throw new InvalidOperationException($"{route} as {role}: the session was signed out ({a}).");
            if (a.Status >= 500 || c.Status >= 500)
            {
                failures.Add($"{route} as {role}: {a} with world A's id, {c} with world C's.");
                continue;
            }
            if (a.Status != c.Status)
            {
                failures.Add($"{route} as {role}: {a} with world A's id (Lai Châu) but {c} with world C's (Điện Biên).");
                continue;
            }
            if (a.Status != 200) continue;
            opened.Add(route.Key);
            foreach (var (world, answer) in new[] { (matrix.A, a), (matrix.C, c) })
                if (matrix.Subject(route, world) is { } subject && !matrix.Markers(answer.Text).Any(m => m.Owner == world && m.Entity == subject))
                    failures.Add($"{route} as {role}: opens with world {world}'s id but shows none of its {subject}. [{RouteScopeTests.Snippet(answer.Text)}]");
        }
        foreach (var route in matrix.ListRoutes)
        {
            var answer = await probe.GetAsync(route.Url(_ => ""));
            if (answer.Status >= 500) failures.Add($"{route} as {role}: {answer}.");
        }
        output.WriteLine($"{role}: opens {opened.Count} of {matrix.RecordRoutes.Count(r => !r.IsWrite)} record routes in both provinces:");
        foreach (var key in opened) output.WriteLine("  " + key);

        failures.ShouldBeEmpty($"{failures.Count} failures:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
        if (role != Roles.NationalAdmin) opened.ShouldContain("GET /Learners/Details/{id:int}", "the ministry's readers open a province's learner");
    }

    /// <summary>
    /// Every write route (API and page, with world A's ids where it takes some, the body or form its GET twin gives): never
    /// accepted on a record of a province, never a 5xx; afterwards no province record of either world has changed and the
    /// audit trail holds no change by the role to a replicated table (the national tier writes only its own users,
    /// settings and audit: <see cref="NationalTierGuard"/>).
    /// </summary>
    [Theory]
    [MemberData(nameof(NationalRoles))]
    public async Task Every_write_to_the_provinces_records_is_refused(string role)
    {
        var matrix = await ScopeMatrix.GetAsync();
        var (browser, userId) = await SignInAsync(role);
        using var probe = ScopeProbe.Over(browser.Http);
        var before = new Dictionary<string, string>();
        foreach (var world in new[] { matrix.A, matrix.C }) before[world.Name] = await ScopeWorlds.SnapshotAsync(world);
        var replicated = Replicated();
        var failures = new List<string>();
        var sent = 0;

        foreach (var route in matrix.Routes.Where(r => r.IsWrite && !matrix.Anonymous.ContainsKey(r.Key) && !matrix.Excluded.ContainsKey(r.Key)
                                                      && !NotSent.ContainsKey(r.Key)))
        {
            Dictionary<string, string>? form = null;
            string? json = null;
            if (matrix.Twin(route) is { } twin)
            {
                var own = await probe.GetAsync(ScopeMatrix.Url(twin, matrix.A, matrix.LaneValue(twin, matrix.A)));
                if (own.Status == 200)
                {
                    if (route.IsApi) json = own.Text;
                    else form = ScopeProbe.FormFields(own.Text);
                }
            }
            var url = route.HasParameters ? ScopeMatrix.Url(route, matrix.A, matrix.LaneValue(route, matrix.A)) : route.Url(_ => "");
            var answer = await probe.SendAsync(route, url, form, json, matrix.A);
            sent++;
            if (answer.IsRedirect && answer.Location?.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) == true)
                throw new InvalidOperationException($"{route} as {role}: the session was signed out ({answer}).");
            if (answer.Status >= 500) failures.Add($"{route} as {role}: {answer}. [{RouteScopeTests.Snippet(answer.Text)}]");
            else if (route.HasParameters && (route.IsApi ? answer.IsSuccess : answer.IsRedirect))
                failures.Add($"{route} as {role} with world A's id: accepted ({answer}); the national tier writes no province's record. [{RouteScopeTests.Snippet(answer.Text)}]");
        }
        foreach (var world in new[] { matrix.A, matrix.C })
            if (await ScopeWorlds.SnapshotAsync(world) != before[world.Name]) failures.Add($"As {role}: world {world}'s records changed.");
        var written = await TestData.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.UserId == userId && (a.Action == AuditAction.Create || a.Action == AuditAction.Update || a.Action == AuditAction.Delete))
            .Select(a => a.EntityType).Distinct().ToListAsync());
        foreach (var entity in written.Where(replicated.Contains)) failures.Add($"As {role}: the audit trail records a change of {entity}, a province's table.");
        output.WriteLine($"{role}: {sent} writes sent; changes audited: {string.Join(", ", written)}.");

        failures.ShouldBeEmpty($"{failures.Count} failures:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>The names the audit trail gives the entities of the provinces' replicated tables.</summary>
    private static HashSet<string> Replicated()
    {
        using var scope = NationalApp.Instance.Services.CreateScope();
        var model = scope.ServiceProvider.GetRequiredService<DaoTaoNghe.Data.AppDbContext>().Model;
        return model.GetEntityTypes().Where(ReplicatedTables.IsReplicated).SelectMany(e => new[] { e.ClrType.Name, e.DisplayName() }).ToHashSet();
    }

    /// <summary>
    /// Every role of a province (world A's accounts) is refused at the national tier's sign-in, and its session from the
    /// province does not open the national tier's routes either: every list route and page answers as to someone not signed in.
    /// </summary>
    [Fact]
    public async Task Province_accounts_are_refused_on_the_national_tier()
    {
        var matrix = await ScopeMatrix.GetAsync();
        var failures = new List<string>();
        foreach (var role in Roles.All)
        {
            var actor = matrix.A.Actors[role];
            using var browser = new TestBrowser(NationalApp.Instance);
            var refused = await browser.PostFormAsync("/Account/Login", new() { ["Data.UserName"] = actor.UserName, ["Data.Password"] = TestApp.Password });
            if (!TestBrowser.HtmlText(await refused.Content.ReadAsStringAsync()).Contains(TierAccounts.ProvinceAccountOnNational))
                failures.Add($"{actor}: the national tier's sign-in does not refuse the account ({(int)refused.StatusCode}).");

            // The province's own session cookie, carried over to the national tier.
            using var province = await TestBrowser.SignedInAsync(actor.UserName);
            using var carried = NationalApp.Instance.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var cookies = await CookiesAsync(province);
            cookies.ShouldNotBeNull(actor.ToString());
            foreach (var route in matrix.ListRoutes)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, route.Url(_ => ""));
                if (cookies is not null) request.Headers.Add("Cookie", cookies);
                using var response = await carried.SendAsync(request);
                var toLogin = response.StatusCode == System.Net.HttpStatusCode.Redirect
                    && response.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) == true;
                if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized && !toLogin)
                    failures.Add($"{route} on the national tier with {actor}'s session from the province: {(int)response.StatusCode}.");
            }
        }
        failures.ShouldBeEmpty($"{failures.Count} failures:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    private static async Task<string?> CookiesAsync(TestBrowser browser)
    {
        // The handler keeps its cookies to itself: read the ones a signed-in page is sent with from an echo of the request.
        using var response = await browser.GetAsync("/");
        return response.RequestMessage?.Headers.TryGetValues("Cookie", out var values) == true ? string.Join("; ", values) : null;
    }
}
