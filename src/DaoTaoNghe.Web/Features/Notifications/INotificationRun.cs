using DaoTaoNghe.Infrastructure;

namespace DaoTaoNghe.Features.Notifications;

/// <summary>
/// Something an area tells people when a date comes rather than when someone acts (a follow-up
/// window opening): run by <see cref="DigestService"/>, as the system, on the injected clock, before
/// the digest. Each run must be safe to repeat: messages are keyed, and nobody is told a key twice.
/// </summary>
[AreaContract]
public interface INotificationRun
{
    Task<int> RunAsync(DateTime nowUtc, CancellationToken cancellationToken);
}
