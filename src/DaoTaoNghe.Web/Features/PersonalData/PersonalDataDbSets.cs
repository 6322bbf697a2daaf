using DaoTaoNghe.Features.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<SubjectRequest> SubjectRequests => Set<SubjectRequest>();
    public DbSet<DataBreach> DataBreaches => Set<DataBreach>();
}
