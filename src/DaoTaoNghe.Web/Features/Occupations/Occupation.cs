using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Occupations;

/// <summary>Training level (trình độ đào tạo) of a programme, a licence, a course or a plan target.</summary>
[AreaContract]
public enum TrainingLevel
{
    [Display(Name = "Sơ cấp")] Elementary = 1,
    [Display(Name = "Dưới 3 tháng, thường xuyên")] ShortCourse = 2,
    [Display(Name = "Trung cấp")] Intermediate = 3,
    [Display(Name = "Cao đẳng")] College = 4,
    [Display(Name = "Trung học nghề")] VocationalSecondary = 5,
}

[AreaContract]
public static class TrainingLevels
{
    /// <summary>Trung học nghề is a level of the vocational system from 2026 on; nothing at that level can apply earlier.</summary>
    public static readonly DateOnly VocationalSecondaryFrom = new(2026, 1, 1);

    public static bool IsAvailableOn(this TrainingLevel level, DateOnly date) =>
        level != TrainingLevel.VocationalSecondary || date >= VocationalSecondaryFrom;

    /// <summary>The levels the "≥ 1 enterprise partner" indicator counts (Kế hoạch 4656/KH-UBND §1.6).</summary>
    public static bool IsIntermediateOrCollege(this TrainingLevel level) =>
        level is TrainingLevel.Intermediate or TrainingLevel.College;
}

public enum OccupationOrigin
{
    [Display(Name = "Danh mục quốc gia")] National = 1,
    [Display(Name = "Nghề của địa phương")] Local = 2,
}

/// <summary>Agricultural or not: rural-training reports split every count this way.</summary>
[AreaContract]
public enum OccupationField
{
    [Display(Name = "Nông nghiệp")] Agriculture = 1,
    [Display(Name = "Phi nông nghiệp")] NonAgriculture = 2,
}

/// <summary>
/// An occupation (nghề đào tạo) of the province's catalogue: from the national list (codes of the
/// national classification) or one the province teaches locally. Each province keeps its own
/// catalogue, so importing the national list never touches another province.
/// </summary>
[AreaContract]
public class Occupation : IScopeOwned
{
    public int Id { get; set; }
    public int ProvinceId { get; set; }
    public AdministrativeUnit Province { get; set; } = null!;
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public OccupationOrigin Origin { get; set; }
    public OccupationField Field { get; set; }
    public string? Description { get; set; }
    public bool IsActive { get; set; } = true;
    public string SearchText { get; set; } = "";

    public ScopeOwner Owner => new(null, null, ProvinceId);

    public void SetCodeAndName(string code, string name)
    {
        Code = NormalizeCode(code);
        Name = name.Trim();
        SearchText = TextSearch.Normalize(Code + " " + Name);
    }

    public static string NormalizeCode(string? code) => (code ?? "").Trim().ToUpperInvariant();

    public const string CodePattern = "^[A-Z0-9][A-Z0-9._-]{0,19}$";
}

public class OccupationConfiguration : IEntityTypeConfiguration<Occupation>
{
    public void Configure(EntityTypeBuilder<Occupation> b)
    {
        b.Property(o => o.Code).HasMaxLength(20);
        b.Property(o => o.Name).HasMaxLength(300);
        b.Property(o => o.SearchText).HasMaxLength(330);
        b.Property(o => o.Description).HasMaxLength(2000);
        b.HasIndex(o => new { o.ProvinceId, o.Code }).IsUnique();
        b.HasOne(o => o.Province).WithMany().HasForeignKey(o => o.ProvinceId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The catalogue is read by everyone signed in to the province; the province admin keeps it.</summary>
public sealed class OccupationScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db) =>
        model.Entity<Occupation>().HasQueryFilter(ScopeRules.FilterName,
            o => db.Scope.SeesEverything || o.ProvinceId == db.Scope.ProvinceId);
}
