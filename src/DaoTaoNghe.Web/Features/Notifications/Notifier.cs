using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Notifications;

/// <summary>A message for every user of an organisation who can act on it; <see cref="Key"/> names what it is about.</summary>
[AreaContract]
public sealed record OrganisationMessage(int OrganisationId, string Key, string Title, string Body, string Url);

/// <summary>
/// Tells the users of organisations something, in the app and by e-mail when SMTP is configured and
/// the user has an address: active users only, inspectors never (they cannot act), and nobody the
/// same key twice, so a run repeated any number of times tells nobody the same thing twice.
/// </summary>
[AreaContract]
public sealed class Notifier(AppDbContext db, Mailer mailer, ILogger<Notifier> logger) : IHandler
{
    public sealed record Result(int Notified, int Emailed, int EmailFailures);

    public async Task<Result> NotifyAsync(IReadOnlyCollection<OrganisationMessage> messages, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        if (messages.Count == 0) return new Result(0, 0, 0);
        var organisationIds = messages.Select(m => m.OrganisationId).Distinct().ToList();
        var inspectors = db.UserRoles.Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Inspector)).Select(ur => ur.UserId);
        var users = await db.Users.AsNoTracking()
            .Where(u => organisationIds.Contains(u.OrganisationId) && !u.IsDisabled && !inspectors.Contains(u.Id))
            .Select(u => new { u.Id, u.OrganisationId, u.Email })
            .ToListAsync(cancellationToken);
        var keys = messages.Select(m => m.Key).Distinct().ToList();
        var sent = (await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.Key)).Select(n => new { n.UserId, n.Key }).ToListAsync(cancellationToken))
            .Select(n => (n.UserId, n.Key)).ToHashSet();

        var created = new List<(Notification Notification, string? Email)>();
        foreach (var message in messages)
            foreach (var user in users.Where(u => u.OrganisationId == message.OrganisationId && !sent.Contains((u.Id, message.Key))))
            {
                var notification = new Notification
                {
                    UserId = user.Id, OrganisationId = message.OrganisationId, Key = message.Key, Title = message.Title, Body = message.Body,
                    Url = message.Url, CreatedAt = nowUtc,
                };
                db.Notifications.Add(notification);
                created.Add((notification, user.Email));
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
