using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Occupations;
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

namespace DaoTaoNghe.Features.Orders;

/// <summary>The province admin gives an institution a year's order of training.</summary>
[Authorize(Policy = CommonPolicies.Administer)]
public class Create(Create.Handler handler, OrderForm form, IValidator<Create.Command> validator, TimeProvider clock) : PageModel
{
    public const long MaxMoney = 1_000_000_000_000;

    public sealed class Command
    {
        [Display(Name = "Cơ sở đào tạo")] public int? InstitutionId { get; set; }
        [Display(Name = "Hình thức")] public OrderKind? Kind { get; set; }
        [Display(Name = "Năm")] public int? Year { get; set; }
        [Display(Name = "Nghề đào tạo")] public int? OccupationId { get; set; }
        [Display(Name = "Trình độ")] public TrainingLevel? Level { get; set; }
        [Display(Name = "Chỉ tiêu (người)")] public int? Quota { get; set; }
        [Display(Name = "Đơn giá (đồng/người)")] public long? UnitCost { get; set; }
        [Display(Name = "Kinh phí hỗ trợ người học (đồng)")] public long? Budget { get; set; }
        [Display(Name = "Số quyết định")] public string DecisionNumber { get; set; } = "";
        [Display(Name = "Ngày quyết định")] public DateOnly? DecisionDate { get; set; }
        [Display(Name = "Ghi chú")] public string? Notes { get; set; }

        /// <summary>Recorded ahead of the institution's being given it: no course may be opened under it yet.</summary>
        [Display(Name = "Đơn hàng dự kiến (chưa giao cho cơ sở đào tạo)")] public bool Planned { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.InstitutionId).NotNull().WithMessage("Vui lòng chọn cơ sở đào tạo.");
            RuleFor(c => c.Kind).NotNull().WithMessage("Vui lòng chọn hình thức (đặt hàng, giao nhiệm vụ hoặc đấu thầu).").IsInEnum();
            RuleFor(c => c.Year).NotNull().WithMessage("Vui lòng nhập năm.")
                .InclusiveBetween(2015, 2100).WithMessage("Năm phải từ 2015 đến 2100.");
            RuleFor(c => c.OccupationId).NotNull().WithMessage("Vui lòng chọn nghề đào tạo.");
            RuleFor(c => c.Level).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn trình độ.").IsInEnum()
                .Must((c, level) => c.Year is not { } year || level!.Value.IsAvailableOn(new DateOnly(year, 12, 31)))
                .WithMessage($"Trình độ trung học nghề chỉ áp dụng từ năm {TrainingLevels.VocationalSecondaryFrom.Year}.");
            RuleFor(c => c.Quota).NotNull().WithMessage("Vui lòng nhập chỉ tiêu.")
                .InclusiveBetween(1, 100_000).WithMessage("Chỉ tiêu phải từ 1 đến 100.000 người.");
            RuleFor(c => c.UnitCost).NotNull().WithMessage("Vui lòng nhập đơn giá cho một người học.")
                .InclusiveBetween(1_000, 1_000_000_000).WithMessage("Đơn giá phải từ 1.000 đ đến 1.000.000.000 đ một người.");
            RuleFor(c => c.Budget).NotNull().WithMessage("Vui lòng nhập kinh phí hỗ trợ người học.")
                .InclusiveBetween(0, MaxMoney).WithMessage($"Kinh phí phải từ 0 đến {Fmt.Money(MaxMoney)}.");
            RuleFor(c => c.DecisionNumber).NotEmpty().WithMessage("Vui lòng nhập số quyết định.")
                .MaximumLength(100).WithMessage("Số quyết định tối đa 100 ký tự.");
            RuleFor(c => c.DecisionDate).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng nhập ngày quyết định.")
                .Must((c, date) => c.Year is not { } year || date!.Value.Year == year || date.Value.Year == year - 1)
                .WithMessage("Ngày quyết định phải trong năm của đơn hàng hoặc năm trước đó.");
            RuleFor(c => c.Notes).MaximumLength(2000).WithMessage("Ghi chú tối đa 2.000 ký tự.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, InstitutionChoices institutions, OccupationChoices occupations,
        OrderNotice notice, TimeProvider clock) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            if (!db.Scope.IsProvinceAdmin) throw new ForbiddenException();
            var order = new TrainingOrder
            {
                ProvinceId = db.Scope.ProvinceId, CreatedAt = clock.GetUtcNow().UtcDateTime, State = command.Planned ? OrderState.Planned : OrderState.Open,
            };
            await ApplyAsync(order, command, cancellationToken);
            db.TrainingOrders.Add(order);
            await notice.SaveAndTellAsync(order, cancellationToken);
            return order.Id;
        }

        internal async Task ApplyAsync(TrainingOrder order, Command command, CancellationToken cancellationToken)
        {
            var errors = new List<FieldError>();
            if (!await institutions.IsActiveAsync(command.InstitutionId!.Value, cancellationToken))
                errors.Add(new(nameof(Command.InstitutionId), "Cơ sở đào tạo đã chọn không còn hoạt động hoặc không thuộc tỉnh của bạn."));
            if (!await occupations.IsActiveAsync(command.OccupationId!.Value, cancellationToken))
                errors.Add(new(nameof(Command.OccupationId), "Nghề đã chọn không có trong danh mục nghề đang dùng của tỉnh."));
            if (errors.Count > 0) throw new ValidationFailedException(errors);

            order.InstitutionId = command.InstitutionId.Value;
            order.Kind = command.Kind!.Value;
            order.Year = command.Year!.Value;
            order.OccupationId = command.OccupationId.Value;
            order.Level = command.Level!.Value;
            order.Quota = command.Quota!.Value;
            order.UnitCost = command.UnitCost!.Value;
            order.Budget = command.Budget!.Value;
            order.SetDecisionNumber(command.DecisionNumber);
            order.DecisionDate = command.DecisionDate!.Value;
            order.Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim();
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public OrderForm.Lists Lists { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "co-so")] int? institutionId, CancellationToken cancellationToken)
    {
        Data.Year = VietnamTime.Today(clock).Year;
        Data.Kind = OrderKind.Order;
        Data.InstitutionId = institutionId;
        Lists = await form.ListsAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã lưu đơn đặt hàng.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Lists = await form.ListsAsync(cancellationToken));
}

/// <summary>What the order form offers: the province's active institutions and occupations.</summary>
public sealed class OrderForm(InstitutionChoices institutions, OccupationChoices occupations) : IHandler
{
    public sealed record Lists(List<SelectListItem> Institutions, List<SelectListItem> Occupations);

    public async Task<Lists> ListsAsync(CancellationToken cancellationToken) =>
        new(await institutions.SelectListAsync(cancellationToken), await occupations.SelectListAsync(cancellationToken));
}
