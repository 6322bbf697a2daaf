using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Map;

/// <summary>
/// The communes of the caller's province, today's and those before 1/7/2025, loaded once so an
/// import can resolve thousands of rows' "commune code or name" without a query each. A commune is
/// resolved as it was on the row's date (old and new communes share codes and names), and must be
/// one the caller may record data in, by the same rule as <see cref="UnitChoices.IsWritableCommuneAsync"/>.
/// </summary>
[AreaContract]
public sealed class CommuneCatalogue
{
    public sealed record Entry(int Id, string Code, string Name, string? District, DateOnly? ValidFrom, DateOnly? ValidTo, string? NowName, bool Writable)
    {
        public bool IsValidOn(DateOnly date) => (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || ValidTo >= date);
    }

    private static readonly string[] TypePrefixes = ["xa ", "phuong ", "thi tran ", "dac khu "];

    private readonly string _provinceName;
    private readonly Dictionary<string, List<Entry>> _byCode = [];
    private readonly Dictionary<string, List<Entry>> _byName = [];

    private CommuneCatalogue(string provinceName, List<Entry> entries)
    {
        _provinceName = provinceName;
        Entries = entries;
        foreach (var entry in entries)
        {
            Add(_byCode, entry.Code, entry);
            var name = TextSearch.Normalize(entry.Name);
            Add(_byName, name, entry);
            if (TypePrefixes.FirstOrDefault(name.StartsWith) is { } prefix) Add(_byName, name[prefix.Length..], entry);
        }
    }

    public IReadOnlyList<Entry> Entries { get; }

    public static async Task<CommuneCatalogue> LoadAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var scope = db.Scope;
        var provinceName = await db.AdministrativeUnits.Where(u => u.Id == scope.ProvinceId).Select(u => u.Name).SingleOrDefaultAsync(cancellationToken) ?? "tỉnh của bạn";
        var entries = await db.AdministrativeUnits.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && u.ProvinceId == scope.ProvinceId)
            .OrderBy(u => u.ValidTo != null).ThenBy(u => u.Code)
            .Select(u => new Entry(u.Id, u.Code, u.Name, u.Parent != null && u.Parent.Level == UnitLevel.District ? u.Parent.Name : null,
                u.ValidFrom, u.ValidTo, u.RollUpUnit != null ? u.RollUpUnit.Name : null,
                scope.IsSystem || (scope.Level == ScopeLevel.Commune ? u.Id == scope.CommuneId || u.RollUpUnitId == scope.CommuneId : u.ProvinceId == scope.ProvinceId)))
            .ToListAsync(cancellationToken);
        return new CommuneCatalogue(provinceName, entries);
    }

    /// <summary>
    /// The commune a file names by 5-digit code (leading zeros optional) or by name (with or without
    /// "Xã", "Phường"), as it was on <paramref name="date"/>. Without a date (the row's own date was
    /// unreadable and is reported) today's commune is preferred and validity is not judged.
    /// </summary>
    public (int? Id, string? Error) Resolve(string text, DateOnly? date)
    {
        var trimmed = text.Trim();
        var isCode = trimmed.Length is > 0 and <= 5 && trimmed.All(char.IsAsciiDigit);
        var candidates = isCode
            ? _byCode.GetValueOrDefault(trimmed.PadLeft(5, '0'))
            : _byName.GetValueOrDefault(TextSearch.Normalize(trimmed));
        if (candidates is null)
            return (null, $"không tìm thấy xã, phường \"{trimmed}\" của {_provinceName}; hãy ghi mã 5 chữ số hoặc tên đúng như trong danh mục.");

        if (date is null)
        {
            var current = candidates.Where(c => c.ValidTo is null).ToList();
            candidates = current.Count > 0 ? current : candidates;
        }
        var valid = date is { } day ? candidates.Where(c => c.IsValidOn(day)).ToList() : candidates;
        if (valid.Count == 0)
        {
            var entry = candidates[0];
            return (null, entry.ValidTo is { } end && end < date
                ? $"{entry.Name} chỉ có đến ngày {Fmt.Date(end)} (nay thuộc {entry.NowName}); hoạt động ngày {Fmt.Date(date)} hãy ghi cho {entry.NowName}."
                : $"{entry.Name} không có hiệu lực vào ngày {Fmt.Date(date)}; trước ngày {Fmt.Date(entry.ValidFrom)} hãy ghi xã, phường cũ (xem danh mục).");
        }
        if (valid.Count > 1)
            return (null, $"có {valid.Count} xã, phường tên \"{trimmed}\" ({string.Join("; ", valid.Select(v => $"{v.Name} – mã {v.Code}{(v.District is null ? "" : ", " + v.District)}"))}); hãy ghi mã xã.");
        return valid[0].Writable
            ? (valid[0].Id, null)
            : (null, $"{valid[0].Name} nằm ngoài phạm vi của bạn.");
    }

    /// <summary>The communes the caller may record in (those valid on <paramref name="validOn"/>, if given), as a list for a template: code, name, when valid.</summary>
    public IReadOnlyList<IReadOnlyList<string>> WritableRows(DateOnly? validOn = null) =>
        Entries.Where(e => e.Writable && (validOn is not { } day || e.IsValidOn(day)))
            .Select(e => (IReadOnlyList<string>)[
                e.Code,
                e.Name,
                e.District ?? "",
                e.ValidTo is { } end ? $"đến {Fmt.Date(end)}, nay thuộc {e.NowName}" : e.ValidFrom is { } start ? $"từ {Fmt.Date(start)}" : "đang hiệu lực",
            ])
            .ToList();

    public static IReadOnlyList<string> ListHeaders { get; } = ["Mã", "Tên xã, phường", "Huyện (trước 2025)", "Hiệu lực"];

    private static void Add(Dictionary<string, List<Entry>> index, string key, Entry entry)
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        if (!list.Contains(entry)) list.Add(entry);
    }
}
