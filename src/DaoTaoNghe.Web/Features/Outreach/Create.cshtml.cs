using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DaoTaoNghe.Features.Outreach;

/// <summary>Records an outreach activity in a commune, organised by the caller's organisation.</summary>
[Authorize(Policy = OutreachPolicies.Write)]
public class Create(Create.Handler handler, UnitChoices units, IValidator<Create.Command> validator) : PageModel
{

    public class Command
    {
        [Display(Name = "Xã, phường")] public int? CommuneId { get; set; }
        [Display(Name = "Ngày tổ chức")] public DateOnly? HeldOn { get; set; }
        [Display(Name = "Nội dung")] public string Title { get; set; } = "";
        [Display(Name = "Hình thức")] public OutreachChannel? Channel { get; set; }
        [Display(Name = "Số người tham dự")] public int? Participants { get; set; }
        [Display(Name = "Ghi chú")] public string? Notes { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.CommuneId).NotNull().WithMessage("Vui lòng chọn xã, phường.");
            RuleFor(c => c.HeldOn).NotNull().WithMessage("Vui lòng nhập ngày tổ chức.")
                .Must(d => d <= VietnamTime.Today(clock)).WithMessage("Ngày tổ chức không được sau ngày hôm nay.")
                .Must(d => d >= new DateOnly(2015, 1, 1)).WithMessage("Ngày tổ chức phải từ năm 2015 trở đi.");
            RuleFor(c => c.Title).NotEmpty().WithMessage("Vui lòng nhập nội dung hoạt động.").MaximumLength(300);
            RuleFor(c => c.Channel).NotNull().WithMessage("Vui lòng chọn hình thức tuyên truyền.").IsInEnum();
            RuleFor(c => c.Participants).NotNull().WithMessage("Vui lòng nhập số người tham dự.")
                .InclusiveBetween(0, 1_000_000).WithMessage("Số người tham dự phải từ 0 đến 1.000.000.");
            RuleFor(c => c.Notes).MaximumLength(2000);
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, UnitChoices units) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var outreach = new OutreachEvent { OrganisationId = db.Scope.OrganisationId };
            await Apply(outreach, command, cancellationToken);
            db.OutreachEvents.Add(outreach);
            await db.SaveChangesAsync(cancellationToken);
            return outreach.Id;
        }

        internal async Task Apply(OutreachEvent outreach, Command command, CancellationToken cancellationToken)
        {
            if (!await units.IsWritableCommuneAsync(command.CommuneId!.Value, command.HeldOn!.Value, cancellationToken))
                throw new ValidationFailedException(nameof(Command.CommuneId),
                    $"Xã, phường đã chọn không có hiệu lực vào ngày {Fmt.Date(command.HeldOn)} hoặc nằm ngoài phạm vi của bạn.");
            outreach.CommuneId = command.CommuneId.Value;
            outreach.HeldOn = command.HeldOn.Value;
            outreach.SetTitle(command.Title);
            outreach.Channel = command.Channel!.Value;
            outreach.Participants = command.Participants!.Value;
            outreach.Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim();
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public List<SelectListItem> Communes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Communes = await units.WritableCommunesAsync(cancellationToken);
        if (Communes.Count(c => c.Group?.Name != "Trước 01/7/2025") == 1) Data.CommuneId = int.Parse(Communes[0].Value);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã ghi nhận hoạt động tuyên truyền.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Communes = await units.WritableCommunesAsync(cancellationToken));
}
