using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Notifications;

/// <summary>
/// A message for every user of an organisation who can act on it (or, with <see cref="UserId"/>, for
/// that one user of it); <see cref="Key"/> names what it is about, <see cref="Kind"/> lets each user
/// choose how to be told.
/// </summary>
[AreaContract]
public sealed record OrganisationMessage(int OrganisationId, string Key, string Title, string Body, string Url,
    NotificationKind Kind = NotificationKind.Other, int? UserId = null);

/// <summary>
/// Tells the users of organisations something, in the app and by e-mail when SMTP is configured and
/// the user has an address: active users only, inspectors never (they cannot act), and nobody the
/// same key twice, so a run repeated any number of times tells nobody the same thing twice. Each
/// user's choice per kind holds: off (not told), in the app only, or also by e-mail — at once, or
/// in the daily digest (<see cref="DigestRun"/>) for those who asked for one.
/// </summary>
[AreaContract]
public sealed class Notifier(AppDbContext db, DataScopeAccessor scope, Mailer mailer, ILogger<Notifier> logger) : IHandler
{
    public sealed record Result(int Notified, int Emailed, int EmailFailures);

    public async Task<Result> NotifyAsync(IReadOnlyCollection<OrganisationMessage> messages, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0) return new Result(0, 0, 0);
        // Telling another organisation is not writing its records: an employment centre tells an
        // enterprise, a visitor of the public site tells one. The notifications alone are saved past
        // the caller's scope, so the caller's own changes must already be saved under it.
        if (db.ChangeTracker.HasChanges())
            throw new InvalidOperationException("Save the caller's changes before notifying: notifications are saved past the scope guard.");
        var caller = scope.Current;
        scope.Current = caller.PastWriteGuard();
        try
        {
            return await NotifyPastScopeAsync(messages, nowUtc, cancellationToken);
        }
        finally
        {
            scope.Current = caller;
        }
    }

    private async Task<Result> NotifyPastScopeAsync(IReadOnlyCollection<OrganisationMessage> messages, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var organisationIds = messages.Select(m => m.OrganisationId).Distinct().ToList();
        var inspectors = db.UserRoles.Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Inspector)).Select(ur => ur.UserId);
        var users = await db.Users.AsNoTracking()
            .Where(u => organisationIds.Contains(u.OrganisationId) && !u.IsDisabled && !inspectors.Contains(u.Id))
            .Select(u => new { u.Id, u.OrganisationId, u.Email })
            .ToListAsync(cancellationToken);
        var userIds = users.Select(u => u.Id).ToList();
        var keys = messages.Select(m => m.Key).Distinct().ToList();
        var sent = (await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.Key) && userIds.Contains(n.UserId)).Select(n => new { n.UserId, n.Key })
                .ToListAsync(cancellationToken))
            .Select(n => (n.UserId, n.Key)).ToHashSet();
        var choices = (await db.NotificationPreferences.AsNoTracking().Where(p => userIds.Contains(p.UserId)).Select(p => new { p.UserId, p.Kind, p.Delivery })
                .ToListAsync(cancellationToken))
            .ToDictionary(p => (p.UserId, p.Kind), p => p.Delivery);
        var digest = (await db.NotificationDigests.AsNoTracking().Where(d => userIds.Contains(d.UserId)).Select(d => d.UserId).ToListAsync(cancellationToken)).ToHashSet();

        var created = new List<(Notification Notification, string? Email)>();
        foreach (var message in messages)
            foreach (var user in users.Where(u => u.OrganisationId == message.OrganisationId && (message.UserId is null || message.UserId == u.Id)
                                                  && !sent.Contains((u.Id, message.Key))))
            {
                var delivery = choices.GetValueOrDefault((user.Id, message.Kind), NotificationDelivery.Email);
                if (delivery == NotificationDelivery.Off) continue;
                var notification = new Notification
                {
                    UserId = user.Id, OrganisationId = message.OrganisationId, Key = message.Key, Kind = message.Kind, Title = message.Title,
                    Body = message.Body, Url = message.Url, CreatedAt = nowUtc,
                };
                db.Notifications.Add(notification);
                sent.Add((user.Id, message.Key));
                if (delivery == NotificationDelivery.Email && !digest.Contains(user.Id)) created.Add((notification, user.Email));
                else created.Add((notification, null));
            }
        await db.SaveChangesAsync(cancellationToken);

        int emailed = 0, failed = 0;
        if (mailer.IsConfigured)
        {
            foreach (var (notification, email) in created.Where(c => !string.IsNullOrWhiteSpace(c.Email)))
            {
                try
                {
                    await mailer.SendAsync(email!, "[DaoTaoNghe] " + notification.Title, $"{notification.Body}\n\nMở trong hệ thống: {notification.Url}", cancellationToken);
                    notification.EmailedAt = nowUtc;
                    emailed++;
                }
                catch (Exception exception) when (exception is System.Net.Mail.SmtpException or IOException or InvalidOperationException)
                {
                    logger.LogWarning(exception, "E-mail to user {UserId} failed", notification.UserId);
                    notification.EmailError = exception.Message.Length > 500 ? exception.Message[..500] : exception.Message;
                    failed++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return new Result(created.Count, emailed, failed);
    }
}
