using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Expressions;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Outreach;

public enum OutreachChannel
{
    [Display(Name = "Hội nghị, họp thôn bản")] Meeting = 1,
    [Display(Name = "Loa truyền thanh xã")] Loudspeaker = 2,
    [Display(Name = "Phát thanh, truyền hình")] Broadcast = 3,
    [Display(Name = "Mạng xã hội, cổng thông tin")] Online = 4,
    [Display(Name = "Tờ rơi, pano, áp phích")] Print = 5,
    [Display(Name = "Tư vấn trực tiếp tại hộ gia đình")] HouseholdVisit = 6,
    [Display(Name = "Ngày hội tư vấn, hướng nghiệp")] CareerFair = 7,
    [Display(Name = "Hình thức khác")] Other = 9,
}

/// <summary>
/// An outreach activity (hoạt động tuyên truyền) about vocational training: where it was held,
/// who organised it, how, and how many people it reached. Belongs to its commune.
/// </summary>
public class OutreachEvent : IScopeOwned
{
    public int Id { get; set; }
    public int CommuneId { get; set; }
    public AdministrativeUnit Commune { get; set; } = null!;
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public DateOnly HeldOn { get; set; }
    public string Title { get; set; } = "";
    public OutreachChannel Channel { get; set; }
    public int Participants { get; set; }
    public string? Notes { get; set; }
    public string SearchText { get; set; } = "";

    public ScopeOwner Owner => new(CommuneId, OrganisationId);

    public void SetTitle(string title)
    {
        Title = title.Trim();
        SearchText = TextSearch.Normalize(title);
    }
}

public class OutreachEventConfiguration : IEntityTypeConfiguration<OutreachEvent>
{
    public void Configure(EntityTypeBuilder<OutreachEvent> b)
    {
        b.Property(e => e.Title).HasMaxLength(300);
        b.Property(e => e.SearchText).HasMaxLength(300);
        b.Property(e => e.Notes).HasMaxLength(2000);
        b.HasIndex(e => new { e.CommuneId, e.HeldOn });
        b.HasIndex(e => e.OrganisationId);
        b.HasOne(e => e.Commune).WithMany().HasForeignKey(e => e.CommuneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Organisation).WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class OutreachScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db) =>
        model.Entity<OutreachEvent>().HasQueryFilter(ScopeRules.FilterName,
            ScopeFilter.Commune<OutreachEvent>(db, e => e.Commune).Or(e => e.OrganisationId == db.Scope.OrganisationId));
}
