using DaoTaoNghe.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<Vacancy> Vacancies => Set<Vacancy>();
    public DbSet<LabourDemand> LabourDemands => Set<LabourDemand>();
    public DbSet<InterestLead> InterestLeads => Set<InterestLead>();
    public DbSet<JobSession> JobSessions => Set<JobSession>();
    public DbSet<SessionEnterprise> SessionEnterprises => Set<SessionEnterprise>();
    public DbSet<SessionSeeker> SessionSeekers => Set<SessionSeeker>();
    public DbSet<JobApplication> JobApplications => Set<JobApplication>();
    public DbSet<AbroadContract> AbroadContracts => Set<AbroadContract>();
    public DbSet<SocialPolicyLoan> SocialPolicyLoans => Set<SocialPolicyLoan>();
}
