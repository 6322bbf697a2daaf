using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
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
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Support;

/// <summary>
/// The province admin adds a rule set that starts on a date (a new decision, new amounts, other
/// groups for meals and travel). It must start after the newest set, which then ends the day
/// before; courses that started earlier keep the rules of their start date.
/// </summary>
[Authorize(Policy = CommonPolicies.Administer)]
public class Create(Create.Handler handler, IValidator<Create.Command> validator) : PageModel
{
    public const long MaxAmount = 100_000_000;

    public sealed class GroupRow
    {
        public SupportGroup Group { get; set; }
        [Display(Name = "Mức tối đa")] public long? MaxPerCourse { get; set; }
        [Display(Name = "Tiền ăn")] public bool GetsMeals { get; set; }
        [Display(Name = "Tiền đi lại")] public bool GetsTravel { get; set; }
    }

    public sealed class TravelRow
    {
        [Display(Name = "Từ (km)")] public int? MinDistanceKm { get; set; }
        [Display(Name = "Tối đa")] public long? MaxAmount { get; set; }
        [Display(Name = "Áp dụng cho")] public TravelCondition? Condition { get; set; }
    }

    public sealed class Command
    {
        [Display(Name = "Số hiệu văn bản")] public string Code { get; set; } = "";
        [Display(Name = "Tên văn bản")] public string Title { get; set; } = "";
        [Display(Name = "Hiệu lực từ ngày")] public DateOnly? EffectiveFrom { get; set; }

        /// <summary>The policy a set implements; sets of one policy share "once per person".</summary>
        [Display(Name = "Thực hiện chính sách (văn bản gốc)")] public string? Policy { get; set; }

        [Display(Name = "Trình độ đào tạo được hỗ trợ (không chọn: mọi trình độ)")] public List<TrainingLevel> Levels { get; set; } = [];
        [Display(Name = "Mỗi người chỉ được hỗ trợ một lần theo chính sách này")] public bool OncePerPerson { get; set; }
        [Display(Name = "Tiền ăn mỗi ngày thực học")] public long? MealPerDay { get; set; }
        [Display(Name = "Ghi chú")] public string? Notes { get; set; }

        /// <summary>Required when the set starts before today: courses already running switch to it.</summary>
        [Display(Name = "Lý do áp dụng từ ngày đã qua")] public string? Reason { get; set; }
        public List<GroupRow> Groups { get; set; } = [];
        public List<TravelRow> Travel { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            RuleFor(c => c.Code).NotEmpty().WithMessage("Vui lòng nhập số hiệu văn bản.").MaximumLength(100).WithMessage("Số hiệu văn bản không được quá 100 ký tự.");
            RuleFor(c => c.Title).NotEmpty().WithMessage("Vui lòng nhập tên văn bản.").MaximumLength(300).WithMessage("Tên văn bản không được quá 300 ký tự.");
            RuleFor(c => c.EffectiveFrom).NotNull().WithMessage("Vui lòng nhập ngày bắt đầu hiệu lực.")
                .Must(d => d >= new DateOnly(2015, 1, 1)).WithMessage("Ngày bắt đầu hiệu lực phải từ năm 2015 trở đi.");
            RuleFor(c => c.MealPerDay).NotNull().WithMessage("Vui lòng nhập tiền ăn mỗi ngày (0 nếu không hỗ trợ).")
                .InclusiveBetween(0, 1_000_000).WithMessage("Tiền ăn mỗi ngày phải từ 0 đến 1.000.000 đ.");
            RuleFor(c => c.Policy).MaximumLength(100).WithMessage("Chính sách thực hiện không được quá 100 ký tự.");
            RuleForEach(c => c.Levels).IsInEnum().WithMessage("Trình độ đào tạo không hợp lệ.");
            RuleFor(c => c.Reason).MaximumLength(500).WithMessage("Lý do áp dụng từ ngày đã qua không được quá 500 ký tự.");
            RuleFor(c => c.Notes).MaximumLength(1400).WithMessage("Ghi chú không được quá 1.400 ký tự.");
            RuleFor(c => c.Groups).Custom((groups, context) =>
            {
                if (!groups.Any(g => g.MaxPerCourse is not null))
                    context.AddFailure(nameof(Command.Groups), "Vui lòng nhập mức tối đa cho ít nhất một nhóm đối tượng.");
                if (groups.GroupBy(g => g.Group).Any(g => g.Count() > 1))
                    context.AddFailure(nameof(Command.Groups), "Mỗi nhóm đối tượng chỉ được có một dòng.");
                for (var i = 0; i < groups.Count; i++)
                {
                    var g = groups[i];
                    var name = Fmt.Enum(g.Group);
                    if (!Enum.IsDefined(g.Group))
                        context.AddFailure($"Groups[{i}].Group", $"Dòng {i + 1}: nhóm đối tượng không hợp lệ.");
                    else if (g.MaxPerCourse is < 0 or > MaxAmount)
                        context.AddFailure($"Groups[{i}].MaxPerCourse", $"Nhóm \"{name}\": mức tối đa phải từ 0 đến {Fmt.Money(MaxAmount)}.");
                    else if (g.MaxPerCourse is null && (g.GetsMeals || g.GetsTravel))
                        context.AddFailure($"Groups[{i}].MaxPerCourse", $"Nhóm \"{name}\": được hỗ trợ tiền ăn, đi lại thì phải có mức tối đa (có thể là 0).");
                }
            });
            RuleFor(c => c.Travel).Custom((rows, context) =>
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    var t = rows[i];
                    if (t.MinDistanceKm is null && t.MaxAmount is null && t.Condition is null) continue;
                    if (t.MinDistanceKm is not (>= 0 and <= 1000))
                        context.AddFailure($"Travel[{i}].MinDistanceKm", $"Mức đi lại dòng {i + 1}: khoảng cách phải từ 0 đến 1.000 km.");
                    if (t.MaxAmount is not (>= 0 and <= 10_000_000))
                        context.AddFailure($"Travel[{i}].MaxAmount", $"Mức đi lại dòng {i + 1}: mức tối đa phải từ 0 đến 10.000.000 đ.");
                    if (t.Condition is not { } condition || !Enum.IsDefined(condition))
                        context.AddFailure($"Travel[{i}].Condition", $"Mức đi lại dòng {i + 1}: vui lòng chọn đối tượng áp dụng.");
                }
            });
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, SupportQueries support, TimeProvider clock, ISupportRuleSetStart start) : IHandler
    {
        /// <summary>A form filled from the newest set, so an admin changes only what the new decision changes.</summary>
        public async Task<Command> DraftAsync(CancellationToken cancellationToken = default)
        {
            var latest = await db.SupportRuleSets.AsNoTracking().Where(r => r.ProvinceId == db.Scope.ProvinceId)
                .OrderByDescending(r => r.EffectiveFrom).Select(r => r.EffectiveFrom).FirstOrDefaultAsync(cancellationToken);
            var rules = latest == default ? null : await support.RulesInForceAsync(db.Scope.ProvinceId, latest, cancellationToken);
            return new Command
            {
                Policy = rules?.PolicyName,
                Levels = rules?.Levels?.ToList() ?? [],
                OncePerPerson = rules?.OncePerPerson ?? true,
                MealPerDay = rules?.MealPerDay ?? 0,
                Groups = Enum.GetValues<SupportGroup>().Select(g => rules?.Groups.FirstOrDefault(r => r.Group == g) is { } level
                    ? new GroupRow { Group = g, MaxPerCourse = level.MaxPerCourse, GetsMeals = level.GetsMeals, GetsTravel = level.GetsTravel }
                    : new GroupRow { Group = g }).ToList(),
                Travel = (rules?.Travel ?? []).Select(t => new TravelRow { MinDistanceKm = t.MinDistanceKm, MaxAmount = t.MaxAmount, Condition = t.Condition })
                    .Concat(Enumerable.Range(0, 3).Select(_ => new TravelRow())).Take(Math.Max(3, (rules?.Travel.Count ?? 0) + 1)).ToList(),
            };
        }

        /// <summary>
        /// Adds the set, ends the one before, and recomputes every unpaid enrolment of a course starting on or
        /// after its first day, all in one transaction (each change audited); returns the set and what changed.
        /// </summary>
        public async Task<(int Id, IReadOnlyList<string> Recomputed)> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var provinceId = db.Scope.ProvinceId;
            var from = command.EffectiveFrom!.Value;
            var latest = await db.SupportRuleSets.Where(r => r.ProvinceId == provinceId)
                .OrderByDescending(r => r.EffectiveFrom).FirstOrDefaultAsync(cancellationToken);
            if (latest is not null && from <= latest.EffectiveFrom)
                throw new ValidationFailedException(nameof(Command.EffectiveFrom),
                    $"Ngày bắt đầu hiệu lực phải sau ngày bắt đầu của chính sách mới nhất ({latest.Code}, từ {Fmt.Date(latest.EffectiveFrom)}).");
            var today = VietnamTime.Today(clock);
            if (from < today && string.IsNullOrWhiteSpace(command.Reason))
            {
                var preview = await start.PreviewFromAsync(provinceId, from, cancellationToken);
                throw new ValidationFailedException(nameof(Command.Reason),
                    $"Ngày bắt đầu hiệu lực {Fmt.Date(from)} đã qua: vui lòng nêu lý do áp dụng từ ngày đã qua. "
                    + (preview.Count == 0 ? "Không có lượt ghi danh chưa chi trả nào phải tính lại."
                        : $"Hỗ trợ chưa chi trả sẽ được tính lại theo chính sách mới ở {preview.Count} lớp: {string.Join("; ", preview)}."));
            }
            if (latest is not null && (latest.EffectiveTo is null || latest.EffectiveTo >= from))
                latest.EffectiveTo = from.AddDays(-1);

            var set = new SupportRuleSet
            {
                ProvinceId = provinceId,
                Code = command.Code.Trim(),
                Title = command.Title.Trim(),
                Policy = string.IsNullOrWhiteSpace(command.Policy) ? command.Code.Trim() : command.Policy.Trim(),
                CoveredLevels = SupportRules.FormatLevels(command.Levels),
                EffectiveFrom = from,
                OncePerPerson = command.OncePerPerson,
                MealPerDay = command.MealPerDay!.Value,
                Notes = string.Join("\n", new[] { command.Notes?.Trim(), string.IsNullOrWhiteSpace(command.Reason) ? null : "Lý do áp dụng từ ngày đã qua: " + command.Reason.Trim() }
                    .Where(n => !string.IsNullOrEmpty(n))) is { Length: > 0 } notes ? notes : null,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
                Groups = command.Groups.Where(g => g.MaxPerCourse is not null)
                    .Select(g => new SupportGroupRule { Group = g.Group, MaxPerCourse = g.MaxPerCourse!.Value, GetsMeals = g.GetsMeals, GetsTravel = g.GetsTravel })
                    .ToList(),
                TravelRules = command.Travel.Where(t => t.MinDistanceKm is not null)
                    .Select(t => new SupportTravelRule { MinDistanceKm = t.MinDistanceKm!.Value, MaxAmount = t.MaxAmount!.Value, Condition = t.Condition!.Value })
                    .ToList(),
            };
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.SupportRuleSets.Add(set);
            await db.SaveChangesAsync(cancellationToken);
            var recomputed = await start.RecomputeFromAsync(provinceId, from, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (set.Id, recomputed);
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public async Task OnGetAsync(CancellationToken cancellationToken) => Data = await handler.DraftAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var (id, recomputed) = await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = recomputed.Count == 0 ? "Đã thêm chính sách hỗ trợ mới."
                    : $"Đã thêm chính sách hỗ trợ mới và tính lại hỗ trợ chưa chi trả của {recomputed.Count} lớp khai giảng từ ngày hiệu lực: {string.Join("; ", recomputed)}.";
                return RedirectToPage("Details", new { id });
            },
            reload: () => Task.CompletedTask);
}
