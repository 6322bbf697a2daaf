using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Users;

/// <summary>
/// Outside Development there are no demo accounts: the first province admin comes from
/// configuration (Admin:UserName, Admin:Password, Admin:ProvinceCode), and the app refuses to
/// start while no admin exists and none is configured. The roles exist in every database.
/// </summary>
public sealed class AdminBootstrap : IStartupData
{
    public const string MissingAdminMessage =
        "Chưa có tài khoản quản trị cấp tỉnh. Đặt biến môi trường Admin__UserName, Admin__Password " +
        "(và Admin__ProvinceCode, mặc định 12 = Lai Châu) rồi khởi động lại. " +
        "(No province admin exists: set Admin__UserName and Admin__Password, optionally Admin__ProvinceCode, and start again.)";

    public int Order => 50;

    public string Title => "Vai trò và tài khoản quản trị đầu tiên";

    public async Task RunAsync(StartupDataContext context, CancellationToken cancellationToken)
    {
        var roles = context.Services.GetRequiredService<RoleManager<AppRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new AppRole(role));
        if (!context.SeedsDemo) await EnsureAdminAsync(context.Services, context.Configuration, cancellationToken);
    }

    private static async Task EnsureAdminAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var userName = configuration["Admin:UserName"];
        var password = configuration["Admin:Password"];
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrWhiteSpace(password))
        {
            var anyAdmin = (await users.GetUsersInRoleAsync(Roles.ProvinceAdmin)).Any(u => !u.IsDisabled);
            if (anyAdmin) return;
            throw new StartupRefusedException(MissingAdminMessage);
        }
        if (await users.FindByNameAsync(userName) is not null) return;

        var provinceCode = KeyRanges.ProvinceCodeSetting(configuration);
        var province = await UnitDirectory.Units(db).SingleOrDefaultAsync(u => u.Level == UnitLevel.Province && u.Code == provinceCode, cancellationToken)
            ?? throw new StartupRefusedException($"Admin:ProvinceCode = '{provinceCode}' không phải mã tỉnh hợp lệ.");
        var organisationName = configuration["Admin:Organisation"] ?? "Sở Giáo dục và Đào tạo";
        var organisation = await OrganisationDirectory.Visible(db).FirstOrDefaultAsync(o => o.ProvinceId == province.Id && o.Name == organisationName, cancellationToken);
        if (organisation is null)
        {
            organisation = new Organisation { Kind = OrganisationKind.Department, UnitId = province.Id, ProvinceId = province.Id };
            organisation.SetName(organisationName);
            OrganisationDirectory.Register(db, organisation);
            await db.SaveChangesAsync(cancellationToken);
        }

        var admin = new AppUser
        {
            UserName = userName,
            FullName = configuration["Admin:FullName"] ?? "Quản trị hệ thống",
            OrganisationId = organisation.Id,
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
            throw new StartupRefusedException("Không tạo được tài khoản quản trị: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(admin, Roles.ProvinceAdmin);
    }
}
