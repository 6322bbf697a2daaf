using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Seeding;

/// <summary>
/// Loads the official code lists embedded in ReferenceData/ (see its SOURCES.md) into every
/// database at start-up, in every environment: 34 provinces and 3,321 communes valid from
/// 1/7/2025, the 54 ethnic groups, each pre-2025 mapping file shipped for a province, and the
/// support rules of QĐ 46/2015/QĐ-TTg for every province. Adds only what is missing, so it is safe on every start.
/// </summary>
public static class ReferenceData
{
    public static async Task LoadAsync(AppDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        await LoadProvincesAndCommunesAsync(db, cancellationToken);
        await LoadEthnicGroupsAsync(db, cancellationToken);
        await LoadMappingsAsync(db, cancellationToken);
        await Features.Support.Qd46.EnsureForAllProvincesAsync(db, clock, cancellationToken);
    }

    private static async Task LoadProvincesAndCommunesAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var provinces = await db.AdministrativeUnits.Where(u => u.Level == UnitLevel.Province)
            .ToDictionaryAsync(u => u.Code, cancellationToken);
        foreach (var row in ReadCsv("provinces_2025.csv"))
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
        foreach (var row in ReadCsv("communes_2025.csv"))
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

    private static async Task LoadEthnicGroupsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var existing = (await db.EthnicGroups.Select(e => e.Code).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var row in ReadCsv("ethnic_groups.csv").Where(r => !existing.Contains(r["code"])))
            db.EthnicGroups.Add(new EthnicGroup { Code = row["code"], Name = row["name"] });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static async Task LoadMappingsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        const string prefix = "ReferenceData/units_2024_to_2025/";
        foreach (var resource in typeof(ReferenceData).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix)).Order())
        {
            var provinceCode = Path.GetFileNameWithoutExtension(resource);
            var province = await db.AdministrativeUnits.SingleAsync(u => u.Level == UnitLevel.Province && u.Code == provinceCode, cancellationToken);
            var alreadyLoaded = await db.AdministrativeUnits.AnyAsync(u => u.ProvinceId == province.Id && u.Level == UnitLevel.District, cancellationToken);
            if (alreadyLoaded) continue;
            await using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream(resource)!;
            await UnitMappingImport.ApplyAsync(db, province.Id, UnitMappingImport.Parse(stream), cancellationToken);
        }
    }

    private static IEnumerable<Dictionary<string, string>> ReadCsv(string name)
    {
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream("ReferenceData/" + name)
            ?? throw new InvalidOperationException($"Reference data {name} is not embedded.");
        string[]? header = null;
        foreach (var record in CsvRows.Read(stream))
        {
            if (header is null) { header = record.Fields; continue; }
            yield return header.Select((h, i) => (h, v: i < record.Fields.Length ? record.Fields[i].Trim() : ""))
                .ToDictionary(p => p.h, p => p.v);
        }
    }
}
