using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
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

namespace DaoTaoNghe.Features.Plans;

/// <summary>
/// The province admin adds a task to a plan's appendix: content, time frame, lead and coordinating
/// parties (bodies, groups of bodies, or parties outside the system). Saving gives every body named,
/// directly or through a group, its own assignment.
/// </summary>
[Authorize(Policy = CommonPolicies.Administer)]
public class TaskCreate(TaskCreate.Handler handler, PlanChoices choices, IValidator<TaskCreate.Command> validator) : PageModel
{
    public class Command
    {
        [Display(Name = "Mục")] public int? SectionId { get; set; }
        [Display(Name = "Số thứ tự")] public string Number { get; set; } = "";
        [Display(Name = "Nội dung")] public string Content { get; set; } = "";
        [Display(Name = "Thời gian thực hiện")] public TimeFrameKind? TimeFrame { get; set; }
        [Display(Name = "Từ năm")] public int? FromYear { get; set; }
        [Display(Name = "Đến năm")] public int? ToYear { get; set; }
        [Display(Name = "Ghi chú")] public string? Note { get; set; }
        [Display(Name = "Nhóm chủ trì")] public List<PartyGroup> LeadGroups { get; set; } = [];
        [Display(Name = "Từng cơ quan chủ trì")] public List<int> LeadOrganisationIds { get; set; } = [];
        [Display(Name = "Chủ trì khác (ngoài hệ thống)")] public string? LeadOthers { get; set; }
        [Display(Name = "Nhóm phối hợp")] public List<PartyGroup> CoordinatingGroups { get; set; } = [];
        [Display(Name = "Từng cơ quan phối hợp")] public List<int> CoordinatingOrganisationIds { get; set; } = [];
        [Display(Name = "Phối hợp khác (ngoài hệ thống)")] public string? CoordinatingOthers { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Number).NotEmpty().WithMessage("Vui lòng nhập số thứ tự của nhiệm vụ.").MaximumLength(10);
            RuleFor(c => c.Content).NotEmpty().WithMessage("Vui lòng nhập nội dung nhiệm vụ.").MaximumLength(4000);
            RuleFor(c => c.Note).MaximumLength(1000);
            RuleFor(c => c.TimeFrame).NotNull().WithMessage("Vui lòng chọn thời gian thực hiện.").IsInEnum();
            When(c => c.TimeFrame is TimeFrameKind.Year or TimeFrameKind.Period, () =>
                RuleFor(c => c.FromYear).NotNull().WithMessage("Vui lòng nhập năm bắt đầu thực hiện.")
                    .InclusiveBetween(2000, 2100).WithMessage("Từ năm phải từ 2000 đến 2100."));
            When(c => c.TimeFrame == TimeFrameKind.Period, () =>
                RuleFor(c => c.ToYear).NotNull().WithMessage("Vui lòng nhập năm kết thúc giai đoạn.")
                    .GreaterThan(c => c.FromYear ?? 0).WithMessage("Đến năm phải sau Từ năm."));
            RuleFor(c => c).Must(c => c.LeadGroups.Count + c.LeadOrganisationIds.Count + Others(c.LeadOthers).Count > 0)
                .WithName(nameof(Command.LeadOrganisationIds)).OverridePropertyName(nameof(Command.LeadOrganisationIds))
                .WithMessage("Vui lòng chọn ít nhất một cơ quan chủ trì.");
            RuleFor(c => c.CoordinatingOrganisationIds).Must((c, ids) => !ids.Intersect(c.LeadOrganisationIds).Any())
                .WithMessage("Một cơ quan không thể vừa chủ trì vừa phối hợp cùng một nhiệm vụ.");
            RuleFor(c => c.LeadOthers).Must(t => Others(t).All(o => o.Length <= 300)).WithMessage("Chủ trì khác: mỗi tên tối đa 300 ký tự.");
            RuleFor(c => c.CoordinatingOthers).Must(t => Others(t).All(o => o.Length <= 300)).WithMessage("Phối hợp khác: mỗi tên tối đa 300 ký tự.");
        }
    }

    /// <summary>Parties outside the system, one per line or separated by ";".</summary>
    public static List<string> Others(string? text) =>
        (text ?? "").Split([';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, PlanChoices choices, TaskAssignments assignments) : IHandler
    {
        public async Task<int> HandleAsync(int planId, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken)
                ?? throw new NotFoundException("Không tìm thấy kế hoạch.");
            var task = new PlanTask
            {
                PlanId = plan.Id, ProvinceId = plan.ProvinceId,
                Order = await db.PlanTasks.Where(t => t.PlanId == plan.Id).Select(t => (int?)t.Order).MaxAsync(cancellationToken) + 1 ?? 1,
            };
            await ApplyAsync(task, command, cancellationToken);
            db.PlanTasks.Add(task);
            await db.SaveChangesAsync(cancellationToken);
            await assignments.TellAsync([task.Id], cancellationToken);
            return task.Id;
        }

        /// <summary>Writes the command onto a tracked task (parties and assignments loaded) and re-syncs its assignments.</summary>
        internal async Task ApplyAsync(PlanTask task, Command command, CancellationToken cancellationToken)
        {
            if (command.SectionId is { } sectionId && !await db.PlanSections.AnyAsync(s => s.Id == sectionId && s.PlanId == task.PlanId, cancellationToken))
                throw new ValidationFailedException(nameof(Command.SectionId), "Mục đã chọn không thuộc kế hoạch này.");
            var organisationIds = command.LeadOrganisationIds.Concat(command.CoordinatingOrganisationIds).Distinct().ToList();
            if (!await choices.AreOrganisationsOfProvinceAsync(organisationIds, cancellationToken))
                throw new ValidationFailedException(nameof(Command.LeadOrganisationIds), "Có cơ quan đã chọn không thuộc tỉnh của bạn hoặc đã ngừng hoạt động.");
            var names = await OrganisationDirectory.Visible(db).AsNoTracking().Where(o => organisationIds.Contains(o.Id))
                .ToDictionaryAsync(o => o.Id, o => o.Name, cancellationToken);

            task.SectionId = command.SectionId;
            task.Number = command.Number.Trim();
            task.SetContent(command.Content);
            task.TimeFrame = command.TimeFrame!.Value;
            task.FromYear = task.TimeFrame == TimeFrameKind.Yearly ? null : command.FromYear;
            task.ToYear = task.TimeFrame switch { TimeFrameKind.Yearly => null, TimeFrameKind.Year => command.FromYear, _ => command.ToYear };
            task.Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();

            db.TaskParties.RemoveRange(task.Parties);
            task.Parties.Clear();
            AddParties(task, PartyRole.Lead, command.LeadOrganisationIds, command.LeadGroups, command.LeadOthers, names);
            AddParties(task, PartyRole.Coordinating, command.CoordinatingOrganisationIds, command.CoordinatingGroups, command.CoordinatingOthers, names);
            await assignments.SyncAsync(task, cancellationToken);
        }

        private static void AddParties(PlanTask task, PartyRole role, List<int> organisations, List<PartyGroup> groups, string? others, Dictionary<int, string> names)
        {
            var order = 0;
            foreach (var id in organisations.Distinct())
                task.Parties.Add(new TaskParty { Role = role, Order = ++order, ProvinceId = task.ProvinceId, OrganisationId = id, Label = names[id] });
            foreach (var group in groups.Distinct())
                task.Parties.Add(new TaskParty { Role = role, Order = ++order, ProvinceId = task.ProvinceId, Group = group, Label = Fmt.Enum(group) });
            foreach (var name in Others(others))
                task.Parties.Add(new TaskParty { Role = role, Order = ++order, ProvinceId = task.ProvinceId, Label = name });
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "ke-hoach")]
    public int PlanId { get; set; }

    public List<SelectListItem> Sections { get; private set; } = [];
    public List<SelectListItem> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Data.TimeFrame = TimeFrameKind.Yearly;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Sections = await choices.SectionsAsync(PlanId, cancellationToken);
        Organisations = await choices.OrganisationsAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(PlanId, Data, cancellationToken);
                TempData["Message"] = "Đã thêm nhiệm vụ và giao cho các đơn vị.";
                return RedirectToPage("TaskDetails", new { id });
            },
            reload: () => LoadAsync(cancellationToken));
}
