using System.Text.Json;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static DaoTaoNghe.Tests.Features.Learners.LearnerTestData;

namespace DaoTaoNghe.Tests.Features.Indicators;

/// <summary>
/// A dashboard reading maintained values that have not caught up says so, with how many changes wait and since when
/// its numbers are current, instead of showing stale numbers silently. On a database of its own with no worker, so
/// that the changes waiting are exactly the test's and nothing applies them until the test does what the worker does.
/// </summary>
public class ValuesLagTests
{
    [Fact]
    public async Task The_dashboard_says_how_many_changes_wait_while_its_numbers_are_behind_and_nothing_once_caught_up()
    {
        var database = TestDatabase.NewConnectionString("lag");
        var clock = new TestClock();
        try
        {
            using var app = TestApp.Instance.WithWebHostBuilder(builder =>
            {
                builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["ConnectionStrings:Default"] = database,
                    // Two changes are all a page applies before reading: three learners are more than it takes.
                    ["Indicators:CatchUpLimit"] = "2",
                }));
                builder.ConfigureTestServices(services =>
                {
                    services.Remove(services.Single(s => s.ServiceType == typeof(IHostedService) && s.ImplementationType == typeof(MaintainedValuesWorker)));
                    TestApp.UseClock(services, clock);
                });
            });
            using var admin = await TestBrowser.SignedInAsync(app, TestApp.AdminUserName, TestApp.Password);
            var commune = await CommuneAsync(app);
            var runner = app.Services.GetRequiredService<MaintainedValuesRunner>();
            await runner.RebuildAsync("thử");
            var year = clock.Year;
            var dashboard = $"/Indicators?nam={year}";
            var values = $"/api/v1/indicators/values?indicator=learners.registered&period={year}";

            (await admin.GetHtmlAsync(dashboard)).ShouldNotContain("id=\"values-lag\"", customMessage: "nothing waits: no note");
            var before = await ValuesAsync(admin, values);
            before.GetProperty("lag").ValueKind.ShouldBe(JsonValueKind.Null);
            var counted = Registered(before);

            for (var i = 0; i < 3; i++) await CreateAsync(admin, Form(commune, Name()));
            var waiting = await WithDbAsync(app, db => db.IndicatorMarks.CountAsync());
            waiting.ShouldBeGreaterThan(2);
            var currentAt = await WithDbAsync(app, db => db.IndicatorCellsStates.Where(s => s.Id == 1).Select(s => s.CurrentAt).SingleAsync());
            var since = VietnamTime.ToLocal(currentAt!.Value).ToString("HH:mm");

            var note = $"Số liệu đang được cập nhật: những thay đổi gần đây chưa được tính hết (số liệu tính đến {since}).";
            TestBrowser.HtmlText(await admin.GetHtmlAsync(dashboard)).ShouldContain(note);
            var behind = await ValuesAsync(admin, values);
            Registered(behind).ShouldBe(counted, "the numbers shown are the values as they were");
            behind.GetProperty("lag").GetProperty("waiting").GetInt32().ShouldBe(waiting);
            behind.GetProperty("lag").GetProperty("message").GetString()!.ShouldStartWith(note);

            // A rebuild running (its progress in the state row, as another instance's or the command line's shows it): the page does not wait for it.
            await WithDbAsync(app, db => db.IndicatorCellsStates.Where(s => s.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(x => x.Progress, "3/40: learners.registered năm 2026")));
            TestBrowser.HtmlText(await admin.GetHtmlAsync(dashboard))
                .ShouldContain($"Số liệu đang được tính lại từ hồ sơ: những thay đổi gần đây chưa được tính hết (số liệu tính đến {since}).");
            await WithDbAsync(app, db => db.IndicatorCellsStates.Where(s => s.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(x => x.Progress, (string?)null)));

            // What the worker does on its next pass.
            (await runner.DrainAsync(Timeout.InfiniteTimeSpan)).ShouldBeTrue();
            var html = await admin.GetHtmlAsync(dashboard);
            html.ShouldNotContain("id=\"values-lag\"");
            TestBrowser.HtmlText(html).ShouldContain("bản ghi vừa lưu đã được tính");
            var after = await ValuesAsync(admin, values);
            after.GetProperty("lag").ValueKind.ShouldBe(JsonValueKind.Null);
            Registered(after).ShouldBe(counted + 3);
        }
        finally
        {
            TestDatabase.Drop(database);
        }
    }

    private static async Task<JsonElement> ValuesAsync(TestBrowser browser, string url) =>
        JsonDocument.Parse(await browser.Http.GetStringAsync(url)).RootElement.Clone();

    private static double Registered(JsonElement values) =>
        values.GetProperty("indicators")[0].GetProperty("value") is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : 0;

    private static async Task<int> CommuneAsync(WebApplicationFactory<Program> app) =>
        await WithDbAsync(app, db => UnitDirectory.Units(db).Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.Province!.Code == "12")
            .OrderBy(u => u.Code).Select(u => u.Id).FirstAsync());

    private static async Task<T> WithDbAsync<T>(WebApplicationFactory<Program> app, Func<AppDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
