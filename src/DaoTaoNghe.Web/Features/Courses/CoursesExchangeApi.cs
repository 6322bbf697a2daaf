using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Exchange;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// Courses, enrolments and results sent by an institution's own software under its own ids. Each goes
/// through the handler its form uses (open and edit a course, enrol, travel, results), so the rules,
/// the scope and the refusals are the forms'.
/// </summary>
public sealed class CoursesExchangeApi : IEndpoints
{
    /// <summary>An enrolment as the enrol form takes it, with the course named by the sender's key (or our id).</summary>
    public sealed class EnrolmentUpsert : Enrol.Command
    {
        [Display(Name = "Mã lớp của đơn vị")] public string? CourseKey { get; set; }
        [Display(Name = "Lớp")] public int? CourseId { get; set; }
    }

    /// <summary>One learner's result, as one row of the results form.</summary>
    public sealed class ResultUpsert
    {
        [Display(Name = "Ngày công nhận kết quả")] public DateOnly? OnDate { get; set; }
        [Display(Name = "Kết quả")] public ResultOutcome Outcome { get; set; }
        [Display(Name = "Điểm")] public double? Score { get; set; }
        [Display(Name = "Lý do công nhận đạt")] public string? PassReason { get; set; }
    }

    public void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/exchange").WithTags("Trao đổi dữ liệu").RequireAuthorization(CoursePolicies.Keep);
        group.MapPut("/courses/{key}", async (string key, Create.Command command, Handler handler, CancellationToken cancellationToken) =>
                ExchangeResults.Of(await handler.CourseAsync(key, command, cancellationToken), "/api/v1/courses/"))
            .WithSummary("Gửi lớp theo mã của đơn vị (key): chưa có thì mở lớp như biểu mẫu (201), đã có thì sửa lớp (200, updated), gửi lại y nguyên thì không ghi gì (200, unchanged).");
        group.MapPut("/enrolments/{key}", async (string key, EnrolmentUpsert command, Handler handler, CancellationToken cancellationToken) =>
                ExchangeResults.Of(await handler.EnrolmentAsync(key, command, cancellationToken), "/api/v1/enrolments/"))
            .WithSummary("Gửi ghi danh theo mã của đơn vị (key): lớp theo courseKey (mã lớp của đơn vị) hoặc courseId; người học như biểu mẫu ghi danh. "
                         + "Chưa có thì ghi danh (201), đã có thì sửa khoảng cách, giá vé, chính sách khác (200); không chuyển lớp, không đổi người.");
        group.MapPut("/results/{key}", async (string key, ResultUpsert command, Handler handler, CancellationToken cancellationToken) =>
                TypedResults.Ok(await handler.ResultAsync(key, command, cancellationToken)))
            .WithSummary("Gửi kết quả học tập của một ghi danh theo mã ghi danh của đơn vị (key): outcome Pending/Passed/Failed, score 0–10, onDate; "
                         + "kết quả như đã có thì không ghi gì (unchanged).");
    }

    public sealed class Handler(AppDbContext db, ExternalKeys keys, Create.Handler create, Edit.Handler edit, Enrol.Handler enrol,
        EnrolmentTravel.Handler travel, Assessment.Handler assessment) : IHandler
    {
        public Task<UpsertResult> CourseAsync(string key, Create.Command command, CancellationToken cancellationToken) =>
            keys.UpsertAsync("courses", key, command, new ExternalKeys.Operations(
                State: async (id, ct) =>
                    await db.Courses.AnyAsync(c => c.Id == id, ct) ? RecordState.Visible
                    : await db.Courses.IgnoreQueryFilters().AnyAsync(c => c.Id == id, ct) ? RecordState.Hidden
                    : RecordState.Gone,
                Create: async ct => await create.HandleAsync(command, ct),
                Update: (id, ct) => edit.HandleAsync(id, command, ct)), cancellationToken);

        public async Task<UpsertResult> EnrolmentAsync(string key, EnrolmentUpsert command, CancellationToken cancellationToken)
        {
            var courseId = command.CourseKey is { } courseKey
                ? await keys.FindAsync("courses", courseKey, "courseKey", "lớp", cancellationToken)
                : command.CourseId ?? throw new ValidationFailedException(nameof(EnrolmentUpsert.CourseKey),
                    "Vui lòng cho biết lớp: mã lớp của đơn vị (courseKey) hoặc mã lớp trong hệ thống (courseId).");
            return await keys.UpsertAsync("enrolments", key, command, new ExternalKeys.Operations(
                State: async (id, ct) =>
                    await db.Enrolments.AnyAsync(e => e.Id == id, ct) ? RecordState.Visible
                    : await db.Enrolments.IgnoreQueryFilters().AnyAsync(e => e.Id == id, ct) ? RecordState.Hidden
                    : RecordState.Gone,
                Create: async ct => (await enrol.HandleAsync(courseId, command, ct)).EnrolmentId,
                Update: async (id, ct) =>
                {
                    await EnsureSamePlaceAsync(key, id, courseId, command, ct);
                    await travel.HandleAsync(id, new EnrolmentTravel.Command
                    {
                        DistanceKm = command.DistanceKm, TravelFare = command.TravelFare, OtherPolicyPaid = command.OtherPolicyPaid,
                    }, ct);
                }), cancellationToken);
        }

        /// <summary>As on the pages, an enrolment never moves to another course or person: a mistaken one is deleted and made again.</summary>
        private async Task EnsureSamePlaceAsync(string key, int id, int courseId, EnrolmentUpsert command, CancellationToken cancellationToken)
        {
            var held = await db.Enrolments.Where(e => e.Id == id).Select(e => new { e.CourseId, e.LearnerId, e.Learner.Cccd }).SingleAsync(cancellationToken);
            if (held.CourseId != courseId)
                throw new ConflictException($"Mã ghi danh {key} đã dùng cho một người ở lớp khác (mã lớp {held.CourseId}); một ghi danh không chuyển lớp được: hãy xóa ghi danh nhầm hoặc dùng mã mới.");
            if ((command.LearnerId is { } learner && learner != held.LearnerId)
                || (Learners.Cccd.Normalize(command.Cccd) is { } cccd && held.Cccd is not null && cccd != held.Cccd))
                throw new ConflictException($"Mã ghi danh {key} đã dùng cho một người học khác; một ghi danh không đổi người được: hãy dùng mã mới.");
        }

        public async Task<UpsertResult> ResultAsync(string key, ResultUpsert command, CancellationToken cancellationToken)
        {
            var id = await keys.FindAsync("enrolments", key, "key", "ghi danh", cancellationToken);
            var enrolment = await CourseAccess.FindEnrolmentToKeepAsync(db, id, cancellationToken);
            var row = new Assessment.Row { EnrolmentId = id, Outcome = command.Outcome, Score = command.Score, PassReason = command.PassReason };
            if (!Assessment.Changes(enrolment, row)) return new UpsertResult(id, key, UpsertOutcome.Unchanged);
            try
            {
                await assessment.HandleAsync(enrolment.CourseId, new Assessment.Command { OnDate = command.OnDate, Rows = [row] }, cancellationToken);
            }
            catch (ValidationFailedException failed)
            {
                // The form reports rows of a sheet; here there is one, named by the body's own fields.
                throw new ValidationFailedException(failed.Errors.Select(e => e with { Field = e.Field.Replace("Rows[0].", "") }).ToList());
            }
            return new UpsertResult(id, key, UpsertOutcome.Updated);
        }
    }
}
