using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Notifications;

/// <summary>The signed-in user's notifications, newest first; opening one marks it read and goes where it points.</summary>
public class Index(Index.Handler handler) : PageModel
{
    public sealed record Row(long Id, NotificationKind Kind, string Title, string Body, string Url, DateTime CreatedAt, DateTime? ReadAt, DateTime? EmailedAt);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public IQueryable<Row> Rows(NotificationKind? kind = null, string? read = null) =>
            Filtered(db.Notifications.AsNoTracking(), kind, read).OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
                .Select(n => new Row(n.Id, n.Kind, n.Title, n.Body, n.Url, n.CreatedAt, n.ReadAt, n.EmailedAt));

        private static IQueryable<Notification> Filtered(IQueryable<Notification> notifications, NotificationKind? kind, string? read)
        {
            if (kind is { } k) notifications = notifications.Where(n => n.Kind == k);
            return read switch
            {
                Unread => notifications.Where(n => n.ReadAt == null),
                Read => notifications.Where(n => n.ReadAt != null),
                _ => notifications,
            };
        }

        /// <summary>Marks the caller's notification read and returns where it points; another user's is not found.</summary>
        public async Task<string> OpenAsync(long id, CancellationToken cancellationToken = default)
        {
            var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id, cancellationToken)
                ?? throw new NotFoundException("Không tìm thấy thông báo.");
            notification.ReadAt ??= clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return notification.Url;
        }

        public async Task<int> MarkAllReadAsync(CancellationToken cancellationToken = default)
        {
            var unread = await db.Notifications.Where(n => n.ReadAt == null).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var notification in unread) notification.ReadAt = now;
            await db.SaveChangesAsync(cancellationToken);
            return unread.Count;
        }
    }

    public const string Unread = "chua-doc";
    public const string Read = "da-doc";

    [BindProperty(SupportsGet = true, Name = "loai")]
    public NotificationKind? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "tt")]
    public string? ReadState { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int? PageNumber { get; set; }

    public PagedList<Row> Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Data = await handler.Rows(Kind, ReadState).ToPagedListAsync(PageNumber, cancellationToken: cancellationToken);

    public async Task<IActionResult> OnGetOpenAsync(long id, CancellationToken cancellationToken)
    {
        var url = await handler.OpenAsync(id, cancellationToken);
        return Url.IsLocalUrl(url) ? LocalRedirect(url) : RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        var count = await handler.MarkAllReadAsync(cancellationToken);
        TempData["Message"] = count == 0 ? "Không có thông báo chưa đọc." : $"Đã đánh dấu {Fmt.Number(count)} thông báo là đã đọc.";
        return RedirectToPage("Index");
    }
}
