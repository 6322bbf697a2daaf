using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Enterprises;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Vacancies;

/// <summary>Posts a vacancy: an enterprise for itself, the province admin for an enterprise it names.</summary>
[Authorize(Policy = JobPolicies.WriteVacancies)]
public class Create(Create.Handler handler, VacancyChoices choices, IValidator<Create.Command> validator) : PageModel
{

    public class Command
    {
        [Display(Name = "Doanh nghiệp")] public int? EnterpriseId { get; set; }
        [Display(Name = "Vị trí tuyển dụng")] public string Title { get; set; } = "";
        [Display(Name = "Nghề")] public int? OccupationId { get; set; }
        [Display(Name = "Số lượng cần tuyển")] public int? Quantity { get; set; }
        [Display(Name = "Lương từ (đồng/tháng)")] public long? WageFrom { get; set; }
        [Display(Name = "Lương đến (đồng/tháng)")] public long? WageTo { get; set; }
        [Display(Name = "Nơi làm việc (xã, phường)")] public int? PlaceCommuneId { get; set; }
        [Display(Name = "Yêu cầu")] public string? Requirements { get; set; }
        [Display(Name = "Hạn nộp hồ sơ")] public DateOnly? Deadline { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("Vui lòng nhập vị trí tuyển dụng.")
                .MaximumLength(200).WithMessage("Vị trí tuyển dụng không quá 200 ký tự.");
            RuleFor(c => c.OccupationId).NotNull().WithMessage("Vui lòng chọn nghề.");
            RuleFor(c => c.Quantity).NotNull().WithMessage("Vui lòng nhập số lượng cần tuyển.")
                .InclusiveBetween(1, 10_000).WithMessage("Số lượng cần tuyển phải từ 1 đến 10.000.");
            RuleFor(c => c.WageFrom).InclusiveBetween(0, 1_000_000_000).WithMessage("Lương từ phải từ 0 đến 1.000.000.000 đ.");
            RuleFor(c => c.WageTo).InclusiveBetween(0, 1_000_000_000).WithMessage("Lương đến phải từ 0 đến 1.000.000.000 đ.")
                .GreaterThanOrEqualTo(c => c.WageFrom).When(c => c.WageFrom is not null && c.WageTo is not null)
                .WithMessage("Lương đến không được nhỏ hơn lương từ.");
            RuleFor(c => c.PlaceCommuneId).NotNull().WithMessage("Vui lòng chọn nơi làm việc (xã, phường).");
            RuleFor(c => c.Requirements).MaximumLength(2000).WithMessage("Yêu cầu không quá 2.000 ký tự.");
            RuleFor(c => c.Deadline).NotNull().WithMessage("Vui lòng nhập hạn nộp hồ sơ.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, VacancyChoices choices, TimeProvider clock) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var today = VietnamTime.Today(clock);
            if (command.Deadline < today)
                throw new ValidationFailedException(nameof(Command.Deadline), "Hạn nộp hồ sơ không được trước ngày hôm nay.");
            var enterpriseId = await choices.EnterpriseForAsync(command.EnterpriseId, cancellationToken);
            var vacancy = new Vacancy { EnterpriseId = enterpriseId, ProvinceId = db.Scope.ProvinceId, PostedOn = today, CreatedAt = clock.GetUtcNow().UtcDateTime };
            await Apply(vacancy, command, cancellationToken);
            db.Vacancies.Add(vacancy);
            await db.SaveChangesAsync(cancellationToken);
            return vacancy.Id;
        }

        internal async Task Apply(Vacancy vacancy, Command command, CancellationToken cancellationToken)
        {
            var occupation = await OccupationDirectory.Visible(db).AsNoTracking().Where(o => o.Id == command.OccupationId && o.IsActive)
                .Select(o => o.Name).SingleOrDefaultAsync(cancellationToken)
                ?? throw new ValidationFailedException(nameof(Command.OccupationId), "Nghề đã chọn không có trong danh mục đang dùng.");
            if (!await choices.IsCurrentCommuneAsync(command.PlaceCommuneId!.Value, cancellationToken))
                throw new ValidationFailedException(nameof(Command.PlaceCommuneId), "Nơi làm việc phải là một xã, phường hiện hành của tỉnh.");
            vacancy.SetTitle(command.Title, occupation);
            vacancy.OccupationId = command.OccupationId!.Value;
            vacancy.Quantity = command.Quantity!.Value;
            vacancy.WageFrom = command.WageFrom;
            vacancy.WageTo = command.WageTo;
            vacancy.PlaceCommuneId = command.PlaceCommuneId.Value;
            vacancy.Requirements = string.IsNullOrWhiteSpace(command.Requirements) ? null : command.Requirements.Trim();
            vacancy.Deadline = command.Deadline!.Value;
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public VacancyChoices.Lists Lists { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Lists = await choices.ListsAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã đăng tin tuyển dụng.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Lists = await choices.ListsAsync(cancellationToken));
}

/// <summary>The choices the vacancy and demand forms offer, and the checks behind them.</summary>
public sealed class VacancyChoices(AppDbContext db, OccupationChoices occupations, UnitChoices units, EnterpriseChoices enterprises) : IHandler
{
    public sealed record Lists(List<SelectListItem> Occupations, List<SelectListItem> Communes, List<SelectListItem> Enterprises);

    public async Task<Lists> ListsAsync(CancellationToken cancellationToken) =>
        new(await occupations.SelectListAsync(cancellationToken), await units.CurrentCommunesAsync(cancellationToken),
            db.Scope.Level == ScopeLevel.Enterprise ? [] : await enterprises.SelectListAsync(cancellationToken));

    /// <summary>An enterprise files for itself whatever it sends; others must name an active enterprise of the province.</summary>
    public async Task<int> EnterpriseForAsync(int? requested, CancellationToken cancellationToken)
    {
        if (db.Scope.Level == ScopeLevel.Enterprise) return db.Scope.OrganisationId;
        if (requested is not { } id) throw new ValidationFailedException("EnterpriseId", "Vui lòng chọn doanh nghiệp.");
        if (!await enterprises.IsActiveAsync(id, cancellationToken))
            throw new ValidationFailedException("EnterpriseId", "Doanh nghiệp đã chọn không có trong danh sách doanh nghiệp đang hoạt động của tỉnh.");
        return id;
    }

    public Task<bool> IsCurrentCommuneAsync(int communeId, CancellationToken cancellationToken)
    {
        var provinceId = db.Scope.ProvinceId;
        return UnitDirectory.Units(db).AnyAsync(u => u.Id == communeId && u.Level == UnitLevel.Commune && u.ValidTo == null && u.ProvinceId == provinceId,
            cancellationToken);
    }
}
