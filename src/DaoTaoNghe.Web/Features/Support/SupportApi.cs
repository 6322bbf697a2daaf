using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Support;

/// <summary>Support rules, commune classifications and the calculator under /api/v1/support.</summary>
public sealed class SupportApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/support").WithTags("Chính sách hỗ trợ");
        group.MapGet("/rule-sets", async ([AsParameters] Index.Query query, Index.Handler handler, CancellationToken cancellationToken) =>
                await handler.Rows().ToPagedListAsync(query, cancellationToken: cancellationToken))
            .WithSummary("Các chính sách hỗ trợ đào tạo của tỉnh người gọi, mới nhất trước.");
        group.MapGet("/rule-sets/{id:int}", (int id, Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một chính sách: mức theo nhóm, tiền ăn, tiền đi lại.");
        group.MapGet("/rule-sets/in-force", async ([FromQuery(Name = "ngay")] DateOnly? on, SupportQueries support, AppDbContext db, TimeProvider clock,
                CancellationToken cancellationToken) =>
            {
                var date = on ?? VietnamTime.Today(clock);
                return await support.RulesInForceAsync(db.Scope.ProvinceId, date, cancellationToken)
                    ?? throw new NotFoundException($"Không có chính sách hỗ trợ nào có hiệu lực vào ngày {Fmt.Date(date)}.");
            })
            .WithSummary("Chính sách có hiệu lực vào ngày ?ngay=yyyy-MM-dd (mặc định hôm nay), dạng dữ liệu máy tính hỗ trợ đọc.");
        group.MapPost("/rule-sets", async (Create.Command command, Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var (id, recomputed) = await handler.HandleAsync(command, cancellationToken);
                return TypedResults.Created($"/api/v1/support/rule-sets/{id}", new CreatedRuleSet(id, recomputed));
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Thêm chính sách có hiệu lực từ một ngày; chính sách mới nhất kết thúc vào ngày trước đó; hỗ trợ chưa chi trả của các lớp khai giảng từ ngày đó được tính lại ngay (recomputed). Ngày đã qua cần lý do (reason).");
        group.MapDelete("/rule-sets/{id:int}", async (int id, Details.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.DeleteAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Xóa một chính sách chưa có hiệu lực.");
        group.MapPost("/calculate", (Calculator.Command command, Calculator.Handler handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(command, cancellationToken))
            .WithSummary("Tính mức hỗ trợ cho một người học và khóa học mô tả trong yêu cầu, kèm các bước tính.");
        group.MapGet("/communes", async ([AsParameters] Communes.Query query, Communes.Handler handler, CancellationToken cancellationToken) =>
                (await handler.RowsAsync(query, cancellationToken)).ToPagedList(query, PagedQuery.MaxSize))
            .WithSummary("Phân loại xã khó khăn, đặc biệt khó khăn của tỉnh vào ngày ?ngay= (mặc định hôm nay) (lọc: ngay, loai; trang: page, pageSize ≤ 200, mặc định 200).");
        group.MapPost("/communes", async (Communes.Command command, Communes.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.SetAsync(command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(CommonPolicies.Administer)
            .WithSummary("Ghi phân loại mới cho một xã từ một ngày.");
    }
}

/// <summary>A rule set just added, and the courses whose unpaid support it recomputed at once.</summary>
/// <param name="Id">The new rule set.</param>
/// <param name="Recomputed">Each course recomputed, as "name (n enrolments)".</param>
public sealed record CreatedRuleSet(int Id, IReadOnlyList<string> Recomputed);
