using Microsoft.AspNetCore.WebUtilities;

namespace DaoTaoNghe.Infrastructure.Web;

/// <summary>What the pager partial needs: where we are, and the current query string to keep filters while paging.</summary>
public sealed record PagerModel(int PageNumber, int TotalPages, int TotalCount, string Path, IQueryCollection Query)
{
    public static PagerModel For<T>(PagedList<T> list, HttpRequest request) =>
        new(list.PageNumber, list.TotalPages, list.TotalCount, request.Path, request.Query);

    public string UrlFor(int page)
    {
        var values = Query.Where(q => !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("page", page.ToString()));
        return QueryHelpers.AddQueryString(Path, values);
    }

    /// <summary>The same list as .xlsx: the current filters, no paging.</summary>
    public static string ExportUrl(HttpRequest request)
    {
        var values = request.Query.Where(q => !string.Equals(q.Key, "page", StringComparison.OrdinalIgnoreCase) && !string.Equals(q.Key, "pageSize", StringComparison.OrdinalIgnoreCase) && q.Key != "handler")
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("handler", "Export"));
        return QueryHelpers.AddQueryString(request.Path, values);
    }
}
