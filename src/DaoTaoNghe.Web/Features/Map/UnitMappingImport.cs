using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Map;

/// <summary>One line of an old-to-new mapping file (same shape as laichau_units_2024_to_2025.csv).</summary>
public sealed record UnitMappingRow(int Line, string DistrictCode, string DistrictName, string OldCode, string OldName, string NewCode);

public sealed record UnitMappingResult(int DistrictsAdded, int CommunesAdded, int SuccessionsAdded, int Unchanged);

/// <summary>
/// Brings a province's pre-merger districts and communes onto the map: each old commune becomes a
/// unit valid until the day before the merger, under its old district, with a succession to the
/// current commune it became and a roll-up link for reports. Re-running the same file changes nothing.
/// Works for any province: the file names only codes that must already exist on the current map.
/// </summary>
public static class UnitMappingImport
{
    public static readonly DateOnly MergerDate = new(2025, 7, 1);
    private static readonly string[] RequiredColumns = ["old_district_code", "old_district", "old_code", "old_name", "new_code"];

    public static IReadOnlyList<UnitMappingRow> Parse(Stream csv)
    {
        List<CsvRecord> records;
        try
        {
            records = CsvRows.Read(csv).ToList();
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new ValidationFailedException("file", "Tệp không phải văn bản UTF-8. Trong Excel, hãy lưu dưới dạng \"CSV UTF-8\".");
        }
        if (records.Count == 0)
            throw new ValidationFailedException("file", "Tệp trống hoặc không có dòng tiêu đề.");
        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var missing = RequiredColumns.Where(c => !header.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new ValidationFailedException("file", $"Tệp thiếu cột: {string.Join(", ", missing)}. Cần các cột: {string.Join(", ", RequiredColumns)}.");

        var index = RequiredColumns.ToDictionary(c => c, c => Array.IndexOf(header, c));
        return records.Skip(1).Select(r =>
        {
            string Field(string name) => index[name] < r.Fields.Length ? r.Fields[index[name]].Trim() : "";
            return new UnitMappingRow(r.Line, Field("old_district_code"), Field("old_district"), Field("old_code"), Field("old_name"), Field("new_code"));
        }).ToList();
    }

    public static async Task<UnitMappingResult> ApplyAsync(AppDbContext db, int provinceId, IReadOnlyList<UnitMappingRow> rows, CancellationToken cancellationToken = default)
    {
        var province = await db.AdministrativeUnits.SingleOrDefaultAsync(u => u.Id == provinceId && u.Level == UnitLevel.Province, cancellationToken)
            ?? throw new ValidationFailedException("ProvinceId", "Tỉnh không tồn tại.");
        var lastDay = MergerDate.AddDays(-1);

        var current = await db.AdministrativeUnits
            .Where(u => u.ProvinceId == provinceId && u.Level == UnitLevel.Commune && u.ValidTo == null)
            .ToDictionaryAsync(u => u.Code, cancellationToken);
        var errors = Validate(rows, current.Keys.ToHashSet(), province.Name);
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        var districts = await db.AdministrativeUnits
            .Where(u => u.ProvinceId == provinceId && u.Level == UnitLevel.District && u.ValidTo == lastDay)
            .ToDictionaryAsync(u => u.Code, cancellationToken);
        var oldCommunes = await db.AdministrativeUnits
            .Where(u => u.ProvinceId == provinceId && u.Level == UnitLevel.Commune && u.ValidTo == lastDay)
            .ToDictionaryAsync(u => u.Code, cancellationToken);
        var successions = (await db.UnitSuccessions
            .Where(s => s.Predecessor.ProvinceId == provinceId)
            .Select(s => new { s.PredecessorId, s.SuccessorId })
            .ToListAsync(cancellationToken)).Select(s => (s.PredecessorId, s.SuccessorId)).ToHashSet();

        int districtsAdded = 0, communesAdded = 0, successionsAdded = 0, unchanged = 0;
        foreach (var row in rows)
        {
            if (!districts.TryGetValue(row.DistrictCode, out var district))
            {
                district = NewUnit(row.DistrictCode, row.DistrictName, UnitLevel.District, DistrictType(row.DistrictName), province, province.Id, lastDay);
                db.AdministrativeUnits.Add(district);
                districts[row.DistrictCode] = district;
                districtsAdded++;
            }
            var successor = current[row.NewCode];
            if (!oldCommunes.TryGetValue(row.OldCode, out var old))
            {
                old = NewUnit(row.OldCode, row.OldName, UnitLevel.Commune, CommuneType(row.OldName), district, province.Id, lastDay);
                old.RollUpUnit = successor;
                db.AdministrativeUnits.Add(old);
                oldCommunes[row.OldCode] = old;
                communesAdded++;
            }
            else unchanged++;

            if (old.Id == 0 || !successions.Contains((old.Id, successor.Id)))
            {
                db.UnitSuccessions.Add(new UnitSuccession { Predecessor = old, Successor = successor, EffectiveOn = MergerDate });
                successionsAdded++;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return new UnitMappingResult(districtsAdded, communesAdded, successionsAdded, unchanged);
    }

    private static List<FieldError> Validate(IReadOnlyList<UnitMappingRow> rows, HashSet<string> currentCodes, string provinceName)
    {
        var errors = new List<FieldError>();
        if (rows.Count == 0) errors.Add(new FieldError("file", "Tệp không có dòng dữ liệu nào."));
        var seenOldCodes = new Dictionary<string, string>();
        foreach (var row in rows)
        {
            var where = $"Dòng {row.Line}";
            if (!IsDigits(row.DistrictCode, 3)) errors.Add(new FieldError("old_district_code", $"{where}: mã huyện \"{row.DistrictCode}\" phải gồm 3 chữ số."));
            if (string.IsNullOrWhiteSpace(row.DistrictName)) errors.Add(new FieldError("old_district", $"{where}: thiếu tên huyện."));
            if (!IsDigits(row.OldCode, 5)) errors.Add(new FieldError("old_code", $"{where}: mã xã cũ \"{row.OldCode}\" phải gồm 5 chữ số."));
            if (string.IsNullOrWhiteSpace(row.OldName)) errors.Add(new FieldError("old_name", $"{where}: thiếu tên xã cũ."));
            if (!currentCodes.Contains(row.NewCode))
                errors.Add(new FieldError("new_code", $"{where}: mã xã mới \"{row.NewCode}\" không thuộc danh sách xã, phường hiện hành của {provinceName}."));
            if (seenOldCodes.TryGetValue(row.OldCode, out var newCode) && newCode == row.NewCode)
                errors.Add(new FieldError("old_code", $"{where}: mã xã cũ \"{row.OldCode}\" bị lặp."));
            seenOldCodes[row.OldCode] = row.NewCode;
        }
        return errors;
    }

    private static bool IsDigits(string value, int length) => value.Length == length && value.All(char.IsAsciiDigit);

    private static AdministrativeUnit NewUnit(string code, string name, UnitLevel level, UnitType type, AdministrativeUnit parent, int provinceId, DateOnly validTo)
    {
        var unit = new AdministrativeUnit { Code = code, Level = level, Type = type, Parent = parent, ProvinceId = provinceId, ValidTo = validTo };
        unit.SetName(name);
        return unit;
    }

    private static UnitType DistrictType(string name) =>
        name.StartsWith("Thành phố", StringComparison.OrdinalIgnoreCase) ? UnitType.ProvincialCity
        : name.StartsWith("Thị xã", StringComparison.OrdinalIgnoreCase) ? UnitType.Town
        : name.StartsWith("Quận", StringComparison.OrdinalIgnoreCase) ? UnitType.UrbanDistrict
        : UnitType.District;

    public static UnitType CommuneType(string name) =>
        name.StartsWith("Phường", StringComparison.OrdinalIgnoreCase) ? UnitType.Ward
        : name.StartsWith("Thị trấn", StringComparison.OrdinalIgnoreCase) ? UnitType.Township
        : name.StartsWith("Đặc khu", StringComparison.OrdinalIgnoreCase) ? UnitType.SpecialZone
        : UnitType.Commune;
}
