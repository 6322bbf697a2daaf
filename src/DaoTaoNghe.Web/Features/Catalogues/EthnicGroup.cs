using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Features.Catalogues;

/// <summary>One of the 54 ethnic groups (dân tộc) of QĐ 1019/QĐ-TCTK; match on code, spellings vary.</summary>
[TableKind(TableKind.Reference)]
[AreaContract]
public class EthnicGroup
{
    public int Id { get; set; }

    /// <summary>Two-digit official code, "01" = Kinh.</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";

    public const string KinhCode = "01";
    public bool IsMinority => Code != KinhCode;
}

public class EthnicGroupConfiguration : IEntityTypeConfiguration<EthnicGroup>
{
    public void Configure(EntityTypeBuilder<EthnicGroup> b)
    {
        b.Property(e => e.Code).HasMaxLength(2);
        b.Property(e => e.Name).HasMaxLength(100);
        b.HasIndex(e => e.Code).IsUnique();
    }
}
