using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Plans;
using DaoTaoNghe.Features.Reports;

namespace DaoTaoNghe.Tests.Features.Reports;

/// <summary>
/// Golden files pin the .docx down by its text and table contents (not its bytes): the layout of
/// Nghị định 30/2020/NĐ-CP, the sections in order, the figures, the tasks, the signature block.
/// A failing comparison writes the actual text next to the golden file as *.actual.txt.
/// </summary>
public class ReportDocumentTests
{
    public static ReportView CommuneReport() => new(
        Id: 1, ObligationId: 1, ObligationTitle: "Báo cáo kết quả thực hiện Kế hoạch đào tạo nghề cho lao động nông thôn năm 2026", Period: "năm 2026",
        PeriodStart: new DateOnly(2025, 12, 15), PeriodEnd: new DateOnly(2026, 12, 14), DueOn: new DateOnly(2026, 12, 15),
        ReceiverName: "Sở Giáo dục và Đào tạo tỉnh Lai Châu", PlanId: 2, IsAggregate: false, OrganisationId: 14,
        OrganisationName: "Ủy ban nhân dân xã Bình Lư", OrganisationKind: OrganisationKind.CommuneGovernment, UnitName: "Xã Bình Lư",
        ProvinceName: "Tỉnh Lai Châu", ParentName: null, State: ReportState.Submitted,
        Title: "Kết quả thực hiện Kế hoạch đào tạo nghề cho lao động nông thôn năm 2026", Number: "125", Symbol: "BC-UBND", Place: "Bình Lư",
        ReportDate: new DateOnly(2026, 12, 5), SignerAuthority: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", SignerName: "Tẩn Láo Sử",
        Recipients: "- Sở Giáo dục và Đào tạo tỉnh Lai Châu (b/c);\n- Sở Nông nghiệp và Môi trường tỉnh Lai Châu;\n- Lưu: VT.",
        FiguresAt: null, FirstSubmittedAt: null, ApprovedAt: null,
        Sections:
        [
            new(1, 1, SectionKind.Narrative, "I. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN", "gợi ý", [], Breakdown.None,
                "Ủy ban nhân dân xã đã ban hành Kế hoạch số 45/KH-UBND.\nTổ chức 12 hội nghị quán triệt tại các bản."),
            new(2, 2, SectionKind.Indicators, "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", null, ["outreach.events", "outreach.people"], Breakdown.None, null),
            new(3, 3, SectionKind.Tasks, "III. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ ĐƯỢC GIAO", null, [], Breakdown.None, null),
            new(4, 4, SectionKind.Narrative, "IV. ĐÁNH GIÁ CHUNG", "gợi ý", [], Breakdown.None, null),
        ],
        Figures: [new("outreach.events", "Số hoạt động tuyên truyền, tư vấn học nghề đã tổ chức", "hoạt động", 12),
            new("outreach.people", "Số lượt người được tuyên truyền, tư vấn", "lượt người", 1234)],
        SourceFigures: [],
        TaskLines:
        [
            new("I.1", "Tổ chức nghiên cứu, quán triệt, tuyên truyền, phổ biến nội dung Chỉ thị số 37-CT/TW.", PartyRole.Lead, AssignmentStatus.Completed,
                "Đã tổ chức 12 hội nghị."),
            new("II.5", "Điều tra, khảo sát và dự báo nhu cầu sử dụng lao động.", PartyRole.Lead, AssignmentStatus.NotStarted, null),
        ],
        History: []);

    public static ReportView ProvinceReport() => CommuneReport() with
    {
        OrganisationName = "Ủy ban nhân dân tỉnh Lai Châu", OrganisationKind = OrganisationKind.ProvincialGovernment, UnitName = "Tỉnh Lai Châu",
        IsAggregate = true, Title = "Kết quả thực hiện Kế hoạch đào tạo nghề cho lao động nông thôn trên địa bàn tỉnh Lai Châu năm 2026",
        Number = null, Place = "Lai Châu", ReportDate = null, SignerAuthority = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", SignerName = null,
        Recipients = "- Bộ Giáo dục và Đào tạo (b/c);\n- Lưu: VT, VX.",
        Sections =
        [
            new(1, 1, SectionKind.Indicators, "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", null, ["outreach.events", "outreach.people"], Breakdown.None, null),
            new(2, 2, SectionKind.Tasks, "III. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ, GIẢI PHÁP", null, [], Breakdown.None, null),
            new(3, 3, SectionKind.Indicators, "SỐ LIỆU CHI TIẾT THEO CƠ QUAN, ĐƠN VỊ, XÃ, PHƯỜNG", null, ["outreach.events", "outreach.people"],
                Breakdown.ByReportingUnit, null),
        ],
        Figures = [new("outreach.events", "Số hoạt động tuyên truyền, tư vấn học nghề đã tổ chức", "hoạt động", 15),
            new("outreach.people", "Số lượt người được tuyên truyền, tư vấn", "lượt người", 1500)],
        SourceFigures = [new(7, "Ủy ban nhân dân xã Bình Lư", "outreach.events", 12), new(7, "Ủy ban nhân dân xã Bình Lư", "outreach.people", 1234),
            new(9, "Ủy ban nhân dân xã Tân Uyên", "outreach.events", 3), new(9, "Ủy ban nhân dân xã Tân Uyên", "outreach.people", 266)],
        TaskLines = [new("I.1", "Tổ chức nghiên cứu, quán triệt, tuyên truyền.", null, null, "40 đơn vị được giao – Đã hoàn thành: 12; Đang thực hiện: 20; Chưa triển khai: 8.")],
    };

    [Theory]
    [InlineData("bao-cao-xa")]
    [InlineData("bao-cao-tinh")]
    public void The_document_matches_its_golden_text(string name)
    {
        var report = name == "bao-cao-xa" ? CommuneReport() : ProvinceReport();

        var docx = ReportDocx.Write(ReportComposer.Compose(report));

        var actual = string.Join("\n", DocxText.Read(docx)) + "\n";
        var golden = Path.Combine(GoldenFolder(), name + ".txt");
        var expected = File.Exists(golden) ? File.ReadAllText(golden) : "";
        if (actual != expected) File.WriteAllText(Path.Combine(GoldenFolder(), name + ".actual.txt"), actual);
        actual.ShouldBe(expected, $"compare {name}.actual.txt with {name}.txt in {GoldenFolder()}");
    }

    [Fact]
    public void The_document_is_A4_in_Times_New_Roman_with_the_decree_margins()
    {
        var docx = ReportDocx.Write(ReportComposer.Compose(CommuneReport()));

        var (font, halfPoints, width, height, left) = DocxText.PageAndFont(docx);
        font.ShouldBe("Times New Roman");
        halfPoints.ShouldBe(28);
        (width, height).ShouldBe((11906, 16838));
        left.ShouldBe(1701);
    }

    private static string GoldenFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "Golden");
}
