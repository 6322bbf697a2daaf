using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs;

/// <summary>
/// An enterprise sees its own postings, demand returns and the leads they drew; the employment
/// centre and the province-wide roles see the province's; a commune officer sees the course leads
/// of people who said they live in the commune. The bank and institutions see none of these.
/// </summary>
public sealed class JobsScopeRules : IScopeRules
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        model.Entity<Vacancy>().HasQueryFilter(ScopeRules.FilterName,
            ScopeFilter.Organisation<Vacancy>(db, v => v.Enterprise)
                .Or(v => db.Scope.Level == ScopeLevel.EmploymentCentre && v.ProvinceId == db.Scope.ProvinceId));
        model.Entity<LabourDemand>().HasQueryFilter(ScopeRules.FilterName,
            ScopeFilter.Organisation<LabourDemand>(db, d => d.Enterprise)
                .Or(d => db.Scope.Level == ScopeLevel.EmploymentCentre && d.ProvinceId == db.Scope.ProvinceId));
        model.Entity<InterestLead>().HasQueryFilter(ScopeRules.FilterName, l =>
            db.Scope.IsSystem
            || (db.Scope.SeesWholeProvince && l.ProvinceId == db.Scope.ProvinceId)
            || (l.EnterpriseId != null && l.EnterpriseId == db.Scope.OrganisationId)
            || (l.Kind == LeadKind.Vacancy && db.Scope.Level == ScopeLevel.EmploymentCentre && l.ProvinceId == db.Scope.ProvinceId)
            || (l.Kind == LeadKind.Course && db.Scope.Level == ScopeLevel.Commune
                && (l.CommuneId == db.Scope.CommuneId || l.Commune.RollUpUnitId == db.Scope.CommuneId)));
    }
}
