using DaoTaoNghe.Infrastructure.Web;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace DaoTaoNghe.Features.Certificates;

/// <summary>
/// The certificate as a Word document for the institution to print on its blanks, sign and stamp:
/// A4 landscape, Times New Roman, the national heading, the holder, the occupation and level, the
/// number and date, and the QR code of the public verification page.
/// </summary>
public static class CertificateDocx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const long QrSize = 1_371_600; // 1.5 inch in EMU

    public static byte[] Write(Details.Result c, string verifyUrl)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman", EastAsia = "Times New Roman" },
                    new FontSize { Val = "28" }, new FontSizeComplexScript { Val = "28" }, new Languages { Val = "vi-VN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "60" }))));

            var image = main.AddImagePart(ImagePartType.Png);
            using (var png = new MemoryStream(CertificateQr.Png(verifyUrl))) image.FeedData(png);

            var body = new Body(
                Para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true),
                Para("Độc lập - Tự do - Hạnh phúc", bold: true),
                Para(""),
                Para(c.InstitutionName.ToUpperInvariant(), bold: true),
                Para(c.Title, bold: true, size: 44),
                Para($"Nghề: {c.OccupationName}", bold: true),
                Para(""),
                Para($"Cấp cho: {c.HolderName}", bold: true, size: 32),
                Para($"Ngày sinh: {Fmt.Date(c.HolderBirthDate)}"),
                Para($"Trình độ: {Fmt.Enum(c.Level)}"),
                Para($"Đã hoàn thành khóa học từ ngày {Fmt.Date(c.CourseStart)} đến ngày {Fmt.Date(c.CourseEnd)}"),
                Para(""),
                Para($"Ngày {c.IssuedOn.Day} tháng {c.IssuedOn.Month} năm {c.IssuedOn.Year}", italic: true),
                Para("THỦ TRƯỞNG CƠ SỞ ĐÀO TẠO", bold: true),
                Para("(Ký, ghi rõ họ tên, đóng dấu)", italic: true),
                Para(""),
                Para($"Số hiệu: {c.Number}"),
                new Paragraph(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), new Run(Qr(main.GetIdOfPart(image)))),
                Para($"Quét mã QR hoặc truy cập {verifyUrl} để xác minh (mã xác minh {c.VerificationCode}).", size: 20),
                new SectionProperties(
                    new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape },
                    new PageMargin { Top = 851, Bottom = 851, Left = 1134, Right = 1134, Header = 567, Footer = 567, Gutter = 0 }));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Para(string text, bool bold = false, bool italic = false, int? size = null)
    {
        var properties = new RunProperties();
        if (bold) properties.Append(new Bold());
        if (italic) properties.Append(new Italic());
        if (size is { } s) properties.Append(new FontSize { Val = s.ToString() }, new FontSizeComplexScript { Val = s.ToString() });
        return new Paragraph(
            new ParagraphProperties(new Justification { Val = JustificationValues.Center }),
            new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
    }

    private static Drawing Qr(string relationshipId) =>
        new(new DW.Inline(
            new DW.Extent { Cx = QrSize, Cy = QrSize },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = 1U, Name = "Mã QR xác minh" },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = "qr.png" }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = QrSize, Cy = QrSize }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U,
        });
}
