using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Outreach;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Two years and more of outreach in Lai Châu: 2024 activity recorded against the communes of the
/// time (so it rolls up to today's communes), later activity against today's communes.
/// </summary>
public sealed class OutreachDemoSeeder : IDemoSeeder
{
    public int Order => 200;

    public string Title => "tuyên truyền, tư vấn";

    private static readonly string[] Topics =
    [
        "Tuyên truyền chính sách hỗ trợ học nghề cho lao động nông thôn",
        "Tư vấn học nghề trồng và chế biến chè",
        "Giới thiệu lớp nghề chăn nuôi gia súc, gia cầm",
        "Phổ biến Chỉ thị 37-CT/TW về đổi mới đào tạo nghề",
        "Tư vấn việc làm sau đào tạo và vay vốn Ngân hàng Chính sách xã hội",
        "Giới thiệu nghề dệt thổ cẩm, may mặc cho phụ nữ dân tộc thiểu số",
        "Tuyên truyền xuất khẩu lao động theo hợp đồng",
        "Hướng nghiệp cho thanh niên sau tốt nghiệp THCS, THPT",
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var communes = await db.AdministrativeUnits
            .Where(u => u.ProvinceId == context.Province.Id && u.Level == UnitLevel.Commune)
            .Select(u => new { u.Id, u.ValidTo, NowId = u.RollUpUnitId ?? u.Id })
            .ToListAsync(cancellationToken);
        var communeGovernments = await db.Organisations
            .Where(o => o.ProvinceId == context.Province.Id && o.Kind == OrganisationKind.CommuneGovernment)
            .ToDictionaryAsync(o => o.UnitId, o => o.Id, cancellationToken);
        var old = communes.Where(c => c.ValidTo != null).ToList();
        var current = communes.Where(c => c.ValidTo == null).ToList();

        var start = new DateOnly(2024, 1, 1);
        var days = context.Today.DayNumber - start.DayNumber;
        for (var i = 0; i < 180; i++)
        {
            var heldOn = start.AddDays(random.Next(days));
            var commune = heldOn < UnitMappingImport.MergerDate ? old[random.Next(old.Count)] : current[random.Next(current.Count)];
            var outreach = new OutreachEvent
            {
                CommuneId = commune.Id,
                OrganisationId = communeGovernments[commune.NowId],
                HeldOn = heldOn,
                Channel = (OutreachChannel)new[] { 1, 1, 1, 2, 2, 3, 4, 5, 6, 7 }[random.Next(10)],
                Participants = 15 + random.Next(250),
            };
            outreach.SetTitle(Topics[random.Next(Topics.Length)]);
            db.OutreachEvents.Add(outreach);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
