using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Plans;
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
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Reports.Obligations;

/// <summary>
/// The province admin asks for reports: who reports (groups of bodies and/or named bodies), to whom,
/// on which template, for which period, by which day, with reminders before and after. Saving creates
/// one draft report per reporting body, already filled with its numbers.
/// </summary>
[Authorize(Policy = CommonPolicies.Administer)]
public class Create(Create.Handler handler, ObligationChoices choices, IValidator<Create.Command> validator, TimeProvider clock) : PageModel
{
    public class Command
    {
        [Display(Name = "Tên yêu cầu báo cáo")] public string Title { get; set; } = "";
        [Display(Name = "Mẫu báo cáo")] public string? TemplateCode { get; set; }
        [Display(Name = "Theo kế hoạch")] public int? PlanId { get; set; }
        [Display(Name = "Loại kỳ báo cáo")] public PeriodKind? PeriodKind { get; set; }
        [Display(Name = "Năm")] public int? PeriodYear { get; set; }
        [Display(Name = "Quý/tháng")] public int? PeriodNumber { get; set; }
        [Display(Name = "Số liệu từ ngày")] public DateOnly? PeriodStart { get; set; }
        [Display(Name = "Số liệu đến ngày")] public DateOnly? PeriodEnd { get; set; }
        [Display(Name = "Hạn gửi báo cáo")] public DateOnly? DueOn { get; set; }
        [Display(Name = "Cơ quan nhận báo cáo")] public int? ReceiverOrganisationId { get; set; }
        [Display(Name = "Cơ quan nhận (ngoài hệ thống)")] public string? ReceiverName { get; set; }
        [Display(Name = "Nhóm đơn vị báo cáo")] public List<PartyGroup> ReporterGroups { get; set; } = [];
        [Display(Name = "Từng đơn vị báo cáo")] public List<int> ReporterOrganisationIds { get; set; } = [];
        [Display(Name = "Tổng hợp từ các yêu cầu")] public List<int> SourceIds { get; set; } = [];
        [Display(Name = "Nhắc trước hạn (ngày)")] public int? RemindDaysBefore { get; set; } = 5;
        [Display(Name = "Nhắc sau hạn (ngày)")] public int? RemindDaysAfter { get; set; } = 1;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Title).NotEmpty().WithMessage("Vui lòng nhập tên yêu cầu báo cáo.").MaximumLength(500);
            RuleFor(c => c.TemplateCode).Must(code => ReportTemplates.Find(code) is not null).WithMessage("Vui lòng chọn mẫu báo cáo.");
            RuleFor(c => c.PeriodKind).NotNull().WithMessage("Vui lòng chọn loại kỳ báo cáo.").IsInEnum();
            RuleFor(c => c.PeriodYear).NotNull().WithMessage("Vui lòng nhập năm của kỳ báo cáo.")
                .InclusiveBetween(2000, 2100).WithMessage("Năm phải từ 2000 đến 2100.");
            When(c => c.PeriodKind == Reports.PeriodKind.Quarter, () => RuleFor(c => c.PeriodNumber).NotNull().WithMessage("Vui lòng nhập quý (1–4).")
                .InclusiveBetween(1, 4).WithMessage("Quý phải từ 1 đến 4."));
            When(c => c.PeriodKind == Reports.PeriodKind.Month, () => RuleFor(c => c.PeriodNumber).NotNull().WithMessage("Vui lòng nhập tháng (1–12).")
                .InclusiveBetween(1, 12).WithMessage("Tháng phải từ 1 đến 12."));
            When(c => c.PeriodKind == Reports.PeriodKind.AdHoc, () =>
            {
                RuleFor(c => c.PeriodStart).NotNull().WithMessage("Báo cáo đột xuất: vui lòng nhập ngày bắt đầu lấy số liệu.");
                RuleFor(c => c.PeriodEnd).NotNull().WithMessage("Báo cáo đột xuất: vui lòng nhập ngày kết thúc lấy số liệu.");
            });
            RuleFor(c => c.PeriodEnd).GreaterThanOrEqualTo(c => c.PeriodStart).When(c => c.PeriodStart is not null && c.PeriodEnd is not null)
                .WithMessage("Số liệu đến ngày phải từ ngày bắt đầu trở đi.");
            RuleFor(c => c.DueOn).NotNull().WithMessage("Vui lòng nhập hạn gửi báo cáo.");
            RuleFor(c => c).Must(c => c.ReceiverOrganisationId is not null || !string.IsNullOrWhiteSpace(c.ReceiverName))
                .OverridePropertyName(nameof(Command.ReceiverOrganisationId)).WithMessage("Vui lòng chọn cơ quan nhận báo cáo hoặc ghi tên cơ quan nhận.");
            RuleFor(c => c.ReceiverName).MaximumLength(300);
            RuleFor(c => c).Must(c => c.ReporterGroups.Count + c.ReporterOrganisationIds.Count > 0)
                .OverridePropertyName(nameof(Command.ReporterOrganisationIds)).WithMessage("Vui lòng chọn ít nhất một đơn vị báo cáo.");
            RuleFor(c => c.SourceIds).NotEmpty().When(c => ReportTemplates.Find(c.TemplateCode)?.IsAggregate == true)
                .WithMessage("Mẫu báo cáo tổng hợp: vui lòng chọn các yêu cầu báo cáo được tổng hợp.");
            RuleFor(c => c.RemindDaysBefore).NotNull().WithMessage("Vui lòng nhập số ngày nhắc trước hạn (0 nếu không nhắc).")
                .InclusiveBetween(0, 60).WithMessage("Nhắc trước hạn: từ 0 đến 60 ngày.");
            RuleFor(c => c.RemindDaysAfter).NotNull().WithMessage("Vui lòng nhập số ngày nhắc sau hạn (0 nếu không nhắc).")
                .InclusiveBetween(0, 60).WithMessage("Nhắc sau hạn: từ 0 đến 60 ngày.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, PlanChoices plans, TaskAssignments groups, ReportFill fill,
        ReportAccess access, TimeProvider clock) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var provinceId = db.Scope.ProvinceId;
            var (start, end) = command.PeriodStart is { } s && command.PeriodEnd is { } e
                ? (s, e)
                : ReportPeriods.DefaultRange(command.PeriodKind!.Value, command.PeriodYear!.Value, command.PeriodNumber);
            if (command.DueOn < start)
                throw new ValidationFailedException(nameof(Command.DueOn), $"Hạn gửi báo cáo phải từ ngày {Fmt.Date(start)} (đầu kỳ số liệu) trở đi.");
            if (command.PlanId is { } planId && !await PlanRecords.Plans(db).AnyAsync(p => p.Id == planId, cancellationToken))
                throw new ValidationFailedException(nameof(Command.PlanId), "Kế hoạch đã chọn không tồn tại.");
            if (!await plans.AreOrganisationsOfProvinceAsync([.. command.ReporterOrganisationIds, .. command.ReceiverOrganisationId is { } r ? [r] : Array.Empty<int>()], cancellationToken))
                throw new ValidationFailedException(nameof(Command.ReporterOrganisationIds), "Có cơ quan đã chọn không thuộc tỉnh của bạn hoặc đã ngừng hoạt động.");
            var sourceIds = command.SourceIds.Distinct().ToList();
            if (await db.ReportingObligations.CountAsync(o => sourceIds.Contains(o.Id), cancellationToken) != sourceIds.Count)
                throw new ValidationFailedException(nameof(Command.SourceIds), "Có yêu cầu báo cáo được tổng hợp không tồn tại.");

            var parties = command.ReporterGroups.Distinct().Select(g => new TaskParty { Group = g, Role = PartyRole.Lead })
                .Concat(command.ReporterOrganisationIds.Distinct().Select(id => new TaskParty { OrganisationId = id, Role = PartyRole.Lead }))
                .ToList();
            var reporters = (await groups.ExpandAsync(parties, provinceId, cancellationToken)).Keys.ToList();
            if (reporters.Count == 0)
                throw new ValidationFailedException(nameof(Command.ReporterOrganisationIds), "Các nhóm đã chọn chưa có đơn vị nào đang hoạt động.");
            var receiverName = command.ReceiverOrganisationId is { } receiverId
                ? await OrganisationDirectory.Visible(db).Where(o => o.Id == receiverId).Select(o => o.Name).SingleAsync(cancellationToken)
                : command.ReceiverName!.Trim();

            var obligation = new ReportingObligation
            {
                ProvinceId = provinceId, TemplateCode = command.TemplateCode!, PlanId = command.PlanId,
                PeriodKind = command.PeriodKind!.Value, PeriodYear = command.PeriodYear!.Value,
                PeriodNumber = command.PeriodKind is Reports.PeriodKind.Quarter or Reports.PeriodKind.Month ? command.PeriodNumber : null,
                PeriodStart = start, PeriodEnd = end, DueOn = command.DueOn!.Value,
                ReceiverOrganisationId = command.ReceiverOrganisationId, ReceiverName = receiverName,
                RemindDaysBefore = command.RemindDaysBefore!.Value, RemindDaysAfter = command.RemindDaysAfter!.Value,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            obligation.SetTitle(command.Title);
            return await CreateAsync(obligation, reporters, sourceIds, await access.ActorNameAsync(cancellationToken), cancellationToken);
        }

        /// <summary>Saves the obligation with its sources and one filled draft report per reporter, all or nothing.</summary>
        public async Task<int> CreateAsync(ReportingObligation obligation, IReadOnlyCollection<int> reporters, IReadOnlyCollection<int> sourceIds,
            string actorName, CancellationToken cancellationToken)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            obligation.Sources = sourceIds.Select(id => new ObligationSource { SourceId = id, ProvinceId = obligation.ProvinceId }).ToList();
            db.ReportingObligations.Add(obligation);
            await db.SaveChangesAsync(cancellationToken);
            await fill.CreateReportsAsync(obligation, reporters, actorName, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return obligation.Id;
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public ObligationChoices.Lists Lists { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Lists = await choices.LoadAsync(cancellationToken);
        Data.PeriodKind = Reports.PeriodKind.Year;
        Data.PeriodYear = Infrastructure.Time.VietnamTime.Today(clock).Year;
        Data.TemplateCode = ReportTemplates.All.FirstOrDefault(t => !t.IsAggregate)?.Code;
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã tạo yêu cầu báo cáo và báo cáo nháp cho từng đơn vị.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Lists = await choices.LoadAsync(cancellationToken));
}

/// <summary>What the obligation form offers: templates, plans, bodies, obligations to aggregate.</summary>
public sealed class ObligationChoices(AppDbContext db, PlanChoices plans) : IHandler
{
    public sealed record Lists(List<SelectListItem> Templates, List<SelectListItem> Plans, List<SelectListItem> Organisations,
        List<SelectListItem> Receivers, List<SelectListItem> Obligations);

    public async Task<Lists> LoadAsync(CancellationToken cancellationToken) => new(
        ReportTemplates.All.Select(t => new SelectListItem(t.Name, t.Code)).ToList(),
        await plans.PlansAsync(cancellationToken: cancellationToken),
        await plans.OrganisationsAsync(cancellationToken),
        await plans.ProvincialBodiesAsync(cancellationToken),
        (await db.ReportingObligations.AsNoTracking().OrderByDescending(o => o.DueOn).Select(o => new { o.Id, o.Title, o.DueOn }).ToListAsync(cancellationToken))
            .Select(o => new SelectListItem($"{o.Title} (hạn {Fmt.Date(o.DueOn)})", o.Id.ToString())).ToList());
}
