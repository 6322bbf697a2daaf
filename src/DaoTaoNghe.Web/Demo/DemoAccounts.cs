using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

public sealed record DemoAccount(string UserName, string FullName, string Role, string Organisation);

/// <summary>One demo account per role (two commune officers, to show that communes do not see each other).</summary>
public static class DemoAccounts
{
    public static readonly IReadOnlyList<DemoAccount> All =
    [
        new("sogddt", "Nguyễn Thị Hạnh", Roles.ProvinceAdmin, "Sở Giáo dục và Đào tạo tỉnh Lai Châu"),
        new("sonnmt", "Lò Văn Thắng", Roles.DepartmentOfficer, "Sở Nông nghiệp và Môi trường tỉnh Lai Châu"),
        new("xa.binhlu", "Tẩn Thị Mai", Roles.CommuneOfficer, "Ủy ban nhân dân xã Bình Lư"),
        new("xa.tanuyen", "Lò Văn Hùng", Roles.CommuneOfficer, "Ủy ban nhân dân xã Tân Uyên"),
        new("truong.cdlc", "Trần Văn Nam", Roles.InstitutionStaff, "Trường Cao đẳng Lai Châu"),
        new("dn.chetanuyen", "Hoàng Thị Lan", Roles.Enterprise, "Hợp tác xã Chè Tân Uyên"),
        new("vieclam", "Đỗ Minh Tuấn", Roles.EmploymentCentre, "Trung tâm Điều dưỡng người có công và Dịch vụ việc làm tỉnh Lai Châu"),
        new("nhcsxh", "Vàng Thị Dung", Roles.SocialPolicyBank, "Ngân hàng Chính sách xã hội chi nhánh tỉnh Lai Châu"),
        new("thanhtra", "Phạm Quốc Khánh", Roles.Inspector, "Thanh tra tỉnh Lai Châu"),
    ];
}

public sealed class DemoAccountsSeeder : IDemoSeeder
{
    public int Order => 110;

    public string Title => "tài khoản người dùng";

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var users = context.Services.GetRequiredService<UserManager<AppUser>>();
        foreach (var account in DemoAccounts.All)
        {
            var organisation = await context.Db.Organisations.SingleAsync(o => o.Name == account.Organisation && o.ProvinceId == context.Province.Id, cancellationToken);
            var user = new AppUser
            {
                UserName = account.UserName,
                FullName = account.FullName,
                OrganisationId = organisation.Id,
                CreatedAt = context.Clock.GetUtcNow().UtcDateTime,
            };
            var result = await users.CreateAsync(user, DemoSeeding.Password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, account.Role);
        }
    }
}
