using Microsoft.AspNetCore.WebUtilities;

namespace DaoTaoNghe.Infrastructure.Web;

/// <summary>What the pager partial needs: where we are, and the current query string to keep filters while paging.</summary>
public sealed record PagerModel(int PageNumber, int TotalPages, int TotalCount, string Path, IQueryCollection Query, bool TotalCapped = false, int? Next = null)
{
    public static PagerModel For<T>(PagedList<T> list, HttpRequest request) =>
        new(list.PageNumber, list.TotalPages, list.TotalCount, request.Path, request.Query, list.TotalCapped, list.Next);

    /// <summary>Whether a page follows: by key when the list gives one, else by number.</summary>
    public bool HasNext => Next is not null || (!TotalCapped && PageNumber < TotalPages);

    /// <summary>The next page: after the last row's key when the list pages by key (it stays fast and stable however deep), else by number.</summary>
    public string NextUrl => UrlFor(PageNumber + 1, Next);

    /// <summary>A page by number; <paramref name="after"/> (the <c>sau</c> key) starts it after that row instead of counting rows off.</summary>
    public string UrlFor(int page, int? after = null)
    {
        var values = Query.Where(q => !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, "sau", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("page", page.ToString()));
        if (after is { } key) values = values.Append(new KeyValuePair<string, string?>("sau", key.ToString()));
        return QueryHelpers.AddQueryString(Path, values);
    }

    /// <summary>The same list as .xlsx: the current filters, no paging.</summary>
    public static string ExportUrl(HttpRequest request)
    {
        var values = request.Query.Where(q => !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, "pageSize", StringComparison.OrdinalIgnoreCase)
                && !string.Equals(q.Key, "sau", StringComparison.OrdinalIgnoreCase) && q.Key != "handler")
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("handler", "Export"));
        return QueryHelpers.AddQueryString(request.Path, values);
    }
}
