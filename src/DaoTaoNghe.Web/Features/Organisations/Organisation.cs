using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Organisations;

[AreaContract]
public enum OrganisationKind
{
    [Display(Name = "UBND tỉnh")] ProvincialGovernment = 1,
    [Display(Name = "Sở, ban, ngành")] Department = 2,
    [Display(Name = "UBND xã, phường")] CommuneGovernment = 3,
    [Display(Name = "Cơ sở đào tạo nghề")] TrainingInstitution = 4,
    [Display(Name = "Doanh nghiệp, hợp tác xã")] Enterprise = 5,
    [Display(Name = "Trung tâm Dịch vụ việc làm")] EmploymentCentre = 6,
    [Display(Name = "Ngân hàng Chính sách xã hội")] SocialPolicyBank = 7,
    [Display(Name = "Thanh tra")] Inspectorate = 8,
    [Display(Name = "Tổ chức khác")] Other = 9,
}

/// <summary>
/// Any body that acts in the system: a provincial department, a commune's People's Committee,
/// a training institution, an enterprise, the bank branch, the employment centre. Each sits on
/// one administrative unit; every user belongs to exactly one organisation.
/// </summary>
[AreaContract]
public class Organisation : IScopeOwned, IScopeOrganisation
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string? ShortName { get; set; }
    public OrganisationKind Kind { get; set; }

    /// <summary>Where it sits: a commune for UBND xã, institutions and enterprises; the province for departments.</summary>
    public int UnitId { get; set; }
    public AdministrativeUnit Unit { get; set; } = null!;

    /// <summary>Province of <see cref="UnitId"/>, kept here because every scope check asks for it.</summary>
    public int ProvinceId { get; set; }
    public AdministrativeUnit Province { get; set; } = null!;

    public int? ParentId { get; set; }
    public Organisation? Parent { get; set; }

    public string? Address { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public bool IsActive { get; set; } = true;
    public string SearchName { get; set; } = "";

    /// <summary>An organisation keeps its own record; the province admin keeps all of the province's.</summary>
    public ScopeOwner Owner => new(null, Id == 0 ? null : Id, ProvinceId);

    public void SetName(string name)
    {
        Name = name.Trim();
        SearchName = TextSearch.Normalize(name);
    }
}

public class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.Property(o => o.Name).HasMaxLength(300);
        b.Property(o => o.ShortName).HasMaxLength(100);
        b.Property(o => o.SearchName).HasMaxLength(300);
        b.Property(o => o.Address).HasMaxLength(300);
        b.Property(o => o.Phone).HasMaxLength(30);
        b.Property(o => o.Email).HasMaxLength(200);
        b.HasIndex(o => new { o.ProvinceId, o.Kind });
        b.HasIndex(o => o.UnitId);
        b.HasOne(o => o.Unit).WithMany().HasForeignKey(o => o.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.Province).WithMany().HasForeignKey(o => o.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
