using System.Globalization;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Plans;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Reports;

/// <summary>
/// Creates an obligation's reports and fills them: the template's sections (narratives blank, with
/// their prompts), the unit's indicator values for the period from <see cref="ReportFigures"/>, its
/// task statuses at the end of the period, and document fields an official would otherwise type.
/// An aggregate report is filled from the approved reports of its source obligations instead, so
/// its numbers are exactly their sum. Filling is repeated on every save until the report is
/// submitted, when its numbers are frozen.
/// </summary>
public sealed class ReportFill(AppDbContext db, ReportFigures figures, TimeProvider clock) : IHandler
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Adds a draft report per organisation to the tracked, saved <paramref name="obligation"/>; the caller saves.</summary>
    public async Task CreateReportsAsync(ReportingObligation obligation, IReadOnlyCollection<int> organisationIds, string actorName,
        CancellationToken cancellationToken)
    {
        var template = ReportTemplates.Find(obligation.TemplateCode) ?? throw new InvalidOperationException($"Unknown template {obligation.TemplateCode}.");
        var organisations = await OrganisationDirectory.Visible(db).AsNoTracking().Where(o => organisationIds.Contains(o.Id))
            .Select(o => new IssuerSource(o.Id, o.Name, o.Kind, o.UnitId, o.ProvinceId, o.Unit.Name, o.Province.Name))
            .ToListAsync(cancellationToken);
        var period = PeriodLabel(obligation);
        var now = clock.GetUtcNow().UtcDateTime;
        var reports = new List<Report>();
        foreach (var organisation in organisations.OrderBy(o => o.Kind).ThenBy(o => o.Name, StringComparer.Ordinal))
        {
            var report = new Report
            {
                Obligation = obligation, ObligationId = obligation.Id, ProvinceId = obligation.ProvinceId, OrganisationId = organisation.Id,
                Title = template.TitleFor(period, ProvinceLowerName(organisation.ProvinceName)),
                Symbol = "BC-" + Abbreviation(organisation.Name, organisation.Kind, organisation.ProvinceName),
                Place = PlaceName(organisation),
                SignerAuthority = SignerAuthority(organisation.Kind),
                Recipients = $"- {obligation.ReceiverName} (b/c);\n- Lưu: VT.",
                CreatedAt = now,
            };
            var order = 0;
            foreach (var section in template.Sections)
                report.Sections.Add(new ReportSection
                {
                    ProvinceId = report.ProvinceId, OrganisationId = report.OrganisationId, Order = ++order, Kind = section.Kind,
                    Heading = section.Heading, Prompt = section.Prompt, Breakdown = section.Breakdown,
                    IndicatorCodes = section.Indicators is { Count: > 0 } codes ? string.Join(",", codes) : null,
                });
            report.Events.Add(new ReportEvent
            {
                ProvinceId = report.ProvinceId, OrganisationId = report.OrganisationId, At = now, Action = ReportAction.Created, ActorName = actorName,
            });
            await RefreshAsync(report, organisation, cancellationToken);
            reports.Add(report);
        }
        db.Reports.AddRange(reports);
    }

    /// <summary>Refills a tracked report (obligation, sections, figures and task lines loaded) from the records as they are now.</summary>
    public async Task RefreshAsync(Report report, CancellationToken cancellationToken)
    {
        var organisation = await OrganisationDirectory.Visible(db).AsNoTracking().Where(o => o.Id == report.OrganisationId)
            .Select(o => new IssuerSource(o.Id, o.Name, o.Kind, o.UnitId, o.ProvinceId, o.Unit.Name, o.Province.Name))
            .SingleAsync(cancellationToken);
        await RefreshAsync(report, organisation, cancellationToken);
    }

    private async Task RefreshAsync(Report report, IssuerSource organisation, CancellationToken cancellationToken)
    {
        var obligation = report.Obligation;
        var sourceIds = await db.ObligationSources.Where(s => s.ObligationId == obligation.Id).Select(s => s.SourceId).ToListAsync(cancellationToken);
        foreach (var figure in report.Figures.ToList()) db.ReportFigures.Remove(figure);
        report.Figures.Clear();
        foreach (var line in report.TaskLines.ToList()) db.ReportTaskLines.Remove(line);
        report.TaskLines.Clear();

        if (sourceIds.Count > 0) await FillAggregateAsync(report, sourceIds, cancellationToken);
        else await FillFromRecordsAsync(report, organisation, cancellationToken);
        if (obligation.PlanId is { } planId && report.Sections.Any(s => s.Kind == SectionKind.Tasks))
        {
            if (sourceIds.Count > 0) await FillTaskSummaryAsync(report, planId, cancellationToken);
            else await FillOwnTasksAsync(report, planId, cancellationToken);
        }
        report.FiguresAt = clock.GetUtcNow().UtcDateTime;
    }

    private async Task FillFromRecordsAsync(Report report, IssuerSource organisation, CancellationToken cancellationToken)
    {
        var unit = new ReportingUnit(organisation.Id, organisation.Kind, organisation.UnitId, organisation.ProvinceId);
        var values = await figures.ForUnitAsync(unit, report.Obligation.PeriodStart, report.Obligation.PeriodEnd, cancellationToken);
        var order = 0;
        foreach (var value in values)
            report.Figures.Add(NewFigure(report, null, ++order, value.Code, value.Name, value.Unit, value.Value));
    }

    /// <summary>The sum of the approved source reports, with what each contributed, so the totals can be checked line by line.</summary>
    private async Task FillAggregateAsync(Report report, List<int> sourceIds, CancellationToken cancellationToken)
    {
        var contributions = await db.ReportFigures.AsNoTracking()
            .Where(f => f.SourceReportId == null && sourceIds.Contains(f.Report.ObligationId) && f.Report.State == ReportState.Approved)
            .OrderBy(f => f.Report.Organisation.Name).ThenBy(f => f.ReportId).ThenBy(f => f.Order)
            .Select(f => new { f.ReportId, f.Code, f.Name, f.Unit, f.Value })
            .ToListAsync(cancellationToken);
        var codes = report.Sections.SelectMany(s => s.Codes).Distinct().ToList();
        var order = 0;
        foreach (var code in codes)
        {
            var definition = ReportFigures.Find(code);
            var first = contributions.FirstOrDefault(c => c.Code == code);
            report.Figures.Add(NewFigure(report, null, ++order, code, first?.Name ?? definition?.Name ?? code, first?.Unit ?? definition?.Unit ?? "",
                contributions.Where(c => c.Code == code).Sum(c => c.Value)));
        }
        foreach (var contribution in contributions.Where(c => codes.Contains(c.Code)))
            report.Figures.Add(NewFigure(report, contribution.ReportId, codes.IndexOf(contribution.Code) + 1, contribution.Code, contribution.Name,
                contribution.Unit, contribution.Value));
    }

    /// <summary>The reporter's own assignments in the plan, each with its status at the end of the period.</summary>
    private async Task FillOwnTasksAsync(Report report, int planId, CancellationToken cancellationToken)
    {
        var cutoff = VietnamTime.StartOfDayUtc(report.Obligation.PeriodEnd.AddDays(1));
        var assignments = await PlanRecords.Assignments(db).AsNoTracking()
            .Where(a => a.OrganisationId == report.OrganisationId && a.Task.PlanId == planId)
            .OrderBy(a => a.Task.Section != null ? a.Task.Section.Order : int.MaxValue).ThenBy(a => a.Task.Order)
            .Select(a => new
            {
                a.Id, a.Role, a.Task.Number, SectionCode = a.Task.Section != null ? a.Task.Section.Code : null, a.Task.Content,
                Latest = a.Updates.Where(u => u.At < cutoff).OrderByDescending(u => u.At).ThenByDescending(u => u.Id)
                    .Select(u => new { u.Status, u.Note }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var order = 0;
        foreach (var a in assignments)
            report.TaskLines.Add(new ReportTaskLine
            {
                ProvinceId = report.ProvinceId, OrganisationId = report.OrganisationId, Order = ++order,
                Number = a.SectionCode is null ? a.Number : $"{a.SectionCode}.{a.Number}", Content = a.Content, Role = a.Role,
                Status = a.Latest?.Status ?? AssignmentStatus.NotStarted, Note = a.Latest?.Note,
            });
    }

    /// <summary>For the province: per task of the plan, how many bodies had done it, were doing it, or had not started by the end of the period.</summary>
    private async Task FillTaskSummaryAsync(Report report, int planId, CancellationToken cancellationToken)
    {
        var cutoff = VietnamTime.StartOfDayUtc(report.Obligation.PeriodEnd.AddDays(1));
        var tasks = await PlanRecords.Tasks(db).AsNoTracking().Where(t => t.PlanId == planId)
            .OrderBy(t => t.Section != null ? t.Section.Order : int.MaxValue).ThenBy(t => t.Order)
            .Select(t => new
            {
                t.Id, t.Number, SectionCode = t.Section != null ? t.Section.Code : null, t.Content,
                Statuses = t.Assignments.Select(a => a.Updates.Where(u => u.At < cutoff).OrderByDescending(u => u.At).ThenByDescending(u => u.Id)
                    .Select(u => (AssignmentStatus?)u.Status).FirstOrDefault()).ToList(),
            })
            .ToListAsync(cancellationToken);
        var order = 0;
        foreach (var t in tasks)
        {
            var statuses = t.Statuses.Select(s => s ?? AssignmentStatus.NotStarted).ToList();
            var parts = Enum.GetValues<AssignmentStatus>().Reverse()
                .Select(s => (Status: s, Count: statuses.Count(x => x == s))).Where(p => p.Count > 0)
                .Select(p => $"{Fmt.Enum(p.Status)}: {Fmt.Number(p.Count)}");
            report.TaskLines.Add(new ReportTaskLine
            {
                ProvinceId = report.ProvinceId, OrganisationId = report.OrganisationId, Order = ++order,
                Number = t.SectionCode is null ? t.Number : $"{t.SectionCode}.{t.Number}", Content = t.Content,
                Note = statuses.Count == 0 ? "Chưa giao cho đơn vị nào." : $"{Fmt.Number(statuses.Count)} đơn vị được giao – {string.Join("; ", parts)}.",
            });
        }
    }

    private static ReportFigure NewFigure(Report report, int? sourceReportId, int order, string code, string name, string unit, long value) => new()
    {
        ProvinceId = report.ProvinceId, OrganisationId = report.OrganisationId, SourceReportId = sourceReportId, Order = order,
        Code = code, Name = name, Unit = unit, Value = value,
    };

    public static string PeriodLabel(ReportingObligation o) => ReportPeriods.Label(o.PeriodKind, o.PeriodYear, o.PeriodNumber, o.PeriodStart, o.PeriodEnd);

    public sealed record IssuerSource(int Id, string Name, OrganisationKind Kind, int UnitId, int ProvinceId, string UnitName, string ProvinceName);

    /// <summary>"Tỉnh Lai Châu" → "tỉnh Lai Châu", as it reads inside a title.</summary>
    public static string ProvinceLowerName(string provinceName) => char.ToLower(provinceName[0], Vi) + provinceName[1..];

    /// <summary>Where the document is signed: the commune's own name ("Bình Lư") for a commune body, else the province's ("Lai Châu").</summary>
    public static string PlaceName(IssuerSource organisation) =>
        WithoutUnitType(organisation.Kind == OrganisationKind.CommuneGovernment ? organisation.UnitName : organisation.ProvinceName);

    private static readonly string[] UnitTypes = ["Thành phố ", "Tỉnh ", "Xã ", "Phường ", "Đặc khu ", "Thị trấn "];

    public static string WithoutUnitType(string name) =>
        UnitTypes.FirstOrDefault(t => name.StartsWith(t, StringComparison.Ordinal)) is { } type ? name[type.Length..] : name;

    /// <summary>
    /// The body's abbreviation in the document symbol: UBND for People's Committees, else the initials
    /// of its name without "và" and without the province (Sở Giáo dục và Đào tạo → SGDĐT). Editable on the report.
    /// </summary>
    public static string Abbreviation(string name, OrganisationKind kind, string provinceName)
    {
        if (kind is OrganisationKind.CommuneGovernment or OrganisationKind.ProvincialGovernment) return "UBND";
        var suffix = " " + ProvinceLowerName(provinceName);
        var core = name.EndsWith(suffix, StringComparison.Ordinal) ? name[..^suffix.Length] : name;
        var initials = core.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w != "và" && w != "-")
            .Select(w => char.ToUpper(w[0], Vi));
        return new string(initials.ToArray());
    }

    public static string SignerAuthority(OrganisationKind kind) => kind switch
    {
        OrganisationKind.CommuneGovernment or OrganisationKind.ProvincialGovernment => "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        OrganisationKind.Department or OrganisationKind.EmploymentCentre or OrganisationKind.SocialPolicyBank => "GIÁM ĐỐC",
        OrganisationKind.TrainingInstitution => "HIỆU TRƯỞNG",
        OrganisationKind.Inspectorate => "CHÁNH THANH TRA",
        _ => "THỦ TRƯỞNG CƠ QUAN",
    };

    /// <summary>The issuing body as Nghị định 30/2020/NĐ-CP prints it top left: the parent body, then the body itself in bold.</summary>
    public static (string? Parent, IReadOnlyList<string> Lines) IssuerHeader(string name, OrganisationKind kind, string unitName, string provinceName, string? parentName)
    {
        string Upper(string s) => s.ToUpper(Vi);
        if (kind is OrganisationKind.CommuneGovernment or OrganisationKind.ProvincialGovernment)
            return (null, ["ỦY BAN NHÂN DÂN", Upper(kind == OrganisationKind.CommuneGovernment ? unitName : provinceName)]);
        var suffix = " " + ProvinceLowerName(provinceName);
        var core = name.EndsWith(suffix, StringComparison.Ordinal) ? name[..^suffix.Length] : name;
        return (parentName is null ? "UBND " + Upper(provinceName) : Upper(parentName), [Upper(core)]);
    }
}
