using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Institutions;

/// <summary>The province admin keeps the occupations and levels an institution is licensed to teach.</summary>
[Authorize(Policy = CommonPolicies.Administer)]
public class Licences(Licences.Handler handler, Details.Handler details, OccupationChoices occupations, IValidator<Licences.Command> validator) : PageModel
{
    public sealed class Command
    {
        [Display(Name = "Nghề")] public int? OccupationId { get; set; }
        [Display(Name = "Trình độ")] public TrainingLevel? Level { get; set; }
        [Display(Name = "Quy mô tuyển sinh (người/năm)")] public int? AnnualQuota { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.OccupationId).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn nghề.");
            RuleFor(c => c.Level).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn trình độ.").IsInEnum();
            RuleFor(c => c.AnnualQuota).InclusiveBetween(1, 10_000).WithMessage("Quy mô tuyển sinh phải từ 1 đến 10.000 người/năm.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, OccupationChoices occupations) : IHandler
    {
        public async Task<int> AddAsync(int institutionId, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var provinceId = await InstitutionProvinceAsync(institutionId, cancellationToken);
            if (!await occupations.IsActiveAsync(command.OccupationId!.Value, cancellationToken))
                throw new ValidationFailedException(nameof(Command.OccupationId), "Nghề đã chọn không có trong danh mục nghề đang sử dụng của tỉnh.");
            if (await db.LicensedOccupations.AnyAsync(l => l.InstitutionId == institutionId && l.OccupationId == command.OccupationId
                                                          && l.Level == command.Level, cancellationToken))
                throw new ValidationFailedException(nameof(Command.OccupationId), $"Nghề này ở trình độ {Fmt.Enum(command.Level)} đã có trong danh sách được cấp phép.");
            var licence = new LicensedOccupation
            {
                InstitutionId = institutionId, ProvinceId = provinceId, OccupationId = command.OccupationId.Value,
                Level = command.Level!.Value, AnnualQuota = command.AnnualQuota,
            };
            db.LicensedOccupations.Add(licence);
            await db.SaveChangesAsync(cancellationToken);
            return licence.Id;
        }

        public async Task RemoveAsync(int institutionId, int licenceId, CancellationToken cancellationToken = default)
        {
            await InstitutionProvinceAsync(institutionId, cancellationToken);
            var licence = await db.LicensedOccupations.SingleOrDefaultAsync(l => l.Id == licenceId && l.InstitutionId == institutionId, cancellationToken)
                          ?? throw new NotFoundException("Không tìm thấy nghề được cấp phép.");
            db.LicensedOccupations.Remove(licence);
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<int> InstitutionProvinceAsync(int institutionId, CancellationToken cancellationToken)
        {
            var scope = db.Scope;
            var provinceId = await OrganisationDirectory.Visible(db)
                                 .Where(o => o.Id == institutionId && o.Kind == OrganisationKind.TrainingInstitution
                                             && (scope.IsSystem || o.ProvinceId == scope.ProvinceId))
                                 .Select(o => (int?)o.ProvinceId).SingleOrDefaultAsync(cancellationToken)
                             ?? throw new NotFoundException("Không tìm thấy cơ sở đào tạo hoặc bạn không có quyền xem.");
            scope.EnsureMayManage(provinceId);
            return provinceId;
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public Details.Result Institution { get; private set; } = null!;
    public List<SelectListItem> Occupations { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken);

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.AddAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã thêm nghề được cấp phép.";
                return RedirectToPage(new { id });
            },
            reload: () => LoadAsync(id, cancellationToken));

    public async Task<IActionResult> OnPostRemoveAsync(int id, int licenceId, CancellationToken cancellationToken)
    {
        await handler.RemoveAsync(id, licenceId, cancellationToken);
        TempData["Message"] = "Đã bỏ nghề khỏi danh sách được cấp phép.";
        return RedirectToPage(new { id });
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Institution = await details.HandleAsync(id, cancellationToken);
        if (!Institution.MayManage) throw new ForbiddenException();
        Occupations = await occupations.SelectListAsync(cancellationToken);
    }
}
