using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Jobs.Vacancies;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DaoTaoNghe.Features.Jobs.Sessions;

/// <summary>Plans or records a job-exchange session or fair, organised by the caller's organisation.</summary>
[Authorize(Policy = JobPolicies.WriteSessions)]
public class Create(Create.Handler handler, UnitChoices units, IValidator<Create.Command> validator) : PageModel
{

    public class Command
    {
        [Display(Name = "Loại")] public SessionKind? Kind { get; set; }
        [Display(Name = "Tên phiên")] public string Title { get; set; } = "";
        [Display(Name = "Ngày tổ chức")] public DateOnly? HeldOn { get; set; }
        [Display(Name = "Xã, phường tổ chức")] public int? VenueCommuneId { get; set; }
        [Display(Name = "Tổ chức trực tuyến")] public bool IsOnline { get; set; }
        [Display(Name = "Ghi chú")] public string? Notes { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Kind).NotNull().WithMessage("Vui lòng chọn loại phiên.").IsInEnum().WithMessage("Loại phiên không hợp lệ.");
            RuleFor(c => c.Title).NotEmpty().WithMessage("Vui lòng nhập tên phiên.").MaximumLength(200).WithMessage("Tên phiên không quá 200 ký tự.");
            RuleFor(c => c.HeldOn).NotNull().WithMessage("Vui lòng nhập ngày tổ chức.")
                .Must(d => d >= new DateOnly(2015, 1, 1) && d <= new DateOnly(2100, 12, 31)).WithMessage("Ngày tổ chức phải trong khoảng 2015–2100.");
            RuleFor(c => c.VenueCommuneId).NotNull().WithMessage("Vui lòng chọn xã, phường tổ chức (phiên trực tuyến: nơi đơn vị tổ chức).");
            RuleFor(c => c.Notes).MaximumLength(2000).WithMessage("Ghi chú không quá 2.000 ký tự.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, VacancyChoices choices, TimeProvider clock) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            var session = new JobSession { ProvinceId = db.Scope.ProvinceId, OrganiserId = db.Scope.OrganisationId, CreatedAt = clock.GetUtcNow().UtcDateTime };
            await ApplyAsync(session, command, cancellationToken);
            db.JobSessions.Add(session);
            await db.SaveChangesAsync(cancellationToken);
            return session.Id;
        }

        /// <summary>The form's rules and fields, for a new session and an edited one alike.</summary>
        public async Task ApplyAsync(JobSession session, Command command, CancellationToken cancellationToken)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            if (!await choices.IsCurrentCommuneAsync(command.VenueCommuneId!.Value, cancellationToken))
                throw new ValidationFailedException(nameof(Command.VenueCommuneId), "Xã, phường tổ chức phải là một xã, phường hiện hành của tỉnh.");
            session.Kind = command.Kind!.Value;
            session.HeldOn = command.HeldOn!.Value;
            session.VenueCommuneId = command.VenueCommuneId.Value;
            session.IsOnline = command.IsOnline;
            session.Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim();
            session.SetTitle(command.Title);
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public List<SelectListItem> Communes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Communes = await units.CurrentCommunesAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã ghi nhận phiên giao dịch việc làm.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Communes = await units.CurrentCommunesAsync(cancellationToken));
}
