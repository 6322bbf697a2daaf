using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>The indicator catalogue as data: how each indicator is computed today, its unit, breakdowns and scopes, and the validation rules of the aggregate values.</summary>
[Authorize(Policy = IndicatorPolicies.ReadDashboards)]
public class Definitions(AuditTrail audit) : PageModel
{
    /// <summary>One catalogue entry as the page and the API show it.</summary>
    public sealed record Definition(
        string Code, string Name, string Unit, IndicatorMeasure Measure, IndicatorArea Area, int Order, IndicatorKind Kind, ValueOrigin Origin,
        bool EnteredByHand, string? Computation, string? Element, string? Numerator, string? Denominator,
        IReadOnlyList<Dimension> Breakdowns, IReadOnlyList<UnitKind> Scopes, string Description, CountedItem? Counts, string CountingRule)
    {
        public static Definition Of(Indicator i) => new(i.Code, i.Name, i.Unit, i.Measure, i.Area, i.Order, i.Kind, IndicatorEngine.OriginOf(i),
            IndicatorEngine.IsEnteredByHand(i), i.Computation, i.Element, i.Numerator, i.Denominator, i.Breakdowns, i.Scopes, i.Description,
            i.Counts, i.CountingRule);
    }

    public static IReadOnlyList<Definition> All => IndicatorCatalogue.All.Select(Definition.Of).ToList();

    public static string OriginText(Definition d) => d.Origin switch
    {
        ValueOrigin.Records => "Tính từ hồ sơ",
        ValueOrigin.EnteredByHand => $"Nhập tay (chờ hồ sơ gốc; sẽ tính từ hồ sơ theo \"{d.Computation}\")",
        ValueOrigin.Aggregate => "Số liệu tổng hợp nhập theo năm",
        _ => $"Tỷ lệ {d.Numerator} / {d.Denominator}" + (d.EnteredByHand ? " (có thành phần nhập tay)" : ""),
    };

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = All;
        await audit.RecordExportAsync("Danh mục chỉ số", rows.Count, containsPersonalData: false, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Chỉ số", [
            new XlsxColumn<Definition>("Mã", d => d.Code, Width: 30),
            new XlsxColumn<Definition>("Tên chỉ số", d => d.Name, Width: 60),
            new XlsxColumn<Definition>("Đơn vị tính", d => d.Unit, Width: 14),
            new XlsxColumn<Definition>("Lĩnh vực", d => Fmt.Enum(d.Area), Width: 30),
            new XlsxColumn<Definition>("Cách tính hiện nay", OriginText, Width: 50),
            new XlsxColumn<Definition>("Cách đếm", d => d.CountingRule, Width: 90),
            new XlsxColumn<Definition>("Phân tổ", d => string.Join("; ", d.Breakdowns.Select(b => Fmt.Enum(b))), Width: 50),
            new XlsxColumn<Definition>("Áp dụng cho", d => string.Join("; ", d.Scopes.Select(s => Fmt.Enum(s))), Width: 30),
            new XlsxColumn<Definition>("Định nghĩa", d => d.Description, Width: 80),
        ], rows, title: "Danh mục chỉ số");
        book.AddSheet("Số liệu tổng hợp", [
            new XlsxColumn<DataElement>("Mã", e => e.Code, Width: 30),
            new XlsxColumn<DataElement>("Tên", e => e.Name, Width: 50),
            new XlsxColumn<DataElement>("Đơn vị tính", e => e.Unit, Width: 14),
            new XlsxColumn<DataElement>("Từ", e => e.Min, XlsxFormat.Decimal, 10),
            new XlsxColumn<DataElement>("Đến", e => e.Max, XlsxFormat.Decimal, 18),
            new XlsxColumn<DataElement>("Chữ số thập phân", e => e.Decimals, XlsxFormat.Integer, 10),
            new XlsxColumn<DataElement>("Nhập ở cấp", e => string.Join("; ", e.Levels.Select(l => Fmt.Enum(l))), Width: 20),
            new XlsxColumn<DataElement>("Ghi chú", e => e.Note, Width: 60),
        ], IndicatorCatalogue.Elements, title: "Số liệu tổng hợp nhập theo đơn vị và năm");
        book.AddSheet("Quy tắc kiểm tra", [
            new XlsxColumn<ValidationRule>("Mã", r => r.Code, Width: 30),
            new XlsxColumn<ValidationRule>("Quy tắc", r => $"{r.Left} {(r.Operator == RuleOperator.LessOrEqual ? "≤" : "≥")} {r.Right}", Width: 60),
            new XlsxColumn<ValidationRule>("Thông báo khi sai", r => r.Message, Width: 90),
        ], IndicatorCatalogue.Rules, title: "Quy tắc kiểm tra số liệu tổng hợp");
        return book.ToFileResult("danh-muc-chi-so.xlsx");
    }
}
