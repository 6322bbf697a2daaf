using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DaoTaoNghe.Features.Reports;

/// <summary>
/// Writes a <see cref="ReportDocumentModel"/> as a Word document officials can edit, sign and send:
/// A4, margins of Nghị định 30/2020/NĐ-CP (top and bottom 20 mm, left 30 mm, right 15 mm), Times New
/// Roman, 14 pt body, the header and signature blocks as borderless two-column tables.
/// </summary>
public static class ReportDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const int PageWidth = 11906, PageHeight = 16838, MarginTop = 1134, MarginBottom = 1134, MarginLeft = 1701, MarginRight = 850;
    private const int TextWidth = PageWidth - MarginLeft - MarginRight;
    private const int BodySize = 28, Small = 26, TableText = 24, Recipients = 22;

    public static byte[] Write(ReportDocumentModel model)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman", EastAsia = "Times New Roman" },
                    new FontSize { Val = BodySize.ToString() }, new FontSizeComplexScript { Val = BodySize.ToString() },
                    new Languages { Val = "vi-VN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "0", Line = "264", LineRule = LineSpacingRuleValues.Auto }))));

            var body = new Body();
            body.Append(HeaderBlock(model));
            body.Append(Para(model.Kind, bold: true, align: JustificationValues.Center, before: 360));
            body.Append(Para(model.Title, bold: true, align: JustificationValues.Center));
            body.Append(Rule(TextWidth, 2400));
            foreach (var block in model.Body) body.Append(Render(block));
            body.Append(SignatureBlock(model));
            if (model.Appendix.Count > 0)
            {
                body.Append(new Paragraph(new Run(new Break { Type = BreakValues.Page })));
                body.Append(Para("PHỤ LỤC", bold: true, align: JustificationValues.Center));
                body.Append(Para($"(Kèm theo Báo cáo {model.NumberLine.Replace("Số:", "số").Trim()})", italic: true, align: JustificationValues.Center, after: 120));
                foreach (var block in model.Appendix) body.Append(Render(block));
            }
            body.Append(new SectionProperties(
                new PageSize { Width = PageWidth, Height = PageHeight },
                new PageMargin { Top = MarginTop, Right = MarginRight, Bottom = MarginBottom, Left = MarginLeft, Header = 720, Footer = 720, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static IEnumerable<OpenXmlElement> Render(DocBlock block) => block switch
    {
        DocHeading h => [Para(h.Text, bold: true, align: JustificationValues.Both, before: 120, after: 60, keepNext: true)],
        DocParagraph p => [Para(p.Text, italic: p.Italic, align: JustificationValues.Both, after: 60, firstLine: 567)],
        DocTable t => [DataTable(t), Para("", size: 8)],
        _ => [],
    };

    private static Table HeaderBlock(ReportDocumentModel model)
    {
        const int left = 3900, right = TextWidth - left;
        var issuer = new List<OpenXmlElement>();
        if (model.IssuerParent is { } parent) issuer.Add(Para(parent, size: Small, align: JustificationValues.Center));
        issuer.AddRange(model.IssuerLines.Select(l => Para(l, bold: true, size: Small, align: JustificationValues.Center)));
        issuer.Add(Rule(left, 1300));
        issuer.Add(Para(model.NumberLine, size: Small, align: JustificationValues.Center, before: 120));
        var nation = new List<OpenXmlElement>
        {
            Para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, size: TableText, align: JustificationValues.Center),
            Para("Độc lập - Tự do - Hạnh phúc", bold: true, size: Small, align: JustificationValues.Center),
            Rule(right, 2800),
            Para(model.PlaceDateLine, italic: true, size: Small, align: JustificationValues.Center, before: 120),
        };
        return Layout([left, right], issuer, nation);
    }

    private static Table SignatureBlock(ReportDocumentModel model)
    {
        const int left = 4300, right = TextWidth - left;
        var recipients = new List<OpenXmlElement> { Para("Nơi nhận:", bold: true, italic: true, size: TableText, before: 240) };
        recipients.AddRange(model.Recipients.Select(r => Para(r, size: Recipients)));
        var signer = new List<OpenXmlElement>();
        signer.AddRange(model.SignerLines.Select((l, i) => Para(l, bold: true, align: JustificationValues.Center, before: i == 0 ? 240 : 0)));
        for (var i = 0; i < 4; i++) signer.Add(Para(""));
        if (model.SignerName is { } name) signer.Add(Para(name, bold: true, align: JustificationValues.Center));
        return Layout([left, right], recipients, signer);
    }

    /// <summary>A borderless two-column table: how Vietnamese documents place the header and signature blocks side by side.</summary>
    private static Table Layout(int[] widths, List<OpenXmlElement> left, List<OpenXmlElement> right)
    {
        var table = new Table(new TableProperties(
                new TableWidth { Width = TextWidth.ToString(), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Nil }, new LeftBorder { Val = BorderValues.Nil }, new BottomBorder { Val = BorderValues.Nil },
                    new RightBorder { Val = BorderValues.Nil }, new InsideHorizontalBorder { Val = BorderValues.Nil }, new InsideVerticalBorder { Val = BorderValues.Nil }),
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })));
        table.Append(new TableRow(Cell(widths[0], left), Cell(widths[1], right)));
        return table;
    }

    private static Table DataTable(DocTable t)
    {
        var total = t.Widths.Sum();
        var widths = t.Widths.Select(w => TextWidth * w / total).ToArray();
        var border = () => new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(
                new TableWidth { Width = TextWidth.ToString(), Type = TableWidthUnitValues.Dxa }, border(), new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })));
        table.Append(new TableRow([new TableRowProperties(new TableHeader()),
            .. t.Headers.Select((h, i) => Cell(widths[i], [Para(h, bold: true, size: TableText, align: JustificationValues.Center)]))]));
        for (var r = 0; r < t.Rows.Count; r++)
        {
            var bold = t.LastRowIsTotal && r == t.Rows.Count - 1;
            table.Append(new TableRow([new TableRowProperties(new CantSplit()),
                .. t.Rows[r].Select((value, i) => Cell(widths[i], [Para(value, bold: bold, size: TableText,
                    align: t.Numeric[i] ? JustificationValues.Right : i == 0 ? JustificationValues.Center : JustificationValues.Left)]))]));
        }
        return table;
    }

    private static TableCell Cell(int width, IEnumerable<OpenXmlElement> content)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = width.ToString(), Type = TableWidthUnitValues.Dxa }));
        cell.Append(content);
        if (!cell.Elements<Paragraph>().Any()) cell.Append(new Paragraph());
        return cell;
    }

    /// <summary>The short solid line drawn under the body's name, the motto and the title: a bottom border on an empty, thin paragraph.</summary>
    private static Paragraph Rule(int available, int length)
    {
        var indent = Math.Max(0, (available - length) / 2);
        return new Paragraph(new ParagraphProperties(
            new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6, Space = 1 }),
            new SpacingBetweenLines { Before = "0", After = "0", Line = "80", LineRule = LineSpacingRuleValues.Exact },
            new Indentation { Left = indent.ToString(), Right = indent.ToString() }));
    }

    private static Paragraph Para(string text, bool bold = false, bool italic = false, int size = BodySize, JustificationValues? align = null,
        int before = 0, int after = 0, int? firstLine = null, bool keepNext = false)
    {
        var properties = new ParagraphProperties();
        if (keepNext) properties.Append(new KeepNext());
        properties.Append(new SpacingBetweenLines { Before = before.ToString(), After = after.ToString() });
        if (firstLine is { } indent) properties.Append(new Indentation { FirstLine = indent.ToString() });
        if (align is { } a) properties.Append(new Justification { Val = a });
        var run = new RunProperties();
        if (bold) run.Append(new Bold());
        if (italic) run.Append(new Italic());
        run.Append(new FontSize { Val = size.ToString() }, new FontSizeComplexScript { Val = size.ToString() });
        return new Paragraph(properties, new Run(run, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }
}
