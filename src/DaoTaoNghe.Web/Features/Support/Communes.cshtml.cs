using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Support;

/// <summary>
/// Today's communes of the province with their difficulty classification on a date (default
/// today), which the travel and poor-household rules read. The admin sets a new classification
/// from a date; the previous one ends the day before, so past courses keep theirs.
/// </summary>
public class Communes(Communes.Handler handler, UnitChoices units, AuditTrail audit, IValidator<Communes.Command> validator, TimeProvider clock) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "ngay")] public DateOnly? On { get; set; }
        [FromQuery(Name = "loai")] public CommuneDifficulty? Difficulty { get; set; }
    }

    public sealed record Row(int CommuneId, string CommuneName, CommuneDifficulty? Difficulty, DateOnly? Since, DateOnly? Until, string? LegalBasis);

    public sealed class Command
    {
        [Display(Name = "Xã, phường")] public int? CommuneId { get; set; }
        [Display(Name = "Phân loại")] public CommuneDifficulty? Difficulty { get; set; }
        [Display(Name = "Áp dụng từ ngày")] public DateOnly? ValidFrom { get; set; }
        [Display(Name = "Căn cứ")] public string? LegalBasis { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            RuleFor(c => c.CommuneId).NotNull().WithMessage("Vui lòng chọn xã, phường.");
            RuleFor(c => c.Difficulty).NotNull().WithMessage("Vui lòng chọn phân loại.").IsInEnum().WithMessage("Phân loại không hợp lệ.");
            RuleFor(c => c.ValidFrom).NotNull().WithMessage("Vui lòng nhập ngày bắt đầu áp dụng.")
                .Must(d => d >= new DateOnly(2015, 1, 1)).WithMessage("Ngày bắt đầu áp dụng phải từ năm 2015 trở đi.");
            RuleFor(c => c.LegalBasis).MaximumLength(300).WithMessage("Căn cứ không được quá 300 ký tự.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, TimeProvider clock) : IHandler
    {
        public async Task<List<Row>> RowsAsync(Query query, CancellationToken cancellationToken = default)
        {
            var on = query.On ?? VietnamTime.Today(clock);
            var provinceId = db.Scope.ProvinceId;
            var communes = await UnitDirectory.Units(db).AsNoTracking()
                .Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.ProvinceId == provinceId)
                .OrderBy(u => u.Name).Select(u => new { u.Id, u.Name }).ToListAsync(cancellationToken);
            var classified = (await db.CommuneClassifications.AsNoTracking()
                    .Where(c => c.ProvinceId == provinceId && c.ValidFrom <= on && (c.ValidTo == null || c.ValidTo >= on))
                    .ToListAsync(cancellationToken))
                .GroupBy(c => c.CommuneId).ToDictionary(g => g.Key, g => g.OrderByDescending(c => c.ValidFrom).First());
            return communes
                .Select(u => classified.GetValueOrDefault(u.Id) is { } c
                    ? new Row(u.Id, u.Name, c.Difficulty, c.ValidFrom, c.ValidTo, c.LegalBasis)
                    : new Row(u.Id, u.Name, null, null, null, null))
                .Where(r => query.Difficulty is null || r.Difficulty == query.Difficulty)
                .ToList();
        }

        public async Task SetAsync(Command command, CancellationToken cancellationToken = default)
        {
            if (!db.Scope.IsProvinceAdmin) throw new ForbiddenException();
            await validator.EnsureValidAsync(command, cancellationToken);
            var provinceId = db.Scope.ProvinceId;
            var communeId = command.CommuneId!.Value;
            var from = command.ValidFrom!.Value;
            if (!await UnitDirectory.Units(db).AnyAsync(u => u.Id == communeId && u.Level == UnitLevel.Commune && u.ProvinceId == provinceId, cancellationToken))
                throw new ValidationFailedException(nameof(Command.CommuneId), "Xã, phường đã chọn không thuộc tỉnh của bạn.");
            var latest = await db.CommuneClassifications.Where(c => c.CommuneId == communeId)
                .OrderByDescending(c => c.ValidFrom).FirstOrDefaultAsync(cancellationToken);
            if (latest is not null && from <= latest.ValidFrom)
                throw new ValidationFailedException(nameof(Command.ValidFrom),
                    $"Ngày bắt đầu áp dụng phải sau ngày bắt đầu của phân loại hiện có ({Fmt.Enum(latest.Difficulty)}, từ {Fmt.Date(latest.ValidFrom)}).");
            if (latest is not null && (latest.ValidTo is null || latest.ValidTo >= from)) latest.ValidTo = from.AddDays(-1);
            db.CommuneClassifications.Add(new CommuneClassification
            {
                CommuneId = communeId, ProvinceId = provinceId, Difficulty = command.Difficulty!.Value, ValidFrom = from,
                LegalBasis = string.IsNullOrWhiteSpace(command.LegalBasis) ? null : command.LegalBasis.Trim(),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    [BindProperty]
    public Command Data { get; set; } = new();

    public PagedList<Row> Rows { get; private set; } = null!;
    public List<SelectListItem> CommuneChoices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.SetAsync(Data, cancellationToken);
                TempData["Message"] = "Đã ghi phân loại xã.";
                return RedirectToPage("Communes");
            },
            reload: () => LoadAsync(cancellationToken));

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.RowsAsync(Filter, cancellationToken);
        await audit.RecordExportAsync("Phân loại xã khó khăn", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Phân loại xã", [
            new XlsxColumn<Row>("Xã, phường", r => r.CommuneName, Width: 24),
            new XlsxColumn<Row>("Phân loại", r => r.Difficulty is null ? "Chưa phân loại" : Fmt.Enum(r.Difficulty), Width: 26),
            new XlsxColumn<Row>("Từ ngày", r => r.Since, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Đến ngày", r => r.Until, XlsxFormat.Date, 12),
            new XlsxColumn<Row>("Căn cứ", r => r.LegalBasis, Width: 50),
        ], rows, title: $"Phân loại xã khó khăn, đặc biệt khó khăn ngày {Fmt.Date(Filter.On ?? VietnamTime.Today(clock))}");
        return book.ToFileResult("phan-loai-xa.xlsx");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.RowsAsync(Filter, cancellationToken);
        var page = Math.Max(1, Filter.Page ?? 1);
        Rows = new PagedList<Row>(rows.Skip((page - 1) * 50).Take(50).ToList(), page, 50, rows.Count);
        CommuneChoices = await units.CurrentCommunesAsync(cancellationToken);
    }
}
