using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Tests.Support;

namespace DaoTaoNghe.Tests.Features.Plans;

/// <summary>Plans and tasks made through the API, as the province admin would.</summary>
public static class PlansTestData
{
    public static async Task<int> PlanAsync(TestBrowser admin, string? number = null, int? replacesId = null, string sections = "I. Nâng cao nhận thức\nII. Quản lý nhà nước")
    {
        var response = await admin.PostJsonAsync("/api/v1/plans", new
        {
            number = number ?? $"{Random.Shared.Next(1000, 9999)}/KH-UBND", issuedOn = "2026-04-01",
            title = "Kế hoạch thử " + TestData.Unique(), legalBasis = "Quyết định số 326/QĐ-TTg", replacesId, sections,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    public static async Task<int> TaskAsync(TestBrowser admin, int planId, int[]? lead = null, int[]? coordinating = null, string[]? leadGroups = null,
        string[]? coordinatingGroups = null, string timeFrame = "Yearly", int? sectionId = null, string? content = null, string? coordinatingOthers = null)
    {
        var response = await admin.PostJsonAsync($"/api/v1/plans/{planId}/tasks", new
        {
            sectionId, number = "1", content = content ?? "Tuyên truyền chính sách học nghề " + TestData.Unique(), timeFrame,
            fromYear = timeFrame == "Yearly" ? (int?)null : 2026, toYear = timeFrame == "Period" ? (int?)2030 : null,
            leadOrganisationIds = lead ?? [], coordinatingOrganisationIds = coordinating ?? [], leadGroups = leadGroups ?? [],
            coordinatingGroups = coordinatingGroups ?? [], coordinatingOthers,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }
}
