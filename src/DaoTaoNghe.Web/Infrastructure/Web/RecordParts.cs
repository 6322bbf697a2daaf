namespace DaoTaoNghe.Infrastructure.Web;

/// <summary>
/// A section another area adds to a record's page – a learner's courses on the learner's page, an
/// institution's programmes on the institution's page – so that the page's own area need not know
/// the area that adds it. Implementations are found at start-up; <typeparamref name="TRecord"/> is
/// the page's entity type, and the section renders with a partial view of the contributing area.
/// </summary>
public interface IRecordPart<TRecord>
{
    /// <summary>Where the section goes among the others, lower first.</summary>
    int Order { get; }

    /// <summary>The section for the record, or null when there is nothing the caller may see.</summary>
    Task<RecordPartView?> LoadAsync(int recordId, CancellationToken cancellationToken);
}

/// <param name="Partial">The contributing area's partial view, e.g. <c>/Features/Courses/_LearnerCourses.cshtml</c>.</param>
public sealed record RecordPartView(string Partial, object Model);

public static class RecordParts
{
    public static async Task<IReadOnlyList<RecordPartView>> LoadAsync<TRecord>(
        this IEnumerable<IRecordPart<TRecord>> parts, int recordId, CancellationToken cancellationToken)
    {
        var views = new List<RecordPartView>();
        foreach (var part in parts.OrderBy(p => p.Order))
            if (await part.LoadAsync(recordId, cancellationToken) is { } view)
                views.Add(view);
        return views;
    }
}
