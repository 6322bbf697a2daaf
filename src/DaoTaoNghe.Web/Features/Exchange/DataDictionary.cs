using System.Text;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Exchange;

/// <summary>
/// docs/data-dictionary.md, written from the indicator catalogue and the exchange codes so a national
/// platform can map every code; the ExchangeTests keep the committed file equal to this text.
/// </summary>
public static class DataDictionary
{
    public static string Markdown()
    {
        var md = new StringBuilder();
        md.AppendLine("# Từ điển dữ liệu: chỉ số đào tạo nghề và cách trao đổi (ADX, DHIS2)");
        md.AppendLine();
        md.AppendLine("<!-- Written by ExchangeTests from Features/Indicators/Catalogue and Features/Exchange/ExchangeCodes.cs;");
        md.AppendLine("     regenerate with: DTN_WRITE_DOCS=1 dotnet test tests/DaoTaoNghe.Tests --filter DataDictionary. Do not edit by hand. -->");
        md.AppendLine();
        md.AppendLine("Mỗi chỉ số có một mã cố định (cột **mã**), dùng làm phần tử dữ liệu (data element) khi trao đổi. Giá trị là của một đơn vị hành chính " +
                      "trong một năm dương lịch, tính như trên bảng chỉ số và `GET /api/v1/indicators/values` (cùng nguồn số liệu).");
        md.AppendLine();
        md.AppendLine("## Lấy số liệu");
        md.AppendLine();
        md.AppendLine("- `GET /api/v1/exchange/adx?period=2026&unit=12`: IHE ADX (XML, `application/adx+xml`), hợp lệ theo `adx_loose.xsd` " +
                      "(bản sao trong `src/DaoTaoNghe.Web/ReferenceData/adx/`).");
        md.AppendLine("- `GET /api/v1/exchange/dhis2?period=2026&unit=12`: DHIS2 `dataValueSets` (JSON), nhập vào DHIS2 bằng `POST /api/dataValueSets?idScheme=CODE`.");
        md.AppendLine("- `period`: năm, 4 chữ số (mặc định: năm nay). `unit`: mã đơn vị hành chính của Tổng cục Thống kê — 2 chữ số cho tỉnh, " +
                      "5 chữ số cho xã, phường (mặc định: đơn vị của người gọi). Mã tỉnh cho giá trị của tỉnh (tổng và phân tổ) và tổng của từng xã, phường " +
                      "trong tỉnh; phân tổ của một xã, phường lấy bằng mã của xã, phường đó. Mã của xã, phường cũ (trước 01/7/2025) trùng mã xã, phường mới " +
                      "thì trả về xã, phường mới.");
        md.AppendLine("- Phạm vi như bảng chỉ số: cán bộ xã chỉ lấy được xã, phường của mình; đơn vị ngoài phạm vi hoặc không có trả về 404; " +
                      "kỳ, mã đơn vị sai trả về 400 nêu tên tham số. Phân tổ theo dân tộc, nhóm ưu tiên chỉ có cho vai trò được xem dữ liệu nhạy cảm.");
        md.AppendLine("- Giá trị trống (chưa có số liệu, tỷ lệ có mẫu số 0) không được gửi. Tỷ lệ tính theo phần trăm (0–100).");
        md.AppendLine();
        md.AppendLine("| khái niệm | IHE ADX | DHIS2 dataValueSets |");
        md.AppendLine("|---|---|---|");
        md.AppendLine($"| tập dữ liệu | thuộc tính `dataSet=\"{ExchangeCodes.DataSet}\"` của `group` | `dataSet: \"{ExchangeCodes.DataSet}\"` |");
        md.AppendLine($"| kỳ (năm 2026) | `period=\"{ExchangeCodes.AdxPeriod(2026)}\"` | `period: \"{ExchangeCodes.Dhis2Period(2026)}\"` |");
        md.AppendLine("| đơn vị | `orgUnit` = mã đơn vị hành chính | `orgUnit` = mã đơn vị hành chính |");
        md.AppendLine("| chỉ số | `dataElement` = mã chỉ số | `dataElement` = mã chỉ số |");
        md.AppendLine($"| tổng (không phân tổ) | `dataValue` không có thuộc tính phân tổ | `categoryOptionCombo: \"{ExchangeCodes.Default}\"` |");
        md.AppendLine($"| một nhóm của phân tổ | thêm một thuộc tính, ví dụ `SEX=\"Female\"` | `categoryOptionCombo: \"{ExchangeCodes.CategoryOptionCombo(Dimension.Sex, "Female")}\"` |");
        md.AppendLine($"| phương án thuộc tính | – | `attributeOptionCombo: \"{ExchangeCodes.Default}\"` |");
        md.AppendLine("| giá trị | `value`, số thập phân (dấu chấm) | `value`, chuỗi số thập phân (dấu chấm) |");
        md.AppendLine();
        md.AppendLine("## Phân tổ được trao đổi");
        md.AppendLine();
        md.AppendLine("Mỗi nhóm là một giá trị riêng; các nhóm của phân tổ nhóm ưu tiên có thể chồng nhau (một người thuộc hai nhóm), nên không cộng lại thành tổng. " +
                      $"Nhóm `{IndicatorExchange.NotRecorded}`: hồ sơ chưa ghi thông tin đó.");
        md.AppendLine();
        md.AppendLine("| phân tổ | thuộc tính ADX / tiền tố DHIS2 | mã nhóm |");
        md.AppendLine("|---|---|---|");
        foreach (var dimension in IndicatorExchange.Breakdowns)
            md.AppendLine($"| {Fmt.Enum(dimension)} | `{ExchangeCodes.Attribute(dimension)}` | {string.Join(", ", Codes(dimension).Select(c => $"`{c.Code}` {c.Name}"))} |");
        md.AppendLine();
        md.AppendLine("## Chỉ số");
        md.AppendLine();
        md.AppendLine("| mã | tên | đơn vị tính | loại | cách tính | quy tắc đếm | phân tổ (trao đổi: **đậm**) | áp dụng cho |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var indicator in IndicatorCatalogue.All)
        {
            var breakdowns = indicator.Breakdowns.Select(d => IndicatorExchange.Breakdowns.Contains(d) ? $"**{Fmt.Enum(d)}** (`{ExchangeCodes.Attribute(d)}`)" : Fmt.Enum(d));
            md.AppendLine($"| `{indicator.Code}` | {Cell(indicator.Name)} | {Cell(indicator.Unit)} | {Fmt.Enum(indicator.Measure)} | {Fmt.Enum(indicator.Kind)}{Source(indicator)} | " +
                          $"{Cell(indicator.Description)} {Cell(indicator.CountingRule)} | {string.Join(", ", breakdowns)} | {string.Join(", ", indicator.Scopes.Select(s => Fmt.Enum(s)))} |");
        }
        md.AppendLine();
        md.AppendLine("## Số liệu tổng hợp nhập tay");
        md.AppendLine();
        md.AppendLine("Các chỉ số đọc từ số liệu nhập tay (cột cách tính) lấy giá trị từ các phần tử dưới đây, nhập theo đơn vị và năm.");
        md.AppendLine();
        md.AppendLine("| mã | tên | đơn vị tính | số chữ số thập phân | khoảng giá trị | cộng dồn được | cấp nhập | ghi chú |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var element in IndicatorCatalogue.Elements)
            md.AppendLine($"| `{element.Code}` | {Cell(element.Name)} | {Cell(element.Unit)} | {element.Decimals} | {Fmt.Number(element.Min, 2)}–{Fmt.Number(element.Max, 2)} | " +
                          $"{(element.Additive ? "có" : "không")} | {string.Join(", ", element.Levels.Select(l => Fmt.Enum(l)))} | {Cell(element.Note)} |");
        return md.ToString();
    }

    private static string Source(Indicator indicator) => indicator.Kind switch
    {
        IndicatorKind.Ratio => $": `{indicator.Numerator}` / `{indicator.Denominator}` × 100",
        IndicatorKind.Element => $": số liệu nhập tay `{indicator.Element}`",
        _ => indicator.Element is { } element ? $" (`{indicator.Computation}`; nhập tay `{element}` khi chưa có hồ sơ)" : $" (`{indicator.Computation}`)",
    };

    private static IEnumerable<(string Code, string Name)> Codes(Dimension dimension) => (dimension switch
    {
        Dimension.Sex => Enum.GetValues<Sex>().Select(v => (v.ToString(), Fmt.Enum(v))),
        Dimension.Minority => [(bool.FalseString, "Kinh"), (bool.TrueString, "Dân tộc thiểu số")],
        Dimension.Priority => Enum.GetValues<PriorityCategory>().Select(v => (v.ToString(), Fmt.Enum(v))),
        Dimension.Level => Enum.GetValues<TrainingLevel>().Select(v => (v.ToString(), Fmt.Enum(v))),
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Not an exchanged breakdown."),
    }).Append((IndicatorExchange.NotRecorded, "Chưa ghi nhận"));

    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", "").Replace("\n", " ");
}
