using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using DaoTaoNghe.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Web;

/// <summary>
/// One page of a list, as pages show it and the API returns it: <c>items</c>, <c>page</c>, <c>pageSize</c>,
/// <c>total</c> (rows of the whole filter) and <c>totalPages</c>. A list that may hold millions of rows counts only up to a
/// cap (<see cref="TotalCapped"/>: "hơn 1.000 kết quả") and gives the key of its next page (<see cref="Next"/>).
/// </summary>
public sealed record PagedList<T>(
    IReadOnlyList<T> Items,
    [property: JsonPropertyName("page")] int PageNumber,
    int PageSize,
    [property: JsonPropertyName("total")] int TotalCount)
{
    public const int DefaultSize = 25;
    public int TotalPages => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);

    /// <summary>The filter matched more rows than <c>total</c>, which is then the cap the list counted up to.</summary>
    public bool TotalCapped { get; init; }

    /// <summary>For a list paged by key: the value of its <c>sau</c> parameter that gives the page after this one (null on the last page).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Next { get; init; }

    [JsonIgnore] public bool HasPrevious => PageNumber > 1;
    [JsonIgnore] public bool HasNext => Next is not null || PageNumber < TotalPages;
}

/// <summary>
/// The one paging convention of every list, page and API alike: <c>?page=</c> (from 1) and <c>?pageSize=</c>
/// (at most <see cref="MaxSize"/>; the list's own default when empty), beside the list's filters.
/// </summary>
public abstract class PagedQuery
{
    public const int MaxSize = 200;

    [FromQuery(Name = "page")]
    [Display(Name = "Trang")]
    public int? Page { get; set; }

    [FromQuery(Name = "pageSize")]
    [Display(Name = "Số dòng mỗi trang")]
    public int? PageSize { get; set; }
}

public static class PagingExtensions
{
    public static async Task<PagedList<T>> ToPagedListAsync<T>(this IQueryable<T> query, int? page, int size = PagedList<T>.DefaultSize, CancellationToken cancellationToken = default)
    {
        size = Math.Clamp(size, 1, PagedQuery.MaxSize);
        var number = Math.Max(1, page ?? 1);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedList<T>(items, number, size, total);
    }

    /// <summary>The page a list query asks for, of at most 200 rows: a page size past that, or a page before the first, is refused (400).</summary>
    public static Task<PagedList<T>> ToPagedListAsync<T>(this IQueryable<T> query, PagedQuery paging, int size = PagedList<T>.DefaultSize,
        CancellationToken cancellationToken = default) =>
        query.ToPagedListAsync(paging.Page, Size(paging, size), cancellationToken);

    /// <summary>A list already in memory (a catalogue joined in code), paged by the same rules.</summary>
    public static PagedList<T> ToPagedList<T>(this IReadOnlyList<T> rows, PagedQuery paging, int size = PagedList<T>.DefaultSize)
    {
        size = Size(paging, size);
        var number = paging.Page ?? 1;
        return new PagedList<T>(rows.Skip((number - 1) * size).Take(size).ToList(), number, size, rows.Count);
    }

    /// <summary>The rows per page the query asks for, or the list's own default; checks the page number too.</summary>
    public static int Size(PagedQuery paging, int size)
    {
        var errors = new List<FieldError>();
        if (paging.Page is < 1) errors.Add(new("page", "Trang phải từ 1 trở lên."));
        if (paging.PageSize is < 1 or > PagedQuery.MaxSize)
            errors.Add(new("pageSize", $"Số dòng mỗi trang phải từ 1 đến {PagedQuery.MaxSize}."));
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return paging.PageSize ?? size;
    }
}
