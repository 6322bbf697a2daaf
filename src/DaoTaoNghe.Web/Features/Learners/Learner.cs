using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Exchange;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Learners;

/// <summary>Highest schooling or training completed (trình độ học vấn, chuyên môn).</summary>
public enum EducationLevel
{
    [Display(Name = "Chưa đi học")] NoSchooling = 1,
    [Display(Name = "Tiểu học")] Primary = 2,
    [Display(Name = "Trung học cơ sở")] LowerSecondary = 3,
    [Display(Name = "Trung học phổ thông")] UpperSecondary = 4,
    [Display(Name = "Sơ cấp")] Elementary = 5,
    [Display(Name = "Trung cấp")] Intermediate = 6,
    [Display(Name = "Cao đẳng")] College = 7,
    [Display(Name = "Đại học")] University = 8,
    [Display(Name = "Sau đại học")] Postgraduate = 9,
}

/// <summary>The household's poverty status certified for one year (danh sách hộ nghèo, cận nghèo của xã).</summary>
public enum HouseholdStatus
{
    [Display(Name = "Hộ nghèo")] Poor = 1,
    [Display(Name = "Hộ cận nghèo")] NearPoor = 2,
    [Display(Name = "Không thuộc hộ nghèo, cận nghèo")] NotPoor = 3,
}

/// <summary>
/// A person the system may train (người học): one record per person, found by CCCD or by name,
/// birth date and commune. Residence is always one of today's communes. A duplicate is never
/// deleted: merging marks it <see cref="MergedIntoId"/> and moves its history to the survivor.
/// The households, consents and priorities are parts of this record and are written only
/// through it (each change touches <see cref="UpdatedAt"/>, so the write guard checks the learner).
/// </summary>
[AreaContract]
[ChangeFeed("learners")]
public class Learner : IScopeOwned, IPersonalData
{
    public int Id { get; set; }
    public string FullName { get; set; } = "";
    public string SearchName { get; set; } = "";
    public DateOnly BirthDate { get; set; }
    public Sex Sex { get; set; }

    /// <summary>Citizen ID (số định danh cá nhân / CCCD), 12 digits; null when not collected.</summary>
    public string? Cccd { get; set; }

    /// <summary>The user confirmed that the CCCD disagrees with the sex or birth year as entered.</summary>
    public bool CccdMismatchConfirmed { get; set; }

    /// <summary>Sensitive: recorded only with consent, shown only to roles that need it.</summary>
    public int? EthnicGroupId { get; set; }
    public EthnicGroup? EthnicGroup { get; set; }

    public string? Phone { get; set; }

    /// <summary>Today's commune of residence.</summary>
    public int CommuneId { get; set; }
    public AdministrativeUnit Commune { get; set; } = null!;

    /// <summary>
    /// Where the registration counts ("learners.registered"): the residence rule's commune on the local day the record
    /// was created (<see cref="ResidenceHistory.CommuneOn"/>), on that day's map – an old commune for a 2024 registration.
    /// Set when the record is made, re-placed when the residence history or the commune is corrected; a move after
    /// the registration leaves it where it was, so a year's figure stays as it was signed.
    /// </summary>
    public int RegisteredCommuneId { get; set; }
    public AdministrativeUnit RegisteredCommune { get; set; } = null!;

    /// <summary>Province of <see cref="CommuneId"/>, kept for province-wide scope and the write guard.</summary>
    public int ProvinceId { get; set; }
    public AdministrativeUnit Province { get; set; } = null!;

    /// <summary>Hamlet (thôn, bản, tổ dân phố) and any further address text.</summary>
    public string? Address { get; set; }
    public EducationLevel? EducationLevel { get; set; }

    public int? MergedIntoId { get; set; }
    public Learner? MergedInto { get; set; }
    public DateTime? MergedAt { get; set; }
    public string? MergedBy { get; set; }
    public string? MergeReason { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<LearnerHousehold> Households { get; set; } = [];
    public List<LearnerConsent> Consents { get; set; } = [];
    public List<LearnerPriority> Priorities { get; set; } = [];

    public ScopeOwner Owner => new(CommuneId, null, ProvinceId);

    public bool IsMerged => MergedIntoId is not null;

    public void SetName(string fullName)
    {
        FullName = string.Join(' ', fullName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        SearchName = TextSearch.Normalize(FullName);
    }

    public bool HasConsentOn(DateOnly date) => Consents.Any(c => c.IsActiveOn(date));
}

/// <summary>Poverty status of the person's household in one year.</summary>
public class LearnerHousehold : IPersonalData
{
    public int Id { get; set; }
    public int LearnerId { get; set; }
    public Learner Learner { get; set; } = null!;
    public int Year { get; set; }
    public HouseholdStatus Status { get; set; }
}

/// <summary>How the person expressed their consent: the evidence the law asks the controller to keep.</summary>
public enum ConsentMethod
{
    [Display(Name = "Ký phiếu đồng ý (văn bản)")] SignedForm = 1,
    [Display(Name = "Đồng ý điện tử (tin nhắn, ứng dụng, thư điện tử)")] Electronic = 2,
    [Display(Name = "Đồng ý bằng lời, có ghi âm hoặc người làm chứng")] Spoken = 3,
    [Display(Name = "Theo danh sách có chữ ký, nhập từ tệp Excel")] SignedList = 4,
}

/// <summary>
/// The notice a person is shown before consenting (what is processed, why, by whom, their rights); its
/// version is kept on each consent, so which text someone agreed to is known after the text changes.
/// </summary>
public static class ConsentNotice
{
    public const string Version = "TB-DLCN-2026.1";

    public const string Text =
        "UBND xã, phường nơi cư trú và Sở Giáo dục và Đào tạo xử lý họ tên, ngày sinh, giới tính, số CCCD, nơi cư trú, điện thoại, "
        + "trình độ học vấn và, khi người học đồng ý, dân tộc, tình trạng khuyết tật và hộ nghèo, cận nghèo (dữ liệu nhạy cảm) để quản lý đào tạo nghề, "
        + "xét và chi trả hỗ trợ học nghề, theo dõi việc làm sau đào tạo. Người học có quyền xem, yêu cầu sửa, xóa, hạn chế xử lý dữ liệu "
        + "và rút lại sự đồng ý bất cứ lúc nào (Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).";
}

/// <summary>
/// The person's consent to the processing of their personal data (Law 91/2025/QH15), its evidence (who
/// recorded it, how the person expressed it, which notice they were shown) and its withdrawal. Consent is
/// an act of the person: forms never start with it ticked.
/// </summary>
public class LearnerConsent : IPersonalData
{
    public int Id { get; set; }
    public int LearnerId { get; set; }
    public Learner Learner { get; set; } = null!;
    public string Purpose { get; set; } = "";
    public DateOnly GivenOn { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAt { get; set; }

    /// <summary>How it was expressed; null on consents recorded before the evidence was kept.</summary>
    public ConsentMethod? Method { get; set; }

    /// <summary>The <see cref="ConsentNotice.Version"/> the person was shown.</summary>
    public string? NoticeVersion { get; set; }
    public DateOnly? WithdrawnOn { get; set; }
    public string? WithdrawalRecordedBy { get; set; }
    public DateTime? WithdrawalRecordedAt { get; set; }

    public bool IsActiveOn(DateOnly date) => GivenOn <= date && (WithdrawnOn is null || WithdrawnOn > date);
}

[AreaContract]
public class LearnerPriority : IPersonalData
{
    public int LearnerId { get; set; }
    public Learner Learner { get; set; } = null!;
    public PriorityCategory Category { get; set; }
}

public class LearnerConfiguration : IEntityTypeConfiguration<Learner>
{
    public void Configure(EntityTypeBuilder<Learner> b)
    {
        b.Property(l => l.FullName).HasMaxLength(100);
        b.Property(l => l.SearchName).HasMaxLength(100);
        b.Property(l => l.Cccd).HasMaxLength(12);
        b.Property(l => l.Phone).HasMaxLength(15);
        b.Property(l => l.Address).HasMaxLength(300);
        b.Property(l => l.MergedBy).HasMaxLength(256);
        b.Property(l => l.MergeReason).HasMaxLength(500);
        // One active record per CCCD; merged records keep theirs as history.
        b.HasIndex(l => l.Cccd).IsUnique().HasFilter("cccd IS NOT NULL AND merged_into_id IS NULL");
        b.HasIndex(l => new { l.SearchName, l.BirthDate });
        b.HasIndex(l => new { l.CommuneId, l.SearchName });
        b.HasIndex(l => new { l.ProvinceId, l.SearchName });
        b.HasIndex(l => l.MergedIntoId);
        // Learners registered per commune and period (the "learners.registered" indicator).
        b.HasIndex(l => new { l.RegisteredCommuneId, l.CreatedAt });
        b.HasOne(l => l.Commune).WithMany().HasForeignKey(l => l.CommuneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.RegisteredCommune).WithMany().HasForeignKey(l => l.RegisteredCommuneId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.Province).WithMany().HasForeignKey(l => l.ProvinceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.EthnicGroup).WithMany().HasForeignKey(l => l.EthnicGroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(l => l.MergedInto).WithMany().HasForeignKey(l => l.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
    }
}

public class LearnerHouseholdConfiguration : IEntityTypeConfiguration<LearnerHousehold>
{
    public void Configure(EntityTypeBuilder<LearnerHousehold> b)
    {
        b.HasIndex(h => new { h.LearnerId, h.Year }).IsUnique();
        b.HasOne(h => h.Learner).WithMany(l => l.Households).HasForeignKey(h => h.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class LearnerConsentConfiguration : IEntityTypeConfiguration<LearnerConsent>
{
    public void Configure(EntityTypeBuilder<LearnerConsent> b)
    {
        b.Property(c => c.Purpose).HasMaxLength(300);
        b.Property(c => c.RecordedBy).HasMaxLength(256);
        b.Property(c => c.WithdrawalRecordedBy).HasMaxLength(256);
        b.Property(c => c.NoticeVersion).HasMaxLength(20);
        b.HasIndex(c => c.LearnerId);
        b.HasOne(c => c.Learner).WithMany(l => l.Consents).HasForeignKey(c => c.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class LearnerPriorityConfiguration : IEntityTypeConfiguration<LearnerPriority>
{
    public void Configure(EntityTypeBuilder<LearnerPriority> b)
    {
        b.HasKey(p => new { p.LearnerId, p.Category });
        b.HasOne(p => p.Learner).WithMany(l => l.Priorities).HasForeignKey(p => p.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// The learners list finds a name by the beginnings of its words (<see cref="NameSearch"/>): on PostgreSQL
/// the GIN index of the name's words answers it. Other lists find a part of a name, CCCD or phone anywhere
/// in it (LIKE '%…%'), which no B-tree serves: trigram indexes do, so a search reads the matching rows
/// instead of every learner (measured in bench/scale: docs/performance.md). SQLite keeps scanning.
/// </summary>
public sealed class LearnerPostgresModel : DaoTaoNghe.Infrastructure.Data.IPostgresModel
{
    public void Configure(ModelBuilder builder)
    {
        builder.HasPostgresExtension("pg_trgm");
        var learner = builder.Entity<Learner>();
        learner.HasIndex(l => l.SearchName, "ix_learners_search_name_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        learner.HasIndex(l => l.SearchName, "ix_learners_search_name_words").HasMethod("gin").IsTsVectorExpressionIndex(NameSearch.Configuration);
        learner.HasIndex(l => l.Cccd, "ix_learners_cccd_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        learner.HasIndex(l => l.Phone, "ix_learners_phone_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
