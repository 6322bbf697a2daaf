using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>
/// The rows of a breakdown by a record dimension, labelled: every category of a short list (sex,
/// Kinh / minority, priority group, level) in its order, zeros included; the groups, occupations or
/// institutions that have a value, by name; and "not recorded" when some records lack the value.
/// </summary>
public static class BreakdownLabels
{
    public const string NotRecorded = "Chưa ghi nhận";

    public static async Task<IReadOnlyList<(string Key, string Label)>> ForAsync(AppDbContext db, Dimension dimension, IEnumerable<string> keys,
        CancellationToken cancellationToken)
    {
        var present = keys.ToHashSet();
        var rows = dimension switch
        {
            Dimension.Sex => Categories<Sex>(),
            Dimension.Priority => Categories<PriorityCategory>(),
            Dimension.Level => Categories<TrainingLevel>(),
            Dimension.Minority => [(bool.FalseString, "Kinh"), (bool.TrueString, "Dân tộc thiểu số")],
            Dimension.EthnicGroup => await NamesAsync(present, ids => EthnicGroupList.All(db).AsNoTracking().Where(e => ids.Contains(e.Id))
                .OrderBy(e => e.Code).Select(e => new Named(e.Id, e.Name)), cancellationToken),
            Dimension.Occupation => await NamesAsync(present, ids => OccupationDirectory.Visible(db).AsNoTracking().Where(o => ids.Contains(o.Id))
                .OrderBy(o => o.Name).Select(o => new Named(o.Id, o.Name)), cancellationToken),
            Dimension.Institution => await NamesAsync(present, ids => OrganisationDirectory.Visible(db).AsNoTracking().Where(o => ids.Contains(o.Id))
                .OrderBy(o => o.Name).Select(o => new Named(o.Id, o.Name)), cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Places are labelled from the map."),
        };
        if (present.Contains(IndicatorEngine.NullKey)) rows.Add((IndicatorEngine.NullKey, NotRecorded));
        return rows;
    }

    private static List<(string, string)> Categories<T>() where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => (v.ToString(), Fmt.Enum(v))).ToList();

    private sealed record Named(int Id, string Name);

    /// <summary>Names of the ids found among the keys, in one query.</summary>
    private static async Task<List<(string, string)>> NamesAsync(HashSet<string> keys, Func<List<int>, IQueryable<Named>> query,
        CancellationToken cancellationToken)
    {
        var ids = keys.Where(k => k != IndicatorEngine.NullKey).Select(int.Parse).ToList();
        if (ids.Count == 0) return [];
        return (await query(ids).ToListAsync(cancellationToken)).Select(n => (n.Id.ToString(), n.Name)).ToList();
    }
}
