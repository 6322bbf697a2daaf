using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Tests.Support;

namespace DaoTaoNghe.Tests.Features.Registries;

public class RegistriesApiTests
{
    [Fact]
    public async Task The_OpenAPI_document_lists_every_registry()
    {
        var document = await TestApp.OpenApiDocumentAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/occupations/{id}/deactivate");
        paths.ShouldContain("/api/v1/institutions/{id}/licences");
        paths.ShouldContain("/api/v1/programmes/{id}/materials/files");
        paths.ShouldContain("/api/v1/programmes/{id}/norms");
        paths.ShouldContain("/api/v1/trainers/{id}");
        paths.ShouldContain("/api/v1/enterprises");
        paths.ShouldContain("/api/v1/partnerships/{id}/deactivate");
        paths.ShouldContain("/api/v1/indicators/registries");
        paths.ShouldContain("/api/v1/public/learning-materials");
    }

    [Fact]
    public async Task Registries_need_a_sign_in_and_public_materials_do_not()
    {
        using var client = TestApp.Instance.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        (await client.GetAsync("/api/v1/programmes")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/Programmes")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/api/v1/public/learning-materials")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/hoc-lieu")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/hoc-lieu/999999999")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
