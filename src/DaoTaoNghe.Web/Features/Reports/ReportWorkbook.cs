using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Reports;

/// <summary>A report as a workbook: its particulars, its figures (and each unit's, for an aggregate), its tasks and its text.</summary>
public static class ReportWorkbook
{
    public static XlsxBook Write(ReportView report, DateTime nowUtc)
    {
        var book = new XlsxBook();
        var timeliness = report.TimelinessAt(nowUtc);
        (string Field, object? Value)[] particulars =
        [
            ("Đơn vị báo cáo", report.OrganisationName),
            ("Yêu cầu báo cáo", report.ObligationTitle),
            ("Kỳ báo cáo", report.Period),
            ("Số liệu từ ngày", report.PeriodStart),
            ("Số liệu đến ngày", report.PeriodEnd),
            ("Hạn gửi", report.DueOn),
            ("Nơi nhận báo cáo", report.ReceiverName),
            ("Số, ký hiệu", ReportComposer.NumberLine(report.Number, report.Symbol)),
            ("Trích yếu", report.Title),
            ("Trạng thái", Fmt.Enum(report.State)),
            ("Gửi lần đầu", report.FirstSubmittedAt is { } s ? VietnamTime.ToLocal(s) : null),
            ("Đúng hạn", Fmt.Enum(timeliness)),
            ("Ngày duyệt", report.ApprovedAt is { } a ? VietnamTime.ToLocal(a) : null),
            ("Số liệu cập nhật lúc", report.FiguresAt is { } f ? VietnamTime.ToLocal(f) : null),
        ];
        book.AddSheet("Thông tin", [
            new XlsxColumn<(string Field, object? Value)>("Mục", r => r.Field, Width: 24),
            new XlsxColumn<(string Field, object? Value)>("Nội dung", r => r.Value, XlsxFormat.DateTime, 70),
        ], particulars, title: report.Title);

        book.AddSheet("Chỉ tiêu", [
            new XlsxColumn<(int Number, FigureView Figure)>("TT", f => f.Number, XlsxFormat.Code, 6),
            new XlsxColumn<(int Number, FigureView Figure)>("Chỉ tiêu", f => f.Figure.Name, Width: 60),
            new XlsxColumn<(int Number, FigureView Figure)>("Đơn vị tính", f => f.Figure.Unit, Width: 14),
            new XlsxColumn<(int Number, FigureView Figure)>("Kết quả", f => f.Figure.Value, XlsxFormat.Integer, 14),
        ], report.Figures.Select((f, i) => (i + 1, f)).ToList(), title: "Kết quả thực hiện các chỉ tiêu");

        book.AddSheet("Cách tính", [
            new XlsxColumn<(string Name, string Rule)>("Chỉ tiêu", r => r.Name, Width: 60),
            new XlsxColumn<(string Name, string Rule)>("Cách tính", r => r.Rule, Width: 100),
        ], ReportComposer.CountingRuleLines(report).ToList(), title: "Cách tính các chỉ tiêu");

        if (report.IsAggregate)
        {
            var codes = report.Figures.Select(f => f.Code).ToList();
            var units = report.SourceFigures.GroupBy(f => (f.ReportId, f.OrganisationName)).ToList();
            var columns = new List<XlsxColumn<IGrouping<(int ReportId, string OrganisationName), SourceFigureView>>>
            {
                new("Cơ quan, đơn vị", g => g.Key.OrganisationName, Width: 44),
            };
            columns.AddRange(report.Figures.Select(f => new XlsxColumn<IGrouping<(int ReportId, string OrganisationName), SourceFigureView>>(
                $"{f.Name} ({f.Unit})", g => g.Where(x => x.Code == f.Code).Sum(x => x.Value), XlsxFormat.Integer, 22)));
            book.AddSheet("Theo đơn vị", columns, units, title: $"Số liệu của {units.Count} báo cáo đã được duyệt");
        }

        book.AddSheet("Nhiệm vụ", [
            new XlsxColumn<TaskLineView>("TT", l => l.Number, Width: 8),
            new XlsxColumn<TaskLineView>("Nhiệm vụ", l => l.Content, Width: 70),
            new XlsxColumn<TaskLineView>("Vai trò", l => l.Role is { } r ? Fmt.Enum(r) : null, Width: 10),
            new XlsxColumn<TaskLineView>("Tình trạng", l => l.Status is { } s ? Fmt.Enum(s) : null, Width: 16),
            new XlsxColumn<TaskLineView>("Kết quả, ghi chú", l => l.Note, Width: 60),
        ], report.TaskLines, title: "Kết quả thực hiện các nhiệm vụ");

        book.AddSheet("Nội dung", [
            new XlsxColumn<SectionView>("Mục", s => s.Heading, Width: 50),
            new XlsxColumn<SectionView>("Nội dung", s => s.Text, Width: 100),
        ], report.Sections.Where(s => s.Kind == SectionKind.Narrative).ToList(), title: "Nội dung báo cáo");
        return book;
    }
}
