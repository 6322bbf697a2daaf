using System.Text.Json;
using DaoTaoNghe.BrowserTests.Support;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>
/// axe-core (vendored, WCAG 2.1 A and AA rules) on the key pages of each role, as they show the demo:
/// no critical or serious violation. axe runs through the browser's debugging channel, which the
/// page's strict CSP does not govern, so the page is checked exactly as it is served; a console error
/// (what the CSP refused) fails the page too.
/// </summary>
[Collection(DemoSiteCollection.Name)]
public class AccessibilityTests(DemoSite site)
{
    private static readonly string Axe = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Support", "axe", "axe.min.js"));

    public static TheoryData<string?, string[]> KeyPages => new()
    {
        { null, ["/Account/Login", "/viec-lam", "/xac-minh"] },
        { "xa.binhlu", ["/", "/Indicators", "/Learners", "/Learners/Create", "/FollowUps", "/FollowUps/Entry", "/Outreach/Create", "/Reports"] },
        { "truong.cdlc", ["/", "/Courses", "/Courses/Create", "/Certificates"] },
        { "sogddt", ["/", "/Indicators", "/Orders", "/Map", "/Indicators/Targets"] },
    };

    [Theory]
    [MemberData(nameof(KeyPages))]
    public async Task Key_pages_have_no_critical_or_serious_accessibility_violation(string? user, string[] pages)
    {
        var page = user is null ? await site.NewPageAsync() : await site.SignInAsync(user);

        (await ProblemsAsync(page, pages)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_newer_pages_and_every_roles_home_page_have_no_serious_violation_and_log_no_console_error()
    {
        var (course, _) = await site.CompletedCourseAsync("Trường Cao đẳng Lai Châu", "Xã Tân Uyên", site.Today.AddDays(-10), 3);
        (string User, string[] Pages)[] roles =
        [
            ("truong.cdlc", ["/Notifications", "/Notifications/Settings", $"/Courses/PaymentList/{course.Id}"]),
            ("sogddt", ["/Indicators/Rebuild", "/Notifications"]),
            ("sonnmt", ["/"]), ("dn.chetanuyen", ["/", "/Notifications"]), ("vieclam", ["/"]), ("nhcsxh", ["/"]), ("thanhtra", ["/"]),
        ];
        var problems = new List<string>();
        foreach (var (user, pages) in roles)
            problems.AddRange((await ProblemsAsync(await site.SignInAsync(user), pages)).Select(p => $"{user} {p}"));

        problems.ShouldBeEmpty();
    }

    /// <summary>axe's critical and serious violations on each page, and every console error (a style or script the strict CSP refused shows there).</summary>
    private static async Task<List<string>> ProblemsAsync(IPage page, string[] pages)
    {
        var problems = new List<string>();
        var href = "";
        page.Console += (_, message) => { if (message.Type == "error") problems.Add($"{href}: console: {message.Text}"); };
        foreach (var next in pages)
        {
            href = next;
            await page.GotoAsync(href);
            await page.EvaluateAsync(Axe);
            var found = await page.EvaluateAsync<JsonElement>("""
                async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
                    .violations.filter(v => v.impact === 'critical' || v.impact === 'serious')
                    .map(v => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes[0].target.join(' ')} – ${v.help}`)
                """);
            problems.AddRange(found.EnumerateArray().Select(v => $"{href}: {v.GetString()}"));
        }
        return problems;
    }
}
