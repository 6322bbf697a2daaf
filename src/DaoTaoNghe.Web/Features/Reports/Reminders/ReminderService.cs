using DaoTaoNghe.Infrastructure.Scoping;

namespace DaoTaoNghe.Features.Reports.Reminders;

/// <summary>
/// Runs <see cref="ReminderRun"/> at start-up and then every Reminders:IntervalMinutes (60 by
/// default), on the injected clock, as the system. Reminders:Enabled = false turns it off (the
/// integration tests call the run directly instead).
/// </summary>
public sealed class ReminderService(IServiceScopeFactory scopes, TimeProvider clock, IConfiguration configuration, ILogger<ReminderService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Reminders:Enabled", true)) return;
        var interval = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Reminders:IntervalMinutes", 60)));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
                var result = await scope.ServiceProvider.GetRequiredService<ReminderRun>().HandleAsync(clock.GetUtcNow().UtcDateTime, stoppingToken);
                if (result.Notified > 0)
                    logger.LogInformation("Reminders: {Notified} notifications, {Emailed} e-mails, {Failed} e-mail failures", result.Notified, result.Emailed, result.EmailFailures);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // A failed pass (database busy, restarting) must not stop the next one.
                logger.LogError(exception, "Reminder run failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
