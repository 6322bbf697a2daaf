using System.Net;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Tests.Support;
using Microsoft.Extensions.Logging;

namespace DaoTaoNghe.Tests.Infrastructure;

/// <summary>
/// A refusal is an answer: one information line naming the request, never an error with a stack trace. And an
/// operator's log warns of nothing the app does on purpose, so a warning there is worth reading.
/// </summary>
public class ErrorLoggingTests
{
    [Fact]
    public async Task A_page_or_API_404_and_403_are_logged_as_information_without_a_stack_trace()
    {
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(officer);
        var missing = 900_000_000 + Random.Shared.Next(1_000_000);

        var page = await browser.GetAsync($"/Imports/Job/{missing}");
        var api = await browser.GetAsync($"/api/v1/imports/jobs/{missing}");
        var forbidden = await browser.GetAsync("/api/v1/imports/co-quan-don-vi/template");

        page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        TestLog.Entries.ShouldContain(e => e.Level == LogLevel.Information && e.Message.Contains("/api/v1/imports/co-quan-don-vi/template refused with 403"));
        var lines = TestLog.Entries.Where(e => e.Message.Contains(missing.ToString(), StringComparison.Ordinal)).ToList();
        lines.Count.ShouldBe(2);
        lines.ShouldAllBe(e => e.Level == LogLevel.Information && e.Exception == null && e.Message.Contains("refused with 404"));
        TestLog.Entries.ShouldNotContain(e => e.Level >= LogLevel.Error && (e.Exception is NotFoundException || e.Exception is ForbiddenException));
    }

    /// <summary>
    /// Migrating the suite's new database at start-up, a page with a form (antiforgery sets its own no-cache headers) and
    /// a name search with its capped count warn of nothing; over everything logged since start-up, in these categories.
    /// </summary>
    [Fact]
    public async Task Start_up_a_form_page_and_a_name_search_log_no_warning()
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var browser = await TestBrowser.SignedInAsync(admin);

        (await browser.GetAsync("/Learners?q=vi+van")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/Learners/Create")).StatusCode.ShouldBe(HttpStatusCode.OK);

        TestLog.Entries.Where(e => e.Level >= LogLevel.Warning && !e.Category.StartsWith("DaoTaoNghe", StringComparison.Ordinal)
                && !e.Category.StartsWith("Microsoft.AspNetCore.Diagnostics", StringComparison.Ordinal))
            .Select(e => $"{e.Category}: {e.Message}").ShouldBeEmpty();
    }
}
