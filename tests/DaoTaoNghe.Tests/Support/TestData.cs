using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaoTaoNghe.Tests.Support;

/// <summary>Arranges a test's own data directly in the database, as the system.</summary>
public static class TestData
{
    public const string LaiChau = "12";

    /// <summary>The app's clock: test data is dated by it, never by the machine's (see <see cref="TestClock"/>).</summary>
    public static TestClock Clock => TestApp.Instance.Clock;

    public static async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = TestApp.Instance.SystemScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public static Task WithDbAsync(Func<AppDbContext, Task> work) =>
        WithDbAsync<object?>(async db => { await work(db); return null; });

    private static readonly SemaphoreSlim Qd46Loading = new(1, 1);

    /// <summary>
    /// The test database is Lai Châu's, so only Lai Châu has QĐ 46 from start-up; a test working in another official
    /// province gives it its rule set through the same loader that province's own database runs at start-up.
    /// </summary>
    public static async Task<AdministrativeUnit> ProvinceWithQd46Async(string code)
    {
        var province = await ProvinceAsync(code);
        // Tests of one province run in parallel; the set is unique per province and date.
        await Qd46Loading.WaitAsync();
        try
        {
            await WithDbAsync(db => DaoTaoNghe.Features.Support.Qd46.EnsureForProvinceAsync(db, province.Id, Clock));
        }
        finally
        {
            Qd46Loading.Release();
        }
        return province;
    }

    public static Task<AdministrativeUnit> ProvinceAsync(string code = LaiChau) =>
        WithDbAsync(db => db.AdministrativeUnits.AsNoTracking().SingleAsync(u => u.Level == UnitLevel.Province && u.Code == code));

    /// <summary>A commune valid today, by name (Lai Châu unless another province code is given).</summary>
    public static Task<AdministrativeUnit> CommuneAsync(string name, string provinceCode = LaiChau) =>
        WithDbAsync(db => db.AdministrativeUnits.AsNoTracking().SingleAsync(u =>
            u.Level == UnitLevel.Commune && u.ValidTo == null && u.Name == name && u.Province!.Code == provinceCode));

    /// <summary>A pre-2025 commune of Lai Châu, by name.</summary>
    public static Task<AdministrativeUnit> OldCommuneAsync(string name) =>
        WithDbAsync(db => db.AdministrativeUnits.AsNoTracking().SingleAsync(u =>
            u.Level == UnitLevel.Commune && u.ValidTo != null && u.Name == name && u.Province!.Code == LaiChau));

    public static Task<Organisation> OrganisationAsync(OrganisationKind kind, AdministrativeUnit unit, string? name = null) =>
        WithDbAsync(async db =>
        {
            var organisation = new Organisation { Kind = kind, UnitId = unit.Id, ProvinceId = unit.ProvinceId ?? unit.Id };
            organisation.SetName(name ?? $"{kind} {Unique()}");
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            return organisation;
        });

    /// <summary>Creates a user of <paramref name="role"/> in <paramref name="organisation"/>; returns the user name (password <see cref="TestApp.Password"/>).</summary>
    public static async Task<string> UserAsync(string role, Organisation organisation)
    {
        await using var scope = TestApp.Instance.SystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = $"u{Unique()}", FullName = "Người dùng thử " + Unique(), OrganisationId = organisation.Id, CreatedAt = TestData.Clock.UtcNow };
        var created = await users.CreateAsync(user, TestApp.Password);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user.UserName!;
    }

    /// <summary>The person's name a page shows for the account (records keep the user name).</summary>
    public static Task<string> PersonNameAsync(string userName) =>
        WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.FullName).SingleAsync());

    /// <summary>An organisation of the kind the role belongs to, on <paramref name="unit"/>, with one user of that role.</summary>
    public static async Task<(string UserName, Organisation Organisation)> ActorAsync(string role, AdministrativeUnit unit)
    {
        var kind = role switch
        {
            Roles.CommuneOfficer => OrganisationKind.CommuneGovernment,
            Roles.InstitutionStaff => OrganisationKind.TrainingInstitution,
            Roles.Enterprise => OrganisationKind.Enterprise,
            Roles.EmploymentCentre => OrganisationKind.EmploymentCentre,
            Roles.SocialPolicyBank => OrganisationKind.SocialPolicyBank,
            Roles.Inspector => OrganisationKind.Inspectorate,
            _ => OrganisationKind.Department,
        };
        var organisation = await OrganisationAsync(kind, unit);
        return (await UserAsync(role, organisation), organisation);
    }

    /// <summary>A province-level actor (admin, department, inspector...) of Lai Châu.</summary>
    public static async Task<(string UserName, Organisation Organisation)> ProvinceActorAsync(string role) =>
        await ActorAsync(role, await ProvinceAsync());

    public static string Unique() => Guid.NewGuid().ToString("N")[..8];
}
