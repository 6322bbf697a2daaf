using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>
/// Employment outcomes the caller may see, recorded by follow-up or by another area. With
/// "loai" it lists exactly the records behind an indicator's number (the dashboards link here).
/// </summary>
[Authorize(Policy = FollowUpPolicies.Read)]
public class Outcomes(Outcomes.Handler handler, UnitChoices units, OccupationChoices occupations, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "loai")] public string? Kind { get; set; }
        [FromQuery(Name = "nam")] public int? Year { get; set; }
        [FromQuery(Name = "xa")] public int? CommuneId { get; set; }
        [FromQuery(Name = "kq")] public EmploymentStatus? Status { get; set; }
        [FromQuery(Name = "nguon")] public OutcomeSource? Source { get; set; }
        [FromQuery(Name = "moc")] public int? Checkpoint { get; set; }
        [FromQuery(Name = "gt")] public Sex? Sex { get; set; }
        [FromQuery(Name = "dt")] public int? EthnicGroupId { get; set; }
        [FromQuery(Name = "uu-tien")] public PriorityCategory? Priority { get; set; }
        [FromQuery(Name = "trinh-do")] public TrainingLevel? Level { get; set; }
        [FromQuery(Name = "nghe")] public int? OccupationId { get; set; }
        [FromQuery(Name = "co-so")] public int? InstitutionId { get; set; }
    }

    public sealed record Row(
        int Id, int LearnerId, string LearnerName, Sex Sex, string CommuneName, DateOnly OutcomeOn, int? Checkpoint, EmploymentStatus Status,
        string? Employer, IncomeBand? IncomeBand, bool LoanHelped, OutcomeSource Source, bool IsNewJob, string? CourseName, string RecordedBy);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        /// <summary>
        /// The rows the caller may read. Behind a number ("loai"), which records count is decided over every record
        /// (a person's first new job of the year may lie outside the caller's scope; a later one must not stand in
        /// for it), then the caller's filter picks their share.
        /// </summary>
        public async Task<IQueryable<Row>> RowsAsync(Query query, CancellationToken cancellationToken)
        {
            var outcomes = Filtered(query, pastScope: false);
            if (OutcomeKinds.Parse(query.Kind) is not null)
            {
                var counted = await Filtered(query, pastScope: true).Select(o => o.Id).ToListAsync(cancellationToken);
                outcomes = db.EmploymentOutcomes.AsNoTracking().Where(o => counted.Contains(o.Id));
            }
            return outcomes
                .OrderByDescending(o => o.OutcomeOn).ThenByDescending(o => o.Id)
                .Select(o => new Row(o.Id, o.LearnerId, o.Learner.FullName, o.Learner.Sex, o.ResidenceCommune.Name, o.OutcomeOn, o.Checkpoint, o.Status,
                    o.Enterprise != null ? o.Enterprise.Name : o.EmployerName, o.IncomeBand, o.LoanHelped, o.Source, o.IsNewJob,
                    o.Enrolment != null ? o.Enrolment.Course.Name : null, o.RecordedByOrganisation.Name));
        }

        /// <summary>
        /// For a list of the records behind a number ("loai"): how many of them the caller may not read. The number
        /// counts them all; the list shows the rest. A search narrows what is listed, not what is counted, so none then.
        /// </summary>
        public async Task<int> OutsideScopeAsync(Query query, CancellationToken cancellationToken)
        {
            if (OutcomeKinds.Parse(query.Kind) is null || !string.IsNullOrWhiteSpace(query.Search)) return 0;
            return await Filtered(query, pastScope: true).CountAsync(cancellationToken) - await (await RowsAsync(query, cancellationToken)).CountAsync(cancellationToken);
        }

        private IQueryable<EmploymentOutcome> Filtered(Query query, bool pastScope)
        {
            var from = query.Year is { } y ? new DateOnly(y, 1, 1) : DateOnly.MinValue;
            var to = query.Year is { } z ? new DateOnly(z, 12, 31) : DateOnly.MaxValue;
            var outcomes = OutcomeKinds.Parse(query.Kind) is { } kind
                ? OutcomeKinds.Of(db, kind, from, to, pastScope)
                : db.EmploymentOutcomes.Where(o => o.OutcomeOn >= from && o.OutcomeOn <= to);
            outcomes = outcomes.AsNoTracking();
            if (query.CommuneId is { } communeId)
                outcomes = outcomes.Where(o => o.ResidenceCommuneId == communeId || o.ResidenceCommune.RollUpUnitId == communeId);
            if (query.Status is { } status) outcomes = outcomes.Where(o => o.Status == status);
            if (query.Source is { } source) outcomes = outcomes.Where(o => o.Source == source);
            if (query.Checkpoint is { } checkpoint) outcomes = outcomes.Where(o => o.Checkpoint == checkpoint);
            if (query.Sex is { } sex) outcomes = outcomes.Where(o => o.Learner.Sex == sex);
            if (query.EthnicGroupId is { } ethnic) outcomes = outcomes.Where(o => o.Learner.EthnicGroupId == ethnic);
            if (query.Priority is { } priority) outcomes = outcomes.Where(o => o.Learner.Priorities.Any(p => p.Category == priority));
            if (query.Level is { } level) outcomes = outcomes.Where(o => o.Enrolment!.Course.Level == level);
            if (query.OccupationId is { } occupation) outcomes = outcomes.Where(o => o.Enrolment!.Course.OccupationId == occupation);
            if (query.InstitutionId is { } institution) outcomes = outcomes.Where(o => o.InstitutionId == institution);
            if (!string.IsNullOrWhiteSpace(query.Search))
                outcomes = outcomes.WhereNameHasWords(o => o.Learner.SearchName, query.Search, db.Database.IsNpgsql());
            return outcomes;
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;

    /// <summary>Records behind the number that the caller may not read (counted, not listed).</summary>
    public int OutsideScope { get; private set; }
    public List<SelectListItem> Communes { get; private set; } = [];
    public List<SelectListItem> Occupations { get; private set; } = [];
    public string? KindLabel => OutcomeKinds.Parse(Filter.Kind) is { } kind ? OutcomeKinds.Labels[kind] : null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await audit.ListedAsync(await (await handler.RowsAsync(Filter, cancellationToken)).ToPagedListAsync(Filter, cancellationToken: cancellationToken),
            nameof(EmploymentOutcome), "Xem danh sách kết quả việc làm", r => r.Id, cancellationToken);
        OutsideScope = await handler.OutsideScopeAsync(Filter, cancellationToken);
        Communes = await units.CurrentCommunesAsync(cancellationToken);
        Occupations = await occupations.SelectListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await (await handler.RowsAsync(Filter, cancellationToken)).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Kết quả việc làm", rows.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Kết quả việc làm", [
            new XlsxColumn<Row>("Họ và tên", r => r.LearnerName, Width: 28),
            new XlsxColumn<Row>("Giới tính", r => Fmt.Enum(r.Sex), Width: 10),
            new XlsxColumn<Row>("Xã, phường", r => r.CommuneName, Width: 22),
            new XlsxColumn<Row>("Ngày ghi nhận", r => r.OutcomeOn, XlsxFormat.Date, 14),
            new XlsxColumn<Row>("Mốc (tháng)", r => r.Checkpoint, XlsxFormat.Integer, 10),
            new XlsxColumn<Row>("Tình trạng việc làm", r => Fmt.Enum(r.Status), Width: 34),
            new XlsxColumn<Row>("Nơi làm việc", r => r.Employer, Width: 32),
            new XlsxColumn<Row>("Mức thu nhập", r => Fmt.Enum(r.IncomeBand), Width: 30),
            new XlsxColumn<Row>("Vay vốn", r => r.LoanHelped ? "Có" : "", Width: 8),
            new XlsxColumn<Row>("Việc làm mới", r => r.IsNewJob ? "Có" : "", Width: 12),
            new XlsxColumn<Row>("Nguồn", r => Fmt.Enum(r.Source), Width: 30),
            new XlsxColumn<Row>("Lớp", r => r.CourseName, Width: 36),
            new XlsxColumn<Row>("Đơn vị ghi nhận", r => r.RecordedBy, Width: 30),
        ], rows, title: KindLabel ?? "Kết quả việc làm của người lao động");
        return book.ToFileResult("ket-qua-viec-lam.xlsx");
    }
}
