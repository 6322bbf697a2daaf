using DaoTaoNghe.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Data;

public partial class AppDbContext
{
    public DbSet<ReportingObligation> ReportingObligations => Set<ReportingObligation>();
    public DbSet<ObligationSource> ObligationSources => Set<ObligationSource>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<ReportSection> ReportSections => Set<ReportSection>();
    public DbSet<ReportFigure> ReportFigures => Set<ReportFigure>();
    public DbSet<ReportTaskLine> ReportTaskLines => Set<ReportTaskLine>();
    public DbSet<ReportEvent> ReportEvents => Set<ReportEvent>();
}
