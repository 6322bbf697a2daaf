using DaoTaoNghe.Tests.Support;

namespace DaoTaoNghe.Tests.Api;

public class GeneratedClientTests
{
    [Fact]
    public async Task The_client_generated_from_the_document_compiles()
    {
        var build = await GeneratedClient.Current;

        build.Errors.ShouldBeEmpty();
        build.Assembly.ShouldNotBeNull();
    }
}
