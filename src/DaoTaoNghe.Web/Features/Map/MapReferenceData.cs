using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Map;

/// <summary>
/// The official map in every database: 34 provinces and 3,321 communes valid from 1/7/2025, and each
/// pre-2025 mapping file shipped for a province (ReferenceData/, see its SOURCES.md). Adds only what is missing.
/// </summary>
public sealed class MapReferenceData : IStartupData
{
    public int Order => 10;
    public string Title => "Danh mục đơn vị hành chính trước và sau 01/7/2025";

    public async Task RunAsync(StartupDataContext context, CancellationToken cancellationToken)
    {
        var db = context.Services.GetRequiredService<AppDbContext>();
        await LoadProvincesAndCommunesAsync(db, cancellationToken);
        await LoadMappingsAsync(db, cancellationToken);
    }

    private static async Task LoadProvincesAndCommunesAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var provinces = await db.AdministrativeUnits.Where(u => u.Level == UnitLevel.Province)
            .ToDictionaryAsync(u => u.Code, cancellationToken);
        foreach (var row in ReferenceFiles.ReadCsv("provinces_2025.csv"))
        {
            if (provinces.ContainsKey(row["code"])) continue;
            var province = new AdministrativeUnit
            {
                Code = row["code"],
                Level = UnitLevel.Province,
                Type = row["type"] == "municipality" ? UnitType.Municipality : UnitType.Province,
            };
            province.SetName(row["name"]);
            db.AdministrativeUnits.Add(province);
            provinces[province.Code] = province;
        }
        await db.SaveChangesAsync(cancellationToken);

        var existing = (await db.AdministrativeUnits
            .Where(u => u.Level == UnitLevel.Commune && u.ValidFrom == UnitMappingImport.MergerDate)
            .Select(u => u.Code).ToListAsync(cancellationToken)).ToHashSet();
        var added = 0;
        foreach (var row in ReferenceFiles.ReadCsv("communes_2025.csv"))
        {
            if (existing.Contains(row["code"])) continue;
            var province = provinces[row["province_code"]];
            var commune = new AdministrativeUnit
            {
                Code = row["code"],
                Level = UnitLevel.Commune,
                Type = row["type"] switch { "ward" => UnitType.Ward, "special_zone" => UnitType.SpecialZone, _ => UnitType.Commune },
                ParentId = province.Id,
                ProvinceId = province.Id,
                ValidFrom = UnitMappingImport.MergerDate,
            };
            commune.SetName(row["name"]);
            db.AdministrativeUnits.Add(commune);
            added++;
        }
        if (added > 0) await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task LoadMappingsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        foreach (var resource in ReferenceFiles.In("units_2024_to_2025"))
        {
            var provinceCode = Path.GetFileNameWithoutExtension(resource);
            var province = await db.AdministrativeUnits.SingleAsync(u => u.Level == UnitLevel.Province && u.Code == provinceCode, cancellationToken);
            var alreadyLoaded = await db.AdministrativeUnits.AnyAsync(u => u.ProvinceId == province.Id && u.Level == UnitLevel.District, cancellationToken);
            if (alreadyLoaded) continue;
            await using var stream = ReferenceFiles.Open(resource);
            await UnitMappingImport.ApplyAsync(db, province.Id, UnitMappingImport.Parse(stream), cancellationToken);
        }
    }
}
