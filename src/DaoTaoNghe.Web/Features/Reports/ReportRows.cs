using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Reports;

/// <summary>One report as lists and overviews show it, with what its timeliness is computed from.</summary>
public sealed class ReportRow
{
    public int Id { get; init; }
    public int ObligationId { get; init; }
    public string ObligationTitle { get; init; } = "";
    public PeriodKind PeriodKind { get; init; }
    public int PeriodYear { get; init; }
    public int? PeriodNumber { get; init; }
    public DateOnly PeriodStart { get; init; }
    public DateOnly PeriodEnd { get; init; }
    public DateOnly DueOn { get; init; }
    public int OrganisationId { get; init; }
    public string OrganisationName { get; init; } = "";
    public OrganisationKind OrganisationKind { get; init; }
    public ReportState State { get; init; }
    public DateTime? FirstSubmittedAt { get; init; }
    public DateTime? LastSubmittedAt { get; init; }
    public DateTime? ApprovedAt { get; init; }

    public string Period => ReportPeriods.Label(PeriodKind, PeriodYear, PeriodNumber, PeriodStart, PeriodEnd);

    /// <summary>The period to show beside the title, unless the title already names it ("… năm 2026").</summary>
    public string? PeriodBesideTitle => ObligationTitle.Contains(Period, StringComparison.OrdinalIgnoreCase) ? null : Period;

    public Timeliness TimelinessAt(DateTime nowUtc) => TimelinessRules.Of(DueOn, FirstSubmittedAt, nowUtc);
}

/// <summary>The reports the caller may see, as rows (filterable and sortable in SQL): their own body's, or all of the province for province-wide roles.</summary>
public sealed class ReportRows(AppDbContext db) : IHandler
{
    public IQueryable<ReportRow> All() =>
        db.Reports.AsNoTracking().Select(r => new ReportRow
        {
            Id = r.Id, ObligationId = r.ObligationId, ObligationTitle = r.Obligation.Title, PeriodKind = r.Obligation.PeriodKind,
            PeriodYear = r.Obligation.PeriodYear, PeriodNumber = r.Obligation.PeriodNumber, PeriodStart = r.Obligation.PeriodStart,
            PeriodEnd = r.Obligation.PeriodEnd, DueOn = r.Obligation.DueOn, OrganisationId = r.OrganisationId, OrganisationName = r.Organisation.Name,
            OrganisationKind = r.Organisation.Kind, State = r.State, FirstSubmittedAt = r.FirstSubmittedAt, LastSubmittedAt = r.LastSubmittedAt,
            ApprovedAt = r.ApprovedAt,
        });
}
