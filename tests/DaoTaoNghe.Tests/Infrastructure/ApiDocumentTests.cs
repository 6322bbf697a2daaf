using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Web;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaoTaoNghe.Tests.Infrastructure;

/// <summary>The OpenAPI document is one a client generator can trust, checked over every operation it lists.</summary>
public partial class ApiDocumentTests
{
    private static readonly Lazy<Task<JsonElement>> Document = new(TestApp.OpenApiDocumentAsync);

    private static async Task<List<(string Path, string Method, JsonElement Operation)>> OperationsAsync() =>
        (await Document.Value).GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (p.Name, o.Name.ToUpperInvariant(), o.Value))).ToList();

    private static async Task<JsonElement> SchemasAsync() => (await Document.Value).GetProperty("components").GetProperty("schemas");

    [Fact]
    public async Task Every_body_has_its_own_named_schema_with_properties()
    {
        var schemas = await SchemasAsync();
        var problems = new List<string>();
        foreach (var (path, method, operation) in await OperationsAsync())
        {
            if (!operation.TryGetProperty("requestBody", out var body)) continue;
            foreach (var content in body.GetProperty("content").EnumerateObject())
            {
                var schema = content.Value.GetProperty("schema");
                if (content.Name.StartsWith("multipart/", StringComparison.Ordinal))
                {
                    if (!Properties(schema, schemas).Any()) problems.Add($"{method} {path}: a form without fields");
                    continue;
                }
                if (!schema.TryGetProperty("$ref", out var reference))
                {
                    problems.Add($"{method} {path}: an unnamed {content.Name} body");
                    continue;
                }
                var name = reference.GetString()!.Split('/').Last();
                if (!Properties(schemas.GetProperty(name), schemas).Any()) problems.Add($"{method} {path}: {name} has no property");
            }
        }
        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_operation_has_its_own_name_a_client_method_can_take()
    {
        var ids = (await OperationsAsync()).Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();

        ids.ShouldAllBe(id => id != null && Regex.IsMatch(id, "^[A-Z][A-Za-z0-9]+$"));
        ids.Distinct().Count().ShouldBe(ids.Count);
        ids.ShouldContain("GetCoursesByIdAttendance");
        ids.ShouldContain("PostLoansByIdStatus");
    }

    [Fact]
    public async Task Schema_names_are_qualified_and_none_is_anonymous()
    {
        var names = (await SchemasAsync()).EnumerateObject().Select(s => s.Name).ToList();

        names.Where(n => n.Contains("AnonymousType")).ShouldBeEmpty();
        names.ShouldNotContain("Command");
        names.ShouldContain("CoursesCreateCommand");
        names.ShouldContain("JobsVacanciesCreateCommand");
        names.ShouldContain("LearnersCreateCommand");
        names.ShouldContain("CreatedRecord");
        SchemaNames.Name(typeof(PagedList<DaoTaoNghe.Features.Courses.Index.Row>)).ShouldBe("PagedListOfCoursesIndexRow");
    }

    [Fact]
    public async Task Every_success_answer_has_a_schema_and_every_error_is_a_problem()
    {
        var problems = new List<string>();
        foreach (var (path, method, operation) in await OperationsAsync())
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                var code = int.Parse(response.Name);
                var hasSchema = response.Value.TryGetProperty("content", out var content)
                    && content.EnumerateObject().Any(c => c.Value.TryGetProperty("schema", out _));
                if (code is >= 200 and < 300 && code != 204 && !hasSchema) problems.Add($"{method} {path} {code}: no schema");
                if (code >= 400 && !(hasSchema && content.TryGetProperty("application/problem+json", out _)))
                    problems.Add($"{method} {path} {code}: not a ProblemDetails");
            }
            var codes = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            if (!codes.Any(c => c.StartsWith('2'))) problems.Add($"{method} {path}: no success answer");
            if (!codes.Contains("400") || !codes.Contains("404")) problems.Add($"{method} {path}: errors not declared");
        }
        problems.ShouldBeEmpty();
    }

    /// <summary>Catalogues the API returns whole: each a short fixed list, not records that grow.</summary>
    private static readonly Dictionary<string, string> WholeCatalogues = new()
    {
        ["GET /api/v1/indicators"] = "the indicator catalogue (embedded JSON, a few dozen definitions)",
        ["GET /api/v1/report-templates"] = "the report templates (embedded, a handful)",
        ["GET /api/v1/imports"] = "the import templates the caller may use (one per importable record type)",
    };

    /// <summary>
    /// Feeds read forward from a cursor instead of by page number: rows keep arriving while a client reads,
    /// so page 2 would shift under it. They take <c>since</c> and <c>pageSize</c> and answer <c>items</c>, <c>next</c>, <c>hasMore</c>.
    /// </summary>
    private static readonly Dictionary<string, string> CursorFeeds = new()
    {
        ["GET /api/v1/changes"] = "the change feed (inserts, updates, deletions in commit order)",
    };

    [Fact]
    public async Task Every_list_pages_by_page_and_pageSize_and_says_its_total()
    {
        var schemas = await SchemasAsync();
        var problems = new List<string>();
        var lists = 0;
        foreach (var (path, method, operation) in await OperationsAsync())
        {
            if (method != "GET" || !operation.GetProperty("responses").TryGetProperty("200", out var ok)
                || !ok.TryGetProperty("content", out var content) || !content.TryGetProperty("application/json", out var json)) continue;
            var schema = Resolve(json.GetProperty("schema"), schemas);
            var fields = Properties(schema, schemas).ToDictionary(p => p.Name, p => Resolve(p.Value, schemas));
            var isList = Types(schema).Contains("array") || fields.TryGetValue("items", out var items) && Types(items).Contains("array");
            if (!isList || WholeCatalogues.ContainsKey($"{method} {path}")) continue;
            lists++;
            var parameters = operation.TryGetProperty("parameters", out var declared)
                ? declared.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()).ToList()
                : [];
            if (CursorFeeds.ContainsKey($"{method} {path}"))
            {
                if (!parameters.Contains("since") || !parameters.Contains("pageSize")) problems.Add($"{method} {path}: no since and pageSize");
                foreach (var field in new[] { "items", "next", "hasMore" })
                    if (!fields.ContainsKey(field)) problems.Add($"{method} {path}: no \"{field}\" in its answer");
                continue;
            }
            if (!parameters.Contains("page") || !parameters.Contains("pageSize")) problems.Add($"{method} {path}: no page and pageSize");
            if (parameters.Contains("p")) problems.Add($"{method} {path}: still pages by p");
            foreach (var field in new[] { "items", "page", "pageSize", "total" })
                if (!fields.ContainsKey(field)) problems.Add($"{method} {path}: no \"{field}\" in its answer");
        }
        problems.ShouldBeEmpty();
        lists.ShouldBeGreaterThan(30);
    }

    [Fact]
    public async Task A_page_size_over_200_is_refused_in_Vietnamese_and_200_is_given()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var browser = await TestBrowser.SignedInAsync(user);

        var refused = await browser.GetAsync("/api/v1/courses?pageSize=201");
        var most = await browser.Http.GetFromJsonAsync<JsonElement>("/api/v1/courses?pageSize=200&page=2");
        var before = await browser.GetAsync("/api/v1/learners?page=0");

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("pageSize")[0].GetString().ShouldBe("Số dòng mỗi trang phải từ 1 đến 200.");
        most.GetProperty("pageSize").GetInt32().ShouldBe(200);
        most.GetProperty("page").GetInt32().ShouldBe(2);
        most.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(0);
        before.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await before.Content.ReadAsStringAsync()).ShouldContain("Trang phải từ 1 trở lên.");
    }

    [Fact]
    public async Task The_main_operations_show_an_example_body_of_their_own_fields()
    {
        string[] main =
        [
            "POST /api/v1/learners", "POST /api/v1/orders", "POST /api/v1/courses", "POST /api/v1/courses/{id}/enrolments",
            "PUT /api/v1/courses/{id}/attendance/{date}", "PUT /api/v1/courses/{id}/results", "POST /api/v1/follow-ups/outcomes",
            "POST /api/v1/loans", "POST /api/v1/loans/{id}/status", "POST /api/v1/abroad-contracts", "POST /api/v1/job-sessions",
        ];
        var schemas = await SchemasAsync();
        var operations = (await OperationsAsync()).ToDictionary(o => $"{o.Method} {o.Path}", o => o.Operation);
        var problems = new List<string>();
        foreach (var name in main)
        {
            var body = operations[name].GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
            if (!body.TryGetProperty("example", out var example)) { problems.Add($"{name}: no example"); continue; }
            var fields = Properties(body.GetProperty("schema"), schemas).Select(p => p.Name).ToHashSet();
            problems.AddRange(example.EnumerateObject().Where(f => !fields.Contains(f.Name)).Select(f => $"{name}: example field {f.Name} not in the schema"));
            if (example.EnumerateObject().Any(f => f.Value.ValueKind == JsonValueKind.Null)) problems.Add($"{name}: example shows empty fields");
        }
        problems.ShouldBeEmpty();
        var learner = operations["POST /api/v1/learners"].GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");
        learner.GetProperty("birthDate").GetString().ShouldBe("1995-04-12");
        learner.GetProperty("sex").GetString().ShouldBe("Female");
    }

    [Fact]
    public async Task Every_operation_has_a_Vietnamese_summary()
    {
        var missing = (await OperationsAsync())
            .Where(o => !o.Operation.TryGetProperty("summary", out var summary) || !VietnameseLetter().IsMatch(summary.GetString() ?? ""))
            .Select(o => $"{o.Method} {o.Path}").ToList();

        missing.ShouldBeEmpty();
    }

    [Fact]
    public async Task Enums_are_named_strings_numbers_are_numbers_and_fields_carry_their_Vietnamese_names()
    {
        var schemas = await SchemasAsync();
        var problems = new List<string>();
        foreach (var schema in schemas.EnumerateObject())
        {
            if (schema.Value.TryGetProperty("enum", out var values)
                && (Types(schema.Value).SingleOrDefault() != "string" || values.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String)))
                problems.Add($"{schema.Name}: an enum not of named strings");
            foreach (var property in Properties(schema.Value, schemas))
                if (Types(property.Value) is var types && types.Contains("integer") && types.Contains("string"))
                    problems.Add($"{schema.Name}.{property.Name}: a number that may be a string");
        }
        problems.ShouldBeEmpty();

        schemas.GetProperty("CataloguesSex").GetProperty("description").GetString()!.ShouldContain("Nữ");
        var learner = Properties(schemas.GetProperty("LearnersCreateCommand"), schemas).ToDictionary(p => p.Name, p => p.Value);
        learner["fullName"].GetProperty("description").GetString().ShouldBe("Họ và tên");
    }

    [Fact]
    public void Instants_are_written_in_UTC_with_their_offset()
    {
        var options = TestApp.Instance.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var stored = new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Unspecified);

        JsonSerializer.Serialize(stored, options).ShouldBe("\"2026-11-23T02:00:00Z\"");
        JsonSerializer.Serialize((DateTime?)stored, options).ShouldBe("\"2026-11-23T02:00:00Z\"");
        JsonSerializer.Deserialize<DateTime>("\"2026-11-23T09:00:00+07:00\"", options).ShouldBe(new DateTime(2026, 11, 23, 2, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task The_document_asks_for_sign_in_outside_Development()
    {
        using var anonymous = TestApp.Instance.CreateClient(new() { AllowAutoRedirect = false });

        var document = await anonymous.GetAsync("/openapi/v1.json");

        document.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        document.Headers.Location!.OriginalString.ShouldContain("/Account/Login");
    }

    [Fact]
    public async Task The_reference_page_runs_its_own_script_under_its_nonce_for_signed_in_users()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.CommuneOfficer);
        using var browser = await TestBrowser.SignedInAsync(user);
        using var anonymous = TestApp.Instance.CreateClient(new() { AllowAutoRedirect = false });

        var page = await browser.GetAsync("/api/");
        var html = await page.Content.ReadAsStringAsync();

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("DaoTaoNghe – Tài liệu API");
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        var nonce = Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;
        nonce.ShouldNotBeEmpty();
        foreach (Match script in Regex.Matches(html, "<script([^>]*)>"))
            if (!script.Groups[1].Value.Contains("src=")) script.Groups[1].Value.ShouldContain($"nonce=\"{nonce}\"");
        foreach (Match source in Regex.Matches(html, "<script[^>]*src=\"([^\"]+)\""))
        {
            var asset = await browser.GetAsync(new Uri(new Uri("http://localhost/api/"), source.Groups[1].Value).PathAndQuery);
            asset.StatusCode.ShouldBe(HttpStatusCode.OK, source.Groups[1].Value);
        }
        var signedOut = await anonymous.GetAsync("/api/");
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedOut.Headers.Location!.OriginalString.ShouldContain("/Account/Login");
    }

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas) =>
        schema.TryGetProperty("$ref", out var reference) ? schemas.GetProperty(reference.GetString()!.Split('/').Last()) : schema;

    private static List<string> Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null").ToList()
        : [type.GetString()!];

    /// <summary>A schema's properties, through its reference and its allOf parts.</summary>
    private static IEnumerable<JsonProperty> Properties(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference))
            schema = schemas.GetProperty(reference.GetString()!.Split('/').Last());
        var own = schema.TryGetProperty("properties", out var properties) ? properties.EnumerateObject().ToList() : [];
        var parts = schema.TryGetProperty("allOf", out var allOf) ? allOf.EnumerateArray().SelectMany(p => Properties(p, schemas)) : [];
        return own.Concat(parts);
    }

    [GeneratedRegex("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", RegexOptions.IgnoreCase)]
    private static partial Regex VietnameseLetter();
}
