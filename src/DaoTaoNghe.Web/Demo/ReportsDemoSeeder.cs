using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Plans;
using DaoTaoNghe.Features.Reports;
using DaoTaoNghe.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// The chain of yearly reports of the plans: for 2025 (plan 4656/KH-UBND) every body's report, most on
/// time, some late, a few never sent, reviewed by Sở Giáo dục và Đào tạo, and the province's report
/// summing the approved ones; for 2026 (the April 2026 plan) the obligations with the plan's deadlines –
/// bodies by 15/12, agriculture by 20/12, the province by 31/12 – with a few reports already sent; and
/// an ad hoc request due in three days, so reminders show. The demo accounts' own reports stay drafts.
/// </summary>
public sealed class ReportsDemoSeeder : IDemoSeeder
{
    public int Order => 720;

    public string Title => "báo cáo";

    private const string Doet = "Sở Giáo dục và Đào tạo tỉnh Lai Châu";
    private const string Agriculture = "Sở Nông nghiệp và Môi trường tỉnh Lai Châu";
    private const string Ministry = "Bộ Giáo dục và Đào tạo";
    private static readonly string[] KeptAsDrafts = ["Ủy ban nhân dân xã Bình Lư", "Ủy ban nhân dân xã Tân Uyên"];

    private static readonly string[] Signers =
    [
        "Lò Văn Hùng", "Tẩn Láo Sử", "Giàng A Chư", "Nguyễn Văn Bình", "Vàng Thị Mai", "Lường Văn Quân", "Hoàng Minh Đức", "Sùng Seo Lử",
        "Phạm Thị Thu", "Lê Đức Thắng", "Chẻo Thị Phương", "Đỗ Văn Tâm",
    ];

    private static readonly Dictionary<string, string[]> Texts = new()
    {
        ["I."] =
        [
            "Đơn vị đã ban hành kế hoạch triển khai; tổ chức quán triệt Chỉ thị số 37-CT/TW và kế hoạch của tỉnh đến cán bộ, công chức và các thôn, bản.\nCông tác tuyên truyền được lồng ghép trong các buổi họp thôn, bản, phát trên loa truyền thanh bằng tiếng phổ thông và tiếng dân tộc.",
            "Đã phân công lãnh đạo phụ trách, giao nhiệm vụ cho từng bộ phận; định kỳ kiểm tra, đôn đốc việc thực hiện.",
        ],
        ["IV."] =
        [
            "Công tác đào tạo nghề cho lao động nông thôn được quan tâm, nhận thức của người dân về học nghề có chuyển biến.\nTồn tại: nhu cầu học nghề chưa cao ở các bản vùng sâu; một số lớp chưa đủ học viên; việc làm sau học nghề chưa ổn định.",
            "Kết quả đạt được cơ bản đáp ứng kế hoạch. Hạn chế: địa bàn rộng, giao thông khó khăn, kinh phí hỗ trợ còn chậm.",
        ],
        ["V."] =
        [
            "Tiếp tục rà soát nhu cầu học nghề; phối hợp với Trường Cao đẳng Lai Châu và các cơ sở đào tạo mở lớp tại xã; theo dõi việc làm sau học nghề.",
        ],
        ["VI."] =
        [
            "Đề nghị tỉnh bố trí kinh phí hỗ trợ đào tạo nghề sớm ngay từ đầu năm; tăng nguồn vốn cho vay giải quyết việc làm sau học nghề.",
            "Không có kiến nghị thêm.",
        ],
        ["II. ĐÁNH GIÁ"] =
        [
            "Hình thức tư vấn trực tiếp tại hộ gia đình và họp thôn, bản đạt hiệu quả cao nhất. Đề nghị hỗ trợ tài liệu tuyên truyền bằng tiếng dân tộc.",
        ],
    };

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var today = context.Today;
        var provinceId = context.Province.Id;
        var create = context.Services.GetRequiredService<Features.Reports.Obligations.Create.Handler>();
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.ProvinceId == provinceId && o.IsActive)
            .Select(o => new { o.Id, o.Name, o.Kind }).ToListAsync(cancellationToken);
        var doet = organisations.Single(o => o.Name == Doet).Id;
        var agriculture = organisations.Single(o => o.Name == Agriculture).Id;
        var government = organisations.Single(o => o.Kind == OrganisationKind.ProvincialGovernment).Id;
        var bodies = organisations
            .Where(o => o.Id != doet && o.Id != agriculture && o.Id != government && o.Kind != OrganisationKind.Enterprise)
            .Select(o => o.Id).ToList();
        var communes = organisations.Where(o => o.Kind == OrganisationKind.CommuneGovernment).Select(o => o.Id).ToList();
        var keptAsDrafts = organisations.Where(o => KeptAsDrafts.Contains(o.Name)).Select(o => o.Id).ToHashSet();
        var oldPlan = await db.Plans.Where(p => p.Number == PlansDemoSeeder.OldPlanNumber).Select(p => p.Id).SingleAsync(cancellationToken);
        var newPlan = await db.Plans.Where(p => p.ReplacesId == oldPlan).Select(p => p.Id).SingleAsync(cancellationToken);

        async Task<int> ObligationAsync(string title, string template, int? plan, PeriodKind kind, int year, DateOnly start, DateOnly end, DateOnly due,
            int? receiver, string receiverName, IReadOnlyCollection<int> reporters, IReadOnlyCollection<int> sources, int before, int after, DateTime createdAt)
        {
            var obligation = new ReportingObligation
            {
                ProvinceId = provinceId, TemplateCode = template, PlanId = plan, PeriodKind = kind, PeriodYear = year, PeriodStart = start, PeriodEnd = end,
                DueOn = due, ReceiverOrganisationId = receiver, ReceiverName = receiverName, RemindDaysBefore = before, RemindDaysAfter = after,
                CreatedAt = createdAt,
            };
            obligation.SetTitle(title);
            var id = await create.CreateAsync(obligation, reporters, sources, "Nguyễn Thị Hạnh (Sở Giáo dục và Đào tạo tỉnh Lai Châu)", cancellationToken);
            foreach (var report in db.Reports.Local.Where(r => r.ObligationId == id))
            {
                report.CreatedAt = createdAt;
                foreach (var e in report.Events) e.At = createdAt;
            }
            await db.SaveChangesAsync(cancellationToken);
            return id;
        }

        var a25 = await ObligationAsync("Báo cáo kết quả thực hiện Kế hoạch số 4656/KH-UBND năm 2025", "ket-qua-thuc-hien-ke-hoach", oldPlan,
            PeriodKind.Year, 2025, new DateOnly(2024, 12, 1), new DateOnly(2025, 11, 30), new DateOnly(2025, 12, 5), doet, Doet, bodies, [], 5, 1,
            Local(new DateOnly(2025, 11, 3), 8));
        await WorkAsync(context, a25, (due, draft) => random.NextDouble() switch
        {
            < 0.72 => Local(due.AddDays(-random.Next(0, 10)), 7 + random.Next(10)),
            < 0.90 => Local(due.AddDays(1 + random.Next(12)), 7 + random.Next(10)),
            _ => null,
        }, approveAll: true, keptAsDrafts: [], cancellationToken);
        var p25 = await ObligationAsync("Báo cáo kết quả thực hiện Kế hoạch số 4656/KH-UBND năm 2025 của Ủy ban nhân dân tỉnh", "tong-hop-cua-tinh", oldPlan,
            PeriodKind.Year, 2025, new DateOnly(2024, 12, 1), new DateOnly(2025, 11, 30), new DateOnly(2025, 12, 31), null, Ministry, [government], [a25], 5, 1,
            Local(new DateOnly(2025, 11, 3), 8));
        await WorkAsync(context, p25, (_, _) => Local(new DateOnly(2025, 12, 29), 15), approveAll: true, keptAsDrafts: [], cancellationToken);

        var (start26, end26) = ReportPeriods.DefaultRange(PeriodKind.Year, 2026, null);
        var created26 = Local(new DateOnly(2026, 11, 2), 8) < now ? Local(new DateOnly(2026, 11, 2), 8) : now;
        var a26 = await ObligationAsync("Báo cáo kết quả thực hiện Kế hoạch đào tạo nghề cho lao động nông thôn năm 2026", "ket-qua-thuc-hien-ke-hoach",
            newPlan, PeriodKind.Year, 2026, start26, end26, new DateOnly(2026, 12, 15), doet, Doet, bodies, [], 7, 1, created26);
        var b26 = await ObligationAsync("Báo cáo kết quả đào tạo nghề nông nghiệp cho lao động nông thôn năm 2026", "ket-qua-thuc-hien-ke-hoach",
            newPlan, PeriodKind.Year, 2026, start26, end26, new DateOnly(2026, 12, 20), doet, Doet, [agriculture], [], 7, 1, created26);
        await ObligationAsync("Báo cáo kết quả thực hiện Kế hoạch đào tạo nghề cho lao động nông thôn năm 2026 của Ủy ban nhân dân tỉnh", "tong-hop-cua-tinh",
            newPlan, PeriodKind.Year, 2026, start26, end26, new DateOnly(2026, 12, 31), null, Ministry, [government], [a26, b26], 7, 1, created26);
        var span = Math.Max(1, (int)(now - created26).TotalHours);
        DateTime? Early(DateOnly due, bool draft) => !draft && random.NextDouble() < 0.18 ? created26.AddHours(random.Next(span)) : null;
        await WorkAsync(context, a26, Early, approveAll: false, keptAsDrafts, cancellationToken);

        var adHocStart = new DateOnly(today.Year, 1, 1);
        var adHocCreated = now.AddDays(-4);
        var adHoc = await ObligationAsync("Báo cáo đột xuất kết quả tuyên truyền, tư vấn học nghề", "dot-xuat-tuyen-truyen", null, PeriodKind.AdHoc,
            today.Year, adHocStart, today.AddDays(-1) < adHocStart ? adHocStart : today.AddDays(-1), today.AddDays(3), doet, Doet, communes, [], 5, 1, adHocCreated);
        await WorkAsync(context, adHoc, (_, draft) => !draft && random.NextDouble() < 0.25 ? adHocCreated.AddHours(random.Next(1, 90)) : null,
            approveAll: false, keptAsDrafts, cancellationToken);
    }

    /// <summary>
    /// Plays an obligation's reports forward: each gets text, and is sent at the instant <paramref name="submitAt"/>
    /// picks (none: never sent); sent reports are reviewed a few days later – some returned once with a comment
    /// and sent again – as far as the clock has got.
    /// </summary>
    private static async Task WorkAsync(DemoSeedContext context, int obligationId, Func<DateOnly, bool, DateTime?> submitAt, bool approveAll,
        HashSet<int> keptAsDrafts, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var fill = context.Services.GetRequiredService<ReportFill>();
        var reports = await db.Reports.Include(r => r.Obligation).Include(r => r.Sections).Include(r => r.Figures).Include(r => r.TaskLines)
            .Include(r => r.Organisation).AsSplitQuery()
            .Where(r => r.ObligationId == obligationId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        foreach (var report in reports)
        {
            var at = submitAt(report.Obligation.DueOn, keptAsDrafts.Contains(report.OrganisationId));
            if (at is not { } submitted || submitted > now) continue;
            foreach (var section in report.Sections.Where(s => s.Kind == SectionKind.Narrative))
            {
                var texts = Texts.First(t => section.Heading.StartsWith(t.Key, StringComparison.Ordinal)).Value;
                section.Text = texts[random.Next(texts.Length)];
            }
            await fill.RefreshAsync(report, cancellationToken);
            var actor = "Văn thư " + report.Organisation.Name;
            var reviewer = "Nguyễn Thị Hạnh (Sở Giáo dục và Đào tạo tỉnh Lai Châu)";
            report.Number = (10 + random.Next(240)).ToString();
            report.SignerName = Signers[random.Next(Signers.Length)];
            report.ReportDate = DateOnly.FromDateTime(VietnamTime.ToLocal(submitted));
            report.FirstSubmittedAt = report.LastSubmittedAt = submitted;
            report.State = ReportState.Submitted;
            report.Events.Add(Event(report, ReportAction.Submitted, submitted, actor, null));

            var reviewAt = submitted.AddDays(1 + random.Next(3));
            if (!approveAll && random.NextDouble() < 0.5 || reviewAt > now) continue;
            if (random.NextDouble() < 0.12)
            {
                report.State = ReportState.Returned;
                report.ReturnedAt = reviewAt;
                report.Events.Add(Event(report, ReportAction.Returned, reviewAt, reviewer,
                    "Đề nghị bổ sung số lớp, số học viên theo từng nghề và nêu rõ khó khăn, vướng mắc."));
                var again = reviewAt.AddDays(1 + random.Next(2));
                if (again > now) continue;
                report.LastSubmittedAt = again;
                report.State = ReportState.Submitted;
                report.Events.Add(Event(report, ReportAction.Resubmitted, again, actor, null));
                reviewAt = again.AddDays(1);
                if (reviewAt > now) continue;
            }
            report.State = ReportState.Approved;
            report.ApprovedAt = reviewAt;
            report.Events.Add(Event(report, ReportAction.Approved, reviewAt, reviewer, null));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static ReportEvent Event(Report report, ReportAction action, DateTime at, string actor, string? comment) => new()
    {
        ProvinceId = report.ProvinceId, OrganisationId = report.OrganisationId, At = at, Action = action, ActorName = actor, Comment = comment,
    };

    /// <summary>A local Vietnamese hour of a date, as the UTC instant it is stored as.</summary>
    private static DateTime Local(DateOnly date, int hour) => VietnamTime.ToUtc(date.ToDateTime(new TimeOnly(hour, 0)));
}
