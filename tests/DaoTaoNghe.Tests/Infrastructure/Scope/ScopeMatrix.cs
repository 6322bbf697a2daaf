using System.Text.RegularExpressions;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Infrastructure.Scope;

/// <summary>What world Y's province admin gets from a record route with world Y's id: the positive control.</summary>
public sealed record Control(string Lane, ProbeAnswer Answer, string? Primary, IReadOnlySet<string> Shown);

/// <summary>
/// The shared state of the route matrix, built once per run: the worlds, every route of the app,
/// which are public, which id each record route means (found by the positive control) and what the
/// province admin sees there.
/// </summary>
public sealed partial class ScopeMatrix
{
    /// <summary>Route parameters that do not name a record, and why such routes are not tried with world ids.</summary>
    public static readonly IReadOnlyDictionary<string, string> NonRecordParameters = new Dictionary<string, string>
    {
        ["code"] = "a code (an HTTP status for the error page, an import template), not a record",
        ["template"] = "an import template's code, not a record; templates are offered per role (ImportsTests)",
        ["key"] = "the caller organisation's own id for a record, looked up in that organisation's keys only; the record it reaches is then loaded through the forms' handlers (ExchangeInTests)",
    };

    private static readonly Lazy<Task<ScopeMatrix>> Shared = new(BuildAsync);

    public static Task<ScopeMatrix> GetAsync() => Shared.Value;

    public required IReadOnlyList<ScopeWorld> Worlds { get; init; }
    public ScopeWorld A => Worlds[0];
    public ScopeWorld B => Worlds[1];
    public ScopeWorld C => Worlds[2];
    public required IReadOnlyList<ScopeRoute> Routes { get; init; }

    /// <summary>Routes that answer without sign-in (with what they answered): public by design, checked separately.</summary>
    public required IReadOnlyDictionary<string, int> Anonymous { get; init; }

    /// <summary>Routes not tried with world ids, with the reason.</summary>
    public required IReadOnlyDictionary<string, string> Excluded { get; init; }

    public required IReadOnlyDictionary<(string Route, string World), Control> Controls { get; init; }
    public required IReadOnlyDictionary<string, string> Lanes { get; init; }

    private readonly Dictionary<string, Dictionary<string, bool>> _visibility = [];

    /// <summary>Signed-in routes with at least one record parameter.</summary>
    public IEnumerable<ScopeRoute> RecordRoutes => Routes.Where(r => r.HasParameters && !Anonymous.ContainsKey(r.Key) && !Excluded.ContainsKey(r.Key));

    /// <summary>Signed-in GET routes without parameters: lists, dashboards, forms.</summary>
    public IEnumerable<ScopeRoute> ListRoutes => Routes.Where(r => !r.HasParameters && !r.IsWrite && !Anonymous.ContainsKey(r.Key));

    private static async Task<ScopeMatrix> BuildAsync()
    {
        var worlds = await ScopeWorlds.AllAsync();
        var routes = await RouteCatalogue.ReadAsync();

        var anonymous = new Dictionary<string, int>();
        using (var probe = ScopeProbe.Anonymous())
            foreach (var route in routes.Where(r => r.HasParameters || !r.IsWrite))
                if (await RouteCatalogue.AnonymousAnswerAsync(probe.Client, route) is { } status)
                    anonymous[route.Key] = status;

        var excluded = new Dictionary<string, string>();
        foreach (var route in routes.Where(r => r.HasParameters && !anonymous.ContainsKey(r.Key)))
            foreach (var parameter in route.Parameters.Where(p => !IsRecordParameter(p)))
                excluded[route.Key] = NonRecordParameters.TryGetValue(parameter, out var reason)
                    ? $"{{{parameter}}} is {reason}"
                    : throw new InvalidOperationException($"{route.Key}: parameter {{{parameter}}} is neither a record id (id, *Id), a year, a date nor listed in ScopeMatrix.NonRecordParameters.");

        var matrix = new ScopeMatrix
        {
            Worlds = worlds, Routes = routes, Anonymous = anonymous, Excluded = excluded,
            Controls = new Dictionary<(string, string), Control>(), Lanes = new Dictionary<string, string>(),
        };
        await matrix.RunControlsAsync();
        return matrix;
    }

    /// <summary>A main list: an API collection, or a page that is an area's Index.</summary>
    public static bool IsMainList(ScopeRoute route) =>
        route.IsApi || (route.Handler is null && route.Page?.EndsWith("/Index.cshtml", StringComparison.Ordinal) == true);

    public static bool IsRecordParameter(string name) =>
        name == "id" || name.EndsWith("Id", StringComparison.Ordinal) || name is "year" or "date";

    /// <summary>The URL of a route for a world: the first record parameter gets <paramref name="first"/>, later ones the world's record id.</summary>
    public static string Url(ScopeRoute route, ScopeWorld world, int first, string? query = null)
    {
        var firstSeen = false;
        return route.Url(name =>
        {
            if (name == "year") return ScopeWorld.Year.ToString();
            if (name == "date") return world.Date.ToString("yyyy-MM-dd");
            if (!firstSeen)
            {
                firstSeen = true;
                return first.ToString();
            }
            return world.Id.ToString();
        }, query);
    }

    /// <summary>The URL of a route with ids that exist nowhere (years and dates as the world's).</summary>
    public static string NoneUrl(ScopeRoute route, ScopeWorld world, string? query = null) => route.Url(name =>
        name == "year" ? ScopeWorld.Year.ToString() : name == "date" ? world.Date.ToString("yyyy-MM-dd") : ScopeWorlds.NoSuchId.ToString(), query);

    /// <summary>The record a route is about in world Y, per the control of the route or of its GET twin.</summary>
    public string? Subject(ScopeRoute route, ScopeWorld world)
    {
        if (Controls.TryGetValue((route.Key, world.Name), out var control)) return control.Primary;
        if (Twin(route) is { } twin && Controls.TryGetValue((twin.Key, world.Name), out var twinControl)) return twinControl.Primary;
        // No GET twin (a state change only): the entity its path names ("/job-applications/{id}/status" → JobApplication).
        var segment = route.Template.Split('/').TakeWhile(s => !s.StartsWith('{')).LastOrDefault() ?? "";
        var name = string.Concat(segment.Split('-').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
        var singular = name.EndsWith("ies", StringComparison.Ordinal) ? name[..^3] + "y" : name.TrimEnd('s');
        return ScopeWorlds.Entities.Select(e => e.DisplayName()).FirstOrDefault(e => e == singular || e == name);
    }

    /// <summary>A route's GET twin: the page's own GET, or the API GET route whose template starts the route's.</summary>
    public ScopeRoute? Twin(ScopeRoute route) =>
        RecordRoutes.Where(r => !r.IsWrite && r.IsApi == route.IsApi && r.QueryIds.Count == 0 && r.Handler is null
                                && (route.IsApi ? route.Template.StartsWith(r.Template, StringComparison.Ordinal) : route.Template == r.Template))
            .OrderByDescending(r => r.Template.Length).FirstOrDefault();

    public int LaneValue(ScopeRoute route, ScopeWorld world)
    {
        var lane = Lanes.GetValueOrDefault(route.Key) ?? SiblingLane(route) ?? "record";
        return world.Lanes().First(l => l.Lane == lane).Value;
    }

    /// <summary>A write uses the id its GET twin means.</summary>
    private string? SiblingLane(ScopeRoute route) => Twin(route) is { } twin ? Lanes.GetValueOrDefault(twin.Key) : null;

    /// <summary>
    /// Positive control: each world's province admin GETs every record route with the world's id.
    /// The first id kind that answers 200 (the record id, else one of the world's organisations or
    /// users) is what the route's first parameter means; the admin's answer tells which records the
    /// route shows (<see cref="Control.Shown"/>) and which one it is about (<see cref="Control.Primary"/>).
    /// </summary>
    private async Task RunControlsAsync()
    {
        var controls = (Dictionary<(string, string), Control>)Controls;
        var lanes = (Dictionary<string, string>)Lanes;
        foreach (var world in Worlds)
        {
            using var admin = await ScopeProbe.SignInAsync(world.Actors[Roles.ProvinceAdmin]);
            foreach (var route in RecordRoutes.Where(r => !r.IsWrite))
            {
                Control? found = null;
                var candidates = lanes.TryGetValue(route.Key, out var known) ? world.Lanes().Where(l => l.Lane == known) : world.Lanes();
                foreach (var (lane, value) in candidates)
                {
                    var answer = await admin.GetAsync(Url(route, world, value));
                    var control = new Control(lane, answer, Primary(answer.Text, world), Shown(answer.Text, world));
                    found ??= control;
                    if (answer.Status == 200)
                    {
                        found = control;
                        break;
                    }
                }
                controls[(route.Key, world.Name)] = found!;
                if (found!.Answer.Status == 200) lanes.TryAdd(route.Key, found.Lane);
            }
        }
    }

    // ------------------------------------------------------------------ markers

    /// <summary>A marker as a word of its own (not a run of letters inside a token or a hash).</summary>
    [GeneratedRegex("(?<![A-Za-z0-9+/_-])z[qx]([abc])[a-z]{2,3}(?![A-Za-z0-9+/_-])", RegexOptions.IgnoreCase)]
    private static partial Regex MarkerPattern();

    /// <summary>Whether the text shows anything of the world: a record, or one of its organisations or users.</summary>
    public bool ShowsWorld(string text, ScopeWorld world) =>
        MarkerPattern().Matches(text).Any(m => char.ToLowerInvariant(m.Groups[1].Value[0]) == world.Letter);

    /// <summary>Every generated record the text shows, in order of appearance.</summary>
    public IEnumerable<WorldRecord> Markers(string text)
    {
        foreach (Match match in MarkerPattern().Matches(text))
            if (ScopeWorlds.Records.TryGetValue(match.Value.ToLowerInvariant(), out var record))
                yield return record;
    }

    /// <summary>The world's own records the text shows (not guests), by entity.</summary>
    private IEnumerable<string> Own(string text, ScopeWorld world) =>
        Markers(text).Where(r => r.Owner == world && r.Via is null).Select(r => r.Entity);

    private IReadOnlySet<string> Shown(string text, ScopeWorld world) => Own(text, world).ToHashSet();

    /// <summary>
    /// The record the route is about: on a page the one its heading names, else the one its form's
    /// fields hold, else the first shown after the menu; in JSON the first one shown.
    /// </summary>
    private string? Primary(string text, ScopeWorld world)
    {
        string? First(IEnumerable<string> parts) => parts.SelectMany(p => Own(p, world)).FirstOrDefault();
        var main = text.IndexOf("<main", StringComparison.Ordinal);
        if (main < 0) return First([text]);
        var page = text[main..];
        return First(Heading().Matches(page).Select(m => m.Value))
               ?? First(FormValue().Matches(page).Select(m => m.Value))
               ?? First([page]);
    }

    [GeneratedRegex("<h1\\b.*?</h1>", RegexOptions.Singleline)]
    private static partial Regex Heading();

    [GeneratedRegex("<input\\b[^>]*\\svalue=\"[^\"]*\"[^>]*>|<textarea\\b.*?</textarea>", RegexOptions.Singleline)]
    private static partial Regex FormValue();

    /// <summary>
    /// Which generated records an actor of world A may read (marker → visible): the approved table
    /// (<see cref="ScopeSpecTests.Reach"/>), so that a filter weakened by mistake shows up on the
    /// routes as well; the live EF filters for records without a row.
    /// </summary>
    public async Task<Dictionary<string, bool>> VisibilityAsync(ScopeActor actor)
    {
        var visible = new Dictionary<string, bool>(await LiveVisibilityAsync(actor));
        foreach (var record in ScopeWorlds.Records.Values)
            if (ScopeSpecTests.Approved(record, actor.Role) is { } approved)
                visible[record.Marker] = approved;
        return visible;
    }

    /// <summary>Which generated records the actor may read, per the EF filters themselves.</summary>
    public Task<Dictionary<string, bool>> LiveVisibilityAsync(ScopeActor actor) => VisibilityAsync(actor.UserName, actor.Scope);

    public async Task<Dictionary<string, bool>> VisibilityAsync(string name, DataScope scope)
    {
        if (_visibility.TryGetValue(name, out var known)) return known;
        return _visibility[name] = await ScopeWorlds.VisibilityAsync(scope);
    }

    /// <summary>The records the answer shows that <paramref name="visible"/> says the caller may not read.</summary>
    public List<string> Leaks(ProbeAnswer answer, Dictionary<string, bool> visible) =>
        Markers(answer.Text).Where(r => !visible[r.Marker]).Select(r => r.ToString()).Distinct().ToList();

    /// <summary>Whether the actor may read world Y's own record of the entity.</summary>
    public static bool Sees(Dictionary<string, bool> visible, ScopeWorld world, string entity) =>
        visible[world.Marker(ScopeWorlds.IndexOf(entity))];

    /// <summary>Changes the audit trail holds by this user (creates, updates, deletes).</summary>
    public static Task<int> ChangesByAsync(ScopeActor actor) =>
        TestData.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .CountAsync(a => a.UserId == actor.UserId && (a.Action == AuditAction.Create || a.Action == AuditAction.Update || a.Action == AuditAction.Delete)));

    /// <summary>The worlds an actor of world A must not reach: B (another commune) and C (another province); province-wide roles only C.</summary>
    public IReadOnlyList<ScopeWorld> Targets(ScopeActor actor) => actor.IsProvinceWide ? [C] : [B, C];

}
