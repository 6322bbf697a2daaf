using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Infrastructure.Audit;

/// <summary>
/// The audit lines that are not data changes: reading a person's record, exporting a list,
/// signing in. Changes themselves are written by <see cref="AuditInterceptor"/>.
/// </summary>
public sealed class AuditTrail(AppDbContext db, DataScopeAccessor scope, IHttpContextAccessor http, TimeProvider clock) : IHandler
{
    public Task RecordViewAsync(string entityType, object id, string? summary, CancellationToken cancellationToken = default) =>
        WriteAsync(AuditAction.View, entityType, id.ToString(), summary, containsPersonalData: true, cancellationToken: cancellationToken);

    public Task RecordExportAsync(string what, int rows, bool containsPersonalData, CancellationToken cancellationToken = default) =>
        WriteAsync(AuditAction.Export, what, null, $"Xuất {rows} dòng", containsPersonalData, cancellationToken: cancellationToken);

    /// <summary>One line per committed import, beside the lines of the records it wrote, in the same transaction.</summary>
    public Task RecordImportAsync(int jobId, string summary, bool containsPersonalData, CancellationToken cancellationToken = default) =>
        WriteAsync(AuditAction.Import, "ImportJob", jobId.ToString(), summary, containsPersonalData, cancellationToken: cancellationToken);

    public Task RecordSignInAsync(int? userId, string userName, int? organisationId, int? provinceId, bool succeeded, string? reason, CancellationToken cancellationToken = default) =>
        WriteAsync(succeeded ? AuditAction.SignIn : AuditAction.SignInFailed, "AppUser", userId?.ToString(), reason, false,
            actor: (userId, userName, organisationId, provinceId), cancellationToken: cancellationToken);

    public Task RecordSignOutAsync(CancellationToken cancellationToken = default) =>
        WriteAsync(AuditAction.SignOut, "AppUser", scope.Current.UserId.ToString(), null, false, cancellationToken: cancellationToken);

    private async Task WriteAsync(AuditAction action, string entityType, string? entityId, string? summary, bool containsPersonalData,
        (int? UserId, string UserName, int? OrganisationId, int? ProvinceId)? actor = null, CancellationToken cancellationToken = default)
    {
        var current = scope.Current;
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = actor?.UserId ?? NullIfZero(current.UserId),
            UserName = actor?.UserName ?? current.UserName,
            OrganisationId = actor?.OrganisationId ?? NullIfZero(current.OrganisationId),
            ProvinceId = actor?.ProvinceId ?? NullIfZero(current.ProvinceId),
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Summary = summary is { Length: > 500 } ? summary[..500] : summary,
            ContainsPersonalData = containsPersonalData,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static int? NullIfZero(int value) => value == 0 ? null : value;
}
