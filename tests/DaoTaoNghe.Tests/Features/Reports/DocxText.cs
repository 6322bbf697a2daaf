using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DaoTaoNghe.Tests.Features.Reports;

/// <summary>Reads a .docx as Word would: validates it, then gives its text line by line, tables as "cell | cell" rows.</summary>
public static class DocxText
{
    public static List<string> Read(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var document = WordprocessingDocument.Open(stream, false);
        new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ShouldBeEmpty();
        var lines = new List<string>();
        foreach (var element in document.MainDocumentPart!.Document.Body!.ChildElements)
        {
            switch (element)
            {
                case Paragraph paragraph when paragraph.InnerText.Trim().Length > 0:
                    lines.Add(paragraph.InnerText.Trim());
                    break;
                case Table table:
                    foreach (var row in table.Elements<TableRow>())
                        lines.Add(string.Join(" | ", row.Elements<TableCell>().Select(c =>
                            string.Join(" / ", c.Elements<Paragraph>().Select(p => p.InnerText.Trim()).Where(t => t.Length > 0)))));
                    break;
            }
        }
        return lines;
    }

    public static (string Font, int HalfPoints, int Width, int Height, int Left) PageAndFont(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var document = WordprocessingDocument.Open(stream, false);
        var defaults = document.MainDocumentPart!.StyleDefinitionsPart!.Styles!.DocDefaults!.RunPropertiesDefault!.RunPropertiesBaseStyle!;
        var section = document.MainDocumentPart.Document.Body!.Elements<SectionProperties>().Single();
        var size = section.GetFirstChild<PageSize>()!;
        var margin = section.GetFirstChild<PageMargin>()!;
        return (defaults.GetFirstChild<RunFonts>()!.Ascii!.Value!, int.Parse(defaults.GetFirstChild<FontSize>()!.Val!.Value!),
            (int)size.Width!.Value, (int)size.Height!.Value, (int)margin.Left!.Value);
    }
}
