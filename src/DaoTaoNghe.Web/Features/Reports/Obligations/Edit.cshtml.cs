using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Reports.Obligations;

/// <summary>
/// The province admin renames an obligation, extends its deadline or changes its reminders. A new
/// deadline applies to every report of it, including those already sent: timeliness is always
/// measured against the deadline in force, and the change is in the audit trail.
/// </summary>
[Authorize(Policy = CommonPolicies.Administer)]
public class Edit(Edit.Handler handler, IValidator<Edit.Command> validator) : PageModel
{
    public class Command
    {
        [Display(Name = "Tên yêu cầu báo cáo")] public string Title { get; set; } = "";
        [Display(Name = "Hạn gửi báo cáo")] public DateOnly? DueOn { get; set; }
        [Display(Name = "Nhắc trước hạn (ngày)")] public int? RemindDaysBefore { get; set; }
        [Display(Name = "Nhắc sau hạn (ngày)")] public int? RemindDaysAfter { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("Vui lòng nhập tên yêu cầu báo cáo.").MaximumLength(500);
            RuleFor(c => c.DueOn).NotNull().WithMessage("Vui lòng nhập hạn gửi báo cáo.");
            RuleFor(c => c.RemindDaysBefore).NotNull().WithMessage("Vui lòng nhập số ngày nhắc trước hạn (0 nếu không nhắc).")
                .InclusiveBetween(0, 60).WithMessage("Nhắc trước hạn: từ 0 đến 60 ngày.");
            RuleFor(c => c.RemindDaysAfter).NotNull().WithMessage("Vui lòng nhập số ngày nhắc sau hạn (0 nếu không nhắc).")
                .InclusiveBetween(0, 60).WithMessage("Nhắc sau hạn: từ 0 đến 60 ngày.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator) : IHandler
    {
        public async Task<Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var o = await FindAsync(id, cancellationToken);
            return new Command { Title = o.Title, DueOn = o.DueOn, RemindDaysBefore = o.RemindDaysBefore, RemindDaysAfter = o.RemindDaysAfter };
        }

        public async Task HandleAsync(int id, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var o = await FindAsync(id, cancellationToken);
            if (command.DueOn < o.PeriodStart)
                throw new ValidationFailedException(nameof(Command.DueOn), $"Hạn gửi báo cáo phải từ ngày {Fmt.Date(o.PeriodStart)} (đầu kỳ số liệu) trở đi.");
            o.SetTitle(command.Title);
            o.DueOn = command.DueOn!.Value;
            o.RemindDaysBefore = command.RemindDaysBefore!.Value;
            o.RemindDaysAfter = command.RemindDaysAfter!.Value;
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<ReportingObligation> FindAsync(int id, CancellationToken cancellationToken) =>
            await db.ReportingObligations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy yêu cầu báo cáo.");
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await handler.LoadAsync(id, cancellationToken);

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu thay đổi.";
                return RedirectToPage("Details", new { id });
            },
            reload: () => Task.CompletedTask);
}
