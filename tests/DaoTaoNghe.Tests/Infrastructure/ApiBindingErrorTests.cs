using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;

namespace DaoTaoNghe.Tests.Infrastructure;

/// <summary>
/// A request the API cannot read is answered in Vietnamese, as a ProblemDetails naming the field by
/// the form's own name, never with the framework's English; and every answer is kept by no cache.
/// </summary>
public class ApiBindingErrorTests
{
    private static async Task<TestBrowser> CommuneOfficerAsync()
    {
        var (user, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        return await TestBrowser.SignedInAsync(user);
    }

    private static async Task<(JsonElement Problem, Dictionary<string, string> Errors)> ProblemAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldNotContain("Failed to");
        text.ShouldNotContain("could not be converted");
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("title").GetString().ShouldBe("Dữ liệu không hợp lệ");
        var errors = problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => string.Join(" ", e.Value.EnumerateArray().Select(m => m.GetString())));
        return (problem, errors);
    }

    private static Task<HttpResponseMessage> PostRawAsync(TestBrowser browser, string url, string json) =>
        browser.Http.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task JSON_that_does_not_parse_is_explained()
    {
        using var browser = await CommuneOfficerAsync();

        var (problem, _) = await ProblemAsync(await PostRawAsync(browser, "/api/v1/learners", """{"fullName": "Lò Văn A", "birthDate": """));

        problem.GetProperty("detail").GetString()!.ShouldContain("JSON không hợp lệ");
    }

    [Fact]
    public async Task An_unknown_enum_name_names_the_field_and_the_choices()
    {
        using var browser = await CommuneOfficerAsync();

        var (_, errors) = await ProblemAsync(await PostRawAsync(browser, "/api/v1/learners", """{"fullName": "Lò Văn A", "sex": "Robot"}"""));

        errors["sex"].ShouldStartWith("Giới tính");
        errors["sex"].ShouldContain("Female (Nữ)");
    }

    [Fact]
    public async Task A_number_given_as_text_names_the_field()
    {
        using var browser = await CommuneOfficerAsync();

        var (_, errors) = await ProblemAsync(await PostRawAsync(browser, "/api/v1/learners", """{"fullName": "Lò Văn A", "communeId": "mười hai"}"""));

        errors["communeId"].ShouldStartWith("Xã, phường nơi cư trú");
        errors["communeId"].ShouldContain("số nguyên");
    }

    [Fact]
    public async Task A_date_that_is_not_one_names_the_field()
    {
        using var browser = await CommuneOfficerAsync();

        var (_, errors) = await ProblemAsync(await PostRawAsync(browser, "/api/v1/learners", """{"fullName": "Lò Văn A", "birthDate": "31/02/2000"}"""));

        errors["birthDate"].ShouldStartWith("Ngày sinh");
        errors["birthDate"].ShouldContain("yyyy-MM-dd");
    }

    [Fact]
    public async Task A_query_filter_that_is_not_one_names_the_filter()
    {
        using var browser = await CommuneOfficerAsync();

        var (_, errors) = await ProblemAsync(await browser.GetAsync("/api/v1/learners?gt=Robot"));

        errors["gt"].ShouldStartWith("Giới tính: \"Robot\"");
        errors["gt"].ShouldContain("Male (Nam)");
    }

    [Fact]
    public async Task An_unknown_field_is_refused_by_its_name_with_the_field_it_may_have_meant()
    {
        using var browser = await CommuneOfficerAsync();

        var (problem, errors) = await ProblemAsync(await PostRawAsync(browser, "/api/v1/learners", """{"fullName": "Lò Văn A", "birthdate": "2000-01-01", "ngheNghiep": "Nông dân"}"""));

        // JSON names are read regardless of case ("birthdate" is birthDate); a name the form does not have is refused.
        errors.Keys.ShouldBe(["ngheNghiep"]);
        errors["ngheNghiep"].ShouldStartWith("Trường \"ngheNghiep\" không có trong nội dung gửi lên");
        problem.GetProperty("detail").GetString()!.ShouldContain("ngheNghiep");
        var (_, misspelt) = await ProblemAsync(await PostRawAsync(browser, "/api/v1/learners", """{"fullNme": "Lò Văn A"}"""));
        misspelt["fullNme"].ShouldContain("Có phải \"fullName\" (Họ và tên)?");
    }

    [Fact]
    public async Task An_unknown_field_inside_a_list_names_the_list()
    {
        var setup = await DaoTaoNghe.Tests.Features.Courses.TrainingTestData.InstitutionAsync();
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);

        var (_, errors) = await ProblemAsync(await browser.Http.PutAsync("/api/v1/courses/999999999/attendance-summary",
            new StringContent("""{"rows": [{"enrolmentId": 1, "dayz": 3}]}""", Encoding.UTF8, "application/json")));

        errors.Keys.ShouldBe(["rows[0].dayz"]);
        errors["rows[0].dayz"].ShouldContain("Trường \"dayz\"");
        errors["rows[0].dayz"].ShouldContain("\"days\"");
    }

    [Fact]
    public async Task A_missing_field_is_named_in_Vietnamese()
    {
        using var browser = await CommuneOfficerAsync();

        var (_, errors) = await ProblemAsync(await PostRawAsync(browser, "/api/v1/learners", """{"birthDate": "2000-01-01"}"""));

        errors.Values.ShouldContain(m => m.Contains("họ và tên", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_duplicates_list_works_without_its_optional_filter()
    {
        using var browser = await CommuneOfficerAsync();

        (await browser.GetAsync("/api/v1/learners/duplicates")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/api/v1/learners/duplicates?khac-xa=true")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task API_answers_and_downloads_of_personal_data_are_not_stored_by_any_cache()
    {
        using var browser = await CommuneOfficerAsync();

        var answer = await browser.GetAsync("/api/v1/learners");
        var refusal = await browser.GetAsync("/api/v1/learners/999999999");
        var download = await browser.GetAsync("/Learners?handler=Export");

        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        refusal.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var response in new[] { answer, refusal, download })
            response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        using var anonymous = TestApp.Instance.CreateClient();
        (await anonymous.GetAsync("/css/site.css")).Headers.CacheControl!.NoStore.ShouldBeFalse();
    }
}
