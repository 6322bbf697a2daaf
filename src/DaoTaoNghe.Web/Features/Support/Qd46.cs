using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Support;

/// <summary>
/// Quyết định 46/2015/QĐ-TTg (28/9/2015, in force from 15/11/2015), the support policy for sơ cấp
/// and under-3-month training, as domain.md states it: maxima per person per course by group, the
/// highest single level only, never above the actual cost; meals of 30,000 đ per day actually
/// studied and travel at the public-transport fare (at most 200,000 đ from 15 km; at most
/// 300,000 đ from 5 km for disabled learners and residents of difficult or especially difficult
/// communes) for the disabled and the two poor-household groups the decision names; once per
/// person. Loaded for the instance's own province in every environment: it is law, not demo data.
/// </summary>
public static class Qd46
{
    public const string Code = "QĐ 46/2015/QĐ-TTg";
    public const string Title = "Quyết định 46/2015/QĐ-TTg quy định chính sách hỗ trợ đào tạo trình độ sơ cấp, đào tạo dưới 3 tháng";
    public static readonly DateOnly EffectiveFrom = new(2015, 11, 15);
    public const long MealPerDay = 30_000;

    public static readonly IReadOnlyList<SupportGroupLevel> Groups =
    [
        new(SupportGroup.Disabled, 6_000_000, GetsMeals: true, GetsTravel: true),
        new(SupportGroup.EthnicMinorityPoorHousehold, 4_000_000, GetsMeals: true, GetsTravel: true),
        new(SupportGroup.PoorHouseholdEspeciallyDifficultCommune, 4_000_000, GetsMeals: true, GetsTravel: true),
        new(SupportGroup.EthnicMinority, 3_000_000, false, false),
        new(SupportGroup.PersonWithMerit, 3_000_000, false, false),
        new(SupportGroup.PoorHousehold, 3_000_000, false, false),
        new(SupportGroup.LandRecovered, 3_000_000, false, false),
        new(SupportGroup.WomanLostJob, 3_000_000, false, false),
        new(SupportGroup.Fisher, 3_000_000, false, false),
        new(SupportGroup.NearPoorHousehold, 2_500_000, false, false),
        new(SupportGroup.RuralWorker, 2_000_000, false, false),
    ];

    public static readonly IReadOnlyList<SupportTravelLevel> Travel =
    [
        new(15, 200_000, TravelCondition.Anyone),
        new(5, 300_000, TravelCondition.DisabledOrDifficultCommune),
    ];

    /// <summary>Điều 1: "hỗ trợ đào tạo trình độ sơ cấp và đào tạo dưới 3 tháng".</summary>
    public static readonly IReadOnlyList<TrainingLevel> Levels = [TrainingLevel.Elementary, TrainingLevel.ShortCourse];

    public static SupportRules Rules(int id = 0) => new(id, Code, EffectiveFrom, null, OncePerPerson: true, MealPerDay, Groups, Travel, Code, Levels);

    public static SupportRuleSet NewRuleSet(int provinceId, DateTime createdAt) => new()
    {
        ProvinceId = provinceId,
        Code = Code,
        Title = Title,
        Policy = Code,
        CoveredLevels = SupportRules.FormatLevels(Levels),
        EffectiveFrom = EffectiveFrom,
        OncePerPerson = true,
        MealPerDay = MealPerDay,
        Notes = "Mức hỗ trợ tối đa/người/khóa học; người học thuộc nhiều nhóm chỉ được hưởng một mức cao nhất; không vượt chi phí đào tạo thực tế. "
            + "Mỗi người chỉ được hỗ trợ một lần theo quyết định này; không hỗ trợ nếu đã được hưởng chính sách hỗ trợ đào tạo khác của Nhà nước.",
        CreatedAt = createdAt,
        Groups = Groups.Select(g => new SupportGroupRule { Group = g.Group, MaxPerCourse = g.MaxPerCourse, GetsMeals = g.GetsMeals, GetsTravel = g.GetsTravel }).ToList(),
        TravelRules = Travel.Select(t => new SupportTravelRule { MinDistanceKm = t.MinDistanceKm, MaxAmount = t.MaxAmount, Condition = t.Condition }).ToList(),
    };

    /// <summary>Gives the province this decision when it has no rule set yet; safe on every start.</summary>
    public static async Task EnsureForProvinceAsync(AppDbContext db, int provinceId, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        if (await db.SupportRuleSets.IgnoreQueryFilters().AnyAsync(r => r.ProvinceId == provinceId, cancellationToken)) return;
        db.SupportRuleSets.Add(NewRuleSet(provinceId, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// QĐ 46 is law, not demo data: a province's database gets its own province's rule set at start-up. Rule sets
/// are the province's records and published to the national tier, which receives every province's from
/// replication and loads none itself: two databases loading the same province's set would collide nationally
/// on (province, effective date).
/// </summary>
public sealed class Qd46ReferenceData : IStartupData
{
    public int Order => 40;
    public string Title => "Chính sách hỗ trợ theo Quyết định 46/2015/QĐ-TTg";

    public async Task RunAsync(StartupDataContext context, CancellationToken cancellationToken)
    {
        var db = context.Services.GetRequiredService<AppDbContext>();
        if (context.IsNational)
        {
            // A national database made before rule sets were published loaded all 34 in its own key range; the
            // provinces' copies replace them. No enrolment uses them: the national tier's enrolments are the provinces'.
            var own = KeyRanges.For(0, typeof(int)).Last;
            await db.SupportRuleSets.IgnoreQueryFilters().Where(r => r.Id <= own).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        var code = KeyRanges.ProvinceCodeSetting(context.Configuration);
        var province = await UnitDirectory.Units(db).Where(u => u.Level == UnitLevel.Province && u.Code == code)
            .Select(u => (int?)u.Id).SingleOrDefaultAsync(cancellationToken);
        if (province is null) return;
        await RemoveOtherProvincesAsync(db, province.Value, context.Services.GetRequiredService<ISupportRuleSetUses>(), cancellationToken);
        await Qd46.EnsureForProvinceAsync(db, province.Value, context.Services.GetRequiredService<TimeProvider>(), cancellationToken);
    }

    /// <summary>
    /// A database made before rule sets were published holds QĐ 46 for every province. The sets of other provinces
    /// that no enrolment used go; one an enrolment used stays, because the enrolment's support was computed from it
    /// (published, it would meet that province's own set nationally: docs/federation.md says what to do then).
    /// </summary>
    private static async Task RemoveOtherProvincesAsync(AppDbContext db, int provinceId, ISupportRuleSetUses uses, CancellationToken cancellationToken)
    {
        var others = await db.SupportRuleSets.IgnoreQueryFilters().Where(r => r.ProvinceId != provinceId).Select(r => r.Id).ToListAsync(cancellationToken);
        var unused = new List<int>();
        foreach (var id in others)
            if (await uses.DescribeAsync(id, cancellationToken) is null) unused.Add(id);
        foreach (var batch in unused.Chunk(500))
            await db.SupportRuleSets.IgnoreQueryFilters().Where(r => batch.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
    }
}
