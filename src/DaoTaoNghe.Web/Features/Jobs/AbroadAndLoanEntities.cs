using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Jobs;

/// <summary>
/// A contract to work abroad (đi làm việc ở nước ngoài theo hợp đồng, Luật 69/2020/QH14): where, for
/// whom, through which licensed sending agency, when the person left and is due back. Kept by the
/// organisation that recorded it (the employment centre).
/// </summary>
public class AbroadContract : IScopeOwned
{
    public int Id { get; set; }
    [PersonReference] public int LearnerId { get; set; }
    public Learner Learner { get; set; } = null!;
    public string Country { get; set; } = "";
    public string ReceivingCompany { get; set; } = "";
    public string SendingAgency { get; set; } = "";
    public DateOnly DepartureOn { get; set; }
    public DateOnly? ReturnOn { get; set; }
    public int RecordedByOrganisationId { get; set; }
    public int ProvinceId { get; set; }
    public DateTime CreatedAt { get; set; }

    public ScopeOwner Owner => new(null, RecordedByOrganisationId, ProvinceId);
}

public enum LoanPurpose
{
    [Display(Name = "Vay để học nghề")] Study = 1,
    [Display(Name = "Vay để tạo việc làm sau học nghề")] StartWork = 2,
}

public enum LoanStatus
{
    [Display(Name = "Đã duyệt")] Approved = 1,
    [Display(Name = "Đã giải ngân")] Disbursed = 2,
    [Display(Name = "Đã trả hết")] Repaid = 3,
    [Display(Name = "Quá hạn")] Overdue = 4,
}

/// <summary>
/// A Social Policy Bank loan (Ngân hàng Chính sách xã hội) to a person: to study, or to start work
/// after training. Kept by the bank branch that lent it; a disbursed loan to start work is the
/// person's new job (self-employed, loan-backed) through the follow-ups area.
/// </summary>
public class SocialPolicyLoan : IScopeOwned
{
    public int Id { get; set; }
    [PersonReference] public int LearnerId { get; set; }
    public Learner Learner { get; set; } = null!;

    /// <summary>The borrower's name as the bank knows its customer: the bank does not see the learners' register.</summary>
    public string BorrowerName { get; set; } = "";
    public int BankBranchId { get; set; }
    public Organisation BankBranch { get; set; } = null!;
    public int ProvinceId { get; set; }
    public LoanPurpose Purpose { get; set; }
    public long Amount { get; set; }
    public DateOnly LoanedOn { get; set; }
    public LoanStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }

    public ScopeOwner Owner => new(null, BankBranchId, ProvinceId);
}

public class AbroadContractConfiguration : IEntityTypeConfiguration<AbroadContract>
{
    public void Configure(EntityTypeBuilder<AbroadContract> b)
    {
        b.Property(c => c.Country).HasMaxLength(100);
        b.Property(c => c.ReceivingCompany).HasMaxLength(200);
        b.Property(c => c.SendingAgency).HasMaxLength(200);
        b.HasIndex(c => new { c.ProvinceId, c.DepartureOn });
        b.HasIndex(c => c.LearnerId);
        b.HasOne(c => c.Learner).WithMany().HasForeignKey(c => c.LearnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(c => c.RecordedByOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class SocialPolicyLoanConfiguration : IEntityTypeConfiguration<SocialPolicyLoan>
{
    public void Configure(EntityTypeBuilder<SocialPolicyLoan> b)
    {
        b.Property(l => l.BorrowerName).HasMaxLength(100);
        b.HasIndex(l => new { l.BankBranchId, l.LoanedOn });
        b.HasIndex(l => l.LearnerId);
        b.HasOne(l => l.Learner).WithMany().HasForeignKey(l => l.LearnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.BankBranch).WithMany().HasForeignKey(l => l.BankBranchId).OnDelete(DeleteBehavior.Restrict);
    }
}
