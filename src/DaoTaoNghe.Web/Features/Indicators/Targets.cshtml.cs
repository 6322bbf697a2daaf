using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
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
/// The targets of the province or one of today's communes for a year, every indicator on one form.
/// The province admin sets them (targets are assigned from above); the province-wide roles and the
/// commune's officers read them. Leaving a value empty removes that target.
/// </summary>
[Authorize(Policy = IndicatorPolicies.ReadTargets)]
public class Targets(Targets.Handler handler, IValidator<Targets.Command> validator, IndicatorUnits units, AuditTrail audit) : PageModel
{

    public class Item
    {
        public string Code { get; set; } = "";
        [Display(Name = "Hướng")] public TargetDirection? Direction { get; set; }
        [Display(Name = "Chỉ tiêu")] public double? Value { get; set; }
        [Display(Name = "Căn cứ")] public string? Basis { get; set; }
    }

    public class Command
    {
        [Display(Name = "Đơn vị")] public int UnitId { get; set; }
        [Display(Name = "Năm")] public int Year { get; set; }
        public List<Item> Items { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Year).InclusiveBetween(2015, 2100).WithMessage("Năm phải từ 2015 đến 2100.");
            RuleForEach(c => c.Items).Custom((item, context) =>
            {
                var indicator = IndicatorCatalogue.Find(item.Code);
                var path = context.PropertyPath;
                if (indicator is null)
                {
                    context.AddFailure(path, $"Không có chỉ số mã \"{item.Code}\" trong danh mục.");
                    return;
                }
                if (item.Value is not { } value) return;
                if (value < 0)
                    context.AddFailure(path + ".Value", $"Chỉ tiêu \"{indicator.Name}\" không được âm.");
                else if (indicator.Measure == IndicatorMeasure.Percent && value > 100)
                    context.AddFailure(path + ".Value", $"Chỉ tiêu \"{indicator.Name}\" là tỷ lệ, phải từ 0 đến 100%.");
                else if (indicator.Measure != IndicatorMeasure.Percent && value != Math.Floor(value))
                    context.AddFailure(path + ".Value", $"Chỉ tiêu \"{indicator.Name}\" phải là số nguyên ({indicator.Unit}).");
                if (item.Direction is null)
                    context.AddFailure(path + ".Direction", $"Vui lòng chọn hướng (tối thiểu, tối đa, khoảng) cho chỉ tiêu \"{indicator.Name}\".");
                if (item.Basis is { Length: > 300 })
                    context.AddFailure(path + ".Basis", $"Căn cứ của chỉ tiêu \"{indicator.Name}\" tối đa 300 ký tự.");
            });
        }
    }

    public sealed record Row(Indicator Indicator, TargetDirection? Direction, double? Value, string? Basis, string? UpdatedBy, DateTime? UpdatedAt);

    public sealed record Result(IndicatorUnit Unit, int Year, IReadOnlyList<Row> Rows, bool MayEdit);

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, IndicatorUnits units, IndicatorActor actor, TimeProvider clock) : IHandler
    {
        public async Task<Result> LoadAsync(int? unitId, int? year, CancellationToken cancellationToken = default)
        {
            var unit = await TargetUnitAsync(unitId, cancellationToken);
            var shown = DashboardQuery.Year(year, Infrastructure.Time.VietnamTime.Today(clock));
            var existing = await db.IndicatorTargets.AsNoTracking().Where(t => t.UnitId == unit.Id && t.Year == shown).ToListAsync(cancellationToken);
            var rows = IndicatorCatalogue.All.Where(i => i.AppliesTo(unit.Kind)).Select(i =>
            {
                var t = existing.FirstOrDefault(e => e.IndicatorCode == i.Code);
                return new Row(i, t?.Direction, t?.Value, t?.Basis, t?.UpdatedBy, t?.UpdatedAt);
            }).ToList();
            return new Result(unit, shown, rows, db.Scope.IsProvinceAdmin);
        }

        public async Task HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            if (!db.Scope.IsProvinceAdmin) throw new ForbiddenException("Chỉ quản trị cấp tỉnh mới giao chỉ tiêu.");
            await validator.EnsureValidAsync(command, cancellationToken);
            var unit = await TargetUnitAsync(command.UnitId, cancellationToken);
            var misplaced = command.Items.Select(i => IndicatorCatalogue.Find(i.Code)!).FirstOrDefault(i => !i.AppliesTo(unit.Kind));
            if (misplaced is not null)
                throw new ValidationFailedException("Items", $"Chỉ số \"{misplaced.Name}\" không giao chỉ tiêu cho {unit.Name}.");
            var existing = await db.IndicatorTargets.Where(t => t.UnitId == unit.Id && t.Year == command.Year).ToListAsync(cancellationToken);
            var name = await actor.NameAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var item in command.Items)
            {
                var target = existing.FirstOrDefault(t => t.IndicatorCode == item.Code);
                if (item.Value is not { } value)
                {
                    if (target is not null) db.IndicatorTargets.Remove(target);
                    continue;
                }
                if (target is null)
                {
                    target = new IndicatorTarget { IndicatorCode = item.Code, UnitId = unit.Id, ProvinceId = unit.ProvinceId, Year = command.Year };
                    db.IndicatorTargets.Add(target);
                }
                var basis = string.IsNullOrWhiteSpace(item.Basis) ? null : item.Basis.Trim();
                if (target.Id != 0 && target.Value == value && target.Direction == item.Direction && target.Basis == basis) continue;
                target.Value = value;
                target.Direction = item.Direction!.Value;
                target.Basis = basis;
                target.UpdatedBy = name;
                target.UpdatedAt = now;
            }
            await db.SaveChangesAsync(cancellationToken);
        }

        /// <summary>Targets are set for the province and today's communes only.</summary>
        private async Task<IndicatorUnit> TargetUnitAsync(int? unitId, CancellationToken cancellationToken)
        {
            var unit = await units.ResolveAsync(unitId, null, cancellationToken);
            return IndicatorTargets.HasTargets(unit) ? unit
                : throw new NotFoundException("Chỉ tiêu chỉ giao cho tỉnh và các xã, phường hiện nay.");
        }
    }

    [BindProperty(SupportsGet = true, Name = "don-vi")]
    public int? UnitId { get; set; }

    [BindProperty(SupportsGet = true, Name = "nam")]
    public int? Year { get; set; }

    [BindProperty]
    public Command Data { get; set; } = new();

    public Result View { get; private set; } = null!;
    public List<SelectListItem> Communes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã lưu chỉ tiêu.";
                return Redirect($"/Indicators/Targets?don-vi={Data.UnitId}&nam={Data.Year}");
            },
            reload: async () =>
            {
                UnitId = Data.UnitId;
                Year = Data.Year;
                await LoadAsync(cancellationToken);
            });

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var data = await handler.LoadAsync(UnitId, Year, cancellationToken);
        await audit.RecordExportAsync($"Chỉ tiêu của {data.Unit.Name} năm {data.Year}", data.Rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Chỉ tiêu", [
            new XlsxColumn<Row>("Mã chỉ số", r => r.Indicator.Code, Width: 28),
            new XlsxColumn<Row>("Chỉ số", r => r.Indicator.Name, Width: 60),
            new XlsxColumn<Row>("Đơn vị tính", r => r.Indicator.Unit, Width: 14),
            new XlsxColumn<Row>("Cách đếm", r => r.Indicator.CountingRule, Width: 90),
            new XlsxColumn<Row>("Hướng", r => r.Direction is { } d ? Fmt.Enum(d) : null, Width: 16),
            new XlsxColumn<Row>("Chỉ tiêu", r => r.Value, XlsxFormat.Decimal, 16),
            new XlsxColumn<Row>("Căn cứ", r => r.Basis, Width: 50),
            new XlsxColumn<Row>("Người cập nhật", r => r.UpdatedBy, Width: 36),
            new XlsxColumn<Row>("Thời điểm cập nhật", r => r.UpdatedAt, XlsxFormat.DateTime, 18),
        ], data.Rows, title: $"Chỉ tiêu của {data.Unit.Name} năm {data.Year}");
        return book.ToFileResult($"chi-tieu-{data.Year}.xlsx");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        View = await handler.LoadAsync(UnitId, Year, cancellationToken);
        if (units.SeesWholeProvince) Communes = await units.CommunesAsync(cancellationToken);
        if (!ModelState.IsValid && Data.Items.Count == View.Rows.Count) return;
        Data = new Command
        {
            UnitId = View.Unit.Id, Year = View.Year,
            Items = View.Rows.Select(r => new Item { Code = r.Indicator.Code, Direction = r.Direction, Value = r.Value, Basis = r.Basis }).ToList(),
        };
    }
}
