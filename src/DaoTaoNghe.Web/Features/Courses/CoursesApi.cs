using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Courses;

/// <summary>Courses, their learners, attendance, results and payment list under /api/v1/courses, scoped as the pages are.</summary>
public sealed class CoursesApi : IEndpoints
{
    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/courses").WithTags("Lớp đào tạo")
            .RequireAuthorization(CoursePolicies.Read);
        var keepers = CoursePolicies.Keep;

        group.MapGet("", ([AsParameters] Index.Query query, Index.Handler handler, CancellationToken cancellationToken) =>
                handler.Rows(query).ToPagedListAsync(query, cancellationToken: cancellationToken))
            .WithSummary("Lớp trong phạm vi người gọi (lọc: q, nam, co-so, nghe, trang-thai, xa, don; trang: page, pageSize ≤ 200).");
        group.MapGet("/{id:int}", (int id, Details.Handler handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithSummary("Một lớp với người học (trong phạm vi người gọi), hỗ trợ từng người và tổng so với kinh phí đơn hàng.");
        group.MapPost("", async (Create.Command command, Create.Handler handler, CancellationToken cancellationToken) =>
            {
                var id = await handler.HandleAsync(command, cancellationToken);
                return ApiResults.Created($"/api/v1/courses/{id}", id);
            })
            .RequireAuthorization(keepers)
            .WithSummary("Mở lớp (trạng thái dự kiến) theo đơn hàng (orderId) hoặc tự chủ kinh phí (orderId null).")
            .WithBodyExample(new Create.Command
            {
                InstitutionId = 41, OrderId = 12, ProgrammeId = 9, Name = "Lớp trồng chè bản Nà Đon", VenueCommuneId = 3637, VenueAddress = "Nhà văn hóa bản Nà Đon",
                StartDate = new DateOnly(2026, 9, 7), EndDate = new DateOnly(2026, 11, 13), PlannedDays = 45, Capacity = 30, ActualUnitCost = 3_500_000,
                AttendanceMode = AttendanceMode.Daily, TrainerIds = [5],
            });
        group.MapPut("/{id:int}", async (int id, Create.Command command, Edit.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(keepers)
            .WithSummary("Sửa lớp chưa kết thúc.");
        group.MapPost("/{id:int}/open", async (int id, CourseStates.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.OpenAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(keepers)
            .WithSummary("Mở tuyển sinh (dự kiến → đang tuyển sinh).");
        group.MapPost("/{id:int}/start", async (int id, CourseStates.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.StartAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(keepers)
            .WithSummary("Bắt đầu học (đang tuyển sinh → đang học): từ ngày khai giảng, có giáo viên và người học.");
        group.MapPost("/{id:int}/finish", async (int id, CourseStates.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.FinishAsync(id, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(keepers)
            .WithSummary("Kết thúc lớp (từ ngày kết thúc, khi không còn ai ở trạng thái đang học); hỗ trợ tính lại theo ngày thực học.");
        group.MapPost("/{id:int}/cancel", async (int id, CourseStates.CancelCommand command, CourseStates.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.CancelAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(keepers)
            .WithSummary("Hủy lớp chưa kết thúc, có lý do (reason).");
        group.MapPost("/{id:int}/enrolments", async (int id, Enrol.Command command, Enrol.Handler handler, CancellationToken cancellationToken) =>
            {
                var result = await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.Created($"/api/v1/enrolments/{result.EnrolmentId}", result);
            })
            .RequireAuthorization(keepers)
            .WithSummary("Ghi danh: learnerId (người học trong phạm vi), hoặc cccd + birthDate, hoặc fullName + birthDate + communeId. Từ chối kèm lý do.")
            .WithBodyExample(new Enrol.Command { Cccd = "012195001234", BirthDate = new DateOnly(1995, 4, 12), DistanceKm = 6.5 });
        group.MapGet("/{id:int}/attendance", ([Microsoft.AspNetCore.Mvc.FromQuery(Name = "ngay")] DateOnly? date, int id, Attendance.Handler handler,
                CancellationToken cancellationToken) => handler.LoadAsync(id, date, cancellationToken))
            .RequireAuthorization(keepers)
            .WithSummary("Sổ điểm danh của lớp đang học; ?ngay=yyyy-MM-dd cho biết ai có mặt ngày đó.");
        group.MapPut("/{id:int}/attendance/{date}", async (int id, DateOnly date, AttendanceDay day, Attendance.Handler handler,
                CancellationToken cancellationToken) =>
            {
                await handler.RecordDayAsync(id, new Attendance.DayCommand { Date = date, Present = day.Present }, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(keepers)
            .WithSummary("Điểm danh một ngày: present = danh sách mã ghi danh (enrolment id) có mặt; những người khác vắng.")
            .WithBodyExample(new AttendanceDay([301, 302, 305]));
        group.MapPut("/{id:int}/attendance-summary", async (int id, Attendance.SummaryCommand command, Attendance.Handler handler,
                CancellationToken cancellationToken) =>
            {
                await handler.SetDaysAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(keepers)
            .WithSummary("Lớp tổng hợp ngày học: số ngày thực học của từng người (rows: enrolmentId, days).");
        group.MapPut("/{id:int}/results", async (int id, Assessment.Command command, Assessment.Handler handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, command, cancellationToken);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(keepers)
            .WithSummary("Kết quả học tập: onDate và rows (enrolmentId, outcome Pending/Passed/Failed, score 0–10 tùy chọn).")
            .WithBodyExample(new Assessment.Command
            {
                OnDate = new DateOnly(2026, 11, 13),
                Rows = [new Assessment.Row { EnrolmentId = 301, Outcome = ResultOutcome.Passed, Score = 8.5 }, new Assessment.Row { EnrolmentId = 302, Outcome = ResultOutcome.Failed }],
            });
        group.MapPost("/{id:int}/settlement", async (int id, Settlement.Command command, Settlement.Handler handler, CancellationToken cancellationToken) =>
                TypedResults.Ok(new Settlement.Settled(await handler.HandleAsync(id, command, cancellationToken))))
            .RequireAuthorization(keepers)
            .WithSummary("Ghi nhận đã chi trả hỗ trợ (settledOn, list = số danh sách chi trả) cho mọi người học của lớp còn được hưởng mà chưa chi trả.");
        group.MapGet("/{id:int}/payment-list", async (int id, PaymentList handler, CancellationToken cancellationToken) =>
            {
                var (name, content) = await handler.ExportAsync(id, cancellationToken);
                return TypedResults.File(content, XlsxBook.ContentType, name);
            })
            .ProducesFile(XlsxBook.ContentType)
            .RequireAuthorization(CoursePolicies.ExportPayments)
            .WithSummary("Danh sách chi trả hỗ trợ (.xlsx) để người học ký nhận; xuất dữ liệu cá nhân được ghi nhật ký.");
    }

    /// <summary>One day's roll call: the enrolments present; everyone else was absent.</summary>
    public sealed record AttendanceDay(
        [property: System.ComponentModel.DataAnnotations.Display(Name = "Người có mặt (mã ghi danh)")] List<int> Present);
}
