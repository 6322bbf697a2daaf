using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;

namespace DaoTaoNghe.Features.Learners;

/// <summary>Learner records under /api/v1/learners, scoped and masked exactly as the pages are.</summary>
public sealed class LearnersApi : IEndpoints
{
    public sealed record CheckRequest(string? Cccd, string? FullName, DateOnly? BirthDate, Sex? Sex, int? CommuneId, int? ExcludeId);

    public sealed record MergeRequest(int SurvivorId, string? Reason, bool Confirmed);

    /// <summary>Whether withdrawing the consent erased the sensitive data (no consent remained).</summary>
    public sealed record ConsentWithdrawn(bool SensitiveDataErased);

    public sealed class RegisteredQuery
    {
        [FromQuery(Name = "nam")] public int? Year { get; set; }
    }

    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/learners").WithTags("Người học")
            .RequireAuthorization(LearnerPolicies.Read);
        var writers = LearnerPolicies.Write;

        group.MapGet("", ([AsParameters] Index.Query query, Index.Handler handler, CancellationToken cancellationToken) =>
                handler.PageAsync(query, cancellationToken))
            .WithSummary("Người học trong phạm vi người gọi (lọc: q, xa, gt, dt, ho, uu-tien, da-gop; trang: page, pageSize ≤ 200, sau). q tìm theo đầu các chữ của họ tên, không dấu, không kể thứ tự (\"vi van\"), hoặc số CCCD, điện thoại. "
                + "Thứ tự theo họ tên rồi mã hồ sơ; total đếm tối đa 1.000: totalCapped = true nghĩa là có hơn 1.000 kết quả. next là mã hồ sơ cuối trang: gửi sau=next (và page tiếp theo) để lấy trang sau, ổn định cả khi có người mới được đăng ký. CCCD che bớt với vai trò không được xem đầy đủ.");
        group.MapGet("/shared-persons", ([AsParameters] SharedPersons.Query query, SharedPersons.Handler handler, CancellationToken cancellationToken) =>
                handler.PageAsync(query, cancellationToken))
            .WithSummary("Người có hồ sơ ở nhiều tỉnh (cùng số CCCD), do hệ thống cấp quốc gia báo lại để các tỉnh đối soát: mỗi người một dòng với hồ sơ của từng tỉnh (mã tỉnh, mã hồ sơ, xã, ngày lập); tinh=12: chỉ người có hồ sơ ở tỉnh đó.");
        group.MapGet("/registered-persons", async ([AsParameters] RegisteredQuery query, AppDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
                await NationalPersons.RegisteredAsync(db, query.Year switch
                {
                    null => VietnamTime.Today(clock).Year,
                    >= 2000 and <= 2100 => query.Year.Value,
                    _ => throw new ValidationFailedException("nam", "Năm phải từ 2000 đến 2100."),
                }, cancellationToken))
            .WithSummary("Số người học được đăng ký mới trong năm (nam, mặc định năm nay), mỗi số CCCD tính một lần vào năm lập hồ sơ sớm nhất, và số hồ sơ: ở cấp quốc gia, người có hồ sơ ở hai tỉnh tính một người.");
        group.MapGet("/{id:int}", (int id, Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Hồ sơ một người học; mỗi lần xem được ghi nhật ký. Ngoài phạm vi trả về 404.");
        group.MapPost("/check", (CheckRequest request, LearnerReview review, CancellationToken cancellationToken) =>
                review.ReviewAsync(request.Cccd, request.FullName, request.BirthDate, request.Sex, request.CommuneId, request.ExcludeId, cancellationToken))
            .RequireAuthorization(writers)
            .WithSummary("Kiểm tra trước khi lưu: lỗi và cảnh báo của số CCCD, hồ sơ trùng CCCD, hồ sơ cùng họ tên, ngày sinh và xã.");
        group.MapPost("", async (Create.Command command, Create.Handler handler, PopulationChecks population, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                await population.AtRegistrationAsync(id, cancellationToken);
                return ApiResults.Created($"/api/v1/learners/{id}", id);
            })
            .RequireAuthorization(writers)
            .WithSummary("Đăng ký người học. CCCD khác giới tính/năm sinh cần confirmCccdMismatch = true; hồ sơ có thể trùng cần confirmNotDuplicate = true (nếu thiếu: 400 nêu rõ). Sau khi lưu, số CCCD được kiểm tra với CSDL quốc gia về dân cư như biểu mẫu; kết quả (kể cả không kết nối được) ghi trên hồ sơ, không làm hỏng việc đăng ký.")
            .WithBodyExample(new Create.Command
            {
                FullName = "Lò Thị Mai", BirthDate = new DateOnly(1995, 4, 12), Sex = Sex.Female, Cccd = "012195001234", CommuneId = 3637,
                Address = "Bản Nà Bó", Phone = "0912 345 678", EducationLevel = EducationLevel.LowerSecondary, Categories = [PriorityCategory.LandRecovered],
                ConsentGiven = true, ConsentDate = new DateOnly(2026, 3, 2), ConsentPurpose = "Quản lý đào tạo nghề", ConsentMethod = ConsentMethod.SignedForm,
            });
        group.MapPut("/{id:int}", async (int id, LearnerFields fields, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, fields, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Sửa hồ sơ người học.");
        group.MapGet("/duplicates", ([AsParameters] Duplicates.Query query, Duplicates.Handler handler, CancellationToken cancellationToken) =>
                handler.PageAsync(query, cancellationToken))
            .RequireAuthorization(writers)
            .WithSummary("Nhóm hồ sơ có thể trùng (cùng họ tên, ngày sinh, xã; khac-xa=true: mọi xã).");
        group.MapPost("/{id:int}/merge", async (int id, MergeRequest request, Merge.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.MergeAsync(id, request.SurvivorId, new Merge.Command { Reason = request.Reason, Confirmed = request.Confirmed }, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Gộp hồ sơ {id} vào hồ sơ survivorId; hồ sơ bị gộp được giữ lại, đánh dấu đã gộp.");
        group.MapPost("/{id:int}/consents", async (int id, Consent.GiveCommand command, Consent.Handler handler, CancellationToken cancellationToken) =>
            {
                var consentId = await handler.GiveAsync(id, command, cancellationToken);
                return ApiResults.Created($"/api/v1/learners/{id}", consentId);
            })
            .RequireAuthorization(writers)
            .WithSummary("Ghi nhận sự đồng ý xử lý dữ liệu cá nhân.");
        group.MapPost("/{id:int}/consents/{consentId:int}/withdraw", async (int id, int consentId, Consent.WithdrawCommand command,
                Consent.Handler handler, CancellationToken cancellationToken) =>
            {
                var erased = await handler.WithdrawAsync(id, consentId, command, cancellationToken);
                return TypedResults.Ok(new ConsentWithdrawn(erased));
            })
            .RequireAuthorization(writers)
            .WithSummary("Rút lại sự đồng ý; khi không còn sự đồng ý nào, dân tộc, khuyết tật và hộ nghèo, cận nghèo bị xóa.");
        group.MapPut("/{id:int}/households/{year:int}", async (int id, int year, Household.Command command, Household.Handler handler,
                CancellationToken cancellationToken) =>
            {
                command.Year = year;
                await handler.SetAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Ghi tình trạng hộ gia đình (Poor, NearPoor, NotPoor) của một năm; cần có sự đồng ý.");
        group.MapDelete("/{id:int}/households/{year:int}", async (int id, int year, Household.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.RemoveAsync(id, year, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(writers)
            .WithSummary("Xóa tình trạng hộ gia đình của một năm.");
    }
}
