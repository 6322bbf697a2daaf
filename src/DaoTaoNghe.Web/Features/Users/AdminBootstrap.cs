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

    public const string MissingNationalAdminMessage =
        "Chưa có tài khoản quản trị cấp quốc gia. Đặt biến môi trường Admin__UserName, Admin__Password rồi khởi động lại. " +
        "(No national admin exists: set Admin__UserName and Admin__Password, and start again.)";

    /// <summary>The ministry's organisation sits in Hà Nội (01) unless Admin:ProvinceCode says otherwise.</summary>
    public const string NationalOrganisation = "Cục Giáo dục nghề nghiệp và Giáo dục thường xuyên";

    public int Order => 50;

    public string Title => "Vai trò và tài khoản quản trị đầu tiên";

    public async Task RunAsync(StartupDataContext context, CancellationToken cancellationToken)
    {
        var roles = context.Services.GetRequiredService<RoleManager<AppRole>>();
        foreach (var role in context.IsNational ? Roles.National : Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new AppRole(role));
        if (context.IsNational) await EnsureNationalAdminAsync(context.Services, context.Configuration, cancellationToken);
        else if (!context.SeedsDemo) await EnsureAdminAsync(context.Services, context.Configuration, cancellationToken);
    }

    /// <summary>
    /// The national tier's first admin, in the ministry's organisation: the one row of a replicated table the
    /// national database writes itself, at start-up (its ids are the national instance's own, below any province's).
    /// </summary>
    private static Task EnsureNationalAdminAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken) =>
        EnsureAccountAsync(services, configuration, Roles.NationalAdmin, MissingNationalAdminMessage, "01", NationalOrganisation, cancellationToken);

    private static Task EnsureAdminAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken) =>
        EnsureAccountAsync(services, configuration, Roles.ProvinceAdmin, MissingAdminMessage, KeyRanges.ProvinceCodeSetting(configuration), "Sở Giáo dục và Đào tạo", cancellationToken);

    private static async Task EnsureAccountAsync(IServiceProvider services, IConfiguration configuration, string adminRole, string missingMessage,
        string defaultProvinceCode, string defaultOrganisation, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var userName = configuration["Admin:UserName"];
        var password = configuration["Admin:Password"];
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrWhiteSpace(password))
        {
            var anyAdmin = (await users.GetUsersInRoleAsync(adminRole)).Any(u => !u.IsDisabled);
            if (anyAdmin) return;
            throw new StartupRefusedException(missingMessage);
        }
        if (await users.FindByNameAsync(userName) is not null) return;

        var provinceCode = configuration["Admin:ProvinceCode"] ?? defaultProvinceCode;
        var province = await UnitDirectory.Units(db).SingleOrDefaultAsync(u => u.Level == UnitLevel.Province && u.Code == provinceCode, cancellationToken)
            ?? throw new StartupRefusedException($"Admin:ProvinceCode = '{provinceCode}' không phải mã tỉnh hợp lệ.");
        var organisationName = configuration["Admin:Organisation"] ?? defaultOrganisation;
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
        await users.AddToRoleAsync(admin, adminRole);
    }
}
