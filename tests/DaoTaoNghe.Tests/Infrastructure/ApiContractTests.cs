using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;

namespace DaoTaoNghe.Tests.Infrastructure;

public class ApiContractTests
{
    [Fact]
    public async Task Health_answers_200_when_the_database_is_reachable()
    {
        using var client = TestApp.Instance.CreateClient();

        var response = await client.GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_endpoints()
    {
        var document = await TestApp.OpenApiDocumentAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/outreach/{id}");
        paths.ShouldContain("/api/v1/units");
        paths.ShouldContain("/api/v1/organisations");
        paths.ShouldContain("/api/v1/me");
        paths.ShouldContain("/api/v1/audit");
    }

    [Fact]
    public async Task An_unknown_API_record_is_a_Vietnamese_problem_document()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var browser = await TestBrowser.SignedInAsync(user);

        var response = await browser.GetAsync("/api/v1/outreach/999999999");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("title").GetString().ShouldBe("Không tìm thấy");
        problem.GetProperty("detail").GetString()!.ShouldContain("Không tìm thấy hoạt động tuyên truyền");
    }

    [Fact]
    public async Task Pages_answer_errors_with_Vietnamese_error_pages()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var browser = await TestBrowser.SignedInAsync(user);

        var missing = await browser.GetAsync("/Outreach/Details/999999999");
        var forbidden = await browser.GetAsync("/Users");

        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        TestBrowser.HtmlText(await missing.Content.ReadAsStringAsync()).ShouldContain("Trang hoặc dữ liệu bạn tìm không tồn tại");
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        TestBrowser.HtmlText(await forbidden.Content.ReadAsStringAsync()).ShouldContain("Không có quyền truy cập");
    }

    [Fact]
    public async Task Pages_carry_security_headers_and_no_inline_script()
    {
        using var client = TestApp.Instance.CreateClient();

        var response = await client.GetAsync("/Account/Login");

        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        response.Headers.GetValues("X-Frame-Options").Single().ShouldBe("DENY");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("<script>");
    }
}
