using System.Text;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Files;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace DaoTaoNghe.Tests.Unit;

public class FileStoreTests
{
    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "DaoTaoNghe";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static readonly FileRules Rules = new(1024, FileRules.OfficeDocuments);

    private static (FileStore Store, string Root) NewStore()
    {
        var root = Path.Combine(Path.GetTempPath(), "dtn-filestore-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Files:Root"] = root }).Build();
        return (new FileStore(configuration, new Environment(root), new TestClock()), root);
    }

    private static FormFile Upload(string name, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        return new FormFile(new MemoryStream(bytes), 0, bytes.Length, "file", name);
    }

    [Fact]
    public async Task A_document_is_kept_under_a_random_key_and_comes_back_only_as_a_download()
    {
        var (store, root) = NewStore();

        var stored = await store.SaveAsync(Upload("../../Báo cáo tháng 3.pdf", "%PDF-1.4"), Rules, "File");

        stored.FileName.ShouldBe("Báo cáo tháng 3.pdf");
        stored.ContentType.ShouldBe("application/pdf");
        stored.Key.ShouldNotContain("..");
        File.Exists(Path.Combine(root, stored.Key)).ShouldBeTrue();
        var download = (FileStreamResult)store.Download(stored.Key, stored.FileName, stored.ContentType);
        download.FileDownloadName.ShouldBe("Báo cáo tháng 3.pdf");
        Directory.Delete(root, recursive: true);
    }

    [Theory]
    [InlineData("trang.html", "<script>alert(1)</script>")]
    [InlineData("anh.svg", "<svg onload=alert(1)>")]
    [InlineData("chay.exe", "MZ")]
    public async Task Files_that_a_browser_could_run_are_refused_by_name(string name, string content)
    {
        var (store, _) = NewStore();

        var refused = await Should.ThrowAsync<ValidationFailedException>(() => store.SaveAsync(Upload(name, content), Rules, "File"));

        refused.Errors.Single().Field.ShouldBe("File");
        refused.Message.ShouldContain($"Không nhận tệp \"{name}\"");
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_and_nothing_is_left_on_disk()
    {
        var (store, root) = NewStore();

        var refused = await Should.ThrowAsync<ValidationFailedException>(() => store.SaveAsync(Upload("lon.txt", new string('a', 2048)), Rules, "File"));

        refused.Message.ShouldContain("quá lớn");
        (Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories) : []).ShouldBeEmpty();
    }

    [Fact]
    public void A_key_cannot_reach_outside_the_store()
    {
        var (store, _) = NewStore();

        Should.Throw<NotFoundException>(() => store.Download("../../etc/passwd", "x", "text/plain"));
    }
}
