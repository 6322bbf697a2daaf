using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Errors;
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
/// Records a breach, or updates it as it is handled: the measures taken, the notification sent to the
/// authority and, when that came after the 72 hours, why. Times are entered in Vietnamese local time.
/// </summary>
[Authorize(Policy = PersonalDataPolicies.KeepBreaches)]
public class BreachEdit(BreachEdit.Handler handler, IValidator<BreachEdit.Command> validator, TimeProvider clock) : PageModel
{
    public class Command
    {
        [Display(Name = "Sự việc")] public string? Description { get; set; }
        [Display(Name = "Thời điểm phát hiện")] public DateTime? DiscoveredAt { get; set; }
        [Display(Name = "Loại dữ liệu bị ảnh hưởng")] public string? DataCategories { get; set; }
        [Display(Name = "Số người bị ảnh hưởng")] public int? PeopleAffected { get; set; }
        [Display(Name = "Biện pháp đã thực hiện")] public string? Measures { get; set; }
        [Display(Name = "Thời điểm thông báo cho Bộ Công an")] public DateTime? NotifiedAt { get; set; }
        [Display(Name = "Nội dung đã thông báo")] public string? NotificationContent { get; set; }
        [Display(Name = "Lý do thông báo muộn")] public string? LateReason { get; set; }
        [Display(Name = "Trạng thái")] public DataBreachStatus? Status { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            DateTime Now() => VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime);
            RuleFor(c => c.Description).NotEmpty().WithMessage("Vui lòng mô tả sự việc.")
                .MaximumLength(2000).WithMessage("Sự việc không quá 2.000 ký tự.");
            RuleFor(c => c.DiscoveredAt).NotNull().WithMessage("Vui lòng nhập thời điểm phát hiện.")
                .Must(d => d <= Now()).WithMessage("Thời điểm phát hiện không được sau thời điểm hiện tại.");
            RuleFor(c => c.DataCategories).NotEmpty().WithMessage("Vui lòng nhập loại dữ liệu bị ảnh hưởng.")
                .MaximumLength(1000).WithMessage("Loại dữ liệu bị ảnh hưởng không quá 1.000 ký tự.");
            RuleFor(c => c.PeopleAffected).NotNull().WithMessage("Vui lòng nhập số người bị ảnh hưởng (ước tính nếu chưa rõ).")
                .GreaterThanOrEqualTo(0).WithMessage("Số người bị ảnh hưởng không được âm.");
            RuleFor(c => c.Measures).MaximumLength(2000).WithMessage("Biện pháp đã thực hiện không quá 2.000 ký tự.");
            RuleFor(c => c.Status).NotNull().WithMessage("Vui lòng chọn trạng thái.").IsInEnum().WithMessage("Trạng thái không hợp lệ.");
            When(c => c.NotifiedAt is not null, () =>
            {
                RuleFor(c => c.NotifiedAt).Must(d => d <= Now()).WithMessage("Thời điểm thông báo không được sau thời điểm hiện tại.")
                    .Must((c, d) => c.DiscoveredAt is null || d >= c.DiscoveredAt).WithMessage("Thời điểm thông báo không được trước thời điểm phát hiện.");
                RuleFor(c => c.NotificationContent).NotEmpty().WithMessage("Vui lòng nhập nội dung đã thông báo cho Bộ Công an.")
                    .MaximumLength(4000).WithMessage("Nội dung đã thông báo không quá 4.000 ký tự.");
                RuleFor(c => c.LateReason).NotEmpty()
                    .When(c => c.DiscoveredAt is { } found && BreachClock.IsLate(VietnamTime.ToUtc(found), VietnamTime.ToUtc(c.NotifiedAt!.Value)))
                    .WithMessage("Thông báo sau 72 giờ kể từ khi phát hiện: vui lòng nêu lý do thông báo muộn.");
            });
            RuleFor(c => c.NotifiedAt).NotNull().When(c => c.Status == DataBreachStatus.Closed)
                .WithMessage("Chưa thể kết thúc khi chưa thông báo cho Bộ Công an: vui lòng nhập thời điểm thông báo.");
            RuleFor(c => c.LateReason).MaximumLength(1000).WithMessage("Lý do thông báo muộn không quá 1.000 ký tự.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, TimeProvider clock) : IHandler
    {
        /// <summary>Out of the caller's province reads as not found: the query filter hides the record.</summary>
        public async Task<Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var b = await db.DataBreaches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken)
                ?? throw new NotFoundException("Không tìm thấy vi phạm hoặc bạn không có quyền xem.");
            return new Command
            {
                Description = b.Description, DiscoveredAt = VietnamTime.ToLocal(b.DiscoveredAt), DataCategories = b.DataCategories, PeopleAffected = b.PeopleAffected,
                Measures = b.Measures, NotifiedAt = b.NotifiedAt is { } n ? VietnamTime.ToLocal(n) : null, NotificationContent = b.NotificationContent,
                LateReason = b.LateReason, Status = b.Status,
            };
        }

        public async Task<int> HandleAsync(int? id, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            DataBreach breach;
            if (id is { } existing)
                breach = await db.DataBreaches.SingleOrDefaultAsync(b => b.Id == existing, cancellationToken)
                    ?? throw new NotFoundException("Không tìm thấy vi phạm hoặc bạn không có quyền xem.");
            else
                db.DataBreaches.Add(breach = new DataBreach { ProvinceId = db.Scope.ProvinceId, CreatedAt = clock.GetUtcNow().UtcDateTime });
            breach.Description = command.Description!.Trim();
            breach.DiscoveredAt = VietnamTime.ToUtc(Minutes(command.DiscoveredAt!.Value));
            breach.DataCategories = command.DataCategories!.Trim();
            breach.PeopleAffected = command.PeopleAffected!.Value;
            breach.Measures = Text(command.Measures);
            breach.NotifiedAt = command.NotifiedAt is { } sent ? VietnamTime.ToUtc(Minutes(sent)) : null;
            breach.NotificationContent = breach.NotifiedAt is null ? null : Text(command.NotificationContent);
            breach.LateReason = breach.NotifiedAt is null ? null : Text(command.LateReason);
            breach.Status = command.Status!.Value;
            await db.SaveChangesAsync(cancellationToken);
            return breach.Id;
        }

        private static DateTime Minutes(DateTime local) => new(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0);

        private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public int? Id { get; private set; }

    public async Task OnGetAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        Data = id is { } existing ? await handler.LoadAsync(existing, cancellationToken)
            : new Command { DiscoveredAt = Minutes(VietnamTime.ToLocal(clock.GetUtcNow().UtcDateTime)), Status = DataBreachStatus.Open };
    }

    private static DateTime Minutes(DateTime local) => new(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0);

    public Task<IActionResult> OnPostAsync(int? id, CancellationToken cancellationToken)
    {
        Id = id;
        return this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu vi phạm dữ liệu cá nhân.";
                return RedirectToPage("Breaches");
            },
            reload: () => Task.CompletedTask);
    }
}
