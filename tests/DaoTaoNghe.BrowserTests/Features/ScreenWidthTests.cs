using DaoTaoNghe.BrowserTests.Support;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>
/// Office PCs: every page of the commune officer's, the institution's and the province admin's menus, and every form those
/// pages link to (new, edit, quick entry), fits 1024×768 and 1366×768 without scrolling sideways —
/// neither the page nor a table inside a form — and no page logs a console error (a style or script the
/// strict CSP refused shows there). A running course's attendance register, wider than any screen,
/// scrolls inside its own box with the names kept in view.
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

    [Fact]
    public async Task The_attendance_register_of_a_running_course_scrolls_inside_its_box_at_1024_px_with_the_names_kept_in_view()
    {
        var course = await site.RunningDailyCourseAsync("Trường Cao đẳng Lai Châu", "Xã Tân Uyên", 6, 40);
        var page = await site.SignInAsync("truong.cdlc", new ViewportSize { Width = 1024, Height = 768 });
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        await page.GotoAsync($"/Courses/Attendance/{course.Id}");
        await Assertions.Expect(page.Locator("table.register tbody tr")).ToHaveCountAsync(6);

        // Scrolled to its last day, the register still shows the names at its left edge.
        var measured = await page.EvaluateAsync<double[]>("""
            () => {
                const wrap = document.querySelector('table.register').closest('.table-wrap');
                wrap.scrollLeft = wrap.scrollWidth;
                const name = document.querySelector('table.register tbody th[scope=row]').getBoundingClientRect();
                const days = [...document.querySelectorAll('table.register thead th a')];
                return [
                    document.documentElement.scrollWidth - document.documentElement.clientWidth,
                    wrap.scrollWidth - wrap.clientWidth,
                    wrap.scrollLeft,
                    name.width,
                    name.left - wrap.getBoundingClientRect().left,
                    days.length,
                    Math.min(...days.map(a => a.getBoundingClientRect().width - a.scrollWidth)),
                    Math.max(...days.map(a => a.getBoundingClientRect().height)),
                ];
            }
            """);
        var (pageOverflow, boxOverflow, scrolled, nameWidth, nameLeft, dayCount, dayRoom, dayHeight) =
            (measured[0], measured[1], measured[2], measured[3], measured[4], measured[5], measured[6], measured[7]);

        pageOverflow.ShouldBeLessThanOrEqualTo(1, "the page scrolls sideways");
        boxOverflow.ShouldBeGreaterThan(0, "40 days fit without scrolling: the test shows nothing");
        scrolled.ShouldBeGreaterThan(0);
        nameWidth.ShouldBeGreaterThanOrEqualTo(140);
        Math.Abs(nameLeft).ShouldBeLessThanOrEqualTo(1, "the names scrolled out of view");
        dayCount.ShouldBe(40);
        dayRoom.ShouldBeGreaterThanOrEqualTo(0, "a day header is cut");
        dayHeight.ShouldBeLessThan(30, "a day header wraps onto two lines");
        errors.ShouldBeEmpty();
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
