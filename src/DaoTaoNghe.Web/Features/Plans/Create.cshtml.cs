using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
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
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Plans;

/// <summary>The province admin records a plan: number, date, title, legal basis, what it replaces, and the headings of its appendix.</summary>
[Authorize(Policy = CommonPolicies.Administer)]
public partial class Create(Create.Handler handler, PlanChoices choices, IValidator<Create.Command> validator) : PageModel
{
    public class Command
    {
        [Display(Name = "Số, ký hiệu")] public string? Number { get; set; }
        [Display(Name = "Ngày ban hành")] public DateOnly? IssuedOn { get; set; }
        [Display(Name = "Trích yếu")] public string Title { get; set; } = "";
        [Display(Name = "Căn cứ ban hành")] public string? LegalBasis { get; set; }
        [Display(Name = "Cơ quan ban hành")] public int? IssuedById { get; set; }
        [Display(Name = "Thay thế kế hoạch")] public int? ReplacesId { get; set; }
        [Display(Name = "Các mục của Phụ lục")] public string? Sections { get; set; }
        [Display(Name = "Ghi chú")] public string? Notes { get; set; }
    }

    public sealed record SectionLine(string Code, string Title);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Number).MaximumLength(50);
            RuleFor(c => c.IssuedOn).NotNull().WithMessage("Vui lòng nhập ngày ban hành.")
                .Must(d => d >= new DateOnly(2000, 1, 1) && d <= new DateOnly(2100, 12, 31)).WithMessage("Ngày ban hành phải từ năm 2000 đến năm 2100.");
            RuleFor(c => c.Title).NotEmpty().WithMessage("Vui lòng nhập trích yếu của kế hoạch.").MaximumLength(1000);
            RuleFor(c => c.LegalBasis).MaximumLength(4000);
            RuleFor(c => c.Notes).MaximumLength(2000);
            RuleFor(c => c.Sections).Custom((text, context) =>
            {
                foreach (var error in ParseSections(text).Errors) context.AddFailure(nameof(Command.Sections), error);
            });
        }
    }

    /// <summary>One heading per line, "I. Nâng cao nhận thức…": a Roman or Arabic number, then the title.</summary>
    public static (List<SectionLine> Sections, List<string> Errors) ParseSections(string? text)
    {
        var sections = new List<SectionLine>();
        var errors = new List<string>();
        var lines = (text ?? "").Split('\n').Select(l => l.Trim()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0) continue;
            var match = SectionLinePattern().Match(lines[i]);
            if (!match.Success)
                errors.Add($"Các mục của Phụ lục, dòng {i + 1}: cần bắt đầu bằng số mục, ví dụ \"I. Nâng cao nhận thức…\".");
            else if (sections.Any(s => s.Code == match.Groups[1].Value))
                errors.Add($"Các mục của Phụ lục, dòng {i + 1}: mục {match.Groups[1].Value} bị trùng.");
            else if (match.Groups[2].Value.Length > 1000)
                errors.Add($"Các mục của Phụ lục, dòng {i + 1}: tên mục dài quá 1.000 ký tự.");
            else
                sections.Add(new SectionLine(match.Groups[1].Value, match.Groups[2].Value.Trim()));
        }
        return (sections, errors);
    }

    [GeneratedRegex(@"^([IVXLC]+|\d+)[.)]?\s+(.+)$")]
    private static partial Regex SectionLinePattern();

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, PlanChoices choices) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var plan = new Plan { ProvinceId = db.Scope.ProvinceId };
            await ApplyAsync(plan, command, cancellationToken);
            db.Plans.Add(plan);
            await db.SaveChangesAsync(cancellationToken);
            return plan.Id;
        }

        /// <summary>Writes the command onto a tracked plan (sections loaded); a section that still has tasks cannot be dropped.</summary>
        internal async Task ApplyAsync(Plan plan, Command command, CancellationToken cancellationToken)
        {
            if (command.IssuedById is { } issuer && !(await choices.ProvincialBodiesAsync(cancellationToken)).Any(o => o.Value == issuer.ToString()))
                throw new ValidationFailedException(nameof(Command.IssuedById), "Cơ quan ban hành không thuộc tỉnh của bạn.");
            if (command.ReplacesId is { } replaces && (replaces == plan.Id || !await db.Plans.AnyAsync(p => p.Id == replaces, cancellationToken)))
                throw new ValidationFailedException(nameof(Command.ReplacesId), "Kế hoạch được thay thế không tồn tại.");

            plan.SetTitle(command.Number, command.Title);
            plan.IssuedOn = command.IssuedOn!.Value;
            plan.LegalBasis = Clean(command.LegalBasis);
            plan.IssuedById = command.IssuedById;
            plan.ReplacesId = command.ReplacesId;
            plan.Notes = Clean(command.Notes);

            var lines = ParseSections(command.Sections).Sections;
            foreach (var section in plan.Sections.Where(s => lines.All(l => l.Code != s.Code)).ToList())
            {
                if (section.Id != 0 && await db.PlanTasks.AnyAsync(t => t.SectionId == section.Id, cancellationToken))
                    throw new ValidationFailedException(nameof(Command.Sections), $"Mục {section.Code} đang có nhiệm vụ, không thể bỏ.");
                plan.Sections.Remove(section);
                db.PlanSections.Remove(section);
            }
            for (var i = 0; i < lines.Count; i++)
            {
                var section = plan.Sections.FirstOrDefault(s => s.Code == lines[i].Code);
                if (section is null) plan.Sections.Add(section = new PlanSection { Code = lines[i].Code, ProvinceId = plan.ProvinceId });
                section.Title = lines[i].Title;
                section.Order = i + 1;
            }
        }

        private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public List<SelectListItem> Issuers { get; private set; } = [];
    public List<SelectListItem> Plans { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Data.IssuedById = Issuers.FirstOrDefault()?.Value is { } first ? int.Parse(first) : null;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Issuers = await choices.ProvincialBodiesAsync(cancellationToken);
        Plans = await choices.PlansAsync(cancellationToken: cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã ghi nhận kế hoạch. Thêm các nhiệm vụ của Phụ lục tại trang kế hoạch.";
                return RedirectToPage("Details", new { id });
            },
            reload: () => LoadAsync(cancellationToken));
}
