using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
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

namespace DaoTaoNghe.Features.Indicators;

/// <summary>
/// Entering a unit's aggregate values for a year on one form: every element entered at that level,
/// checked against its range and the rules between elements; nothing is saved while any rule is
/// broken. Who entered each value and when is kept with it, and every change goes to the audit log.
/// </summary>
[Authorize(Policy = IndicatorPolicies.WriteData)]
public class Entry(Entry.Handler handler, IValidator<Entry.Command> validator, AggregateEntry entry) : PageModel
{
    public class Item
    {
        public string Code { get; set; } = "";
        [Display(Name = "Giá trị")] public double? Value { get; set; }
        [Display(Name = "Ghi chú")] public string? Note { get; set; }
    }

    public class Command
    {
        [Display(Name = "Đơn vị")] public int UnitId { get; set; }
        [Display(Name = "Năm")] public int Year { get; set; }
        public List<Item> Values { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Year).InclusiveBetween(2015, 2100).WithMessage("Năm phải từ 2015 đến 2100.");
            RuleForEach(c => c.Values).Custom((item, context) =>
            {
                if (IndicatorCatalogue.FindElement(item.Code) is not { } element)
                {
                    context.AddFailure(context.PropertyPath, $"Không có số liệu mã \"{item.Code}\" trong danh mục.");
                    return;
                }
                if (item.Value is { } value && AggregateEntry.CheckValue(element, value) is { } problem)
                    context.AddFailure(context.PropertyPath + ".Value", problem);
                if (item.Note is { Length: > 500 })
                    context.AddFailure(context.PropertyPath + ".Note", $"Ghi chú của \"{element.Name}\" tối đa 500 ký tự.");
            });
        }
    }

    public sealed record Line(DataElement Element, double? Value, string? Note, string? EnteredBy, DateTime? EnteredAt);

    public sealed record Result(EntryUnit Unit, int Year, IReadOnlyList<Line> Lines);

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, AggregateEntry entry, IndicatorActor actor, TimeProvider clock) : IHandler
    {
        public async Task<Result> LoadAsync(int? unitId, int? year, CancellationToken cancellationToken = default)
        {
            var unit = await entry.UnitAsync(unitId, cancellationToken);
            var shown = DashboardQuery.Year(year, Infrastructure.Time.VietnamTime.Today(clock));
            var stored = await db.AggregateValues.AsNoTracking().Where(v => v.UnitId == unit.Id && v.Year == shown).ToListAsync(cancellationToken);
            var lines = AggregateEntry.ElementsFor(unit.Kind).Select(e =>
            {
                var value = stored.FirstOrDefault(v => v.ElementCode == e.Code);
                return new Line(e, value is null ? null : e.ToNumber(value.Value), value?.Note, value?.EnteredBy, value?.EnteredAt);
            }).ToList();
            return new Result(unit, shown, lines);
        }

        public async Task HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            if (!entry.MayWrite) throw new ForbiddenException("Chỉ quản trị cấp tỉnh và cán bộ xã, phường mới nhập số liệu tổng hợp.");
            await validator.EnsureValidAsync(command, cancellationToken);
            var unit = await entry.UnitAsync(command.UnitId, cancellationToken);
            if (!unit.IsValidIn(command.Year)) throw new ValidationFailedException(nameof(Command.UnitId), unit.NotValidMessage(command.Year));
            var allowed = AggregateEntry.ElementsFor(unit.Kind).Select(e => e.Code).ToHashSet();
            if (command.Values.FirstOrDefault(v => !allowed.Contains(v.Code)) is { } misplaced)
                throw new ValidationFailedException(nameof(Command.Values),
                    $"\"{IndicatorCatalogue.FindElement(misplaced.Code)!.Name}\" không nhập cho {unit.Name} (chỉ nhập ở cấp {(unit.Kind == UnitKind.Province ? "xã, phường" : "tỉnh")}).");

            var proposed = await entry.StoredAsync(unit.Id, command.Year, cancellationToken);
            foreach (var item in command.Values)
                if (item.Value is { } value) proposed[item.Code] = value;
                else proposed.Remove(item.Code);
            var broken = AggregateEntry.CheckRules(proposed);
            if (broken.Count > 0)
                throw new ValidationFailedException(broken.Select(b =>
                {
                    var index = command.Values.FindIndex(v => v.Code == b.Element);
                    return new FieldError(index < 0 ? nameof(Command.Values) : $"Values[{index}].Value", b.Message);
                }).ToList());

            var existing = await db.AggregateValues.Where(v => v.UnitId == unit.Id && v.Year == command.Year).ToListAsync(cancellationToken);
            var name = await actor.NameAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var item in command.Values)
            {
                var element = IndicatorCatalogue.FindElement(item.Code)!;
                var stored = existing.FirstOrDefault(v => v.ElementCode == item.Code);
                if (item.Value is not { } value)
                {
                    if (stored is not null) db.AggregateValues.Remove(stored);
                    continue;
                }
                var note = string.IsNullOrWhiteSpace(item.Note) ? null : item.Note.Trim();
                if (stored is null)
                {
                    stored = new AggregateValue { ElementCode = element.Code, UnitId = unit.Id, ProvinceId = unit.ProvinceId, Year = command.Year };
                    db.AggregateValues.Add(stored);
                }
                else if (stored.Value == element.ToStored(value) && stored.Note == note) continue;
                stored.Value = element.ToStored(value);
                stored.Note = note;
                stored.EnteredBy = name;
                stored.EnteredAt = now;
            }
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    [BindProperty(SupportsGet = true, Name = "don-vi")]
    public int? UnitId { get; set; }

    [BindProperty(SupportsGet = true, Name = "nam")]
    public int? Year { get; set; }

    [BindProperty]
    public Command Data { get; set; } = new();

    public Result View { get; private set; } = null!;
    public List<SelectListItem> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã lưu số liệu tổng hợp.";
                return Redirect($"/Indicators/Entry?don-vi={Data.UnitId}&nam={Data.Year}");
            },
            reload: async () =>
            {
                UnitId = Data.UnitId;
                Year = Data.Year;
                await LoadAsync(cancellationToken);
            });

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        View = await handler.LoadAsync(UnitId, Year, cancellationToken);
        Units = await entry.UnitChoicesAsync(cancellationToken);
        if (!ModelState.IsValid && Data.Values.Count == View.Lines.Count) return;
        Data = new Command
        {
            UnitId = View.Unit.Id, Year = View.Year,
            Values = View.Lines.Select(l => new Item { Code = l.Element.Code, Value = l.Value, Note = l.Note }).ToList(),
        };
    }
}
