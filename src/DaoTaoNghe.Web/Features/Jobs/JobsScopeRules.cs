using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Expressions;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs;

/// <summary>
/// An enterprise sees its own postings, demand returns and the leads they drew; the employment
/// centre and the province-wide roles see the province's; a commune officer sees the course leads
/// of people who said they live in the commune. Sessions are the province's business: their
/// organiser, the province-wide roles, and the enterprises taking part read them. Applications are
/// read by their recorder, the province, and the vacancy's enterprise. Abroad contracts are the
/// employment centre's; loans are the lending bank branch's (and the province's). The bank sees
/// loans only; institutions see none of these.
/// </summary>
public sealed class JobsScopeRules : IScopeRules<AppDbContext>
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
            db.Scope.SeesEverything
            || (db.Scope.SeesWholeProvince && l.ProvinceId == db.Scope.ProvinceId)
            || (l.EnterpriseId != null && l.EnterpriseId == db.Scope.OrganisationId)
            || (l.Kind == LeadKind.Vacancy && db.Scope.Level == ScopeLevel.EmploymentCentre && l.ProvinceId == db.Scope.ProvinceId)
            || (l.Kind == LeadKind.Course && db.Scope.Level == ScopeLevel.Commune
                && (l.CommuneId == db.Scope.CommuneId || l.Commune.RollUpUnitId == db.Scope.CommuneId)));
        model.Entity<JobSession>().HasQueryFilter(ScopeRules.FilterName, s =>
            db.Scope.SeesEverything
            || ((db.Scope.SeesWholeProvince || db.Scope.Level == ScopeLevel.EmploymentCentre) && s.ProvinceId == db.Scope.ProvinceId)
            || s.OrganiserId == db.Scope.OrganisationId
            || (db.Scope.Level == ScopeLevel.Enterprise && s.Enterprises.Any(e => e.EnterpriseId == db.Scope.OrganisationId)));
        model.Entity<SessionEnterprise>().HasQueryFilter(ScopeRules.FilterName, e =>
            db.Scope.SeesEverything
            || ((db.Scope.SeesWholeProvince || db.Scope.Level == ScopeLevel.EmploymentCentre) && e.ProvinceId == db.Scope.ProvinceId)
            || e.OrganiserId == db.Scope.OrganisationId || e.EnterpriseId == db.Scope.OrganisationId);
        model.Entity<SessionSeeker>().HasQueryFilter(ScopeRules.FilterName, s =>
            db.Scope.SeesEverything
            || ((db.Scope.SeesWholeProvince || db.Scope.Level == ScopeLevel.EmploymentCentre) && s.ProvinceId == db.Scope.ProvinceId)
            || s.OrganiserId == db.Scope.OrganisationId);
        model.Entity<JobApplication>().HasQueryFilter(ScopeRules.FilterName, a =>
            db.Scope.SeesEverything
            || ((db.Scope.SeesWholeProvince || db.Scope.Level == ScopeLevel.EmploymentCentre) && a.ProvinceId == db.Scope.ProvinceId)
            || a.RecordedByOrganisationId == db.Scope.OrganisationId || a.EnterpriseId == db.Scope.OrganisationId);
        model.Entity<AbroadContract>().HasQueryFilter(ScopeRules.FilterName, c =>
            db.Scope.SeesEverything
            || ((db.Scope.SeesWholeProvince || db.Scope.Level == ScopeLevel.EmploymentCentre) && c.ProvinceId == db.Scope.ProvinceId)
            || c.RecordedByOrganisationId == db.Scope.OrganisationId);
        model.Entity<SocialPolicyLoan>().HasQueryFilter(ScopeRules.FilterName, l =>
            db.Scope.SeesEverything
            || (db.Scope.SeesWholeProvince && l.ProvinceId == db.Scope.ProvinceId)
            || l.BankBranchId == db.Scope.OrganisationId);
    }
}
