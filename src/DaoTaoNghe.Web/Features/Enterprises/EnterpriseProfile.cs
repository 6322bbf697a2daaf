using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Enterprises;

public enum EnterpriseForm
{
    [Display(Name = "Công ty TNHH")] LimitedCompany = 1,
    [Display(Name = "Công ty cổ phần")] JointStock = 2,
    [Display(Name = "Doanh nghiệp tư nhân")] SoleProprietorship = 3,
    [Display(Name = "Hợp tác xã")] Cooperative = 4,
    [Display(Name = "Chi nhánh doanh nghiệp")] Branch = 5,
    [Display(Name = "Doanh nghiệp nhà nước")] StateOwned = 6,
    [Display(Name = "Hộ kinh doanh")] HouseholdBusiness = 7,
    [Display(Name = "Khác")] Other = 9,
}

public enum EnterpriseSector
{
    [Display(Name = "Nông, lâm nghiệp, thủy sản")] Agriculture = 1,
    [Display(Name = "Chế biến chè, nông sản, dược liệu, thực phẩm")] FoodProcessing = 2,
    [Display(Name = "Dệt may, thủ công mỹ nghệ")] Garments = 3,
    [Display(Name = "Xây dựng, vật liệu xây dựng")] Construction = 4,
    [Display(Name = "Điện, thủy điện")] Energy = 5,
    [Display(Name = "Khai khoáng")] Mining = 6,
    [Display(Name = "Cơ khí, sửa chữa")] Mechanics = 7,
    [Display(Name = "Thương mại")] Trade = 8,
    [Display(Name = "Du lịch, lưu trú, ăn uống")] Tourism = 9,
    [Display(Name = "Vận tải")] Transport = 10,
    [Display(Name = "Dịch vụ khác")] Services = 11,
}

/// <summary>Size class of Nghị định 80/2021/NĐ-CP.</summary>
public enum EnterpriseSize
{
    [Display(Name = "Siêu nhỏ")] Micro = 1,
    [Display(Name = "Nhỏ")] Small = 2,
    [Display(Name = "Vừa")] Medium = 3,
    [Display(Name = "Lớn")] Large = 4,
}

/// <summary>
/// The registry details of an enterprise or cooperative. The enterprise itself is its
/// <see cref="Organisation"/> (name, commune, address, phone; users belong to it); this row adds the
/// tax code, legal form, sector and size. The enterprise keeps it, the province admin too.
/// </summary>
[AreaContract]
public class EnterpriseProfile : IScopeOwned
{
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public int ProvinceId { get; set; }

    /// <summary>Mã số thuế: 10 digits, or 10 digits, "-" and 3 digits for a branch; see <see cref="TaxCode"/>.</summary>
    public string TaxCode { get; set; } = "";
    public EnterpriseForm Form { get; set; }
    public EnterpriseSector Sector { get; set; }
    public EnterpriseSize Size { get; set; }
    public int? Employees { get; set; }
    public string? Representative { get; set; }
    public DateOnly? FoundedOn { get; set; }
    public string? MainActivities { get; set; }

    /// <summary>The enterprise itself, or its province's admin (named directly: a new profile's organisation has no id yet).</summary>
    public ScopeOwner Owner => new(null, OrganisationId, ProvinceId);
}

public class EnterpriseProfileConfiguration : IEntityTypeConfiguration<EnterpriseProfile>
{
    public void Configure(EntityTypeBuilder<EnterpriseProfile> b)
    {
        b.HasKey(p => p.OrganisationId);
        b.Property(p => p.OrganisationId).ValueGeneratedNever();
        b.Property(p => p.TaxCode).HasMaxLength(14);
        b.Property(p => p.Representative).HasMaxLength(200);
        b.Property(p => p.MainActivities).HasMaxLength(500);
        b.HasIndex(p => new { p.ProvinceId, p.TaxCode }).IsUnique();
        b.HasIndex(p => new { p.ProvinceId, p.Sector });
        b.HasOne(p => p.Organisation).WithOne().HasForeignKey<EnterpriseProfile>(p => p.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Enterprise profiles are public business facts: everyone signed in to the province reads them.</summary>
public sealed class EnterpriseScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db) =>
        model.Entity<EnterpriseProfile>().HasQueryFilter(ScopeRules.FilterName,
            p => db.Scope.SeesEverything || p.ProvinceId == db.Scope.ProvinceId);
}
