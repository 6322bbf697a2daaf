using System.Net;
using System.Net.Http.Json;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Jobs.JobsTestData;

namespace DaoTaoNghe.Tests.Features.Jobs;

/// <summary>
/// Every role tries to read and change enterprise A's vacancy and labour demand, by page and by API.
/// Enterprise A and the province admin keep them; province-wide roles and the employment centre read
/// them; another enterprise, a commune, an institution, the bank and another province's admin are
/// told they do not exist. Nothing a refused caller tried is saved.
/// </summary>
public class JobsScopeTests
{
    public enum Who { EnterpriseA, EnterpriseB, Admin, OtherProvinceAdmin, Department, Inspector, EmploymentCentre, Commune, Institution, Bank }

    public enum Outcome { Keep, Read, NotFound }

    public static TheoryData<Who, Outcome> Matrix => new()
    {
        { Who.EnterpriseA, Outcome.Keep },
        { Who.Admin, Outcome.Keep },
        { Who.EnterpriseB, Outcome.NotFound },
        { Who.OtherProvinceAdmin, Outcome.NotFound },
        { Who.Department, Outcome.Read },
        { Who.Inspector, Outcome.Read },
        { Who.EmploymentCentre, Outcome.Read },
        { Who.Commune, Outcome.NotFound },
        { Who.Institution, Outcome.NotFound },
        { Who.Bank, Outcome.NotFound },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task A_vacancy_and_a_demand_return_are_read_and_changed_only_within_scope(Who who, Outcome outcome)
    {
        var title = "Công nhân phạm vi " + TestData.Unique();
        var (ownerUser, enterpriseId, vacancyId, _) = await VacancyAsync(title);
        var tanUyen = await TestData.CommuneAsync("Xã Tân Uyên");
        var occupation = await OccupationAsync("Xây dựng");
        var demandId = await TestData.WithDbAsync(async db =>
        {
            var demand = new DaoTaoNghe.Features.Jobs.LabourDemand
            {
                EnterpriseId = enterpriseId, ProvinceId = tanUyen.ProvinceId!.Value, OccupationId = occupation,
                Level = DaoTaoNghe.Features.Occupations.TrainingLevel.Elementary, Workers = 17, PlaceCommuneId = tanUyen.Id,
                NeededFrom = new DateOnly(2027, 1, 1), CreatedAt = TestData.Clock.UtcNow,
            };
            db.LabourDemands.Add(demand);
            await db.SaveChangesAsync();
            return demand.Id;
        });

        var user = who switch
        {
            Who.EnterpriseA => ownerUser,
            Who.EnterpriseB => (await EnterpriseAsync()).User,
            Who.Admin => (await TestData.ProvinceActorAsync(Roles.ProvinceAdmin)).UserName,
            Who.OtherProvinceAdmin => (await TestData.ActorAsync(Roles.ProvinceAdmin, await TestData.ProvinceAsync("11"))).UserName,
            Who.Department => (await TestData.ProvinceActorAsync(Roles.DepartmentOfficer)).UserName,
            Who.Inspector => (await TestData.ProvinceActorAsync(Roles.Inspector)).UserName,
            Who.EmploymentCentre => (await TestData.ProvinceActorAsync(Roles.EmploymentCentre)).UserName,
            Who.Commune => (await TestData.ActorAsync(Roles.CommuneOfficer, tanUyen)).UserName,
            Who.Institution => (await TestData.ActorAsync(Roles.InstitutionStaff, tanUyen)).UserName,
            _ => (await TestData.ProvinceActorAsync(Roles.SocialPolicyBank)).UserName,
        };
        using var browser = await TestBrowser.SignedInAsync(user);
        var mayWriteRole = who is Who.EnterpriseA or Who.EnterpriseB or Who.Admin or Who.OtherProvinceAdmin;

        var page = await browser.GetAsync($"/Jobs/Vacancies/Details/{vacancyId}");
        var api = await browser.GetAsync($"/api/v1/vacancies/{vacancyId}");
        var list = await browser.GetAsync($"/api/v1/vacancies?q={Uri.EscapeDataString(title)}");
        var demandList = await browser.GetAsync($"/api/v1/labour-demand?nghe={occupation}");
        var put = await browser.Http.PutAsJsonAsync($"/api/v1/vacancies/{vacancyId}", new
        {
            title = "Đã bị sửa", occupationId = occupation, quantity = 1, placeCommuneId = tanUyen.Id, deadline = "2099-12-31",
        });
        var deleteDemand = await browser.Http.DeleteAsync($"/api/v1/labour-demand/{demandId}");

        switch (outcome)
        {
            case Outcome.Keep:
                page.StatusCode.ShouldBe(HttpStatusCode.OK);
                api.StatusCode.ShouldBe(HttpStatusCode.OK);
                put.StatusCode.ShouldBe(HttpStatusCode.NoContent);
                deleteDemand.StatusCode.ShouldBe(HttpStatusCode.NoContent);
                break;
            case Outcome.Read:
                page.StatusCode.ShouldBe(HttpStatusCode.OK);
                api.StatusCode.ShouldBe(HttpStatusCode.OK);
                (await list.Content.ReadAsStringAsync()).ShouldContain(title);
                (await demandList.Content.ReadAsStringAsync()).ShouldContain("\"workers\":17");
                put.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
                deleteDemand.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
                break;
            case Outcome.NotFound:
                page.StatusCode.ShouldBe(HttpStatusCode.NotFound);
                api.StatusCode.ShouldBe(HttpStatusCode.NotFound);
                (await list.Content.ReadAsStringAsync()).ShouldNotContain(title);
                (await demandList.Content.ReadAsStringAsync()).ShouldNotContain("\"workers\":17");
                put.StatusCode.ShouldBe(mayWriteRole ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
                deleteDemand.StatusCode.ShouldBe(mayWriteRole ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
                break;
        }
        if (outcome != Outcome.Keep)
        {
            (await TestData.WithDbAsync(db => db.Vacancies.SingleAsync(v => v.Id == vacancyId))).Title.ShouldBe(title);
            (await TestData.WithDbAsync(db => db.LabourDemands.CountAsync(d => d.Id == demandId))).ShouldBe(1);
        }
    }
}
