using System.Text;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Notifications;

/// <summary>
/// The daily digest: from <see cref="SendFrom"/> o'clock (Vietnam time) each user who asked for it
/// gets one e-mail with the notifications not yet e-mailed that they chose to get by e-mail, and
/// those are marked e-mailed. A user is sent at most one digest a day, so the run may repeat freely.
/// </summary>
public sealed class DigestRun(AppDbContext db, Mailer mailer, ILogger<DigestRun> logger) : IHandler
{
    public const int SendFrom = 7;

    public sealed record Result(int Sent, int Failures);

    public async Task<Result> HandleAsync(DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        var local = VietnamTime.ToLocal(nowUtc);
        var today = DateOnly.FromDateTime(local);
        if (!mailer.IsConfigured || local.Hour < SendFrom) return new Result(0, 0);
        var due = await db.NotificationDigests.Where(d => d.LastSentOn == null || d.LastSentOn < today)
            .Select(d => new { Digest = d, d.User.Email, d.User.IsDisabled })
            .ToListAsync(cancellationToken);
        int sent = 0, failed = 0;
        foreach (var user in due)
        {
            var userId = user.Digest.UserId;
            var off = await db.NotificationPreferences.Where(p => p.UserId == userId && p.Delivery != NotificationDelivery.Email).Select(p => p.Kind)
                .ToListAsync(cancellationToken);
            var waiting = await db.Notifications.Where(n => n.UserId == userId && n.EmailedAt == null && n.EmailError == null && !off.Contains(n.Kind))
                .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(cancellationToken);
            var previous = user.Digest.LastSentOn;
            user.Digest.LastSentOn = today;
            if (waiting.Count > 0 && !user.IsDisabled && !string.IsNullOrWhiteSpace(user.Email))
            {
                try
                {
                    await mailer.SendAsync(user.Email!, $"[DaoTaoNghe] {waiting.Count} thông báo ngày {Fmt.Date(today)}", Body(waiting), cancellationToken);
                    foreach (var notification in waiting) notification.EmailedAt = nowUtc;
                    sent++;
                }
                catch (Exception exception) when (exception is System.Net.Mail.SmtpException or IOException or InvalidOperationException)
                {
                    logger.LogWarning(exception, "Digest to user {UserId} failed", userId);
                    // Tried again at the next run.
                    user.Digest.LastSentOn = previous;
                    failed++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        return new Result(sent, failed);
    }

    private static string Body(IEnumerable<Notification> notifications)
    {
        var body = new StringBuilder("Các thông báo mới của bạn trên hệ thống DaoTaoNghe:\n");
        foreach (var n in notifications)
            body.Append($"\n• {Fmt.DateTime(n.CreatedAt)} – {n.Title}\n  {n.Body}\n  Mở trong hệ thống: {n.Url}\n");
        body.Append("\nBạn nhận thư này một lần mỗi ngày vì đã chọn \"Gửi một thư tổng hợp mỗi ngày\" trong Cài đặt thông báo.");
        return body.ToString();
    }
}

/// <summary>
/// Runs the areas' <see cref="INotificationRun"/>s and then <see cref="DigestRun"/> every Notifications:DigestIntervalMinutes (30 by default) on the
/// injected clock, as the system; the run itself sends each user at most one digest a day.
/// Reminders:Enabled = false turns it off with the reminders (the tests call the run directly).
/// </summary>
public sealed class DigestService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<DigestService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Reminders:Enabled", true)) return;
        var interval = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Notifications:DigestIntervalMinutes", 30)));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
                var now = clock.GetUtcNow().UtcDateTime;
                foreach (var run in scope.ServiceProvider.GetServices<INotificationRun>()) await run.RunAsync(now, stoppingToken);
                var result = await scope.ServiceProvider.GetRequiredService<DigestRun>().HandleAsync(now, stoppingToken);
                if (result.Sent + result.Failures > 0)
                    logger.LogInformation("Digests: {Sent} sent, {Failed} failed", result.Sent, result.Failures);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A failed pass (database busy, restarting) must not stop the next one.
                logger.LogError(exception, "Digest run failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
