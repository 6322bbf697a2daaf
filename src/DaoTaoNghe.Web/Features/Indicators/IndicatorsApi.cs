using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Indicators;

public sealed class IndicatorsApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/indicators").WithTags("Chỉ số, chỉ tiêu");
        group.MapGet("", () => Definitions.All)
            .WithSummary("Danh mục chỉ số: mã, tên, đơn vị tính, cách tính hiện nay (từ hồ sơ, nhập tay, tỷ lệ), phân tổ, phạm vi áp dụng.");
        group.MapGet("/values", ([AsParameters] Values.Query query, ReadOnlyWork reads, CancellationToken cancellationToken) =>
                reads.RunAsync<Values.Handler, Values.Result>(handler => handler.HandleAsync(query, cancellationToken)))
            .RequireAuthorization(IndicatorPolicies.ReadDashboards)
            .WithSummary("Giá trị chỉ số và chỉ tiêu trong phạm vi người gọi (indicator, unit hoặc institution, period = năm, by = phân tổ, map = 2024).");
        group.MapPut("/targets", async (Targets.Command command, Targets.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Giao chỉ tiêu của tỉnh hoặc một xã, phường cho một năm (giá trị để trống: xóa chỉ tiêu).");
        group.MapGet("/data", async ([AsParameters] Data.Query query, Data.Handler handler, CancellationToken cancellationToken) =>
                {
                    var page = await handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken);
                    var rows = page.Items.Select(r => new DataRow(r.Id, r.Year, r.UnitId, r.UnitName, r.NowName, r.ElementCode, r.Value, r.Note, r.EnteredBy, r.EnteredAt));
                    return new PagedList<DataRow>(rows.ToList(), page.PageNumber, page.PageSize, page.TotalCount);
                })
            .RequireAuthorization(IndicatorPolicies.ReadData)
            .WithSummary("Số liệu tổng hợp đã nhập tay trong phạm vi người gọi, ai nhập và khi nào (lọc: don-vi, nam, ma; trang: page, pageSize ≤ 200).");
        group.MapPut("/data", async (Entry.Command command, Entry.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(IndicatorPolicies.WriteData)
            .WithSummary("Nhập số liệu tổng hợp của một đơn vị cho một năm, kiểm tra theo quy tắc của danh mục (giá trị để trống: xóa).");
    }

    /// <summary>One hand-entered value: the unit (and what it is now part of), the data element's code, the value as entered.</summary>
    public sealed record DataRow(int Id, int Year, int UnitId, string UnitName, string? NowName, string ElementCode, double? Value, string? Note,
        string EnteredBy, DateTime EnteredAt);
}
