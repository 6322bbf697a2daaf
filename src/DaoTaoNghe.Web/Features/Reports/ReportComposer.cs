using DaoTaoNghe.Features.Plans;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Reports;

public abstract record DocBlock;

public sealed record DocHeading(string Text) : DocBlock;

public sealed record DocParagraph(string Text, bool Italic = false) : DocBlock;

/// <summary>A table: header cells, body rows, which columns are numbers (right-aligned), relative widths, whether the last row is a bold total.</summary>
public sealed record DocTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<bool> Numeric,
    IReadOnlyList<int> Widths, bool LastRowIsTotal = false) : DocBlock;

/// <summary>
/// A report laid out as a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I):
/// issuing body top left (parent body, then the body in bold), national title and motto top right,
/// number and symbol, place and date, the document kind and its summary, the body, the recipients
/// and the signature block; figures broken down per unit go in an appendix after the signature.
/// </summary>
public sealed record ReportDocumentModel(
    string? IssuerParent, IReadOnlyList<string> IssuerLines, string NumberLine, string PlaceDateLine, string Kind, string Title,
    IReadOnlyList<DocBlock> Body, IReadOnlyList<string> Recipients, IReadOnlyList<string> SignerLines, string? SignerName,
    IReadOnlyList<DocBlock> Appendix);

/// <summary>Turns a report into the document model the .docx writer prints; pure, so a golden test can pin it down.</summary>
public static class ReportComposer
{
    public static ReportDocumentModel Compose(ReportView report)
    {
        var (parent, lines) = ReportFill.IssuerHeader(report.OrganisationName, report.OrganisationKind, report.UnitName, report.ProvinceName, report.ParentName);
        var body = new List<DocBlock>();
        var appendix = new List<DocBlock>();
        foreach (var section in report.Sections)
        {
            var target = section.Breakdown == Breakdown.ByReportingUnit ? appendix : body;
            target.Add(new DocHeading(section.Heading));
            target.AddRange(section.Kind switch
            {
                SectionKind.Narrative => Narrative(section.Text),
                SectionKind.Tasks => Tasks(report),
                _ when section.Breakdown == Breakdown.ByReportingUnit => ByUnit(report, section.Codes),
                _ => Indicators(report, section.Codes),
            });
        }
        appendix.AddRange(CountingRules(report));
        return new ReportDocumentModel(parent, lines, NumberLine(report.Number, report.Symbol), PlaceDateLine(report.Place, report.ReportDate),
            "BÁO CÁO", report.Title, body, RecipientLines(report.Recipients),
            report.SignerAuthority.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), report.SignerName, appendix);
    }

    /// <summary>"Số: 15/BC-UBND"; a draft without a number keeps the blank the clerk fills in when registering it.</summary>
    public static string NumberLine(string? number, string symbol) => $"Số: {(string.IsNullOrWhiteSpace(number) ? "      " : number)}/{symbol}";

    /// <summary>"Bình Lư, ngày 05 tháng 02 năm 2026": days below 10 and months 1 and 2 take a leading zero (Nghị định 30/2020/NĐ-CP).</summary>
    public static string PlaceDateLine(string place, DateOnly? date) => date is { } d
        ? $"{place}, ngày {d.Day:00} tháng {(d.Month < 3 ? d.Month.ToString("00") : d.Month.ToString())} năm {d.Year}"
        : $"{place}, ngày      tháng      năm      ";

    private static List<string> RecipientLines(string recipients) =>
        recipients.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static IEnumerable<DocBlock> Narrative(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? [new DocParagraph("(Chưa có nội dung)", Italic: true)]
            : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => new DocParagraph(p));

    private static IEnumerable<DocBlock> Indicators(ReportView report, IReadOnlyList<string> codes)
    {
        var rows = codes.Select((code, i) =>
        {
            var figure = report.Figures.FirstOrDefault(f => f.Code == code);
            var definition = ReportFigures.Find(code);
            return (IReadOnlyList<string>)[(i + 1).ToString(), figure?.Name ?? definition?.Name ?? code, figure?.Unit ?? definition?.Unit ?? "",
                figure is null ? "–" : Fmt.Number(figure.Value)];
        }).ToList();
        yield return new DocTable(["TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả"], rows, [false, false, false, true], [6, 58, 16, 20]);
        if (report.IsAggregate)
        {
            var sources = report.SourceFigures.Select(f => f.ReportId).Distinct().Count();
            yield return new DocParagraph($"Số liệu tổng hợp từ {Fmt.Number(sources)} báo cáo đã được duyệt.", Italic: true);
        }
    }

    /// <summary>How each figure of the report is counted, so a reader of the signed document knows what a number means.</summary>
    private static IEnumerable<DocBlock> CountingRules(ReportView report)
    {
        var rules = CountingRuleLines(report);
        if (rules.Count == 0) yield break;
        yield return new DocHeading("Cách tính các chỉ tiêu");
        yield return new DocTable(["TT", "Chỉ tiêu", "Cách tính"],
            rules.Select((r, i) => (IReadOnlyList<string>)[(i + 1).ToString(), r.Name, r.Rule]).ToList(), [false, false, false], [6, 34, 60]);
    }

    /// <summary>Each figure's name and counting rule, in the report's order (the .docx appendix and the workbook's sheet alike).</summary>
    public static IReadOnlyList<(string Name, string Rule)> CountingRuleLines(ReportView report) =>
        report.Figures.Select(f => (f.Name, Rule: ReportFigures.Find(f.Code)?.CountingRule)).Where(r => r.Rule is not null)
            .Select(r => (r.Name, r.Rule!)).ToList();

    private static IEnumerable<DocBlock> ByUnit(ReportView report, IReadOnlyList<string> codes)
    {
        var units = report.SourceFigures.GroupBy(f => (f.ReportId, f.OrganisationName)).ToList();
        if (units.Count == 0) return [new DocParagraph("Chưa có báo cáo nào được duyệt.", Italic: true)];
        var headers = new List<string> { "TT", "Cơ quan, đơn vị" };
        foreach (var code in codes)
        {
            var figure = report.Figures.FirstOrDefault(f => f.Code == code);
            headers.Add($"{figure?.Name ?? ReportFigures.Find(code)?.Name ?? code} ({figure?.Unit ?? ReportFigures.Find(code)?.Unit})");
        }
        var rows = units.Select((u, i) => (IReadOnlyList<string>)new List<string> { (i + 1).ToString(), u.Key.OrganisationName }
            .Concat(codes.Select(c => Fmt.Number(u.Where(f => f.Code == c).Sum(f => f.Value)))).ToList()).ToList();
        rows.Add(new List<string> { "", "Tổng cộng" }.Concat(codes.Select(c => Fmt.Number(report.Figures.FirstOrDefault(f => f.Code == c)?.Value ?? 0))).ToList());
        var numeric = new List<bool> { false, false }.Concat(codes.Select(_ => true)).ToList();
        var widths = new List<int> { 6, 44 }.Concat(codes.Select(_ => 50 / Math.Max(1, codes.Count))).ToList();
        return [new DocTable(headers, rows, numeric, widths, LastRowIsTotal: true)];
    }

    private static IEnumerable<DocBlock> Tasks(ReportView report)
    {
        if (report.TaskLines.Count == 0)
            return [new DocParagraph(report.PlanId is null ? "Không có nhiệm vụ theo kế hoạch."
                : report.IsAggregate ? "Phụ lục nhiệm vụ của Kế hoạch chưa có trong hệ thống." : "Đơn vị không được giao nhiệm vụ theo Phụ lục của Kế hoạch.", Italic: true)];
        if (report.IsAggregate)
            return [new DocTable(["TT", "Nhiệm vụ", "Tình hình thực hiện"],
                report.TaskLines.Select(l => (IReadOnlyList<string>)[l.Number, l.Content, l.Note ?? ""]).ToList(), [false, false, false], [10, 55, 35])];
        return [new DocTable(["TT", "Nhiệm vụ", "Vai trò", "Tình trạng", "Kết quả, ghi chú"],
            report.TaskLines.Select(l => (IReadOnlyList<string>)[l.Number, l.Content, l.Role is { } r ? Fmt.Enum(r) : "", l.Status is { } s ? Fmt.Enum(s) : "", l.Note ?? ""]).ToList(),
            [false, false, false, false, false], [10, 43, 11, 13, 23])];
    }
}
