using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Programmes;

/// <summary>The institution records each accreditation decision on a programme; earlier ones stay for the indicator's history.</summary>
[Authorize(Policy = ProgrammePolicies.Write)]
public class Accreditations(Accreditations.Handler handler, Details.Handler details, IValidator<Accreditations.Command> validator) : PageModel
{
    public sealed class Command
    {
        [Display(Name = "Kết quả")] public AccreditationResult? Result { get; set; }
        [Display(Name = "Ngày cấp giấy chứng nhận, ngày đánh giá")] public DateOnly? DecidedOn { get; set; }
        [Display(Name = "Hiệu lực đến ngày")] public DateOnly? ExpiresOn { get; set; }
        [Display(Name = "Tổ chức kiểm định")] public string Body { get; set; } = "";
        [Display(Name = "Số giấy chứng nhận")] public string? CertificateNumber { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Result).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn kết quả kiểm định.").IsInEnum();
            RuleFor(c => c.DecidedOn).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng nhập ngày cấp giấy chứng nhận hoặc ngày đánh giá.")
                .Must(d => d <= VietnamTime.Today(clock)).WithMessage("Ngày cấp không được sau ngày hôm nay.")
                .Must(d => d >= new DateOnly(2000, 1, 1)).WithMessage("Ngày cấp phải từ năm 2000 trở đi.");
            RuleFor(c => c.ExpiresOn).Cascade(CascadeMode.Stop).NotNull().When(c => c.Result == AccreditationResult.Passed)
                .WithMessage("Vui lòng nhập ngày hết hiệu lực của giấy chứng nhận (thường 5 năm kể từ ngày cấp).");
            RuleFor(c => c.ExpiresOn).Must((c, e) => e > c.DecidedOn).When(c => c.ExpiresOn is not null && c.DecidedOn is not null)
                .WithMessage("Ngày hết hiệu lực phải sau ngày cấp.");
            RuleFor(c => c.Body).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập tổ chức kiểm định.").MaximumLength(300).WithMessage("Tổ chức kiểm định tối đa 300 ký tự.");
            RuleFor(c => c.CertificateNumber).MaximumLength(100).WithMessage("Số giấy chứng nhận tối đa 100 ký tự.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator) : IHandler
    {
        public async Task<int> AddAsync(int programmeId, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var programme = await Edit.Handler.FindAsync(db, programmeId, cancellationToken);
            var accreditation = new ProgrammeAccreditation
            {
                ProgrammeId = programmeId, InstitutionId = programme.InstitutionId, Result = command.Result!.Value, DecidedOn = command.DecidedOn!.Value,
                ExpiresOn = command.ExpiresOn, Body = command.Body.Trim(), CertificateNumber = TextValues.Clean(command.CertificateNumber),
            };
            db.ProgrammeAccreditations.Add(accreditation);
            await db.SaveChangesAsync(cancellationToken);
            return accreditation.Id;
        }

        /// <summary>For a decision entered by mistake; the audit trail keeps what it said.</summary>
        public async Task RemoveAsync(int programmeId, int accreditationId, CancellationToken cancellationToken = default)
        {
            await Edit.Handler.FindAsync(db, programmeId, cancellationToken);
            var accreditation = await db.ProgrammeAccreditations.SingleOrDefaultAsync(a => a.Id == accreditationId && a.ProgrammeId == programmeId, cancellationToken)
                                ?? throw new NotFoundException("Không tìm thấy kết quả kiểm định.");
            db.ProgrammeAccreditations.Remove(accreditation);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public Details.Result Programme { get; private set; } = null!;

    public Task OnGetAsync(int id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.AddAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã ghi nhận kết quả kiểm định.";
                return RedirectToPage(new { id });
            },
            reload: () => LoadAsync(id, cancellationToken));

    public async Task<IActionResult> OnPostRemoveAsync(int id, int accreditationId, CancellationToken cancellationToken)
    {
        await handler.RemoveAsync(id, accreditationId, cancellationToken);
        TempData["Message"] = "Đã xóa kết quả kiểm định nhập nhầm.";
        return RedirectToPage(new { id });
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Programme = await details.HandleAsync(id, cancellationToken);
        if (!Programme.MayKeep) throw new ForbiddenException();
    }
}
