using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Features.Enterprises;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Jobs;

public sealed class JobsApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var vacancies = api.MapGroup("/vacancies").WithTags("Tuyển dụng");
        vacancies.MapGet("", async ([AsParameters] Vacancies.Index.Query query, Vacancies.Index.Handler handler, CancellationToken cancellationToken) =>
                await handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken))
            .WithSummary("Tin tuyển dụng trong phạm vi người gọi (lọc: q, nghe, xa, con-han; trang: page, pageSize ≤ 200).");
        vacancies.MapGet("/{id:int}", (int id, Vacancies.Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một tin tuyển dụng; ngoài phạm vi trả về 404.");
        vacancies.MapGet("/{id:int}/matches", (int id, Matching.Matches matches, CancellationToken cancellationToken) => matches.ForVacancyAsync(id, cancellationToken))
            .RequireAuthorization(JobPolicies.Place)
            .WithSummary("Người phù hợp nhất với một tin tuyển dụng, kèm điểm và lý do (trung tâm dịch vụ việc làm, quản trị tỉnh); ngoài phạm vi trả về 404.");
        api.MapGet("/learners/{id:int}/vacancy-matches", (int id, Matching.Matches matches, CancellationToken cancellationToken) => matches.ForPersonAsync(id, cancellationToken))
            .RequireAuthorization(JobPolicies.Place)
            .WithTags("Tuyển dụng")
            .WithSummary("Tin tuyển dụng còn hạn phù hợp nhất với một người học, kèm điểm và lý do; ngoài phạm vi trả về 404.");
        vacancies.MapPost("", async (Vacancies.Create.Command command, Vacancies.Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/vacancies/{id}", id);
            })
            .RequireAuthorization(JobPolicies.WriteVacancies)
            .WithSummary("Đăng một tin tuyển dụng (doanh nghiệp: cho chính mình).");
        vacancies.MapPut("/{id:int}", async (int id, Vacancies.Create.Command command, Vacancies.Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(JobPolicies.WriteVacancies)
            .WithSummary("Sửa một tin tuyển dụng.");
        vacancies.MapDelete("/{id:int}", async (int id, Vacancies.Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.DeleteAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(JobPolicies.WriteVacancies)
            .WithSummary("Xóa một tin tuyển dụng chưa có người đăng ký quan tâm.");

        var demand = api.MapGroup("/labour-demand").WithTags("Tuyển dụng");
        demand.MapGet("", async ([AsParameters] Demand.Index.Query query, Demand.Index.Handler handler, CancellationToken cancellationToken) =>
                await handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken))
            .WithSummary("Nhu cầu tuyển dụng của doanh nghiệp trong phạm vi người gọi (lọc: nam, nghe, trinh-do; trang: page, pageSize ≤ 200).");
        demand.MapPost("", async (Demand.Create.Command command, Demand.Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/labour-demand/{id}", id);
            })
            .RequireAuthorization(JobPolicies.WriteVacancies)
            .WithSummary("Báo cáo một dòng nhu cầu tuyển dụng.");
        demand.MapGet("/{id:int}", (int id, Demand.Edit.Handler handler, CancellationToken cancellationToken) => handler.LoadAsync(id, cancellationToken))
            .WithSummary("Một dòng nhu cầu tuyển dụng (các trường như khi báo cáo); ngoài phạm vi trả về 404.");
        demand.MapPut("/{id:int}", async (int id, Demand.Create.Command command, Demand.Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(JobPolicies.WriteVacancies)
            .WithSummary("Sửa một dòng nhu cầu tuyển dụng.");
        demand.MapDelete("/{id:int}", async (int id, Demand.Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.DeleteAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(JobPolicies.WriteVacancies)
            .WithSummary("Xóa một dòng nhu cầu tuyển dụng.");

        var sessions = api.MapGroup("/job-sessions").WithTags("Tuyển dụng");
        sessions.MapGet("", async ([AsParameters] Sessions.Index.Query query, Sessions.Index.Handler handler, CancellationToken cancellationToken) =>
                await handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken))
            .WithSummary("Phiên giao dịch việc làm trong phạm vi người gọi (lọc: q, nam, loai; trang: page, pageSize ≤ 200).");
        sessions.MapGet("/{id:int}", (int id, Sessions.Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một phiên: doanh nghiệp tham gia, người tìm việc, giới thiệu việc làm; ngoài phạm vi trả về 404.");
        sessions.MapPost("", async (Sessions.Create.Command command, Sessions.Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/job-sessions/{id}", id);
            })
            .RequireAuthorization(JobPolicies.WriteSessions)
            .WithSummary("Ghi nhận một phiên giao dịch việc làm.")
            .WithBodyExample(new Sessions.Create.Command
            {
                Kind = SessionKind.Session, Title = "Phiên giao dịch việc làm tháng 3 tại Tân Uyên", HeldOn = new DateOnly(2026, 3, 15), VenueCommuneId = 3640,
            });
        sessions.MapPut("/{id:int}", async (int id, Sessions.Create.Command command, Sessions.Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(JobPolicies.WriteSessions)
            .WithSummary("Sửa một phiên giao dịch việc làm (loại, tên, ngày, nơi tổ chức, ghi chú).");
        sessions.MapPost("/{id:int}/enterprises", async (int id, SessionEnterprise body, Sessions.Details.Handler handler, EnterpriseChoices choices,
                CancellationToken cancellationToken) =>
            {
                await handler.AddEnterpriseAsync(id, body.EnterpriseId, choices, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(JobPolicies.WriteSessions)
            .WithSummary("Thêm một doanh nghiệp tham gia phiên.");
        sessions.MapPost("/{id:int}/seekers", async (int id, SessionSeeker body, Sessions.Details.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.AddSeekerAsync(id, body.Cccd, null, null, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(JobPolicies.WriteSessions)
            .WithSummary("Thêm một người tìm việc (theo số CCCD) đến phiên.");

        var applications = api.MapGroup("/job-applications").WithTags("Tuyển dụng")
            .RequireAuthorization(JobPolicies.WriteSessions);
        applications.MapPost("", async (Sessions.Propose.Command command, Sessions.Propose.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/job-applications/{id}", id);
            })
            .WithSummary("Giới thiệu một người (theo số CCCD) vào một tin tuyển dụng.");
        applications.MapPost("/{id:int}/status", async (int id, StatusChange change, Sessions.Advance.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, change.Status, change.On, cancellationToken);
                return TypedResults.NoContent();
            })
            .WithSummary("Chuyển trạng thái hồ sơ: Interviewed, Hired (ghi nhận việc làm của người lao động từ ngày tuyển), Rejected; ngày mặc định là hôm nay.");

        var loans = api.MapGroup("/loans").WithTags("Vay vốn Ngân hàng Chính sách xã hội").RequireAuthorization(JobPolicies.ReadLoans);
        loans.MapGet("", async ([AsParameters] Loans.Index.Query query, Loans.Index.Handler handler, AuditTrail audit, CancellationToken cancellationToken) =>
                await audit.ListedAsync(await handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken), "SocialPolicyLoan", "Xem danh sách cho vay", r => r.Id, cancellationToken))
            .WithSummary("Khoản vay học nghề, tạo việc làm: chi nhánh ngân hàng xem của mình, vai trò cấp tỉnh xem cả tỉnh (lọc: nam, muc-dich, trang-thai; trang: page, pageSize ≤ 200).");
        loans.MapPost("", async (Loans.Create.Command command, Loans.Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/loans/{id}", id);
            })
            .RequireAuthorization(JobPolicies.WriteLoans)
            .WithSummary("Ghi nhận một khoản vay của chi nhánh người gọi (người vay theo số CCCD); vay để tạo việc làm đã giải ngân được ghi là việc làm tự tạo.")
            .WithBodyExample(new Loans.Create.Command
            {
                Cccd = "012090004321", Purpose = LoanPurpose.StartWork, Amount = 50_000_000, LoanedOn = new DateOnly(2026, 5, 10), Status = LoanStatus.Disbursed,
            });
        loans.MapGet("/{id:int}", (int id, Loans.Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một khoản vay; ngoài phạm vi trả về 404.");
        loans.MapPost("/{id:int}/status", async (int id, Loans.Details.StatusCommand command, Loans.Details.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.SetStatusAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(JobPolicies.WriteLoans)
            .WithSummary("Cập nhật trạng thái khoản vay (Disbursed, Repaid, Overdue; không trở lại Approved); vay để tạo việc làm khi giải ngân được ghi là việc làm tự tạo.")
            .WithBodyExample(new Loans.Details.StatusCommand { Status = LoanStatus.Repaid });

        var abroad = api.MapGroup("/abroad-contracts").WithTags("Đi làm việc ở nước ngoài").RequireAuthorization(JobPolicies.ReadAbroad);
        abroad.MapGet("", async ([AsParameters] Abroad.Index.Query query, Abroad.Index.Handler handler, AuditTrail audit, CancellationToken cancellationToken) =>
                await audit.ListedAsync(await handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken), "AbroadContract", "Xem danh sách đi làm việc ở nước ngoài", r => r.Id, cancellationToken))
            .WithSummary("Hợp đồng đi làm việc ở nước ngoài trong phạm vi người gọi (lọc: nam, nuoc; trang: page, pageSize ≤ 200).");
        abroad.MapPost("", async (Abroad.Create.Command command, Abroad.Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/abroad-contracts/{id}", id);
            })
            .RequireAuthorization(JobPolicies.WriteAbroad)
            .WithSummary("Ghi nhận một hợp đồng đi làm việc ở nước ngoài (người lao động theo số CCCD); được tính là việc làm của người đó.")
            .WithBodyExample(new Abroad.Create.Command
            {
                Cccd = "012198005678", Country = "Nhật Bản", ReceivingCompany = "Công ty Nông sản Kagoshima", SendingAgency = "Công ty CP Cung ứng nhân lực quốc tế",
                DepartureOn = new DateOnly(2026, 4, 2), ReturnOn = new DateOnly(2029, 4, 1),
            });
        abroad.MapGet("/{id:int}", (int id, Abroad.Edit.Handler handler, CancellationToken cancellationToken) => handler.DetailsAsync(id, cancellationToken))
            .WithSummary("Một hợp đồng đi làm việc ở nước ngoài; ngoài phạm vi trả về 404.");
        abroad.MapPut("/{id:int}", async (int id, Abroad.Create.Command command, Abroad.Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(JobPolicies.WriteAbroad)
            .WithSummary("Sửa hợp đồng (nước, đơn vị tiếp nhận, doanh nghiệp đưa đi, ngày xuất cảnh, ngày về nước); người lao động không đổi. Kết quả việc làm của người đó theo hợp đồng.");

        api.MapGet("/interest-leads", async ([AsParameters] Leads.Index.Query query, Leads.Index.Handler handler, AuditTrail audit, CancellationToken cancellationToken) =>
                await audit.ListedAsync(await handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken), "InterestLead", "Xem danh sách người đăng ký quan tâm", r => r.Id, cancellationToken))
            .RequireAuthorization(JobPolicies.ReadLeads)
            .WithTags("Tuyển dụng")
            .WithSummary("Người đăng ký quan tâm trên trang công khai, trong phạm vi người gọi (lọc: q, loai, tin; trang: page, pageSize ≤ 200).");
    }

    public sealed record StatusChange(
        [property: Display(Name = "Trạng thái mới")] ApplicationStatus Status,
        [property: Display(Name = "Ngày")] DateOnly? On = null);

    /// <summary>An enterprise taking part in a session.</summary>
    public sealed record SessionEnterprise([property: Display(Name = "Doanh nghiệp")] int? EnterpriseId);

    /// <summary>A job seeker who came to a session, by their CCCD.</summary>
    public sealed record SessionSeeker([property: Display(Name = "Số CCCD người tìm việc")] string? Cccd);
}
