using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;
using Xunit.Abstractions;

namespace DaoTaoNghe.Tests.Infrastructure.Scope;

/// <summary>
/// Every route of the app, generated from the OpenAPI document and the page table, is tried by
/// every role of world A with the ids of worlds it must not reach (B: another commune of the
/// province; C: another province), and compared with an id that does not exist at all.
/// </summary>
public class RouteScopeTests(ITestOutputHelper output)
{
    /// <summary>
    /// Record routes where world Y's province admin does not get 200 with world Y's id, with the reason.
    /// The control proves a route's refusals elsewhere are about scope, not a route that 404s for everyone.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> NoControl = new Dictionary<string, string>
    {
        ["GET /api/v1/shared-person-cases/{id}"] = "the national tier's shared-person cases: read by the ministry and a province's reconciliation account only (ProvinceReconciliationTests); province roles get 403",
        ["GET /Notifications?handler=Open&id="] = "a notification is read only by its own user (the world's belongs to its commune officer); the province admin gets 404 like everyone else",
    };

    [Fact]
    public async Task Each_world_has_one_record_of_every_scoped_entity()
    {
        var matrix = await ScopeMatrix.GetAsync();

        foreach (var world in matrix.Worlds)
            world.Keys.Keys.Order().ShouldBe(ScopeWorlds.Entities.Select(e => e.DisplayName()).Order());
        var visible = await matrix.VisibilityAsync("system", DataScope.System);
        visible.Where(v => !v.Value).Select(v => ScopeWorlds.Records[v.Key].ToString()).ShouldBeEmpty();
        output.WriteLine($"{ScopeWorlds.Records.Count} records, {ScopeWorlds.Records.Values.Count(r => r.Via is not null)} of them guests; left out:");
        foreach (var guest in ScopeWorlds.GuestsLeftOut) output.WriteLine("  " + guest);
        foreach (var record in ScopeWorlds.Records.Values.Where(r => r.Via is not null)) output.WriteLine($"  guest {record} {string.Join(",", record.Key)}");
    }

    [Fact]
    public async Task The_province_admin_opens_every_record_route_of_their_world()
    {
        var matrix = await ScopeMatrix.GetAsync();
        var failures = new List<string>();

        foreach (var ((route, world), control) in matrix.Controls.OrderBy(c => c.Key.Route, StringComparer.Ordinal))
        {
            var documented = NoControl.ContainsKey(route);
            if (control.Answer.Status == 200 && documented) failures.Add($"{route}: answers 200 now, remove it from NoControl.");
            if (control.Answer.Status != 200 && !documented)
                failures.Add($"{route}: world {world}'s province admin gets {control.Answer} with the world's ids ({control.Lane}); "
                             + "fix the route or the world's data, or document why in NoControl.");
            if (control.Answer.Status >= 500) failures.Add($"{route}: 500 for world {world}'s province admin.");
        }
        output.WriteLine(Report(matrix));

        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures));
    }

    public static TheoryData<string> AllRoles => new(Roles.All);

    /// <summary>
    /// Every record route (API operation, page GET or POST handler) as one role of world A, with the
    /// ids of each world it must not reach and with an id that does not exist: the same refusal
    /// (403 or 404) for both, never a 2xx, a redirect or a 500; nothing shown of a record the role's
    /// query filters hide; and for writes, nothing changed (audit trail and a snapshot of the target world).
    /// </summary>
    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Record_routes_refuse_the_ids_of_worlds_out_of_scope(string role)
    {
        var matrix = await ScopeMatrix.GetAsync();
        var actor = matrix.A.Actors[role];
        var visible = await matrix.VisibilityAsync(actor);
        var targets = matrix.Targets(actor);
        var before = new Dictionary<string, string>();
        foreach (var target in targets) before[target.Name] = await ScopeWorlds.SnapshotAsync(target);
        using var probe = await ScopeProbe.SignInAsync(actor);
        using var admin = await ScopeProbe.SignInAsync(matrix.A.Actors[Roles.ProvinceAdmin]);
        var failures = new List<string>();
        var unproven = new List<string>();
        var own = new Dictionary<string, ProbeAnswer>();
        var changes = await ScopeMatrix.ChangesByAsync(actor);
        var calls = 0;

        foreach (var route in matrix.RecordRoutes)
        {
            // A write carries what the role sees of its own world's record: the page's form, or the API's GET answer.
            Dictionary<string, string>? form = null;
            string? json = null;
            if (route.IsWrite && matrix.Twin(route) is { } twin)
            {
                // Where the role cannot open its own world's record, the values world A's province admin sees there.
                var url = ScopeMatrix.Url(twin, matrix.A, matrix.LaneValue(twin, matrix.A));
                if (!own.TryGetValue(url, out var mine)) own[url] = mine = await probe.GetAsync(url);
                if (mine.Status != 200 && !own.TryGetValue("admin " + url, out mine)) own["admin " + url] = mine = await admin.GetAsync(url);
                if (mine.Status == 200)
                {
                    if (route.IsApi) json = mine.Text;
                    else form = ScopeProbe.FormFields(mine.Text);
                }
            }
            var none = await SendAsync(probe, route, ScopeMatrix.NoneUrl(route, matrix.A), form, json, matrix.A);
            calls++;
            if (none.Status >= 500) failures.Add($"{route} as {actor}: {none} for an id that does not exist.");
            foreach (var target in targets)
            {
                var answer = await SendAsync(probe, route, ScopeMatrix.Url(route, target, matrix.LaneValue(route, target)), form, json, matrix.A);
                calls++;
                var where = $"{route} as {actor} with world {target}'s id";
                if (answer.IsRedirect && answer.Location?.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase) == true)
                    throw new InvalidOperationException($"{where}: the session was signed out ({answer}); nothing after it would be checked.");
                if (answer.Status >= 500)
                {
                    failures.Add($"{where}: {answer}.");
                    continue;
                }
                var leaks = matrix.Leaks(answer, visible);
                if (leaks.Count > 0) failures.Add($"{where}: answers {answer} showing {string.Join(", ", leaks)}, which the role's query filters hide.");

                var subject = matrix.Subject(route, target);
                // A record the role may read (a province-wide list, an enrolment of its own learner) may be refused for change with 403.
                var readable = subject is not null && ScopeMatrix.Sees(visible, target, subject);
                var accepted = route.IsApi ? answer.IsSuccess : answer.IsRedirect;
                if (route.IsWrite)
                {
                    if (readable)
                    {
                        // The role may read the record but not change it: any refusal, and (below) nothing changed.
                        if (accepted) failures.Add($"{where}: the role may read world {target}'s {subject} but not change it; the write answered {answer}. [{Snippet(answer.Text)}]");
                    }
                    else if (answer.IsRefusal)
                    {
                        if (none.IsRefusal && answer.Status != none.Status)
                            failures.Add($"{where}: answers {answer} but {none} for an id that does not exist.");
                    }
                    else if (!accepted && answer.Status == none.Status)
                        // The body was refused before the record was looked up, exactly as for an id that does not exist.
                        unproven.Add($"{where}: {answer} like an unknown id (the body is refused first) [{Snippet(answer.Text)}]");
                    else
                        failures.Add($"{where}: a write answered {answer}; expected a refusal (403/404) like {none} for an id that does not exist"
                                     + $" (subject: {subject ?? "unknown"}). [{Snippet(answer.Text)}]");
                    continue;
                }
                if (answer.IsRefusal)
                {
                    if (answer.Status != none.Status && !(answer.Status == 403 && readable))
                        failures.Add($"{where}: answers {answer} but {none} for an id that does not exist.");
                }
                else if (route.Parameters.Count == 0 && answer.Status == none.Status)
                {
                    // An optional id in the query (a form prefilled with a choice) that the page ignores unless the role may use it.
                }
                else if (subject is not null && !readable)
                    failures.Add($"{where}: answers {answer}, but the role may not see world {target}'s {subject}; expected {none} as for an id that does not exist.");
                else if (answer.Status != 200)
                    failures.Add($"{where}: answers {answer}.");
                if (subject is not null && !readable && !none.IsRefusal && route.Parameters.Count > 0)
                    failures.Add($"{route} as {actor}: an id that does not exist answers {none}; expected 403 or 404.");
            }
            if (route.IsWrite)
            {
                var now = await ScopeMatrix.ChangesByAsync(actor);
                if (now != changes) failures.Add($"{route} as {actor}: the audit trail records {now - changes} change(s) by the role.");
                changes = now;
            }
        }
        foreach (var target in targets)
            if (await ScopeWorlds.SnapshotAsync(target) != before[target.Name])
                failures.Add($"As {actor}: world {target}'s records changed.");
        output.WriteLine($"{actor}: {calls} calls on {matrix.RecordRoutes.Count()} record routes, targets {string.Join(", ", targets)}; "
                         + $"{unproven.Count} writes refused for their body before their record, as for an unknown id:");
        foreach (var line in unproven) output.WriteLine("  " + line);

        failures.ShouldBeEmpty($"{failures.Count} scope failures:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>
    /// Every list (GET without id: lists, dashboards, forms with choices; plus a search where the route
    /// takes ?q=) as one role of world A shows nothing of a record the role's query filters hide.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task Lists_show_only_records_the_role_may_see(string role)
    {
        var matrix = await ScopeMatrix.GetAsync();
        var actor = matrix.A.Actors[role];
        var visible = await matrix.VisibilityAsync(actor);
        using var probe = await ScopeProbe.SignInAsync(actor);
        var failures = new List<string>();
        var calls = 0;

        foreach (var route in matrix.ListRoutes)
        {
            foreach (var url in await ListUrlsAsync(probe, route, "zq"))
            {
                var answer = await probe.GetAsync(url);
                calls++;
                if (answer.Status >= 500) failures.Add($"{url} as {actor}: {answer}.");
                var leaks = matrix.Leaks(answer, visible);
                if (leaks.Count > 0) failures.Add($"{url} as {actor}: shows {string.Join(", ", leaks)}, which the role's query filters hide.");
            }
        }
        output.WriteLine($"{actor}: {calls} calls on {matrix.ListRoutes.Count()} lists.");

        failures.ShouldBeEmpty($"{failures.Count} scope failures:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>
    /// Main lists (every API GET without parameters, every page Index) that show a world's province
    /// admin none of the world's records, with the reason. Any other main list must show some, so a list
    /// that shows nothing to anybody is not taken for one that keeps to its scope.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ListsWithoutRecords = new Dictionary<string, string>
    {
        ["GET /"] = "the dashboard: figures and deadlines, not records",
        ["GET /Map"] = "the official administrative map, not records",
        ["GET /Federation"] = "the national tier's replication state per province (subscriptions, lag), not records; a province instance shows none",
        ["GET /Notifications"] = "the caller's own notifications; the world's notification is its commune officer's",
        ["GET /api/v1/changes"] = "the change feed: record types, ids and operations, never a record's text (its scope is proven by ExchangeInTests)",
        ["GET /api/v1/follow-ups/due"] = "follow-ups falling due around today by the clock, which the worlds' fixed dates need not",
        ["GET /api/v1/imports"] = "the import templates the role may use, not records",
        ["GET /api/v1/imports/jobs"] = "the caller's own import jobs, so a client finds its job again; the admin opens others' jobs by id",
        ["GET /api/v1/indicators"] = "the indicator catalogue (definitions), not records",
        ["GET /api/v1/indicators/registries"] = "registry figures (counts), not records",
        ["GET /api/v1/exchange/adx"] = "indicator figures (numbers) in IHE ADX, not records",
        ["GET /api/v1/exchange/dhis2"] = "indicator figures (numbers) as a DHIS2 data value set, not records",
        ["GET /api/v1/indicators/values"] = "indicator figures (numbers), not records",
        ["GET /api/v1/learners/duplicates"] = "pairs of learners that may be one person; the worlds hold none",
        ["GET /api/v1/learners/registered-persons"] = "a count of people and records (numbers), not records",
        ["GET /api/v1/learners/shared-persons"] = "people registered in two provinces, which only a national database holds (FederationTests); a province's one record per CCCD makes none",
        ["GET /api/v1/shared-person-cases"] = "the national tier's cases of people registered in two provinces; a province instance has none, and province roles are refused (ProvinceReconciliationTests)",
        ["GET /api/v1/report-templates"] = "the report templates, not records",
        ["GET /api/v1/support/rule-sets/in-force"] = "the one rule set in force in the province today; the worlds' rule sets were in force for one day in 2025",
        ["GET /api/v1/units"] = "the official administrative map, not records",
    };

    /// <remarks>
    /// Tried as the province admin of world C first (Điện Biên, where other tests keep little data, so a
    /// long list of theirs does not push the world's record off the first page), then of world A.
    /// The worlds are inserted with the audit trail off (as the demo seeder does), so each admin first
    /// reads their world's learner: the trail then holds one line of the world's whatever ran before.
    /// </remarks>
    [Fact]
    public async Task Main_lists_show_the_province_admin_the_records_of_their_world()
    {
        var matrix = await ScopeMatrix.GetAsync();
        using var adminC = await ScopeProbe.SignInAsync(matrix.C.Actors[Roles.ProvinceAdmin]);
        using var adminA = await ScopeProbe.SignInAsync(matrix.A.Actors[Roles.ProvinceAdmin]);
        (await adminC.GetAsync($"/Learners/Details/{matrix.C.Id}")).Status.ShouldBe(200);
        (await adminA.GetAsync($"/Learners/Details/{matrix.A.Id}")).Status.ShouldBe(200);
        var failures = new List<string>();
        var shown = 0;

        foreach (var route in matrix.ListRoutes.Where(ScopeMatrix.IsMainList))
        {
            var seen = new HashSet<string>();
            foreach (var (probe, world) in new[] { (adminC, matrix.C), (adminA, matrix.A) })
            {
                foreach (var url in await ListUrlsAsync(probe, route, "zq" + world.Letter))
                {
                    var text = MainPart((await probe.GetAsync(url)).Text);
                    seen.UnionWith(matrix.Markers(text).Where(m => m.Owner == world).Select(m => m.Entity));
                    if (seen.Count == 0 && matrix.ShowsWorld(text, world)) seen.Add("an organisation or user");
                }
                if (seen.Count > 0) break;
            }
            var documented = ListsWithoutRecords.ContainsKey(route.Key);
            if (seen.Count > 0) shown++;
            if (seen.Count == 0 && !documented) failures.Add($"{route}: shows the province admin none of its world's records; document why in ListsWithoutRecords if that is right.");
            if (seen.Count > 0 && documented) failures.Add($"{route}: shows its world's records now ({string.Join(", ", seen)}); remove it from ListsWithoutRecords.");
            output.WriteLine($"{route}: {string.Join(", ", seen.Order())}");
        }
        output.WriteLine($"{shown} main lists show a world's records to its province admin.");

        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// Routes that answer without sign-in and, by design, show records of these entities to anybody
    /// (what is published: open vacancies, open courses, public learning materials).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, (string[] Entities, string Reason)> PublicByDesign = new Dictionary<string, (string[], string)>
    {
        ["GET /hoc-lieu/{id:int}"] = (["Programme", "Occupation", "ProgrammeModule", "ProgrammeAccreditation"],
            "the public catalogue page of an active programme of an active institution, with its public materials only"),
        ["GET /api/v1/public/learning-materials/{id}"] = (["Programme", "Occupation", "ProgrammeModule", "ProgrammeAccreditation"],
            "the public catalogue page of an active programme of an active institution, with its public materials only"),
    };

    /// <summary>
    /// Public routes (those that answer without sign-in), with each world's ids and a search: nothing
    /// shown that an anonymous caller's query filters hide, except what the route publishes by design.
    /// Routes taking a code (certificate verification) are left out: whoever holds the code may see it.
    /// </summary>
    [Fact]
    public async Task Public_routes_show_only_what_they_publish()
    {
        var matrix = await ScopeMatrix.GetAsync();
        var visible = await matrix.VisibilityAsync("anonymous", DataScope.Nobody);
        using var probe = ScopeProbe.Anonymous();
        var failures = new List<string>();

        foreach (var route in matrix.Routes.Where(r => matrix.Anonymous.ContainsKey(r.Key) && !r.IsWrite))
        {
            if (route.Parameters.Any(p => !ScopeMatrix.IsRecordParameter(p))) continue;
            var urls = route.HasParameters
                ? matrix.Worlds.Select(w => ScopeMatrix.Url(route, w, w.Id)).ToList()
                : [route.Url(_ => ""), route.Url(_ => "", "q=zq")];
            var allowed = PublicByDesign.TryGetValue(route.Key, out var design) ? design.Entities : [];
            foreach (var url in urls)
            {
                var answer = await probe.GetAsync(url);
                if (answer.Status >= 500) failures.Add($"{url} (anonymous): {answer}.");
                var leaks = matrix.Leaks(answer, visible).Where(l => !allowed.Any(a => l.StartsWith(a + " of", StringComparison.Ordinal))).ToList();
                if (leaks.Count > 0) failures.Add($"{url} (anonymous): answers {answer} showing {string.Join(", ", leaks)}.");
            }
        }

        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures));
    }

    /// <summary>The list itself, and where it searches (?q=) a search that finds every world's records.</summary>
    private static async Task<List<string>> ListUrlsAsync(ScopeProbe probe, ScopeRoute route, string search)
    {
        var plain = route.Url(_ => "");
        var urls = new List<string> { plain };
        var searches = route.Searches;
        if (!route.IsApi && route.Handler is null)
            searches = (await probe.GetAsync(plain)).Text.Contains("name=\"q\"", StringComparison.Ordinal);
        if (searches) urls.Add(route.Url(_ => "", "q=" + search));
        return urls;
    }

    private static Task<ProbeAnswer> SendAsync(ScopeProbe probe, ScopeRoute route, string url, Dictionary<string, string>? form, string? json, ScopeWorld own) =>
        route.IsWrite ? probe.SendAsync(route, url, form, json, own) : probe.GetAsync(url);

    public static string Report(ScopeMatrix matrix)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"routes: {matrix.Routes.Count}, anonymous: {matrix.Anonymous.Count}, excluded: {matrix.Excluded.Count}, record routes: {matrix.RecordRoutes.Count()}, lists: {matrix.ListRoutes.Count()}");
        foreach (var (route, status) in matrix.Anonymous.OrderBy(a => a.Key)) text.AppendLine($"  anonymous {route} {status}");
        foreach (var (route, reason) in matrix.Excluded.OrderBy(e => e.Key)) text.AppendLine($"  excluded {route}: {reason}");
        foreach (var ((route, world), control) in matrix.Controls.OrderBy(c => c.Key.Route, StringComparer.Ordinal).ThenBy(c => c.Key.World))
            text.AppendLine($"  control {route} [{world}] {control.Answer} lane={control.Lane} primary={control.Primary} shown={string.Join(",", control.Shown.Order())}"
                            + (control.Answer.Status == 200 ? "" : " :: " + Snippet(control.Answer.Text)));
        return text.ToString();
    }

    /// <summary>A page without its menu and header (which show the signed-in user and organisation); JSON as is.</summary>
    private static string MainPart(string text)
    {
        var main = text.IndexOf("<main", StringComparison.Ordinal);
        return main >= 0 ? text[main..] : text;
    }

    public static string Snippet(string text)
    {
        var main = text.IndexOf("<main", StringComparison.Ordinal);
        var body = DaoTaoNghe.Tests.Support.TestBrowser.HtmlText(main >= 0 ? text[main..] : text);
        return body.Length > 300 ? body[..300] : body;
    }
}
