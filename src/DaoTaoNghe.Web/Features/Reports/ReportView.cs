using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Plans;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Reports;

public sealed record SectionView(int Id, int Order, SectionKind Kind, string Heading, string? Prompt, IReadOnlyList<string> Codes, Breakdown Breakdown, string? Text);

public sealed record FigureView(string Code, string Name, string Unit, long Value);

public sealed record SourceFigureView(int ReportId, string OrganisationName, string Code, long Value);

public sealed record TaskLineView(string Number, string Content, PartyRole? Role, AssignmentStatus? Status, string? Note);

public sealed record EventView(DateTime At, ReportAction Action, string ActorName, string? Comment);

/// <summary>A report with everything its page, its .docx and its .xlsx show.</summary>
public sealed record ReportView(
    int Id, int ObligationId, string ObligationTitle, string Period, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly DueOn, string ReceiverName,
    int? PlanId, bool IsAggregate, int OrganisationId, string OrganisationName, OrganisationKind OrganisationKind, string UnitName, string ProvinceName,
    string? ParentName, ReportState State, string Title, string? Number, string Symbol, string Place, DateOnly? ReportDate, string SignerAuthority,
    string? SignerName, string Recipients, DateTime? FiguresAt, DateTime? FirstSubmittedAt, DateTime? ApprovedAt,
    IReadOnlyList<SectionView> Sections, IReadOnlyList<FigureView> Figures, IReadOnlyList<SourceFigureView> SourceFigures,
    IReadOnlyList<TaskLineView> TaskLines, IReadOnlyList<EventView> History)
{
    public Timeliness TimelinessAt(DateTime nowUtc) => TimelinessRules.Of(DueOn, FirstSubmittedAt, nowUtc);

    /// <summary>The comment of the latest return, while the report waits to be corrected.</summary>
    public string? ReturnComment => State == ReportState.Returned
        ? History.Where(e => e.Action == ReportAction.Returned).OrderByDescending(e => e.At).FirstOrDefault()?.Comment
        : null;
}

/// <summary>Loads a report the caller may see; out of scope is not found.</summary>
public sealed class ReportQuery(AppDbContext db) : IHandler
{
    public async Task<ReportView> HandleAsync(int id, CancellationToken cancellationToken = default)
    {
        var r = await db.Reports.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new
            {
                r.Id, r.ObligationId, r.Obligation.Title, r.Obligation.PeriodKind, r.Obligation.PeriodYear, r.Obligation.PeriodNumber,
                r.Obligation.PeriodStart, r.Obligation.PeriodEnd, r.Obligation.DueOn, r.Obligation.ReceiverName, r.Obligation.PlanId,
                IsAggregate = r.Obligation.Sources.Any(), r.OrganisationId, OrganisationName = r.Organisation.Name, r.Organisation.Kind,
                UnitName = r.Organisation.Unit.Name, ProvinceName = r.Organisation.Province.Name,
                ParentName = r.Organisation.Parent != null ? r.Organisation.Parent.Name : null,
                r.State, ReportTitle = r.Title, r.Number, r.Symbol, r.Place, r.ReportDate, r.SignerAuthority, r.SignerName, r.Recipients,
                r.FiguresAt, r.FirstSubmittedAt, r.ApprovedAt,
            })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Không tìm thấy báo cáo hoặc bạn không có quyền xem.");
        var sections = await db.ReportSections.AsNoTracking().Where(s => s.ReportId == id).OrderBy(s => s.Order).ToListAsync(cancellationToken);
        var figures = await db.ReportFigures.AsNoTracking().Where(f => f.ReportId == id).OrderBy(f => f.Order)
            .Select(f => new { f.SourceReportId, SourceName = f.SourceReport != null ? f.SourceReport.Organisation.Name : null, f.Code, f.Name, f.Unit, f.Value })
            .ToListAsync(cancellationToken);
        var tasks = await db.ReportTaskLines.AsNoTracking().Where(l => l.ReportId == id).OrderBy(l => l.Order)
            .Select(l => new TaskLineView(l.Number, l.Content, l.Role, l.Status, l.Note)).ToListAsync(cancellationToken);
        var history = await db.ReportEvents.AsNoTracking().Where(e => e.ReportId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new EventView(e.At, e.Action, e.ActorName, e.Comment)).ToListAsync(cancellationToken);

        return new ReportView(r.Id, r.ObligationId, r.Title, ReportPeriods.Label(r.PeriodKind, r.PeriodYear, r.PeriodNumber, r.PeriodStart, r.PeriodEnd),
            r.PeriodStart, r.PeriodEnd, r.DueOn, r.ReceiverName, r.PlanId, r.IsAggregate, r.OrganisationId, r.OrganisationName, r.Kind, r.UnitName,
            r.ProvinceName, r.ParentName, r.State, r.ReportTitle, r.Number, r.Symbol, r.Place, r.ReportDate, r.SignerAuthority, r.SignerName,
            r.Recipients, r.FiguresAt, r.FirstSubmittedAt, r.ApprovedAt,
            sections.Select(s => new SectionView(s.Id, s.Order, s.Kind, s.Heading, s.Prompt, s.Codes, s.Breakdown, s.Text)).ToList(),
            figures.Where(f => f.SourceReportId is null).Select(f => new FigureView(f.Code, f.Name, f.Unit, f.Value)).ToList(),
            figures.Where(f => f.SourceReportId is not null)
                .Select(f => new SourceFigureView(f.SourceReportId!.Value, f.SourceName ?? "", f.Code, f.Value)).ToList(),
            tasks, history);
    }
}
