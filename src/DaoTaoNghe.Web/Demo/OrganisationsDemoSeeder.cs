using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Lai Châu's bodies as the April 2026 plan names them: the provincial departments, the People's
/// Committee of each of the 38 communes and wards, Trường Cao đẳng Lai Châu, the bank branch and
/// the employment centre, and one enterprise for the demo enterprise account.
/// </summary>
public sealed class OrganisationsDemoSeeder : IDemoSeeder
{
    public int Order => 100;

    public string Title => "cơ quan, đơn vị";

    public static readonly (string Name, string Short, OrganisationKind Kind)[] ProvincialBodies =
    [
        ("Ủy ban nhân dân tỉnh Lai Châu", "UBND tỉnh", OrganisationKind.ProvincialGovernment),
        ("Sở Giáo dục và Đào tạo tỉnh Lai Châu", "Sở GD&ĐT", OrganisationKind.Department),
        ("Sở Nông nghiệp và Môi trường tỉnh Lai Châu", "Sở NN&MT", OrganisationKind.Department),
        ("Sở Nội vụ tỉnh Lai Châu", "Sở Nội vụ", OrganisationKind.Department),
        ("Sở Tài chính tỉnh Lai Châu", "Sở Tài chính", OrganisationKind.Department),
        ("Sở Dân tộc và Tôn giáo tỉnh Lai Châu", "Sở DT&TG", OrganisationKind.Department),
        ("Sở Văn hóa, Thể thao và Du lịch tỉnh Lai Châu", "Sở VH,TT&DL", OrganisationKind.Department),
        ("Thanh tra tỉnh Lai Châu", "Thanh tra tỉnh", OrganisationKind.Inspectorate),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lai Châu", "UBMTTQ tỉnh", OrganisationKind.Other),
        ("Báo và Phát thanh, Truyền hình Lai Châu", "Báo và PT-TH", OrganisationKind.Other),
        ("Ngân hàng Chính sách xã hội chi nhánh tỉnh Lai Châu", "NHCSXH", OrganisationKind.SocialPolicyBank),
        ("Trung tâm Điều dưỡng người có công và Dịch vụ việc làm tỉnh Lai Châu", "TT DVVL", OrganisationKind.EmploymentCentre),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var provinceId = context.Province.Id;
        foreach (var (name, shortName, kind) in ProvincialBodies)
            db.Organisations.Add(New(name, shortName, kind, provinceId, provinceId, "Phường Tân Phong, tỉnh Lai Châu"));

        var communes = await db.AdministrativeUnits
            .Where(u => u.ProvinceId == provinceId && u.Level == UnitLevel.Commune && u.ValidTo == null)
            .OrderBy(u => u.Code).ToListAsync(cancellationToken);
        foreach (var commune in communes)
            db.Organisations.Add(New(CommuneGovernmentName(commune), "UBND " + commune.Name, OrganisationKind.CommuneGovernment,
                commune.Id, provinceId, commune.Name + ", tỉnh Lai Châu"));

        var doanKet = communes.Single(c => c.Name == "Phường Đoàn Kết");
        db.Organisations.Add(New("Trường Cao đẳng Lai Châu", "CĐ Lai Châu", OrganisationKind.TrainingInstitution,
            doanKet.Id, provinceId, "Phường Đoàn Kết, tỉnh Lai Châu"));
        var tanUyen = communes.Single(c => c.Name == "Xã Tân Uyên");
        db.Organisations.Add(New("Hợp tác xã Chè Tân Uyên", "HTX Chè Tân Uyên", OrganisationKind.Enterprise,
            tanUyen.Id, provinceId, "Xã Tân Uyên, tỉnh Lai Châu"));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>"Xã Bình Lư" → "Ủy ban nhân dân xã Bình Lư".</summary>
    public static string CommuneGovernmentName(AdministrativeUnit commune) =>
        "Ủy ban nhân dân " + char.ToLowerInvariant(commune.Name[0]) + commune.Name[1..];

    private static Organisation New(string name, string shortName, OrganisationKind kind, int unitId, int provinceId, string address)
    {
        var organisation = new Organisation { ShortName = shortName, Kind = kind, UnitId = unitId, ProvinceId = provinceId, Address = address };
        organisation.SetName(name);
        return organisation;
    }
}
