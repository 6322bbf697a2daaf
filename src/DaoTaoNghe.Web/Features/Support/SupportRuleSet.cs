using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Support;

/// <summary>
/// The groups a support decision names, in the order QĐ 46/2015/QĐ-TTg lists them (which also
/// breaks ties between equal maxima). A rule set gives each group it covers a maximum.
/// </summary>
[AreaContract]
public enum SupportGroup
{
    [Display(Name = "Người khuyết tật")] Disabled = 1,
    [Display(Name = "Người dân tộc thiểu số thuộc hộ nghèo")] EthnicMinorityPoorHousehold = 2,
    [Display(Name = "Người thuộc hộ nghèo ở xã đặc biệt khó khăn")] PoorHouseholdEspeciallyDifficultCommune = 3,
    [Display(Name = "Người dân tộc thiểu số")] EthnicMinority = 4,
    [Display(Name = "Người thuộc diện hưởng chính sách ưu đãi người có công")] PersonWithMerit = 5,
    [Display(Name = "Người thuộc hộ nghèo")] PoorHousehold = 6,
    [Display(Name = "Người thuộc hộ bị thu hồi đất nông nghiệp, đất kinh doanh")] LandRecovered = 7,
    [Display(Name = "Lao động nữ bị mất việc làm")] WomanLostJob = 8,
    [Display(Name = "Ngư dân")] Fisher = 9,
    [Display(Name = "Người thuộc hộ cận nghèo")] NearPoorHousehold = 10,
    [Display(Name = "Phụ nữ, lao động nông thôn khác")] RuralWorker = 11,
}

/// <summary>Who a travel level applies to: everyone whose group gets travel, or only the disabled and residents of difficult communes.</summary>
public enum TravelCondition
{
    [Display(Name = "Mọi người học thuộc nhóm được hỗ trợ đi lại")] Anyone = 1,
    [Display(Name = "Người khuyết tật, người cư trú ở xã khó khăn hoặc đặc biệt khó khăn")] DisabledOrDifficultCommune = 2,
}

/// <summary>A commune's classification for support (xã khó khăn, đặc biệt khó khăn).</summary>
[AreaContract]
public enum CommuneDifficulty
{
    [Display(Name = "Không thuộc diện khó khăn")] NotDifficult = 1,
    [Display(Name = "Xã khó khăn")] Difficult = 2,
    [Display(Name = "Xã đặc biệt khó khăn")] EspeciallyDifficult = 3,
}

/// <summary>
/// A dated set of support rules (chính sách hỗ trợ đào tạo) for a province: data, not code. The
/// set in force on a course's start date governs every enrolment in it, so a new set starting on
/// a date leaves older courses on the old rules. Sets of one province do not overlap; a set is
/// never changed once in force.
/// </summary>
[AreaContract]
public class SupportRuleSet : IScopeOwned
{
    public int Id { get; set; }
    public int ProvinceId { get; set; }
    public AdministrativeUnit Province { get; set; } = null!;

    /// <summary>The decision's number, e.g. "QĐ 46/2015/QĐ-TTg".</summary>
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public DateOnly EffectiveFrom { get; set; }
    public DateOnly? EffectiveTo { get; set; }

    /// <summary>
    /// The policy the set implements, e.g. "QĐ 46/2015/QĐ-TTg": a later set that only changes the
    /// amounts implements the same policy, so "once per person" holds across all its sets.
    /// </summary>
    public string? Policy { get; set; }

    /// <summary>
    /// The training levels the policy covers, comma-separated level names (QĐ 46: sơ cấp and under
    /// 3 months); empty when the set says nothing of levels. A course of another level gets no support.
    /// </summary>
    public string? CoveredLevels { get; set; }

    /// <summary>A person is supported once under this policy (QĐ 46: "chỉ được hỗ trợ đào tạo một lần").</summary>
    public bool OncePerPerson { get; set; }

    /// <summary>Meal allowance per day actually studied, for the groups that get meals.</summary>
    public long MealPerDay { get; set; }
    public string? Notes { get; set; }
    public DateTime CreatedAt { get; set; }

    public List<SupportGroupRule> Groups { get; set; } = [];
    public List<SupportTravelRule> TravelRules { get; set; } = [];

    public ScopeOwner Owner => new(null, null, ProvinceId);

    public bool IsInForceOn(DateOnly date) => EffectiveFrom <= date && (EffectiveTo is null || EffectiveTo >= date);
}

[AreaContract]
public class SupportGroupRule
{
    public int Id { get; set; }
    public int RuleSetId { get; set; }
    public SupportRuleSet RuleSet { get; set; } = null!;
    public SupportGroup Group { get; set; }

    /// <summary>Maximum training-cost support per person per course.</summary>
    public long MaxPerCourse { get; set; }
    public bool GetsMeals { get; set; }
    public bool GetsTravel { get; set; }
}

/// <summary>Travel support: at the public-transport fare, at most <see cref="MaxAmount"/> per course when the venue is at least <see cref="MinDistanceKm"/> from home.</summary>
[AreaContract]
public class SupportTravelRule
{
    public int Id { get; set; }
    public int RuleSetId { get; set; }
    public SupportRuleSet RuleSet { get; set; } = null!;
    public int MinDistanceKm { get; set; }
    public long MaxAmount { get; set; }
    public TravelCondition Condition { get; set; }
}

/// <summary>A commune's difficulty classification over a period; the newest period has no end.</summary>
public class CommuneClassification : IScopeOwned
{
    public int Id { get; set; }
    public int CommuneId { get; set; }
    public AdministrativeUnit Commune { get; set; } = null!;
    public int ProvinceId { get; set; }
    public CommuneDifficulty Difficulty { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string? LegalBasis { get; set; }

    /// <summary>Classifications are the province's to set, not the commune's.</summary>
    public ScopeOwner Owner => new(null, null, ProvinceId);
}

public class SupportRuleSetConfiguration : IEntityTypeConfiguration<SupportRuleSet>
{
    public void Configure(EntityTypeBuilder<SupportRuleSet> b)
    {
        b.Property(r => r.Code).HasMaxLength(100);
        b.Property(r => r.Title).HasMaxLength(300);
        b.Property(r => r.Policy).HasMaxLength(100);
        b.Property(r => r.CoveredLevels).HasMaxLength(200);
        b.Property(r => r.Notes).HasMaxLength(2000);
        b.HasIndex(r => new { r.ProvinceId, r.EffectiveFrom }).IsUnique();
        b.HasOne(r => r.Province).WithMany().HasForeignKey(r => r.ProvinceId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class SupportGroupRuleConfiguration : IEntityTypeConfiguration<SupportGroupRule>
{
    public void Configure(EntityTypeBuilder<SupportGroupRule> b)
    {
        b.HasIndex(g => new { g.RuleSetId, g.Group }).IsUnique();
        b.HasOne(g => g.RuleSet).WithMany(r => r.Groups).HasForeignKey(g => g.RuleSetId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class SupportTravelRuleConfiguration : IEntityTypeConfiguration<SupportTravelRule>
{
    public void Configure(EntityTypeBuilder<SupportTravelRule> b)
    {
        b.HasIndex(t => t.RuleSetId);
        b.HasOne(t => t.RuleSet).WithMany(r => r.TravelRules).HasForeignKey(t => t.RuleSetId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class CommuneClassificationConfiguration : IEntityTypeConfiguration<CommuneClassification>
{
    public void Configure(EntityTypeBuilder<CommuneClassification> b)
    {
        b.Property(c => c.LegalBasis).HasMaxLength(300);
        b.HasIndex(c => new { c.CommuneId, c.ValidFrom }).IsUnique();
        b.HasIndex(c => c.ProvinceId);
        b.HasOne(c => c.Commune).WithMany().HasForeignKey(c => c.CommuneId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Rules and classifications are public policy: every signed-in user of the province reads them; only its admin writes.</summary>
public sealed class SupportScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        model.Entity<SupportRuleSet>().HasQueryFilter(ScopeRules.FilterName,
            r => db.Scope.SeesEverything || r.ProvinceId == db.Scope.ProvinceId);
        model.Entity<SupportGroupRule>().HasQueryFilter(ScopeRules.FilterName,
            g => db.Scope.SeesEverything || g.RuleSet.ProvinceId == db.Scope.ProvinceId);
        model.Entity<SupportTravelRule>().HasQueryFilter(ScopeRules.FilterName,
            t => db.Scope.SeesEverything || t.RuleSet.ProvinceId == db.Scope.ProvinceId);
        model.Entity<CommuneClassification>().HasQueryFilter(ScopeRules.FilterName,
            c => db.Scope.SeesEverything || c.ProvinceId == db.Scope.ProvinceId);
    }
}
