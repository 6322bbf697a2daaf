using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Courses;
using DaoTaoNghe.Tests.Features.Learners;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;

namespace DaoTaoNghe.Tests.Api;

/// <summary>
/// Other software can be built on the API: a client NSwag generates from the live document compiles, and
/// runs a whole workflow (ClientWorkflow.cs) through nothing else, each actor with an API key of their own.
/// The client is generated inside the test, so it is always the document of the app this run built, on the
/// run's database (SQLite or PostgreSQL); no generated file is kept that could go stale.
/// </summary>
public partial class GeneratedClientTests
{
    [Fact]
    public async Task The_client_generated_from_the_document_compiles()
    {
        var build = await GeneratedClient.Current;

        build.Errors.ShouldBeEmpty();
        build.Assembly.ShouldNotBeNull();
        build.Code.ShouldContain("class DaoTaoNgheClient");
    }

    [Fact]
    public async Task A_generated_client_registers_orders_trains_certifies_follows_up_and_the_indicators_move()
    {
        // The story of a 2026 order: the course ends on 13/11/2026, certificates and the follow-up come after.
        using var _ = TestData.Clock.At(new DateOnly(2026, 11, 20));
        var build = await GeneratedClient.Current;
        build.Errors.ShouldBeEmpty();
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, binhLu);
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        var (bankUser, _) = await TestData.ProvinceActorAsync(Roles.SocialPolicyBank);
        var (centreUser, _) = await TestData.ProvinceActorAsync(Roles.EmploymentCentre);
        var (staff, institution) = await TestData.ActorAsync(Roles.InstitutionStaff, binhLu);
        var occupation = await RegistryData.OccupationAsync("Trồng chè qua API " + TestData.Unique());
        var programme = await RegistryData.ProgrammeAsync(institution.Id, occupation.Id, name: "Kỹ thuật trồng chè " + TestData.Unique());
        var trainer = await TrainingTestData.TrainerAsync(institution.Id);

        using var commune = await KeyedClientAsync(officer);
        using var province = await KeyedClientAsync(admin);
        using var school = await KeyedClientAsync(staff);
        using var bank = await KeyedClientAsync(bankUser);
        using var centre = await KeyedClientAsync(centreUser);

        var type = build.Assembly!.GetType(GeneratedClient.Namespace + ".ClientWorkflow")!;
        var actors = Activator.CreateInstance(build.Assembly.GetType(GeneratedClient.Namespace + ".Actors")!, commune, province, school, bank, centre);
        var setting = Activator.CreateInstance(build.Assembly.GetType(GeneratedClient.Namespace + ".Setting")!,
            binhLu.Id, institution.Id, occupation.Id, programme.Id, trainer,
            LearnerTestData.Cccd(Sex.Female, 1995), LearnerTestData.Cccd(Sex.Male, 1990), LearnerTestData.Cccd(Sex.Female, 1998),
            "125/QĐ-SGDĐT-" + TestData.Unique());
        var logged = TestLog.Entries.Count;
        try
        {
            await (Task)type.GetMethod("RunAsync")!.Invoke(null, [actors, setting])!;
        }
        catch (Exception refused) when (refused.GetType().Name.StartsWith("ApiException", StringComparison.Ordinal))
        {
            // The generated client's exception carries the answer (a ProblemDetails); a fault's cause is in the app's log.
            var faults = TestLog.Entries.Skip(logged).Where(e => e.Exception is not null).Select(e => $"{e.Message}: {e.Exception}");
            var problem = refused.GetType().GetProperty("Result")?.GetValue(refused) is { } result ? System.Text.Json.JsonSerializer.Serialize(result) : "";
            throw new Xunit.Sdk.XunitException($"{refused.Message}\n{problem}\n{refused.InnerException?.Message}\n{refused.StackTrace}\n{string.Join("\n", faults)}");
        }
    }

    /// <summary>The test server's HttpClient with a read-write key the user created on their key page, as a client program holds it.</summary>
    private static Task<HttpClient> KeyedClientAsync(string user) => ApiKeyClient.ForAsync(user, "Phần mềm của đơn vị");
}
