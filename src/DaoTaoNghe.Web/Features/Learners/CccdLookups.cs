using System.Collections.Concurrent;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// Every search of the learners by a whole CCCD: counted per user (at most
/// <see cref="CccdLookupLimit.PerHour"/> in any hour, then a Vietnamese 429) and written to the audit
/// trail with what it found, so that guessing numbers is slow, visible and traceable. A lookup
/// confirms that a number belongs to someone; the lists let a role look up only the people it sees
/// with the whole number (<see cref="LearnerAccess.SeesFullCccd"/>), and the places that must find a
/// person past the caller's view (the duplicate check, enrolment by the papers in hand, a loan or a
/// contract) answer with no more than the caller already has in hand.
/// </summary>
[AreaContract]
public sealed class CccdLookups(DataScopeAccessor scope, AuditTrail audit, CccdLookupLimit limit) : IHandler
{
    /// <summary>
    /// Counts the lookup (refusing past the limit), runs it, and records it with the ids it found.
    /// Not <paramref name="counted"/>: a second use of a number the same request already counted (the
    /// registration form's duplicate check, then its population check), recorded all the same.
    /// </summary>
    public async Task<T> RunAsync<T>(string number, string purpose, Func<Task<T>> lookup, Func<T, IEnumerable<int>> found,
        CancellationToken cancellationToken = default, bool counted = true)
    {
        if (counted) limit.Take(scope.Current);
        var result = await lookup();
        var ids = found(result).ToList();
        await audit.RecordLookupAsync(nameof(Learner), number, purpose, ids, cancellationToken);
        return result;
    }

    /// <summary>
    /// A whole number a file looked for and did not find (an import matches its rows in batches, not
    /// one lookup each): counted and recorded as a lookup that found nobody. Only misses count, because
    /// a file of guesses is almost all misses while an institution's real list is almost all hits, and
    /// a few hundred hits must not lock it out of its own enrolments.
    /// </summary>
    public async Task MissedAsync(string number, string purpose, CancellationToken cancellationToken = default)
    {
        limit.Take(scope.Current);
        await audit.RecordLookupAsync(nameof(Learner), number, purpose, [], cancellationToken);
    }

    /// <summary>The whole CCCD a search text is, or null when it is a name, a phone or part of a number.</summary>
    public static string? WholeNumber(string? search) =>
        Cccd.Normalize(search) is { Length: Cccd.Length } digits && digits.All(char.IsAsciiDigit) ? digits : null;

    /// <summary>What a list says to a role that sees numbers masked and searched by a whole one.</summary>
    public const string MaskedRoleCannotSearch =
        "Vai trò của bạn chỉ xem số CCCD đã che nên không tìm được người học theo số CCCD. Hãy tìm theo họ tên, ngày sinh hoặc số điện thoại.";
}

/// <summary>
/// The per-user count of whole-CCCD lookups over the last hour; in memory (a restart forgets), like
/// the sign-in throttle. System work is not counted.
/// </summary>
public sealed class CccdLookupLimit(TimeProvider clock, IConfiguration configuration)
{
    public int PerHour { get; } = configuration.GetValue("PersonalData:CccdLookupsPerHour", 60);

    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<int, Queue<DateTimeOffset>> _lookups = new();

    public void Take(DataScope scope)
    {
        if (scope.IsSystem) return;
        var now = clock.GetUtcNow();
        var times = _lookups.GetOrAdd(scope.UserId, _ => new Queue<DateTimeOffset>());
        lock (times)
        {
            while (times.Count > 0 && now - times.Peek() >= Window) times.Dequeue();
            if (times.Count >= PerHour)
            {
                var minutes = Math.Max(1, (int)Math.Ceiling((times.Peek() + Window - now).TotalMinutes));
                throw new TooManyRequestsException(
                    $"Bạn đã tra cứu theo số CCCD {PerHour} lần trong một giờ, mức tối đa cho phép. Hãy thử lại sau {minutes} phút; mỗi lần tra cứu đều được ghi nhật ký hệ thống.");
            }
            times.Enqueue(now);
        }
    }
}
