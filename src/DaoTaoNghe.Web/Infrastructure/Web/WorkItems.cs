using System.Collections.Concurrent;

namespace DaoTaoNghe.Infrastructure.Web;

/// <summary>
/// Work waiting for the signed-in person, contributed by the area that keeps the records (follow-ups
/// due by the follow-up area, reports returned by the reports area) so the home page need not know
/// them. A source counts within the caller's scope and gives nothing to a role whose work it is not.
/// </summary>
public interface IWorkSource
{
    Task<IReadOnlyList<WorkItem>> LoadAsync(CancellationToken cancellationToken);
}

/// <param name="Title">What is to be done, e.g. "Theo dõi việc làm đã quá hạn".</param>
/// <param name="Count">How many records wait; the link lists exactly these.</param>
/// <param name="Url">The list where each waiting record is one click from its action.</param>
/// <param name="Overdue">Past its date or sent back: listed first and marked.</param>
public sealed record WorkItem(string Title, int Count, string Url, bool Overdue = false);

public static class WorkItems
{
    /// <summary>What waits now, overdue first; an item with nothing waiting is left out, so done work disappears.</summary>
    public static async Task<IReadOnlyList<WorkItem>> LoadAsync(this IEnumerable<IWorkSource> sources, CancellationToken cancellationToken)
    {
        var items = new List<WorkItem>();
        foreach (var source in sources)
            items.AddRange(await source.LoadAsync(cancellationToken));
        return items.Where(i => i.Count > 0).OrderByDescending(i => i.Overdue).ToList();
    }
}

/// <summary>
/// The counts of waiting work beside the menu entries, kept per person for at most
/// <see cref="Freshness"/>: the menu is on every page, and counting every kind of waiting work on each
/// page costs a dozen queries whose cost grows with the records. The home page always counts afresh,
/// and a person's own change (any request that is not a read) drops their counts, so what they just
/// did shows at once; what others did shows within a minute.
/// </summary>
public sealed class MenuWorkCounts(TimeProvider clock)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (DateTimeOffset CountedAt, IReadOnlyList<WorkItem> Items)> _byUser = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<WorkItem>> ForAsync(string userName, IEnumerable<IWorkSource> sources, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_byUser.TryGetValue(userName, out var held) && now >= held.CountedAt && now - held.CountedAt < Freshness) return held.Items;
        var items = await sources.LoadAsync(cancellationToken);
        _byUser[userName] = (now, items);
        return items;
    }

    public void Forget(string userName) => _byUser.TryRemove(userName, out _);
}

public static class MenuWorkCountsMiddleware
{
    /// <summary>After a request that may change records, the caller's menu counts are counted again on their next page.</summary>
    public static IApplicationBuilder UseFreshMenuCountsAfterChanges(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                && context.User.Identity is { IsAuthenticated: true, Name: { } name })
                context.RequestServices.GetRequiredService<MenuWorkCounts>().Forget(name);
        });
}
