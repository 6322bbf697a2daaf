using DaoTaoNghe.Features.Certificates;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<CertificateCounter> CertificateCounters => Set<CertificateCounter>();
}
