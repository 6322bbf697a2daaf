using System.Text;
using DaoTaoNghe.BrowserTests.Support;

namespace DaoTaoNghe.BrowserTests.Features;

/// <summary>Issue 3's walk-through: an institution publishes a programme with a material file; anyone finds it and downloads it.</summary>
[Collection(DemoSiteCollection.Name)]
public class LearningMaterialsTests(DemoSite site)
{
    [Fact]
    public async Task An_institution_adds_a_programme_with_a_material_that_the_public_finds_and_downloads()
    {
        var marker = Guid.NewGuid().ToString("N")[..6];
        var programme = $"Trồng chè Shan tuyết hữu cơ {marker}";
        var content = Encoding.UTF8.GetBytes("%PDF-1.4\nBai 1: Cham soc che sau don\n");
        var page = await site.SignInAsync("truong.cdlc");

        await page.GetByRole(AriaRole.Link, new() { Name = "Chương trình đào tạo", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Thêm chương trình" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Cơ sở đào tạo", new() { Exact = true })).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        await page.GetByLabel("Nghề", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Kỹ thuật trồng và chăm sóc chè (NN.01)" });
        await page.GetByLabel("Trình độ", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Sơ cấp" });
        await page.GetByLabel("Thời lượng (giờ)", new() { Exact = true }).FillAsync("360");
        await page.GetByLabel("Tên chương trình", new() { Exact = true }).FillAsync(programme);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã thêm chương trình đào tạo.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Cập nhật học liệu" }).ClickAsync();
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "Bai 1 - Cham soc che.pdf", MimeType = "application/pdf", Buffer = content });
        await page.Locator("#FileData_Title").FillAsync("Bài 1: Chăm sóc chè sau đốn");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success")).ToContainTextAsync("Đã tải lên học liệu.");
        await Assertions.Expect(page.Locator("main table")).ToContainTextAsync("Bài 1: Chăm sóc chè sau đốn");

        var visitor = await site.NewPageAsync();
        await visitor.GotoAsync("/hoc-lieu");
        await visitor.GetByLabel("Tìm nghề, chương trình, tài liệu (không cần dấu)").FillAsync($"trong che shan tuyet huu co {marker}");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Assertions.Expect(visitor.Locator("main table tbody tr")).ToHaveCountAsync(1);
        await visitor.GetByRole(AriaRole.Link, new() { Name = programme }).ClickAsync();
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("Trường Cao đẳng Lai Châu");

        var download = await visitor.RunAndWaitForDownloadAsync(() =>
            visitor.GetByRole(AriaRole.Link, new() { Name = "Bài 1: Chăm sóc chè sau đốn" }).ClickAsync());

        download.SuggestedFilename.ShouldBe("Bai 1 - Cham soc che.pdf");
        (await File.ReadAllBytesAsync((await download.PathAsync())!)).ShouldBe(content);
    }
}
