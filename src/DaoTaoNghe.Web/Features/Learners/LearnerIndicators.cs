using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Indicators;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// People registered as learners in a period (the record's creation, in local days), in the commune
/// they lived in on that day, on that day's map (<see cref="Learner.RegisteredCommuneId"/>: a later
/// move leaves the registration where it was); merged duplicates are not counted twice. Breaks down by sex, Kinh or
/// minority, ethnic group and priority group (a person may be in several groups).
/// </summary>
public sealed class LearnerIndicators : IIndicatorSource
{
    public IEnumerable<IndicatorComputation> Computations =>
    [
        IndicatorComputation.Over("learners.registered", r => r.Db.Learners.Where(l => l.MergedIntoId == null))
            .InCommune(l => l.RegisteredCommune).At(l => l.CreatedAt)
            .Person(l => l.Id, r => r.Db.Learners)
            .ByPerson(l => l)
            .OncePerPersonNationally(l => l, r => NationalPersons.FirstOfEachPerson(r.Db.Learners.Where(l => l.MergedIntoId == null)),
                year => $"/Learners?nam-dk={year}")
            .Records(Records),
    ];

    /// <summary>The learners list filters by registration year, commune of registration, sex, ethnic group and priority group; not by "any minority".</summary>
    private static string? Records(RecordsQuery query)
    {
        if (!query.ListsShowUnit || !query.IsWholeYear) return null;
        var filter = query.Dimension switch
        {
            null => "",
            Dimension.Sex => "&gt=" + query.Key,
            Dimension.EthnicGroup when !string.IsNullOrEmpty(query.Key) => "&dt=" + query.Key,
            Dimension.Priority => "&uu-tien=" + query.Key,
            _ => null,
        };
        // A province's figure on the national tier counts that province's records, where the list shows every province's.
        var province = query.Unit.Kind == UnitKind.Province ? $"&tinh={query.Unit.Id}" : "";
        return filter is null ? null : $"/Learners?nam-dk={query.Year}{province}{query.CommuneParameter("xa-dk")}{filter}";
    }
}
