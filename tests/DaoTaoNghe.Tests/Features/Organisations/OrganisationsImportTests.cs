using System.Net;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Imports;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Imports.ImportSteps;

namespace DaoTaoNghe.Tests.Features.Organisations;

public class OrganisationsImportTests
{
    private const string Template = "co-quan-don-vi";
    private static readonly object?[] Header = ["Tên cơ quan, đơn vị", "Tên viết tắt", "Loại", "Địa bàn", "Địa chỉ", "Điện thoại", "Email", "Đang hoạt động"];

    [Fact]
    public async Task The_province_admin_brings_in_the_provinces_bodies_and_a_rerun_changes_nothing()
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var browser = await TestBrowser.SignedInAsync(admin);
        var m = TestData.Unique();
        var binhLu = await TestData.CommuneAsync("Xã Bình Lư");
        var existing = await TestData.OrganisationAsync(OrganisationKind.Enterprise, binhLu, $"Hợp tác xã Chè {m}");
        var file = TestWorkbook.Sheet(Header,
            [$"Trung tâm GDNN–GDTX {m}", "TT GDNN", "Cơ sở đào tạo nghề", "Xã Bình Lư", "Bản Nà Bó", 912345678, $"tt{m}@example.vn", "Có"],
            [$"hợp tác xã  CHÈ {m}", null, "Doanh nghiệp, hợp tác xã", "Lai Châu", null, null, null, "Không"],
            [$"Sai loại {m}", null, "Trường học", "Xã Bình Lư"],
            [$"Sai thư {m}", null, "Tổ chức khác", "12", null, null, "khong-phai-email"]);

        var dryRun = await DryRunAsync(browser, "co-quan.xlsx", file, Template);
        Counts(dryRun).ShouldBe((4, 1, 1, 0, 2));
        Errors(dryRun).Select(e => (e.Row, e.Column)).ShouldBe([(4, "C"), (5, "G")]);
        Errors(dryRun)[1].Message.ShouldBe("Email không hợp lệ.");

        Counts(await CommitAsync(browser, dryRun.GetProperty("jobId").GetInt32())).ShouldBe((4, 1, 1, 0, 2));
        var written = await TestData.WithDbAsync(db => db.Organisations.AsNoTracking().Where(o => o.Name.Contains(m)).OrderBy(o => o.Id).ToListAsync());
        written.Count.ShouldBe(2);
        (written[0].Id, written[0].Name, written[0].UnitId, written[0].IsActive).ShouldBe((existing.Id, $"hợp tác xã CHÈ {m}", (await TestData.ProvinceAsync()).Id, false));
        (written[1].Kind, written[1].UnitId, written[1].Phone, written[1].ShortName).ShouldBe((OrganisationKind.TrainingInstitution, binhLu.Id, "0912345678", "TT GDNN"));

        Counts(await DryRunAsync(browser, "co-quan.xlsx", file, Template)).ShouldBe((4, 0, 0, 2, 2));
    }

    [Fact]
    public async Task Only_the_province_admin_may_use_it()
    {
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(officer);

        (await browser.GetAsync($"/Imports/New/{Template}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await browser.GetHtmlAsync("/Imports")).ShouldNotContain($"/Imports/New/{Template}");
    }
}
