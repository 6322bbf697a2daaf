using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>One row of the aggregate values template: a value of one element for one unit and year.</summary>
public class AggregateValueRow
{
    [Display(Name = "Năm")] public int? Year { get; set; }
    [Display(Name = "Đơn vị")] public int? UnitId { get; set; }
    [Display(Name = "Số liệu")] public string? ElementCode { get; set; }
    [Display(Name = "Giá trị")] public double? Value { get; set; }
    [Display(Name = "Ghi chú")] public string? Note { get; set; }

    public sealed class Validator : AbstractValidator<AggregateValueRow>
    {
        public Validator()
        {
            RuleFor(r => r.Year).NotNull().WithMessage("Thiếu năm.").InclusiveBetween(2015, 2100).WithMessage("Năm phải từ 2015 đến 2100.");
            RuleFor(r => r.Value).NotNull().WithMessage("Thiếu giá trị.");
            RuleFor(r => r.Note).MaximumLength(500).WithMessage("Ghi chú tối đa 500 ký tự.");
            RuleFor(r => r.Value).Custom((value, context) =>
            {
                if (value is { } v && IndicatorCatalogue.FindElement(context.InstanceToValidate.ElementCode) is { } element && AggregateEntry.CheckValue(element, v) is { } problem)
                    context.AddFailure(nameof(Value), problem);
            });
        }
    }
}

/// <summary>
/// Aggregate values from a spreadsheet: one row per element, unit and year, checked by the same
/// rules as the entry form – the element's range, and the rules between elements of a unit and
/// year judged on the values as they would be after the file (rows of the same file included).
/// Re-running a file changes nothing; a row for an existing value updates it.
/// </summary>
public sealed class AggregateValuesImport(AppDbContext db, IValidator<AggregateValueRow> validator, IndicatorActor actor, TimeProvider clock)
    : ImportTemplate<AggregateValueRow, AppDbContext>(db)
{
    private CommuneCatalogue? _communes;
    private string _provinceName = "";
    private string _actorName = "";

    public override string Code => "so-lieu-tong-hop";
    public override string Name => "Số liệu tổng hợp";
    public override string Summary =>
        "Số liệu tổng hợp theo đơn vị và năm: số học sinh tốt nghiệp và vào học nghề, tỷ lệ thất nghiệp, và các chỉ số chưa có hồ sơ gốc (số người được đào tạo, giải quyết việc làm, kinh phí…).";
    public override string KeyDescription => "Số liệu + Đơn vị + Năm";
    public override string Policy => IndicatorPolicies.WriteData;

    public override IReadOnlyList<string> Instructions { get; } =
    [
        "Mỗi dòng một số liệu của một đơn vị trong một năm. Cột \"Số liệu\" ghi mã hoặc tên đúng như trang danh mục trong tệp mẫu.",
        "Cột \"Đơn vị\" ghi \"Toàn tỉnh\" cho số liệu cấp tỉnh, hoặc mã, tên xã, phường; số liệu năm 2024 ghi theo xã, phường lúc đó và được cộng vào xã, phường hiện nay.",
        "Số liệu được kiểm tra như trên màn hình nhập: trong khoảng cho phép, và theo quy tắc giữa các số liệu của cùng đơn vị, cùng năm (ví dụ số vào học giáo dục nghề nghiệp không lớn hơn số tốt nghiệp).",
    ];

    protected override IValidator<AggregateValueRow> Validator => validator;

    protected override IEnumerable<ImportColumn<AggregateValueRow>> DefineColumns() =>
    [
        ImportColumn<AggregateValueRow>.For("Năm", r => r.Year, ImportParsers.Integer).Required().WithExample("2025").AlsoKnownAs("Năm báo cáo").WithWidth(8),
        ImportColumn<AggregateValueRow>.Lookup("Số liệu", r => r.ElementCode, "Mã hoặc tên số liệu (xem trang danh mục)", ResolveElement)
            .Required().WithExample("Số học sinh tốt nghiệp THCS, THPT ở nông thôn").AlsoKnownAs("Mã số liệu", "Chỉ tiêu", "Nội dung").WithWidth(48),
        ImportColumn<AggregateValueRow>.Lookup("Đơn vị", r => r.UnitId, "\"Toàn tỉnh\", hoặc mã (5 chữ số) hoặc tên xã, phường", ResolveUnit)
            .Required().AlsoKnownAs("Xã, phường", "Xã", "Mã xã", "Địa bàn").WithWidth(24),
        ImportColumn<AggregateValueRow>.For("Giá trị", r => r.Value, ImportParsers.Decimal).Required().WithExample("1.250").AlsoKnownAs("Số liệu năm", "Số lượng", "Kết quả").WithWidth(14),
        ImportColumn<AggregateValueRow>.For("Ghi chú", r => r.Note, ImportParsers.Text(500)).AlsoKnownAs("Nguồn").WithWidth(30),
    ];

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        _communes = await CommuneCatalogue.LoadAsync(Db, cancellationToken);
        var provinceId = Db.Scope.ProvinceId;
        _provinceName = await UnitDirectory.Units(Db).Where(u => u.Id == provinceId).Select(u => u.Name).SingleOrDefaultAsync(cancellationToken) ?? "";
        _actorName = await actor.NameAsync(cancellationToken);
    }

    private static ImportParse<string?> ResolveElement(ImportCell cell, AggregateValueRow row)
    {
        var text = cell.Text.Trim();
        var key = TextSearch.Normalize(text);
        var element = AggregateEntry.InUse.FirstOrDefault(e => e.Code == text || TextSearch.Normalize(e.Name) == key);
        if (element is not null) return ImportParse.Ok<string?>(element.Code);
        return IndicatorCatalogue.FindElement(text) is { } computed
            ? ImportParse.Fail<string?>($"\"{computed.Name}\" nay được tính từ hồ sơ, không nhập tay nữa.")
            : ImportParse.Fail<string?>($"không có số liệu \"{text}\" trong danh mục; hãy ghi mã hoặc tên như trang \"Số liệu\" của tệp mẫu.");
    }

    /// <summary>The province by name or "Toàn tỉnh"; a commune as it was in the row's year (names and codes were reused by the 2025 merger).</summary>
    private ImportParse<int?> ResolveUnit(ImportCell cell, AggregateValueRow row)
    {
        var key = TextSearch.Normalize(cell.Text);
        if (key is "toan tinh" or "cap tinh" || key == TextSearch.Normalize(_provinceName) || key == TextSearch.Normalize(ReportProvinceName))
            return Db.Scope.IsProvinceAdmin ? ImportParse.Ok<int?>(Db.Scope.ProvinceId) : ImportParse.Fail<int?>("chỉ quản trị cấp tỉnh nhập số liệu cấp tỉnh.");
        var year = row.Year ?? VietnamTime.Today(clock).Year;
        var (id, error) = _communes!.Resolve(cell.Text, new DateOnly(year, 12, 31));
        if (id is null) (id, _) = _communes.Resolve(cell.Text, new DateOnly(year, 1, 1));
        return id is null ? ImportParse.Fail<int?>(error!) : ImportParse.Ok(id);
    }

    private string ReportProvinceName => _provinceName.StartsWith("Tỉnh ", StringComparison.Ordinal) ? _provinceName[5..] : _provinceName;

    protected override string? KeyOf(AggregateValueRow row) => $"{row.ElementCode}|{row.UnitId}|{row.Year}";

    protected override async Task ApplyAsync(IReadOnlyList<ImportItem<AggregateValueRow>> items, CancellationToken cancellationToken)
    {
        var unitIds = items.Select(i => i.Row.UnitId!.Value).Distinct().ToList();
        var years = items.Select(i => i.Row.Year!.Value).Distinct().ToList();
        var existing = await Db.AggregateValues.Where(v => unitIds.Contains(v.UnitId) && years.Contains(v.Year)).ToListAsync(cancellationToken);
        var provinceId = Db.Scope.ProvinceId;

        var rejected = new HashSet<ImportItem<AggregateValueRow>>();
        foreach (var item in items.Where(i => !AggregateEntry.ElementsFor(i.Row.UnitId == provinceId ? UnitKind.Province : UnitKind.Commune)
                     .Any(e => e.Code == i.Row.ElementCode)))
        {
            var element = IndicatorCatalogue.FindElement(item.Row.ElementCode)!;
            item.Reject($"\"{element.Name}\" chỉ nhập ở cấp {(item.Row.UnitId == provinceId ? "xã, phường" : "tỉnh")}.", nameof(AggregateValueRow.UnitId));
            rejected.Add(item);
        }

        foreach (var unitYear in items.Except(rejected).GroupBy(i => (Unit: i.Row.UnitId!.Value, Year: i.Row.Year!.Value)))
        {
            var proposed = existing.Where(v => v.UnitId == unitYear.Key.Unit && v.Year == unitYear.Key.Year && IndicatorCatalogue.FindElement(v.ElementCode) is not null)
                .ToDictionary(v => v.ElementCode, v => IndicatorCatalogue.FindElement(v.ElementCode)!.ToNumber(v.Value));
            foreach (var item in unitYear) proposed[item.Row.ElementCode!] = item.Row.Value!.Value;
            foreach (var (rule, _, message) in AggregateEntry.CheckRules(proposed))
                foreach (var item in unitYear.Where(i => (i.Row.ElementCode == rule.Left || i.Row.ElementCode == rule.Right) && rejected.Add(i)))
                    item.Reject(message, nameof(AggregateValueRow.Value));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var item in items.Except(rejected))
        {
            var row = item.Row;
            var element = IndicatorCatalogue.FindElement(row.ElementCode)!;
            var stored = element.ToStored(row.Value!.Value);
            var note = string.IsNullOrWhiteSpace(row.Note) ? null : row.Note.Trim();
            var value = existing.FirstOrDefault(v => v.UnitId == row.UnitId && v.Year == row.Year && v.ElementCode == element.Code);
            if (value is null)
            {
                value = new AggregateValue
                {
                    ElementCode = element.Code, UnitId = row.UnitId!.Value, Year = row.Year!.Value, ProvinceId = provinceId,
                };
                Db.AggregateValues.Add(value);
            }
            if (value.Id == 0 || value.Value != stored || value.Note != note)
            {
                value.Value = stored;
                value.Note = note;
                value.EnteredBy = _actorName;
                value.EnteredAt = now;
            }
            item.Saved(value);
        }
    }

    /// <summary>The example names a commune the user may write in; the elements and communes are listed on their own sheets.</summary>
    public override async Task<ImportSample> SampleAsync(CancellationToken cancellationToken)
    {
        var communes = _communes ??= await CommuneCatalogue.LoadAsync(Db, cancellationToken);
        var sample = await base.SampleAsync(cancellationToken);
        var examples = new Dictionary<string, string>(sample.Examples);
        if (communes.Entries.FirstOrDefault(e => e.Writable && e.IsValidOn(new DateOnly(2025, 12, 31))) is { } commune)
            examples[nameof(AggregateValueRow.UnitId)] = commune.Name;
        var elements = AggregateEntry.InUse.Select(e => (IReadOnlyList<string>)[
            e.Code, e.Name, e.Unit,
            $"{Fmt.Number(e.Min, e.Decimals)} – {Fmt.Number(e.Max, e.Decimals)}" + (e.Decimals > 0 ? $", tối đa {e.Decimals} chữ số thập phân" : ", số nguyên"),
            string.Join(", ", e.Levels.Select(l => Fmt.Enum(l))),
        ]).ToList();
        var rules = IndicatorCatalogue.Rules.Select(r => (IReadOnlyList<string>)[
            $"{IndicatorCatalogue.FindElement(r.Left)!.Name} {(r.Operator == RuleOperator.LessOrEqual ? "≤" : "≥")} {IndicatorCatalogue.FindElement(r.Right)!.Name}",
        ]).ToList();
        return new ImportSample(examples, [
            new ImportList("Số liệu", ["Mã", "Tên", "Đơn vị tính", "Giá trị cho phép", "Nhập ở cấp"], elements),
            new ImportList("Quy tắc", ["Quy tắc giữa các số liệu của cùng đơn vị, cùng năm"], rules),
            new ImportList("Xã, phường", CommuneCatalogue.ListHeaders, communes.WritableRows()),
        ]);
    }
}
