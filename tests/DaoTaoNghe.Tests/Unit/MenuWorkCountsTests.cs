using DaoTaoNghe.Infrastructure.Web;
using DaoTaoNghe.Tests.Support;

namespace DaoTaoNghe.Tests.Unit;

/// <summary>The menu's counts of waiting work: held a minute per person, dropped by the person's own change.</summary>
public class MenuWorkCountsTests
{
    private sealed class CountingSource : IWorkSource
    {
        public int Waiting { get; set; }
        public int Loads { get; private set; }

        public Task<IReadOnlyList<WorkItem>> LoadAsync(CancellationToken cancellationToken)
        {
            Loads++;
            return Task.FromResult<IReadOnlyList<WorkItem>>([new WorkItem("Khoản vay đã duyệt, chưa ghi giải ngân", Waiting, "/Jobs/Loans")]);
        }
    }

    [Fact]
    public async Task Counts_are_held_for_a_minute_per_person_and_counted_again_after_their_own_change_or_a_minute()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(7)));
        var counts = new MenuWorkCounts(clock);
        var source = new CountingSource { Waiting = 2 };

        (await counts.ForAsync("nhcsxh", [source], CancellationToken.None)).Single().Count.ShouldBe(2);
        source.Waiting = 1;
        (await counts.ForAsync("nhcsxh", [source], CancellationToken.None)).Single().Count.ShouldBe(2, "held within the minute");
        (await counts.ForAsync("vieclam", [source], CancellationToken.None)).Single().Count.ShouldBe(1, "another person counts for themselves");

        counts.Forget("nhcsxh");
        (await counts.ForAsync("nhcsxh", [source], CancellationToken.None)).Single().Count.ShouldBe(1, "their own change shows at once");

        source.Waiting = 0;
        using (clock.At(new DateTimeOffset(2026, 11, 23, 9, 1, 30, TimeSpan.FromHours(7))))
            (await counts.ForAsync("nhcsxh", [source], CancellationToken.None)).ShouldBeEmpty("after a minute, counted again; nothing waiting, no item");
        source.Loads.ShouldBe(4);
    }
}
