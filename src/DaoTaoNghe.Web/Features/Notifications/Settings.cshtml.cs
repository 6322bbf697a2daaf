using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Notifications;

/// <summary>The signed-in user chooses, per kind of notification, in the app and by e-mail, in the app only or not at all, and whether e-mails come as one daily digest.</summary>
public class Settings(Settings.Handler handler) : PageModel
{
    /// <summary>Every kind a user may be told of (not <see cref="NotificationKind.Other"/>, which is always in the app).</summary>
    public static readonly IReadOnlyList<NotificationKind> Kinds = Enum.GetValues<NotificationKind>().Where(k => k != NotificationKind.Other).ToList();

    public sealed class Command
    {
        public Dictionary<NotificationKind, NotificationDelivery> Choices { get; set; } = [];
        public bool DailyDigest { get; set; }
    }

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public async Task<Command> LoadAsync(CancellationToken cancellationToken = default)
        {
            var chosen = await db.NotificationPreferences.AsNoTracking().ToDictionaryAsync(p => p.Kind, p => p.Delivery, cancellationToken);
            return new Command
            {
                Choices = Kinds.ToDictionary(k => k, k => chosen.GetValueOrDefault(k, NotificationDelivery.Email)),
                DailyDigest = await db.NotificationDigests.AnyAsync(cancellationToken),
            };
        }

        public async Task SaveAsync(Command command, CancellationToken cancellationToken = default)
        {
            var userId = db.Scope.UserId;
            var saved = await db.NotificationPreferences.ToListAsync(cancellationToken);
            foreach (var kind in Kinds)
            {
                var delivery = command.Choices.TryGetValue(kind, out var chosen) && Enum.IsDefined(chosen) ? chosen : NotificationDelivery.Email;
                var row = saved.SingleOrDefault(p => p.Kind == kind);
                if (row is null)
                    db.NotificationPreferences.Add(new NotificationPreference { UserId = userId, OrganisationId = db.Scope.OrganisationId, Kind = kind, Delivery = delivery });
                else
                    row.Delivery = delivery;
            }
            var digest = await db.NotificationDigests.SingleOrDefaultAsync(cancellationToken);
            if (command.DailyDigest && digest is null)
                db.NotificationDigests.Add(new NotificationDigest { UserId = userId, OrganisationId = db.Scope.OrganisationId });
            else if (!command.DailyDigest && digest is not null)
                db.NotificationDigests.Remove(digest);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    [BindProperty] public Command Data { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => Data = await handler.LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await handler.SaveAsync(Data, cancellationToken);
        TempData["Message"] = "Đã lưu cài đặt thông báo.";
        return RedirectToPage("Settings");
    }
}
