using System.Text.Json;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.ExchangeIn;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Exchange;
using DaoTaoNghe.Infrastructure.Federation;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// A case the national tier reports back to one province (docs/federation.md, "One person, nationally"): a CCCD
/// with active records in two or more provinces, of which <see cref="ProvinceId"/> is one. A case concerning three
/// provinces is three rows, one per province told, so the change feed and the province-limited account see each
/// province's own. The national database computes them from the replicated learners (<see cref="SharedPersonCases"/>);
/// they are its own rows, never replicated back: each province reads them from the national tier.
/// </summary>
[TableKind(TableKind.Instance)]
[ChangeFeed(SharedPersonCases.FeedType)]
public class SharedPersonCase : IScopeOwned
{
    public int Id { get; set; }

    /// <summary>The person; never sent to the provinces (each finds its own record by its number).</summary>
    public string Cccd { get; set; } = "";

    /// <summary>The province told of the case.</summary>
    public int ProvinceId { get; set; }
    public AdministrativeUnit Province { get; set; } = null!;

    /// <summary>Every province's record of the person, earliest first, as JSON of <see cref="NationalPersons.HeldRecord"/>.</summary>
    public string Records { get; set; } = "[]";

    public DateTime FoundAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The province told: the change feed keeps it with each change, so a province reads its own cases' changes.</summary>
    public ScopeOwner Owner => new(null, null, ProvinceId);
}

public class SharedPersonCaseConfiguration : IEntityTypeConfiguration<SharedPersonCase>
{
    public void Configure(EntityTypeBuilder<SharedPersonCase> b)
    {
        b.Property(c => c.Cccd).HasMaxLength(12);
        b.HasIndex(c => new { c.Cccd, c.ProvinceId }).IsUnique();
        b.HasIndex(c => c.ProvinceId);
        b.HasOne(c => c.Province).WithMany().HasForeignKey(c => c.ProvinceId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// Who reads the cases: the national tier's ministry users all of them, a province's reconciliation account
/// (<see cref="ScopeLevel.ProvinceReconciliation"/>) its own province's, nobody on a province's instance.
/// </summary>
public sealed class SharedPersonCaseScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db) =>
        model.Entity<SharedPersonCase>().HasQueryFilter(ScopeRules.FilterName, c =>
            db.Scope.SeesEverything || (db.Scope.Level == ScopeLevel.ProvinceReconciliation && c.ProvinceId == db.Scope.ProvinceId));
}

/// <summary>
/// Keeps the cases current on the national tier. They are computed on read (before the change feed or the cases'
/// list answers), not as replicated rows arrive: logical replication applies rows without the app, and its
/// triggers do not fire on a subscriber. One grouped query over the learners' CCCD index finds the shared
/// CCCDs; the cases found, changed (a record added, merged away, moved) and resolved are inserted, updated and
/// deleted, so the feed carries them as created, updated and deleted.
/// </summary>
public static class SharedPersonCases
{
    public const string FeedType = "shared-persons";

    private static readonly SemaphoreSlim Gate = new(1, 1);

    // Any constant the app uses for nothing else (see ChangeSequencer's): two national instances on one database take turns.
    private const string LockSql = "SELECT pg_advisory_xact_lock(75838889674824)";

    public static async Task RefreshAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync(LockSql, cancellationToken);

            var active = db.Learners.AsNoTracking().Where(l => l.MergedIntoId == null && l.Cccd != null);
            var shared = await active.GroupBy(l => l.Cccd!)
                .Where(g => g.Min(l => l.ProvinceId) != g.Max(l => l.ProvinceId))
                .Select(g => g.Key)
                .ToListAsync(cancellationToken);
            var held = await active.Where(l => shared.Contains(l.Cccd!))
                .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
                .Select(l => new { Cccd = l.Cccd!, l.ProvinceId, Record = new NationalPersons.HeldRecord(l.Province.Code, l.Province.Name, l.Id, l.Commune.Name, l.CreatedAt) })
                .ToListAsync(cancellationToken);
            var wanted = new Dictionary<(string Cccd, int ProvinceId), string>();
            foreach (var person in held.GroupBy(h => h.Cccd))
            {
                var records = JsonSerializer.Serialize(person.Select(h => h.Record).ToList(), JsonSerializerOptions.Web);
                foreach (var province in person.Select(h => h.ProvinceId).Distinct()) wanted[(person.Key, province)] = records;
            }

            var existing = await db.SharedPersonCases.ToListAsync(cancellationToken);
            foreach (var known in existing)
            {
                if (!wanted.Remove((known.Cccd, known.ProvinceId), out var records)) db.SharedPersonCases.Remove(known);
                else if (known.Records != records)
                {
                    known.Records = records;
                    known.UpdatedAt = now;
                }
            }
            foreach (var ((cccd, province), records) in wanted)
                db.SharedPersonCases.Add(new SharedPersonCase { Cccd = cccd, ProvinceId = province, Records = records, FoundAt = now, UpdatedAt = now });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A case as a province reads it: its province, every province's record of the person (no CCCD, no name).</summary>
    public sealed record Case(int Id, string ProvinceCode, IReadOnlyList<NationalPersons.HeldRecord> Records, DateTime FoundAt, DateTime UpdatedAt);

    public sealed class Query : PagedQuery
    {
        /// <summary>Only the cases told to this province (2-digit code); a reconciliation account reads its own province's anyway.</summary>
        [FromQuery(Name = "tinh")] public string? Province { get; set; }
    }

    public sealed class Handler(AppDbContext db, TierSettings tier, IServiceScopeFactory scopes) : IHandler
    {
        public async Task<PagedList<Case>> PageAsync(Query query, CancellationToken cancellationToken = default)
        {
            if (tier.IsNational) await RefreshAsync(scopes, cancellationToken);
            var cases = db.SharedPersonCases.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Province))
            {
                var code = query.Province.Trim();
                cases = cases.Where(c => c.Province.Code == code);
            }
            var page = await cases.OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.Province.Code, c.Records, c.FoundAt, c.UpdatedAt })
                .ToPagedListAsync(query, cancellationToken: cancellationToken);
            return new PagedList<Case>(page.Items.Select(c => Read(c.Id, c.Code, c.Records, c.FoundAt, c.UpdatedAt)).ToList(),
                page.PageNumber, page.PageSize, page.TotalCount);
        }

        public async Task<Case> GetAsync(int id, CancellationToken cancellationToken = default)
        {
            if (tier.IsNational) await RefreshAsync(scopes, cancellationToken);
            var c = await db.SharedPersonCases.AsNoTracking().Where(c => c.Id == id)
                .Select(c => new { c.Id, c.Province.Code, c.Records, c.FoundAt, c.UpdatedAt })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Không tìm thấy trường hợp đối soát này (có thể đã được giải quyết).");
            return Read(c.Id, c.Code, c.Records, c.FoundAt, c.UpdatedAt);
        }

        private static Case Read(int id, string code, string records, DateTime foundAt, DateTime updatedAt) =>
            new(id, code, JsonSerializer.Deserialize<List<NationalPersons.HeldRecord>>(records, JsonSerializerOptions.Web) ?? [],
                DateTime.SpecifyKind(foundAt, DateTimeKind.Utc), DateTime.SpecifyKind(updatedAt, DateTimeKind.Utc));
    }
}

/// <summary>Brings the cases up to date before the change feed is read on the national tier.</summary>
public sealed class SharedPersonCaseFeed(TierSettings tier, IServiceScopeFactory scopes) : IChangeFeedSource
{
    public Task RefreshAsync(CancellationToken cancellationToken) =>
        tier.IsNational ? SharedPersonCases.RefreshAsync(scopes, cancellationToken) : Task.CompletedTask;
}

/// <summary><c>/api/v1/shared-person-cases</c>: what the national tier reports back to the provinces.</summary>
public sealed class SharedPersonCasesApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/shared-person-cases").WithTags("Người học")
            .RequireAuthorization(LearnerPolicies.ReadSharedPersonCases);
        group.MapGet("", ([AsParameters] SharedPersonCases.Query query, SharedPersonCases.Handler handler, CancellationToken cancellationToken) =>
                handler.PageAsync(query, cancellationToken))
            .WithSummary("Các trường hợp một người (cùng số CCCD) có hồ sơ ở nhiều tỉnh, hệ thống cấp quốc gia báo lại cho từng tỉnh để đối soát: "
                         + "mỗi dòng là một trường hợp của một tỉnh (mã tỉnh), với hồ sơ của từng tỉnh (mã tỉnh, mã hồ sơ, xã, ngày lập). "
                         + "Tài khoản đối soát của tỉnh chỉ đọc các trường hợp của tỉnh mình; tinh=12: chỉ của tỉnh đó. Thay đổi theo dõi tại /api/v1/changes?type=shared-persons.");
        group.MapGet("/{id:int}", (int id, SharedPersonCases.Handler handler, CancellationToken cancellationToken) => handler.GetAsync(id, cancellationToken))
            .WithSummary("Một trường hợp đối soát (mã lấy từ /api/v1/changes?type=shared-persons). Đã giải quyết hoặc ngoài phạm vi: 404.");
    }
}
