using System.Security.Claims;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Account;

public sealed class AccountApi : IEndpoints
{
    public sealed record Me(int UserId, string UserName, string FullName, string Role, string RoleName, int OrganisationId, string OrganisationName, int ProvinceId, int? CommuneId);

    public void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/me", (ClaimsPrincipal user, DataScopeAccessor scope) =>
            {
                var current = scope.Current;
                return new Me(current.UserId, current.UserName ?? "", user.FindFirstValue(AppClaims.FullName) ?? "", current.Role ?? "",
                    Roles.DisplayName(current.Role), current.OrganisationId, user.FindFirstValue(AppClaims.OrganisationName) ?? "",
                    current.ProvinceId, current.CommuneId == 0 ? null : current.CommuneId);
            })
            .WithTags("Tài khoản")
            .WithSummary("Người gọi: tài khoản, vai trò, đơn vị và phạm vi dữ liệu (để kiểm tra khóa API).");
}
