using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Audit;

/// <summary>
/// A province's trail is read by that province's province-wide roles (pages further limit it to admins
/// and inspectors), with the lines no province owns (sign-in attempts with an unknown user name).
/// </summary>
public sealed class AuditScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db) =>
        model.Entity<AuditEntry>().HasQueryFilter(ScopeRules.FilterName,
            a => db.Scope.IsSystem || (db.Scope.SeesWholeProvince && (a.ProvinceId == db.Scope.ProvinceId || a.ProvinceId == null)));
}
