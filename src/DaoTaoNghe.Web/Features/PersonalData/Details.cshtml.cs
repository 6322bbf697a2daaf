using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.Jobs;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.PersonalData;

/// <summary>
/// One request with its deadlines; the officer extends it once (up to 15 days, with a reason), closes
/// it with what was done, and for a "see my data" request downloads the answer: everything held on
/// the person that the caller may read.
/// </summary>
[Authorize(Policy = PersonalDataPolicies.Requests)]
public class Details(Details.Handler handler, IValidator<Details.Extension> extensionValidator, IValidator<Details.Closing> closingValidator,
    IValidator<Details.Answering> answeringValidator, AuditTrail audit, TimeProvider clock) : PageModel
{
    public sealed record Result(int Id, int? LearnerId, string PersonName, string? Cccd, string CommuneName, SubjectRequestKind Kind, DateOnly ReceivedOn,
        string? Content, string OfficerName, DateOnly AnswerBy, DateOnly? AnsweredOn, string? AnswerNote, DateOnly CarryOutBy, DateOnly? ExtendedFrom, string? ExtensionReason,
        SubjectRequestStatus Status, DateOnly? ClosedOn, string? ClosingNote)
    {
        public DateOnly LatestExtension => RequestDeadlines.For(ReceivedOn).LatestExtension;
    }

    public class Extension
    {
        [Display(Name = "Gia hạn đến ngày")] public DateOnly? Until { get; set; }
        [Display(Name = "Lý do gia hạn")] public string? Reason { get; set; }
    }

    public sealed class ExtensionValidator : AbstractValidator<Extension>
    {
        public ExtensionValidator()
        {
            RuleFor(e => e.Until).NotNull().WithMessage("Vui lòng nhập ngày gia hạn đến.");
            RuleFor(e => e.Reason).NotEmpty().WithMessage("Vui lòng nhập lý do gia hạn.")
                .MaximumLength(1000).WithMessage("Lý do gia hạn không quá 1.000 ký tự.");
        }
    }

    public class Answering
    {
        [Display(Name = "Nội dung trả lời")] public string? Note { get; set; }
    }

    public sealed class AnsweringValidator : AbstractValidator<Answering>
    {
        public AnsweringValidator() =>
            RuleFor(a => a.Note).NotEmpty().WithMessage("Vui lòng nhập nội dung đã trả lời người yêu cầu.")
                .MaximumLength(2000).WithMessage("Nội dung trả lời không quá 2.000 ký tự.");
    }

    public class Closing
    {
        [Display(Name = "Kết quả xử lý")] public string? Note { get; set; }
    }

    public sealed class ClosingValidator : AbstractValidator<Closing>
    {
        public ClosingValidator() =>
            RuleFor(c => c.Note).NotEmpty().WithMessage("Vui lòng nhập kết quả xử lý yêu cầu.")
                .MaximumLength(2000).WithMessage("Kết quả xử lý không quá 2.000 ký tự.");
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        /// <summary>Out of the caller's scope reads as not found: the query filter hides the request.</summary>
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var result = await db.SubjectRequests.AsNoTracking().Where(r => r.Id == id)
                .Select(r => new Result(r.Id, r.LearnerId, r.PersonName, r.Cccd, r.Commune.Name, r.Kind, r.ReceivedOn, r.Content, r.Officer.FullName,
                    r.AnswerBy, r.AnsweredOn, r.AnswerNote, r.CarryOutBy, r.ExtendedFrom, r.ExtensionReason, r.Status, r.ClosedOn, r.ClosingNote))
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("Không tìm thấy yêu cầu hoặc bạn không có quyền xem.");
            return result with { Cccd = LearnerAccess.ShowCccd(db.Scope, result.Cccd) };
        }

        private async Task<SubjectRequest> OpenAsync(int id, CancellationToken cancellationToken)
        {
            var request = await db.SubjectRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw new NotFoundException("Không tìm thấy yêu cầu hoặc bạn không có quyền xem.");
            if (request.Status != SubjectRequestStatus.Open) throw new ConflictException("Yêu cầu đã hoàn thành, không thể thay đổi.");
            return request;
        }

        public async Task ExtendAsync(int id, Extension extension, CancellationToken cancellationToken = default)
        {
            var request = await OpenAsync(id, cancellationToken);
            if (request.ExtendedFrom is not null)
                throw new ConflictException("Yêu cầu đã được gia hạn một lần; pháp luật chỉ cho phép gia hạn một lần.");
            var latest = RequestDeadlines.For(request.ReceivedOn).LatestExtension;
            var until = extension.Until!.Value;
            if (until <= request.CarryOutBy)
                throw new ValidationFailedException(nameof(Extension.Until), $"Gia hạn đến ngày: phải sau hạn thực hiện hiện tại ({Fmt.Date(request.CarryOutBy)}).");
            if (until > latest)
                throw new ValidationFailedException(nameof(Extension.Until), $"Gia hạn đến ngày: chỉ được gia hạn không quá {RequestDeadlines.ExtensionDays} ngày, tức muộn nhất ngày {Fmt.Date(latest)}.");
            (request.ExtendedFrom, request.CarryOutBy, request.ExtensionReason) = (request.CarryOutBy, until, extension.Reason!.Trim());
            await db.SaveChangesAsync(cancellationToken);
        }

        /// <summary>The first step: the person is told the request is received and what will be done, by the answer date.</summary>
        public async Task AnswerAsync(int id, Answering answering, CancellationToken cancellationToken = default)
        {
            var request = await OpenAsync(id, cancellationToken);
            if (request.AnsweredOn is { } answered)
                throw new ConflictException($"Yêu cầu đã được trả lời ngày {Fmt.Date(answered)}.");
            (request.AnsweredOn, request.AnswerNote) = (VietnamTime.Today(clock), answering.Note!.Trim());
            await db.SaveChangesAsync(cancellationToken);
        }

        /// <summary>Carrying a request out answers it too, when that was not recorded apart.</summary>
        public async Task CloseAsync(int id, Closing closing, CancellationToken cancellationToken = default)
        {
            var request = await OpenAsync(id, cancellationToken);
            var today = VietnamTime.Today(clock);
            (request.Status, request.ClosedOn, request.ClosingNote) = (SubjectRequestStatus.Done, today, closing.Note!.Trim());
            request.AnsweredOn ??= today;
            await db.SaveChangesAsync(cancellationToken);
        }

        public sealed record CourseLine(string Course, DateOnly StartDate, DateOnly EndDate, DateOnly EnrolledOn, EnrolmentStatus Status, DateOnly? ResultOn);

        public sealed record OutcomeLine(int? Checkpoint, DateOnly OutcomeOn, EmploymentStatus Status, string? Employer);

        /// <summary>Everything held on the person of a "see my data" request that the caller may read, as a workbook.</summary>
        public async Task<(XlsxBook Book, int Rows)> PersonDataAsync(int id, CancellationToken cancellationToken)
        {
            var request = await HandleAsync(id, cancellationToken);
            if (request.Kind != SubjectRequestKind.See || request.LearnerId is not { } learnerId)
                throw new ConflictException("Chỉ yêu cầu xem dữ liệu của người đã có hồ sơ mới có bản trả lời này.");
            var record = await PersonalRecord.OfAsync(db, learnerId, cancellationToken)
                ?? throw new NotFoundException("Không tìm thấy hồ sơ người học hoặc bạn không có quyền xem.");
            var courses = await TrainingRecords.Enrolments(db).Where(e => e.LearnerId == learnerId)
                .OrderBy(e => e.EnrolledOn)
                .Select(e => new CourseLine(e.Course.Name, e.Course.StartDate, e.Course.EndDate, e.EnrolledOn, e.Status, e.ResultOn))
                .ToListAsync(cancellationToken);
            var outcomes = await OutcomeRecords.Visible(db).Where(o => o.LearnerId == learnerId)
                .OrderBy(o => o.OutcomeOn)
                .Select(o => new OutcomeLine(o.Checkpoint, o.OutcomeOn, o.Status, o.Enterprise != null ? o.Enterprise.Name : o.EmployerName))
                .ToListAsync(cancellationToken);
            var jobs = await PersonJobRecords.PastScopeAsync(db, learnerId, cancellationToken);
            var book = new XlsxBook();
            book.AddSheet("Hồ sơ", [
                new XlsxColumn<PersonalRecord.Line>("Mục", l => l.Section, Width: 26),
                new XlsxColumn<PersonalRecord.Line>("Thông tin", l => l.Field, Width: 24),
                new XlsxColumn<PersonalRecord.Line>("Nội dung", l => l.Value, Width: 80),
            ], record, title: $"Dữ liệu cá nhân đang lưu giữ về {request.PersonName} (trả lời yêu cầu ngày {Fmt.Date(request.ReceivedOn)})");
            book.AddSheet("Khóa học", [
                new XlsxColumn<CourseLine>("Lớp đào tạo", c => c.Course, Width: 40),
                new XlsxColumn<CourseLine>("Khai giảng", c => c.StartDate, XlsxFormat.Date, 12),
                new XlsxColumn<CourseLine>("Kết thúc", c => c.EndDate, XlsxFormat.Date, 12),
                new XlsxColumn<CourseLine>("Ngày vào học", c => c.EnrolledOn, XlsxFormat.Date, 12),
                new XlsxColumn<CourseLine>("Tình trạng", c => Fmt.Enum(c.Status), Width: 18),
                new XlsxColumn<CourseLine>("Ngày có kết quả", c => c.ResultOn, XlsxFormat.Date, 14),
            ], courses, title: "Các khóa đào tạo đã đăng ký");
            book.AddSheet("Việc làm", [
                new XlsxColumn<OutcomeLine>("Mốc theo dõi (tháng)", o => o.Checkpoint, XlsxFormat.Integer, 12),
                new XlsxColumn<OutcomeLine>("Ngày ghi nhận", o => o.OutcomeOn, XlsxFormat.Date, 12),
                new XlsxColumn<OutcomeLine>("Tình trạng việc làm", o => Fmt.Enum(o.Status), Width: 28),
                new XlsxColumn<OutcomeLine>("Nơi làm việc", o => o.Employer, Width: 36),
            ], outcomes, title: "Theo dõi việc làm sau đào tạo");
            book.AddSheet("Giới thiệu việc làm, vay vốn", [
                new XlsxColumn<PersonJobRecords.Line>("Loại", l => l.Kind, Width: 30),
                new XlsxColumn<PersonJobRecords.Line>("Ngày", l => l.On, XlsxFormat.Date, 12),
                new XlsxColumn<PersonJobRecords.Line>("Nội dung", l => l.What, Width: 44),
                new XlsxColumn<PersonJobRecords.Line>("Chi tiết", l => l.Details, Width: 44),
                new XlsxColumn<PersonJobRecords.Line>("Tình trạng", l => l.Status, Width: 16),
            ], jobs, title: "Giới thiệu việc làm, phiên giao dịch việc làm, vay vốn và hợp đồng làm việc ở nước ngoài");
            return (book, record.Count + courses.Count + outcomes.Count + jobs.Count);
        }
    }

    public Result Data { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    [BindProperty]
    public Extension ExtensionData { get; set; } = new();

    [BindProperty]
    public Closing ClosingData { get; set; } = new();

    [BindProperty]
    public Answering AnsweringData { get; set; } = new();

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        Today = VietnamTime.Today(clock);
    }

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        await LoadAsync(id, cancellationToken);
        await audit.RecordViewAsync(nameof(SubjectRequest), id, Data.PersonName, cancellationToken);
    }

    public Task<IActionResult> OnPostExtendAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(extensionValidator, ExtensionData,
            save: async () =>
            {
                await handler.ExtendAsync(id, ExtensionData, cancellationToken);
                TempData["Message"] = "Đã gia hạn thời hạn thực hiện yêu cầu.";
                return RedirectToPage(new { id });
            },
            reload: () => LoadAsync(id, cancellationToken), prefix: nameof(ExtensionData));

    public Task<IActionResult> OnPostAnswerAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(answeringValidator, AnsweringData,
            save: async () =>
            {
                await handler.AnswerAsync(id, AnsweringData, cancellationToken);
                TempData["Message"] = "Đã ghi nhận việc trả lời người yêu cầu.";
                return RedirectToPage(new { id });
            },
            reload: () => LoadAsync(id, cancellationToken), prefix: nameof(AnsweringData));

    public Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(closingValidator, ClosingData,
            save: async () =>
            {
                await handler.CloseAsync(id, ClosingData, cancellationToken);
                TempData["Message"] = "Đã hoàn thành yêu cầu.";
                return RedirectToPage(new { id });
            },
            reload: () => LoadAsync(id, cancellationToken), prefix: nameof(ClosingData));

    public async Task<IActionResult> OnGetDataAsync(int id, CancellationToken cancellationToken)
    {
        var (book, rows) = await handler.PersonDataAsync(id, cancellationToken);
        using (book)
        {
            await audit.RecordExportAsync($"Dữ liệu cá nhân của người yêu cầu (yêu cầu số {id})", rows, containsPersonalData: true, cancellationToken);
            return book.ToFileResult($"du-lieu-ca-nhan-{id}.xlsx");
        }
    }
}
