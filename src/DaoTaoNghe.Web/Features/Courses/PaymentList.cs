using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// The payment list of a course (danh sách chi trả hỗ trợ), for learners to sign when they receive
/// their support: every learner owed money, with the amounts as they stand (an override where
/// there is one), a blank "Ký nhận" column and a totals row. For those who pay and check it: the
/// institution, the province admin, inspectors. Each row says whether it was paid (when, how much,
/// on which list) or not yet. As .xlsx or as a page to print from the browser; either is an
/// export of personal data, audited as such.
/// </summary>
public sealed class PaymentList(AppDbContext db, AuditTrail audit) : IHandler
{
    public sealed record Row(
        int? Number, string FullName, DateOnly? BirthDate, string? Cccd, string? Commune, string? Group, int? Days,
        long Tuition, long Meals, long Travel, long Total, string? Settled = null);

    /// <summary>What the list shows: the course, the learners owed money (numbered) and the totals.</summary>
    public sealed record Sheet(
        int CourseId, string CourseName, string Institution, DateOnly StartDate, DateOnly EndDate, bool ShowsGroup, IReadOnlyList<Row> Learners, Row Totals)
    {
        public string Subtitle => $"Lớp {CourseName} ({Fmt.Date(StartDate)}–{Fmt.Date(EndDate)}) – {Institution}";
        public string AmountInWords => NumberWords.Dong(Totals.Total);
    }

    public const string Title = "DANH SÁCH CHI TRẢ HỖ TRỢ ĐÀO TẠO";
    public const string PlaceAndDate = "…………, ngày …… tháng …… năm ……";
    public static readonly IReadOnlyList<string> Signatures = ["Người lập biểu", "Kế toán", "Thủ trưởng đơn vị"];

    /// <summary>The list to print from the browser, audited as the export is: it shows the same personal data.</summary>
    public async Task<Sheet> ForPrintAsync(int courseId, CancellationToken cancellationToken = default)
    {
        var sheet = await ReadAsync(courseId, cancellationToken);
        await audit.RecordExportAsync($"In danh sách chi trả hỗ trợ lớp {courseId}", sheet.Learners.Count, containsPersonalData: true, cancellationToken);
        return sheet;
    }

    private async Task<Sheet> ReadAsync(int courseId, CancellationToken cancellationToken)
    {
        if (!db.Scope.Holds(CoursePolicies.ExportPayments)) throw new ForbiddenException();
        var course = await db.Courses.AsNoTracking().Where(c => c.Id == courseId)
                         .Select(c => new { c.Name, Institution = c.Institution.Name, c.StartDate, c.EndDate, c.State })
                         .SingleOrDefaultAsync(cancellationToken)
                     ?? throw new NotFoundException("Không tìm thấy lớp đào tạo hoặc bạn không có quyền xem.");
        var learners = await db.Enrolments.AsNoTracking()
            .Where(e => e.CourseId == courseId && e.SupportTotal > 0)
            .OrderBy(e => e.Learner.SearchName).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Learner.FullName, e.Learner.BirthDate, e.Learner.Cccd, Commune = e.ResidenceCommune.Name, e.SupportGroup, e.DaysAttended,
                Tuition = e.OverrideTuition ?? e.SupportTuition, Meals = e.OverrideMeals ?? e.SupportMeals, Travel = e.OverrideTravel ?? e.SupportTravel,
                e.SupportTotal, e.SettledOn, e.SettledAmount, e.SettlementList,
            })
            .ToListAsync(cancellationToken);
        var seesGroup = SupportVisibility.SeesGroup(db.Scope);
        var rows = learners.Select((l, i) => new Row(i + 1, l.FullName, l.BirthDate, l.Cccd, l.Commune,
                l.SupportGroup is { } group && seesGroup ? Fmt.Enum(group) : null, l.DaysAttended, l.Tuition, l.Meals, l.Travel, l.SupportTotal,
                l.SettledOn is { } on ? $"Đã chi trả {Fmt.Money(l.SettledAmount)} ngày {Fmt.Date(on)} (danh sách {l.SettlementList})" : "Chưa chi trả"))
            .ToList();
        var totals = new Row(null, "Tổng cộng", null, null, null, null, null, learners.Sum(l => l.Tuition), learners.Sum(l => l.Meals),
            learners.Sum(l => l.Travel), learners.Sum(l => l.SupportTotal),
            $"Đã chi trả {learners.Count(l => l.SettledOn != null)} người, {Fmt.Money(learners.Sum(l => l.SettledAmount ?? 0))}; chưa chi trả {learners.Count(l => l.SettledOn == null)} người");
        return new Sheet(courseId, course.Name, course.Institution, course.StartDate, course.EndDate, seesGroup, rows, totals);
    }

    public async Task<(string FileName, Stream Content)> ExportAsync(int courseId, CancellationToken cancellationToken = default)
    {
        var sheet = await ReadAsync(courseId, cancellationToken);
        await audit.RecordExportAsync($"Danh sách chi trả hỗ trợ lớp {courseId}", sheet.Learners.Count, containsPersonalData: true, cancellationToken);

        using var book = new XlsxBook();
        var columns = new List<XlsxColumn<Row>>
        {
            new("STT", r => r.Number, XlsxFormat.Integer, 5),
            new("Họ và tên", r => r.FullName, Width: 22),
            new("Ngày sinh", r => r.BirthDate, XlsxFormat.Date, 11),
            new("Số CCCD", r => r.Cccd, Width: 14),
            new("Xã, phường", r => r.Commune, Width: 15),
        };
        // The institution pays and so sees the amounts; the group's name is for the roles that see sensitive data.
        if (sheet.ShowsGroup) columns.Add(new("Nhóm đối tượng", r => r.Group, Width: 20));
        book.AddPaper("Danh sách chi trả", [
            .. columns,
            new XlsxColumn<Row>("Số ngày học", r => r.Days, XlsxFormat.Integer, 7),
            new XlsxColumn<Row>("Hỗ trợ học phí (đ)", r => r.Tuition, XlsxFormat.Money, 12),
            new XlsxColumn<Row>("Tiền ăn (đ)", r => r.Meals, XlsxFormat.Money, 11),
            new XlsxColumn<Row>("Tiền đi lại (đ)", r => r.Travel, XlsxFormat.Money, 10),
            new XlsxColumn<Row>("Tổng (đ)", r => r.Total, XlsxFormat.Money, 12),
            new XlsxColumn<Row>("Ký nhận", _ => null, Width: 13),
            new XlsxColumn<Row>("Tình trạng chi trả", r => r.Settled, Width: 24),
        ], [.. sheet.Learners, sheet.Totals], new XlsxPaper(Title)
        {
            Issuer = sheet.Institution.ToUpper(VietnameseFormat.Culture),
            Subtitles = [sheet.Subtitle],
            Closing = [$"Tổng số tiền: {Fmt.Money(sheet.Totals.Total)}", $"Bằng chữ: {sheet.AmountInWords}."],
            PlaceAndDate = PlaceAndDate,
            Signatures = Signatures,
        });
        return ($"danh-sach-chi-tra-lop-{courseId}.xlsx", book.ToStream());
    }
}
