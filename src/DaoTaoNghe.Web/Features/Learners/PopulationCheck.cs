using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Learners;

/// <summary>One check of a learner's CCCD against the national population database: when, where from, what it answered, who asked.</summary>
public class PopulationCheck : IPersonalData
{
    public long Id { get; set; }
    public int LearnerId { get; set; }
    public Learner Learner { get; set; } = null!;
    public DateTime CheckedAt { get; set; }
    public string Source { get; set; } = "";
    public PopulationCheckResult Result { get; set; }
    public string CheckedBy { get; set; } = "";
}

public class PopulationCheckConfiguration : IEntityTypeConfiguration<PopulationCheck>
{
    public void Configure(EntityTypeBuilder<PopulationCheck> b)
    {
        b.Property(c => c.Source).HasMaxLength(200);
        b.Property(c => c.CheckedBy).HasMaxLength(256);
        b.HasIndex(c => new { c.LearnerId, c.CheckedAt });
        b.HasOne(c => c.Learner).WithMany().HasForeignKey(c => c.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Checks a learner's CCCD, name and birth date with the population registry and stores the answer,
/// whatever it is. A check confirms who holds a number, so it counts as a CCCD lookup (the per-user
/// limit and the audit line of <see cref="CccdLookups"/>). Never throws for the registry being down:
/// that answer is stored like the others.
/// </summary>
public sealed class PopulationChecks(AppDbContext db, IPopulationRegistry registry, PopulationRegistrySettings settings, CccdLookups lookups,
    TimeProvider clock) : IHandler
{
    public const string Purpose = "Kiểm tra với CSDL quốc gia về dân cư";

    public sealed record Row(DateTime CheckedAt, string Source, PopulationCheckResult Result, string CheckedBy);

    public bool Enabled => settings.Enabled;

    /// <summary>The connection is on and the caller registers learners.</summary>
    public bool MayCheck => settings.Enabled && LearnerAccess.MayWrite(db.Scope);

    /// <summary>Checks and stores; <paramref name="atRegistration"/>: the form just counted this number as a lookup, so it is not counted twice.</summary>
    public async Task<PopulationCheckResult> CheckAsync(int learnerId, CancellationToken cancellationToken = default, bool atRegistration = false)
    {
        if (!LearnerAccess.MayWrite(db.Scope)) throw new ForbiddenException("Chỉ cán bộ đăng ký, quản lý hồ sơ người học được kiểm tra với CSDL quốc gia về dân cư.");
        if (!settings.Enabled) throw new ConflictException("Kết nối với CSDL quốc gia về dân cư chưa được bật (mục PopulationRegistry trong cấu hình).");
        var learner = await db.Learners.AsNoTracking().Where(l => l.Id == learnerId)
            .Select(l => new { l.Cccd, l.FullName, l.BirthDate, Merged = l.MergedIntoId != null })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Không tìm thấy người học hoặc bạn không có quyền xem.");
        if (learner.Merged) throw new ConflictException("Hồ sơ đã gộp vào hồ sơ khác: hãy kiểm tra trên hồ sơ còn lại.");
        if (learner.Cccd is not { } cccd)
            throw new ValidationFailedException("Cccd", "Người học chưa có số CCCD nên chưa kiểm tra được với CSDL quốc gia về dân cư.");

        var result = await lookups.RunAsync(cccd, Purpose,
            () => registry.CheckAsync(new PopulationQuestion(cccd, learner.FullName, learner.BirthDate), cancellationToken),
            _ => [learnerId], cancellationToken, counted: !atRegistration);
        db.PopulationChecks.Add(new PopulationCheck
        {
            LearnerId = learnerId, CheckedAt = clock.GetUtcNow().UtcDateTime, Source = registry.Source, Result = result, CheckedBy = db.Scope.UserName ?? "",
        });
        await db.SaveChangesAsync(cancellationToken);
        return result;
    }

    /// <summary>What the checks made at a registration answered; <see cref="NotChecked"/> records were left for the officer to check.</summary>
    public sealed record RegistrationChecks(IReadOnlyDictionary<int, PopulationCheckResult> Results, int NotChecked);

    /// <summary>
    /// The one rule every way of registering learners follows (the form, <c>POST /api/v1/learners</c>, the exchange
    /// upsert, the learners import): once the new records are saved, each with a CCCD is checked and the answer stored;
    /// no answer undoes or refuses anything. Audited, not counted against the officer's lookup limit (registering is
    /// not a search). A registry that does not answer is asked once per batch: the rest stay unchecked, to be checked
    /// from the record, because a bulk load would otherwise wait <c>TimeoutSeconds</c> per person while it is down.
    /// </summary>
    public async Task<RegistrationChecks> AtRegistrationAsync(IReadOnlyCollection<int> learnerIds, CancellationToken cancellationToken = default)
    {
        var results = new Dictionary<int, PopulationCheckResult>();
        if (!settings.Enabled || learnerIds.Count == 0) return new RegistrationChecks(results, 0);
        var ids = learnerIds.ToList();
        var toCheck = await db.Learners.AsNoTracking().Where(l => ids.Contains(l.Id) && l.Cccd != null && l.MergedIntoId == null)
            .OrderBy(l => l.Id).Select(l => l.Id).ToListAsync(cancellationToken);
        foreach (var id in toCheck)
        {
            var result = await CheckAsync(id, cancellationToken, atRegistration: true);
            results[id] = result;
            if (result == PopulationCheckResult.Unreachable) break;
        }
        return new RegistrationChecks(results, toCheck.Count - results.Count);
    }

    /// <summary>The rule for one new record, as the officer who registered it reads the outcome ("" when there was nothing to check).</summary>
    public async Task<string> AtRegistrationAsync(int learnerId, CancellationToken cancellationToken = default)
    {
        try
        {
            var checks = await AtRegistrationAsync([learnerId], cancellationToken);
            return checks.Results.TryGetValue(learnerId, out var result) ? " " + Message(result) : "";
        }
        catch (TooManyRequestsException limit)
        {
            return " Chưa kiểm tra với CSDL quốc gia về dân cư: " + limit.Message;
        }
    }

    /// <summary>The checks of a learner the caller may see, latest first.</summary>
    public Task<List<Row>> OfAsync(int learnerId, CancellationToken cancellationToken = default) =>
        db.PopulationChecks.AsNoTracking().Where(c => c.LearnerId == learnerId)
            .OrderByDescending(c => c.CheckedAt).ThenByDescending(c => c.Id)
            .Select(c => new Row(c.CheckedAt, c.Source, c.Result, c.CheckedBy))
            .ToListAsync(cancellationToken);

    /// <summary>What the officer is told of an answer.</summary>
    public static string Message(PopulationCheckResult result) => result switch
    {
        PopulationCheckResult.Match => "CSDL quốc gia về dân cư: số CCCD, họ tên và ngày sinh khớp.",
        PopulationCheckResult.NameMismatch => "CSDL quốc gia về dân cư: họ tên không khớp với số CCCD. Hãy đối chiếu giấy tờ của người học.",
        PopulationCheckResult.BirthDateMismatch => "CSDL quốc gia về dân cư: ngày sinh không khớp với số CCCD. Hãy đối chiếu giấy tờ của người học.",
        PopulationCheckResult.NotFound => "CSDL quốc gia về dân cư không có số CCCD này. Hãy đối chiếu giấy tờ của người học.",
        _ => "Không kết nối được CSDL quốc gia về dân cư; kết quả đã được ghi là \"không kết nối được\". Hồ sơ vẫn được lưu; hãy kiểm tra lại sau.",
    };
}

/// <summary>A merge carries the merged record's population checks to the survivor: they are the person's history of who checked their papers, and when.</summary>
public sealed class PopulationCheckReferences(AppDbContext db) : IPersonReferences
{
    public int Order => 5;

    public IReadOnlyCollection<Type> Entities { get; } = [typeof(PopulationCheck)];

    public async Task RepointAsync(int mergedId, int survivorId, CancellationToken cancellationToken)
    {
        foreach (var check in await db.PopulationChecks.IgnoreQueryFilters().Where(c => c.LearnerId == mergedId).ToListAsync(cancellationToken))
            check.LearnerId = survivorId;
    }
}
