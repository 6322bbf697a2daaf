using System.Text.Json;
using System.Text.Json.Serialization;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Plans;
using DaoTaoNghe.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Lai Châu's April 2026 plan with every task of its appendix (DemoData/ke-hoach-thang-4-2026-phu-luc.json,
/// taken from the plan's text: content, lead and coordinating parties as printed, time frame), each
/// party linked to its organisation, and the plan it replaces, 4656/KH-UBND of 18/11/2024. Bodies
/// have posted progress on about half of their assignments since the plan came out.
/// </summary>
public sealed class PlansDemoSeeder : IDemoSeeder
{
    public int Order => 700;

    public string Title => "kế hoạch";

    public const string OldPlanNumber = "4656/KH-UBND";
    public const string NewPlanTitle =
        "Thực hiện Quyết định số 326/QĐ-TTg ngày 24/02/2026 của Thủ tướng Chính phủ và Chương trình hành động số 56-CTr/TU ngày 07/10/2024 " +
        "của Ban Thường vụ Tỉnh ủy về thực hiện Chỉ thị số 37-CT/TW ngày 10/7/2024 của Ban Bí thư về đổi mới công tác đào tạo nghề cho " +
        "lao động nông thôn đáp ứng yêu cầu công nghiệp hóa, hiện đại hóa nông nghiệp, nông thôn";

    private sealed record PartyData(string Label, string? Organisation, PartyGroup? Group);

    private sealed record TimeFrameData(TimeFrameKind Kind, int? FromYear, int? ToYear);

    private sealed record TaskData(string Section, string Number, string Content, List<PartyData> Lead, List<PartyData> Coordinating, TimeFrameData TimeFrame);

    private sealed record SectionData(string Code, string Title);

    private sealed record AppendixData(string Source, List<SectionData> Sections, List<TaskData> Tasks);

    private static readonly Dictionary<AssignmentStatus, string[]> Notes = new()
    {
        [AssignmentStatus.InProgress] =
        [
            "Đã ban hành kế hoạch triển khai tại đơn vị; đang tổ chức thực hiện theo tiến độ.",
            "Đã tổ chức hội nghị quán triệt cho cán bộ, công chức; tiếp tục tuyên truyền tại các thôn, bản.",
            "Đang phối hợp với Trường Cao đẳng Lai Châu rà soát nhu cầu học nghề của lao động nông thôn.",
            "Đã lồng ghép nội dung vào các buổi sinh hoạt của thôn, bản; đang tổng hợp kết quả.",
        ],
        [AssignmentStatus.Completed] =
        [
            "Đã hoàn thành; kết quả được tổng hợp trong báo cáo của đơn vị.",
            "Đã hoàn thành nhiệm vụ năm; biên bản và hình ảnh đính kèm hồ sơ lưu tại đơn vị.",
        ],
        [AssignmentStatus.Behind] =
        [
            "Chậm tiến độ do thiếu kinh phí; đề nghị Sở Tài chính xem xét bổ sung.",
            "Chậm tiến độ do địa bàn rộng, giao thông khó khăn mùa mưa.",
        ],
    };

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var provinceId = context.Province.Id;
        var organisations = await db.Organisations.Where(o => o.ProvinceId == provinceId)
            .Select(o => new { o.Id, o.Name, o.Kind, o.ShortName }).ToListAsync(cancellationToken);
        var byName = organisations.ToDictionary(o => o.Name, o => o.Id);
        var government = organisations.Single(o => o.Kind == OrganisationKind.ProvincialGovernment).Id;

        var old = new Plan
        {
            ProvinceId = provinceId, IssuedOn = new DateOnly(2024, 11, 18), IssuedById = government,
            LegalBasis = "Chương trình hành động số 56-CTr/TU ngày 07/10/2024 của Ban Thường vụ Tỉnh ủy thực hiện Chỉ thị số 37-CT/TW ngày 10/7/2024 của Ban Bí thư.",
            Notes = "Các sở, ngành, UBND các huyện, thành phố báo cáo kết quả về Sở Lao động - Thương binh và Xã hội trước ngày 05/12 hằng năm. Phụ lục nhiệm vụ không được nhập vào hệ thống.",
        };
        old.SetTitle(OldPlanNumber,
            "Triển khai thực hiện Chương trình hành động số 56-CTr/TU ngày 07/10/2024 của Ban Thường vụ Tỉnh ủy thực hiện Chỉ thị số 37-CT/TW " +
            "ngày 10/7/2024 của Ban Bí thư về đổi mới công tác đào tạo nghề cho lao động nông thôn đáp ứng yêu cầu công nghiệp hóa, hiện đại hóa nông nghiệp, nông thôn");
        db.Plans.Add(old);
        await db.SaveChangesAsync(cancellationToken);

        var appendix = LoadAppendix();
        var plan = new Plan
        {
            ProvinceId = provinceId, IssuedOn = new DateOnly(2026, 4, 1), IssuedById = government, ReplacesId = old.Id,
            LegalBasis = "Quyết định số 326/QĐ-TTg ngày 24/02/2026 của Thủ tướng Chính phủ; Quyết định số 696/QĐ-BGDĐT ngày 26/3/2026 của " +
                "Bộ Giáo dục và Đào tạo; Chương trình hành động số 56-CTr/TU ngày 07/10/2024 của Ban Thường vụ Tỉnh ủy Lai Châu.",
            Notes = "Văn bản gốc (tháng 4/2026) chưa ghi số và ngày; ngày ghi ở đây là ngày đầu tháng. Sở Giáo dục và Đào tạo là cơ quan thường trực. " +
                "Các sở, ngành, UBND các xã, phường báo cáo trước 15/12, Sở Nông nghiệp và Môi trường trước 20/12, Sở Giáo dục và Đào tạo tổng hợp báo cáo UBND tỉnh trước 31/12 hằng năm.",
        };
        plan.SetTitle(null, NewPlanTitle);
        plan.Sections = appendix.Sections.Select((s, i) => new PlanSection { Code = s.Code, Title = s.Title, Order = i + 1, ProvinceId = provinceId }).ToList();
        var order = 0;
        foreach (var data in appendix.Tasks)
        {
            var task = new PlanTask
            {
                ProvinceId = provinceId, Number = data.Number, Order = ++order, Section = plan.Sections.Single(s => s.Code == data.Section),
                TimeFrame = data.TimeFrame.Kind, FromYear = data.TimeFrame.FromYear, ToYear = data.TimeFrame.ToYear,
            };
            task.SetContent(data.Content);
            AddParties(task, PartyRole.Lead, data.Lead, byName);
            AddParties(task, PartyRole.Coordinating, data.Coordinating, byName);
            plan.Tasks.Add(task);
        }
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);

        var expander = context.Services.GetRequiredService<TaskAssignments>();
        foreach (var task in plan.Tasks)
            foreach (var (organisationId, role) in await expander.ExpandAsync(task.Parties, provinceId, cancellationToken))
                task.Assignments.Add(new TaskAssignment { OrganisationId = organisationId, ProvinceId = provinceId, Role = role });
        await db.SaveChangesAsync(cancellationToken);

        var shortNames = organisations.ToDictionary(o => o.Id, o => o.ShortName ?? o.Name);
        var from = VietnamTime.StartOfDayUtc(new DateOnly(2026, 4, 20));
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var span = Math.Max(0, (now - from).TotalMinutes);
        foreach (var assignment in plan.Tasks.SelectMany(t => t.Assignments.Select(a => (Task: t, Assignment: a))))
        {
            var roll = random.NextDouble();
            var status = roll switch
            {
                < 0.40 => AssignmentStatus.InProgress,
                < 0.50 when assignment.Task.TimeFrame != TimeFrameKind.Period => AssignmentStatus.Completed,
                < 0.55 => AssignmentStatus.Behind,
                _ => (AssignmentStatus?)null,
            };
            if (status is not { } s || span == 0) continue;
            var at = from.AddMinutes(random.NextDouble() * span);
            var notes = Notes[s];
            db.TaskUpdates.Add(new TaskUpdate
            {
                AssignmentId = assignment.Assignment.Id, OrganisationId = assignment.Assignment.OrganisationId, ProvinceId = provinceId,
                Status = s, Note = notes[random.Next(notes.Length)], At = at, UserName = shortNames[assignment.Assignment.OrganisationId],
            });
            assignment.Assignment.Status = s;
            assignment.Assignment.UpdatedAt = at;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void AddParties(PlanTask task, PartyRole role, List<PartyData> parties, Dictionary<string, int> organisations)
    {
        var order = 0;
        foreach (var party in parties)
            task.Parties.Add(new TaskParty
            {
                ProvinceId = task.ProvinceId, Role = role, Order = ++order, Label = party.Label, Group = party.Group,
                OrganisationId = party.Organisation is { } name ? organisations[name] : null,
            });
    }

    private static AppendixData LoadAppendix()
    {
        using var stream = typeof(PlansDemoSeeder).Assembly.GetManifestResourceStream("PlanDemoData/ke-hoach-thang-4-2026-phu-luc.json")
            ?? throw new InvalidOperationException("The April 2026 plan's appendix is not embedded.");
        return JsonSerializer.Deserialize<AppendixData>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } })!;
    }
}
