using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Features.Trainers;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Trainers;

/// <summary>Trainers are people: only province-wide roles and the institutions they teach for see them; only the keeper and the admin change them.</summary>
public class TrainersScopeTests
{
    private static async Task<(Trainer Trainer, DaoTaoNghe.Features.Organisations.Organisation Visited)> TrainerOfInstitutionAAsync()
    {
        var keeper = await RegistryData.ActiveInstitutionAsync("Xã Tân Uyên");
        var visited = await RegistryData.ActiveInstitutionAsync("Xã Than Uyên");
        var occupation = await RegistryData.OccupationAsync();
        var trainer = await TestData.WithDbAsync(async db =>
        {
            var trainer = new Trainer { InstitutionId = keeper.Id, Kind = TrainerKind.Teacher, BirthYear = 1980 };
            trainer.SetName("Người dạy của cơ sở A " + TestData.Unique());
            trainer.Occupations.Add(new TrainerOccupation { OccupationId = occupation.Id, OwnerInstitutionId = keeper.Id });
            trainer.OtherInstitutions.Add(new TrainerInstitution { InstitutionId = visited.Id, OwnerInstitutionId = keeper.Id });
            db.Trainers.Add(trainer);
            await db.SaveChangesAsync();
            return trainer;
        });
        return (trainer, visited);
    }

    private static object Body(Trainer trainer) => new
    {
        fullName = "Đã bị sửa", kind = "Teacher", occupationIds = trainer.Occupations.Select(o => o.OccupationId).ToArray(), isActive = true,
    };

    [Theory]
    [InlineData(Roles.InstitutionStaff, HttpStatusCode.NotFound)]
    [InlineData(Roles.CommuneOfficer, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Enterprise, HttpStatusCode.Forbidden)]
    [InlineData(Roles.EmploymentCentre, HttpStatusCode.Forbidden)]
    public async Task Someone_the_trainer_does_not_teach_for_does_not_see_them(string role, HttpStatusCode expected)
    {
        var (trainer, _) = await TrainerOfInstitutionAAsync();
        var (user, _) = await TestData.ActorAsync(role, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(user);

        (await browser.GetAsync($"/Trainers/Details/{trainer.Id}")).StatusCode.ShouldBe(expected);
        (await browser.GetAsync($"/api/v1/trainers/{trainer.Id}")).StatusCode.ShouldBe(expected);
        (await browser.GetAsync($"/Trainers/Edit/{trainer.Id}")).StatusCode.ShouldBe(expected);
        (await browser.Http.PutAsJsonAsync($"/api/v1/trainers/{trainer.Id}", Body(trainer))).StatusCode.ShouldBe(expected);
        (await browser.Http.PostAsync($"/api/v1/trainers/{trainer.Id}/deactivate", null)).StatusCode.ShouldBe(expected);
        if (role == Roles.InstitutionStaff)
            TestBrowser.HtmlText(await browser.GetHtmlAsync("/Trainers?q=" + Uri.EscapeDataString(trainer.FullName))).ShouldNotContain(trainer.FullName);
        (await TestData.WithDbAsync(db => db.Trainers.FindAsync(trainer.Id).AsTask()))!.FullName.ShouldBe(trainer.FullName);
    }

    [Theory]
    [InlineData(Roles.DepartmentOfficer)]
    [InlineData(Roles.Inspector)]
    [InlineData("visited")]
    public async Task Those_who_may_read_a_trainer_still_cannot_change_them(string who)
    {
        var (trainer, visited) = await TrainerOfInstitutionAAsync();
        var user = who == "visited"
            ? await TestData.UserAsync(Roles.InstitutionStaff, visited)
            : (await TestData.ProvinceActorAsync(who)).UserName;
        using var browser = await TestBrowser.SignedInAsync(user);

        (await browser.GetAsync($"/Trainers/Details/{trainer.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync($"/Trainers/Edit/{trainer.Id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.Http.PutAsJsonAsync($"/api/v1/trainers/{trainer.Id}", Body(trainer))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.Http.PostAsync($"/api/v1/trainers/{trainer.Id}/deactivate", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var after = await TestData.WithDbAsync(db => db.Trainers.AsNoTracking().SingleAsync(t => t.Id == trainer.Id));
        (after.FullName, after.IsActive).ShouldBe((trainer.FullName, true));
    }

    [Fact]
    public async Task An_institution_cannot_record_a_trainer_for_another_institution()
    {
        var other = await RegistryData.ActiveInstitutionAsync();
        var occupation = await RegistryData.OccupationAsync();
        var (staff, _) = await TestData.ActorAsync(Roles.InstitutionStaff, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(staff);

        var response = await browser.PostJsonAsync("/api/v1/trainers", new { institutionId = other.Id, fullName = "Lén thêm", kind = "Teacher", occupationIds = new[] { occupation.Id } });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await TestData.WithDbAsync(db => db.Trainers.AnyAsync(t => t.InstitutionId == other.Id))).ShouldBeFalse();
    }

    [Fact]
    public async Task Another_provinces_admin_finds_nothing()
    {
        var (trainer, _) = await TrainerOfInstitutionAAsync();
        var (admin, _) = await TestData.ActorAsync(Roles.ProvinceAdmin, await TestData.ProvinceAsync("11"));
        using var browser = await TestBrowser.SignedInAsync(admin);

        (await browser.GetAsync($"/Trainers/Details/{trainer.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.GetAsync($"/Trainers/Edit/{trainer.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await browser.Http.PutAsJsonAsync($"/api/v1/trainers/{trainer.Id}", Body(trainer))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
