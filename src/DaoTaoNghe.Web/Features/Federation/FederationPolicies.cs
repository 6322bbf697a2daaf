using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.Federation;

/// <summary>Who may do what on the national tier; pages, endpoints and the menu name these.</summary>
[AreaContract]
public sealed class FederationPolicies : IAreaPolicies
{
    public const string Administer = "lien-thong.quan-tri";

    public IEnumerable<Permission> Permissions =>
    [
        new(Administer, "Quản trị liên thông dữ liệu các tỉnh (cấp quốc gia)", Roles.NationalAdmin),
    ];
}
