using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Exchange;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.ExchangeIn;

/// <summary>
/// Who reads the exchange's bookkeeping. A change is shown to whoever could see its record through the
/// owner recorded with it at the time (so a deleted record stays with those who saw it): the province's
/// province-wide roles and employment centre, the owning commune's officers, the owning organisation.
/// That is narrower than the pages where another area widens a view (an institution's enrolled learners,
/// a commune's courses taking its residents): the feed never shows more than the record's owner allows.
/// On the national tier the ministry reads the whole feed, a province's reconciliation account its own province's
/// shared-person cases. Keys are read by their own organisation only; kept answers to Idempotency-Keys by the system only.
/// </summary>
public sealed class ExchangeScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        model.Entity<ChangeLogEntry>().HasQueryFilter(ScopeRules.FilterName, c =>
            db.Scope.SeesEverything
            || (db.Scope.Level == ScopeLevel.ProvinceReconciliation && c.EntityType == ChangesApi.SharedPersons && c.ProvinceId == db.Scope.ProvinceId)
            || ((db.Scope.SeesWholeProvince || db.Scope.Level == ScopeLevel.EmploymentCentre) && c.ProvinceId == db.Scope.ProvinceId)
            || (db.Scope.Level == ScopeLevel.Commune && c.CommuneId == db.Scope.CommuneId)
            || (db.Scope.Level == ScopeLevel.Institution && c.OrganisationId == db.Scope.OrganisationId));
        model.Entity<ExternalKey>().HasQueryFilter(ScopeRules.FilterName, k =>
            db.Scope.IsSystem || (db.Scope.OrganisationId != 0 && k.OrganisationId == db.Scope.OrganisationId));
        model.Entity<IdempotencyRecord>().HasQueryFilter(ScopeRules.FilterName, _ => db.Scope.IsSystem);
    }
}
