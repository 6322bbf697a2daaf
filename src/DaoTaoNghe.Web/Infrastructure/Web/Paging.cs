using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Web;

public sealed record PagedList<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int TotalCount)
{
    public const int DefaultSize = 25;
    public int TotalPages => Math.Max(1, (TotalCount + PageSize - 1) / PageSize);
    public bool HasPrevious => PageNumber > 1;
    public bool HasNext => PageNumber < TotalPages;
}

public static class PagingExtensions
{
    public static async Task<PagedList<T>> ToPagedListAsync<T>(this IQueryable<T> query, int? page, int size = PagedList<T>.DefaultSize, CancellationToken cancellationToken = default)
    {
        size = Math.Clamp(size, 1, 200);
        var number = Math.Max(1, page ?? 1);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new PagedList<T>(items, number, size, total);
    }
}
