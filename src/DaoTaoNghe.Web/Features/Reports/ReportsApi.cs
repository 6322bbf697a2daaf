using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Reports;

public sealed class ReportsApi : IEndpoints
{
    public sealed record ReportListItem(int Id, int ObligationId, string ObligationTitle, string Period, DateOnly DueOn, int OrganisationId,
        string OrganisationName, ReportState State, DateTime? FirstSubmittedAt, DateTime? ApprovedAt, Timeliness Timeliness);

    public sealed record ObligationItem(int Id, string Title, string Period, DateOnly DueOn, string ReceiverName, bool IsAggregate, TimelinessSummary Summary);

    public sealed record ObligationSource(int Id, string Title);

    public sealed record ObligationDetails(int Id, string Title, string TemplateName, string Period, DateOnly PeriodStart, DateOnly PeriodEnd,
        DateOnly DueOn, string ReceiverName, int? PlanId, IReadOnlyList<ObligationSource> Sources, TimelinessSummary Summary,
        IReadOnlyList<ReportListItem> Reports);

    public sealed record UnitReports(string OrganisationName, IReadOnlyList<Unit.YearLine> Years, IReadOnlyList<ReportListItem> Reports);

    public sealed record ReportDetails(ReportView Report, Timeliness Timeliness);

    public void Map(IEndpointRouteBuilder api)
    {
        var obligations = api.MapGroup("/obligations").WithTags("Yêu cầu báo cáo")
            .RequireAuthorization(CommonPolicies.ReadProvince);
        obligations.MapGet("", async ([AsParameters] Obligations.Index.Query query, Obligations.Index.Handler handler, TimeProvider clock,
                CancellationToken cancellationToken) =>
            {
                var page = await handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken);
                var summaries = await handler.SummariesAsync(page.Items.Select(r => r.Id).ToList(), clock.GetUtcNow().UtcDateTime, cancellationToken);
                return new PagedList<ObligationItem>(page.Items.Select(r => new ObligationItem(r.Id, r.Title, r.Period, r.DueOn, r.ReceiverName, r.IsAggregate,
                    summaries.GetValueOrDefault(r.Id) ?? TimelinessSummary.Of([]))).ToList(), page.PageNumber, page.PageSize, page.TotalCount);
            })
            .WithSummary("Yêu cầu báo cáo của tỉnh với tỷ lệ đầy đủ, đúng hạn (lọc: q, nam; trang: page, pageSize ≤ 200).");
        obligations.MapGet("/{id:int}", async (int id, Obligations.Details.Handler handler, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var result = await handler.HandleAsync(id, cancellationToken);
                var now = clock.GetUtcNow().UtcDateTime;
                return new ObligationDetails(result.Id, result.Title, result.TemplateName, result.Period, result.PeriodStart, result.PeriodEnd,
                    result.DueOn, result.ReceiverName, result.PlanId, result.Sources.Select(s => new ObligationSource(s.Id, s.Title)).ToList(),
                    TimelinessSummary.Of(result.Reports.Select(r => (r.TimelinessAt(now), r.State))),
                    result.Reports.Select(r => Item(r, now)).ToList());
            })
            .WithSummary("Một yêu cầu báo cáo: từng đơn vị, trạng thái và đúng hạn tính từ thời điểm gửi.");
        obligations.MapPost("", async (Obligations.Create.Command command, Obligations.Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/obligations/{id}", id);
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Tạo yêu cầu báo cáo và báo cáo nháp cho từng đơn vị (quản trị cấp tỉnh).");
        obligations.MapPut("/{id:int}", async (int id, Obligations.Edit.Command command, Obligations.Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Sửa tên, hạn gửi, số ngày nhắc của yêu cầu báo cáo; hạn mới áp dụng cho cả báo cáo đã gửi (gia hạn thì báo cáo trễ có thể thành đúng hạn).");

        var reports = api.MapGroup("/reports").WithTags("Báo cáo");
        reports.MapGet("", async ([AsParameters] Index.Query query, Index.Handler handler, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var now = clock.GetUtcNow().UtcDateTime;
                var page = await handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken);
                return new PagedList<ReportListItem>(page.Items.Select(r => Item(r, now)).ToList(), page.PageNumber, page.PageSize, page.TotalCount);
            })
            .WithSummary("Báo cáo trong phạm vi người gọi (lọc: q, nam, yeu-cau, don-vi, trang-thai; trang: page, pageSize ≤ 200).");
        reports.MapGet("/units/{organisationId:int}", async (int organisationId, Unit.Handler handler, CancellationToken cancellationToken) =>
            {
                var unit = await handler.HandleAsync(organisationId, cancellationToken);
                return new UnitReports(unit.OrganisationName, unit.Years, unit.Reports.Select(r => Item(r, unit.Now)).ToList());
            })
            .WithSummary("Một đơn vị báo cáo theo thời gian: từng báo cáo phải gửi, đúng hạn hay trễ, tỷ lệ từng năm (đơn vị chỉ xem được của mình).");
        reports.MapGet("/{id:int}", async (int id, ReportQuery query, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var report = await query.HandleAsync(id, cancellationToken);
                return new ReportDetails(report, report.TimelinessAt(clock.GetUtcNow().UtcDateTime));
            })
            .WithSummary("Một báo cáo: nội dung, số liệu, nhiệm vụ, lịch sử; ngoài phạm vi trả về 404.");
        reports.MapPut("/{id:int}", async (int id, SaveDraft.Command command, SaveDraft.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .WithSummary("Lưu bản nháp (đơn vị báo cáo); số liệu được cập nhật lại.");
        reports.MapPost("/{id:int}/submit", async (int id, Submit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, null, cancellationToken);
                return TypedResults.NoContent();
            })
            .WithSummary("Gửi (hoặc gửi lại) báo cáo; số liệu được chốt.");
        reports.MapPost("/{id:int}/approve", async (int id, Review.Command command, Review.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.ApproveAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .WithSummary("Duyệt báo cáo đã gửi (cơ quan thường trực).");
        reports.MapPost("/{id:int}/return", async (int id, Review.Command command, Review.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.ReturnAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .WithSummary("Trả lại báo cáo đã gửi kèm ý kiến (cơ quan thường trực).");
        reports.MapGet("/{id:int}/docx", async (int id, ReportQuery query, AuditTrail audit, CancellationToken cancellationToken) =>
            {
                var report = await query.HandleAsync(id, cancellationToken);
                await audit.RecordExportAsync($"Báo cáo {report.Id} (.docx)", 1, containsPersonalData: false, cancellationToken);
                return TypedResults.File(ReportDocx.Write(ReportComposer.Compose(report)), ReportDocx.ContentType, Details.FileName(report, "docx"));
            })
            .ProducesFile(ReportDocx.ContentType)
            .WithSummary("Báo cáo dạng .docx theo thể thức Nghị định 30/2020/NĐ-CP.");
        reports.MapGet("/{id:int}/xlsx", async (int id, ReportQuery query, AuditTrail audit, TimeProvider clock, CancellationToken cancellationToken) =>
            {
                var report = await query.HandleAsync(id, cancellationToken);
                await audit.RecordExportAsync($"Báo cáo {report.Id} (.xlsx)", report.Figures.Count + report.TaskLines.Count, containsPersonalData: false, cancellationToken);
                var book = ReportWorkbook.Write(report, clock.GetUtcNow().UtcDateTime);
                return TypedResults.File(book.ToStream(), XlsxBook.ContentType, Details.FileName(report, "xlsx"));
            })
            .ProducesFile(XlsxBook.ContentType)
            .WithSummary("Báo cáo dạng .xlsx.");
        api.MapGet("/report-templates", () => ReportTemplates.All).WithTags("Báo cáo").WithSummary("Các mẫu báo cáo: mục, chỉ tiêu, cách chia, gợi ý.");
    }

    private static ReportListItem Item(ReportRow r, DateTime now) =>
        new(r.Id, r.ObligationId, r.ObligationTitle, r.Period, r.DueOn, r.OrganisationId, r.OrganisationName, r.State, r.FirstSubmittedAt,
            r.ApprovedAt, r.TimelinessAt(now));
}
