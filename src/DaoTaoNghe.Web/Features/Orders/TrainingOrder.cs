using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Orders;

/// <summary>How the province buys training from an institution (Nghị định 32/2019/NĐ-CP on public services).</summary>
[AreaContract]
public enum OrderKind
{
    [Display(Name = "Đặt hàng")] Order = 1,
    [Display(Name = "Giao nhiệm vụ")] Assignment = 2,
    [Display(Name = "Đấu thầu")] Tender = 3,
}

/// <summary>
/// Where an order stands: planned (not yet given to the institution), open (given: courses may be
/// opened under it), running, finished (closed once every course under it is finished or
/// cancelled) or cancelled. Running is never stored: it is an open order one of whose courses has
/// started, and starting a course is the institution's act, which may not write the province's order.
/// </summary>
[AreaContract]
public enum OrderState
{
    [Display(Name = "Dự kiến")] Planned = 1,
    [Display(Name = "Đã giao")] Open = 2,
    [Display(Name = "Đang thực hiện")] Running = 3,
    [Display(Name = "Đã hoàn thành")] Finished = 4,
    [Display(Name = "Đã hủy")] Cancelled = 5,
}

/// <summary>
/// An order of training (đơn đặt hàng, giao nhiệm vụ, đấu thầu) the province gives an institution
/// for one year: an occupation at a level, how many learners (quota), what one learner's training
/// may cost (unit cost) and the money set aside for learners' support (budget). The institution
/// opens courses under it; the support committed on those courses is spent against the budget.
/// Kept by the province admin; the institution reads its own orders.
/// </summary>
[AreaContract]
public class TrainingOrder : IScopeOwned
{
    public int Id { get; set; }
    public int ProvinceId { get; set; }
    public AdministrativeUnit Province { get; set; } = null!;
    public int InstitutionId { get; set; }
    public Organisation Institution { get; set; } = null!;
    public OrderKind Kind { get; set; }
    public int Year { get; set; }
    public int OccupationId { get; set; }
    public Occupation Occupation { get; set; } = null!;
    public TrainingLevel Level { get; set; }

    /// <summary>Learners to train (chỉ tiêu).</summary>
    public int Quota { get; set; }

    /// <summary>What one learner's training may cost (đơn giá, đồng/người); a course's actual cost may not exceed it.</summary>
    public long UnitCost { get; set; }

    /// <summary>Money for learners' support under this order (kinh phí), whole đồng.</summary>
    public long Budget { get; set; }

    public OrderState State { get; set; } = OrderState.Open;

    /// <summary>The day the order was finished or cancelled.</summary>
    public DateOnly? ClosedOn { get; set; }

    public string? CancelReason { get; set; }
    public string DecisionNumber { get; set; } = "";
    public DateOnly DecisionDate { get; set; }
    public string? Notes { get; set; }
    public string SearchText { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>Orders are the province's to give: only its admin writes them.</summary>
    public ScopeOwner Owner => new(null, null, ProvinceId);

    public void SetDecisionNumber(string number)
    {
        DecisionNumber = number.Trim();
        SearchText = TextSearch.Normalize(DecisionNumber);
    }
}

public class TrainingOrderConfiguration : IEntityTypeConfiguration<TrainingOrder>
{
    public void Configure(EntityTypeBuilder<TrainingOrder> b)
    {
        b.Property(o => o.DecisionNumber).HasMaxLength(100);
        b.Property(o => o.SearchText).HasMaxLength(100);
        b.Property(o => o.Notes).HasMaxLength(2000);
        b.Property(o => o.CancelReason).HasMaxLength(500);
        // Rows written outside EF (bench loads, older exports) are orders already given.
        b.Property(o => o.State).HasDefaultValue(OrderState.Open).HasSentinel(OrderState.Open);
        b.HasIndex(o => new { o.ProvinceId, o.Year });
        b.HasIndex(o => new { o.InstitutionId, o.Year });
        b.HasIndex(o => o.OccupationId);
        b.HasOne(o => o.Province).WithMany().HasForeignKey(o => o.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.Institution).WithMany().HasForeignKey(o => o.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(o => o.Occupation).WithMany().HasForeignKey(o => o.OccupationId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>Province-wide roles read the province's orders; an institution reads the orders given to it.</summary>
public sealed class OrderScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db) =>
        model.Entity<TrainingOrder>().HasQueryFilter(ScopeRules.FilterName,
            o => db.Scope.SeesEverything
                 || (db.Scope.SeesWholeProvince && o.ProvinceId == db.Scope.ProvinceId)
                 || (db.Scope.Level == ScopeLevel.Institution && o.InstitutionId == db.Scope.OrganisationId));
}
