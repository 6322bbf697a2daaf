using DaoTaoNghe.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Data;

public partial class AppDbContext
{
    public DbSet<Vacancy> Vacancies => Set<Vacancy>();
    public DbSet<LabourDemand> LabourDemands => Set<LabourDemand>();
    public DbSet<InterestLead> InterestLeads => Set<InterestLead>();
}
