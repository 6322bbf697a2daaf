using DaoTaoNghe.BrowserTests.Support;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>
/// Office PCs: every page of the commune officer's, the institution's and the province admin's menus, and every form those
/// pages link to (new, edit, quick entry), fits 1024×768 and 1366×768 without scrolling sideways —
/// neither the page nor a table inside a form — and no page logs a console error (a style or script the
/// strict CSP refused shows there).
/// </summary>
[Collection(DemoSiteCollection.Name)]
public class ScreenWidthTests(DemoSite site)
{
    public static TheoryData<string, int> RolesAndWidths => new()
    {
        { "xa.binhlu", 1024 }, { "xa.binhlu", 1366 }, { "truong.cdlc", 1024 }, { "truong.cdlc", 1366 }, { "sogddt", 1024 },
    };

    [Theory]
    [MemberData(nameof(RolesAndWidths))]
    public async Task Menu_pages_and_their_forms_need_no_sideways_scrolling_and_log_no_console_error(string user, int width)
    {
        var page = await site.SignInAsync(user, new ViewportSize { Width = width, Height = 768 });
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add($"{page.Url}: {message.Text}"); };

        var menu = (await page.Locator("nav.sidenav a[href^='/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
            .Where(href => !href.StartsWith("/Account/Logout", StringComparison.Ordinal)).Distinct().ToList();
        menu.Count.ShouldBeGreaterThan(10);
        var forms = new HashSet<string>();
        foreach (var href in menu)
        {
            await page.GotoAsync(href);
            foreach (var form in await page.Locator("main a[href*='/Create'], main a[href*='/Entry'], main a[href*='/Edit']")
                         .EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))"))
                forms.Add(form);
            problems.AddRange(await OverflowsAsync(page, href));
        }
        foreach (var href in forms.Except(menu))
        {
            await page.GotoAsync(href);
            problems.AddRange(await OverflowsAsync(page, href));
        }

        forms.ShouldNotBeEmpty();
        problems.ShouldBeEmpty();
    }

    private static async Task<IEnumerable<string>> OverflowsAsync(IPage page, string href)
    {
        var wide = await page.EvaluateAsync<string[]>("""
            () => [document.documentElement, ...document.querySelectorAll('main form .table-wrap')]
                .filter(e => e.scrollWidth > e.clientWidth + 1)
                .map(e => `${e === document.documentElement ? 'trang' : 'bảng trong biểu mẫu'} rộng ${e.scrollWidth}px trong ${e.clientWidth}px`)
            """);
        return wide.Select(w => $"{href}: {w}");
    }
}
