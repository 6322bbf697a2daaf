using DaoTaoNghe.Infrastructure;
using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Exchange;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.ExchangeIn;

/// <summary>
/// The change feed a national system or an institution's software follows: every insert, update and
/// delete of learners, courses and enrolments (results are updates of enrolments) in the caller's scope,
/// in commit order, from a cursor the caller keeps.
/// </summary>
public sealed class ChangesApi : IEndpoints
{
    /// <summary>The national tier's cases of one CCCD registered in several provinces (docs/federation.md).</summary>
    public const string SharedPersons = "shared-persons";

    public static readonly IReadOnlyList<string> Types = ["learners", "courses", "enrolments", SharedPersons];

    public sealed class Query
    {
        [FromQuery(Name = "since")]
        [Display(Name = "Vị trí đọc (cursor lần trước)")]
        public string? Since { get; set; }

        [FromQuery(Name = "type")]
        [Display(Name = "Loại hồ sơ (learners, courses, enrolments, shared-persons)")]
        public string? Type { get; set; }

        [FromQuery(Name = "pageSize")]
        [Display(Name = "Số thay đổi mỗi lần đọc")]
        public int? PageSize { get; set; }
    }

    /// <summary>One change: the record (our id, and the caller organisation's own key for it when it has one), what happened, when, and the cursor after it.</summary>
    public sealed record Change(string Type, int Id, string? ExternalId, ChangeOperation Operation, DateTime ChangedAt, string Cursor);

    /// <summary>The changes after <c>since</c>; <c>next</c> is the cursor to send next time (the same as <c>since</c> when nothing was new), <c>hasMore</c> whether more are waiting now.</summary>
    public sealed record ChangePage(IReadOnlyList<Change> Items, string Next, bool HasMore);

    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/changes", ([AsParameters] Query query, Handler handler, CancellationToken cancellationToken) => handler.ReadAsync(query, cancellationToken))
            .WithTags("Trao đổi dữ liệu")
            .WithSummary("Nhật ký thay đổi (thêm, sửa, xóa) của người học, lớp, ghi danh trong phạm vi người gọi, theo thứ tự ghi; "
                         + "since = cursor/next lần trước (bỏ trống: từ đầu), type = learners | courses | enrolments | shared-persons, pageSize ≤ 200. "
                         + "Ở cấp quốc gia: shared-persons là các trường hợp một người có hồ sơ ở nhiều tỉnh (xem /api/v1/shared-person-cases/{id}); xóa = đã giải quyết.");

    public sealed class Handler(AppDbContext db, IEnumerable<IChangeFeedSource> sources) : IHandler
    {
        public async Task<ChangePage> ReadAsync(Query query, CancellationToken cancellationToken)
        {
            var since = ChangeCursor.Read(query.Since, "since");
            if (query.Type is { } type && !Types.Contains(type))
                throw new ValidationFailedException("type", $"Loại hồ sơ (type) phải là một trong: {string.Join(", ", Types)}.");
            if (query.PageSize is < 1 or > PagedQuery.MaxSize)
                throw new ValidationFailedException("pageSize", $"Số thay đổi mỗi lần đọc (pageSize) phải từ 1 đến {PagedQuery.MaxSize}.");
            var size = query.PageSize ?? 100;

            foreach (var source in sources) await source.RefreshAsync(cancellationToken);
            await ChangeSequencer.RunAsync(db, cancellationToken);
            var changes = db.ChangeLog.AsNoTracking().Where(c => c.Sequence > since);
            if (query.Type is not null) changes = changes.Where(c => c.EntityType == query.Type);
            var rows = await changes.OrderBy(c => c.Sequence).Take(size + 1)
                .Select(c => new
                {
                    Sequence = c.Sequence!.Value, c.EntityType, c.EntityId, c.Operation, c.ChangedAt,
                    // The filter on keys leaves the caller organisation's own.
                    Key = db.ExternalKeys.Where(k => k.EntityType == c.EntityType && k.EntityId == c.EntityId).Select(k => k.Key).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken);
            var items = rows.Take(size)
                .Select(r => new Change(r.EntityType, r.EntityId, r.Key, r.Operation, DateTime.SpecifyKind(r.ChangedAt, DateTimeKind.Utc), ChangeCursor.Of(r.Sequence)))
                .ToList();
            return new ChangePage(items, items.Count > 0 ? items[^1].Cursor : ChangeCursor.Of(since), rows.Count > size);
        }
    }
}

/// <summary>
/// Changes an area finds rather than makes (the national tier's shared-person cases, computed from replicated rows
/// that never pass through the app): brought up to date, through the app's own writes, before the feed is read.
/// </summary>
[AreaContract]
public interface IChangeFeedSource
{
    Task RefreshAsync(CancellationToken cancellationToken);
}
