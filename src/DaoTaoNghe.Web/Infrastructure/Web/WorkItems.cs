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
