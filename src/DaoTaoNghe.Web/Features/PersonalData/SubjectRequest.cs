using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.PersonalData;

/// <summary>The rights a data subject may exercise (Luật 91/2025/QH15, Điều 4).</summary>
public enum SubjectRequestKind
{
    [Display(Name = "Xem dữ liệu")] See = 1,
    [Display(Name = "Sửa dữ liệu")] Correct = 2,
    [Display(Name = "Xóa hoặc hạn chế xử lý")] DeleteOrRestrict = 3,
    [Display(Name = "Rút lại sự đồng ý")] WithdrawConsent = 4,
}

public enum SubjectRequestStatus
{
    [Display(Name = "Đang xử lý")] Open = 1,
    [Display(Name = "Đã hoàn thành")] Done = 2,
}

/// <summary>
/// A person's request about their personal data, with its legal clock (<see cref="RequestDeadlines"/>),
/// assigned to the officer who answers it. It belongs to the commune of the person it concerns, so it
/// is seen by whoever sees that person's record on the commune's side: the commune's officers and the
/// province.
/// </summary>
[TableKind(TableKind.Instance)]
public class SubjectRequest : IScopeOwned
{
    public int Id { get; set; }

    /// <summary>The person, when they are registered; otherwise only the name and CCCD they gave.</summary>
    [PersonReference] public int? LearnerId { get; set; }
    public Learner? Learner { get; set; }
    public string PersonName { get; set; } = "";
    public string SearchName { get; set; } = "";
    public string? Cccd { get; set; }

    public int CommuneId { get; set; }
    public AdministrativeUnit Commune { get; set; } = null!;
    public int ProvinceId { get; set; }

    public SubjectRequestKind Kind { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public string? Content { get; set; }

    public int OfficerId { get; set; }
    public AppUser Officer { get; set; } = null!;

    public DateOnly AnswerBy { get; set; }

    /// <summary>When the person was answered (the first step, due by <see cref="AnswerBy"/>), and what they were told.</summary>
    public DateOnly? AnsweredOn { get; set; }
    public string? AnswerNote { get; set; }

    public DateOnly CarryOutBy { get; set; }
    public DateOnly? ExtendedFrom { get; set; }
    public string? ExtensionReason { get; set; }

    public SubjectRequestStatus Status { get; set; } = SubjectRequestStatus.Open;
    public DateOnly? ClosedOn { get; set; }
    public string? ClosingNote { get; set; }

    public DateTime CreatedAt { get; set; }

    public ScopeOwner Owner => new(CommuneId, null, ProvinceId);

    /// <summary>
    /// The date the open request must next meet: the answer until it is given (past its date, it is
    /// overdue, not quietly replaced by the later carry-out date), then the carrying out.
    /// </summary>
    public static DateOnly NextDue(DateOnly? answeredOn, DateOnly answerBy, DateOnly carryOutBy) => answeredOn is null ? answerBy : carryOutBy;
}

public class SubjectRequestConfiguration : IEntityTypeConfiguration<SubjectRequest>
{
    public void Configure(EntityTypeBuilder<SubjectRequest> b)
    {
        b.Property(r => r.PersonName).HasMaxLength(200);
        b.Property(r => r.SearchName).HasMaxLength(200);
        b.Property(r => r.Cccd).HasMaxLength(12);
        b.Property(r => r.Content).HasMaxLength(2000);
        b.Property(r => r.ExtensionReason).HasMaxLength(1000);
        b.Property(r => r.AnswerNote).HasMaxLength(2000);
        b.Property(r => r.ClosingNote).HasMaxLength(2000);
        b.HasIndex(r => new { r.CommuneId, r.ReceivedOn });
        b.HasIndex(r => new { r.OfficerId, r.Status });
        b.HasIndex(r => r.LearnerId);
        b.HasOne(r => r.Learner).WithMany().HasForeignKey(r => r.LearnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Commune).WithMany().HasForeignKey(r => r.CommuneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(r => r.Officer).WithMany().HasForeignKey(r => r.OfficerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PersonalDataScopeRules : IScopeRules<AppDbContext>
{
    public void Apply(ModelBuilder model, AppDbContext db)
    {
        model.Entity<SubjectRequest>().HasQueryFilter(ScopeRules.FilterName, ScopeFilter.Commune<SubjectRequest>(db, r => r.Commune));
        // Only province-level roles: a breach says how the province's system failed, not a commune's records.
        model.Entity<DataBreach>().HasQueryFilter(ScopeRules.FilterName, b => db.Scope.SeesEverything || (db.Scope.SeesWholeProvince && b.ProvinceId == db.Scope.ProvinceId));
    }
}
