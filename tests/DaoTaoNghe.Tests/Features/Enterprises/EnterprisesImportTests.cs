using System.Globalization;
using System.Net;
using DaoTaoNghe.Features.Enterprises;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Imports;
using DaoTaoNghe.Tests.Features.Registries;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Imports.ImportSteps;

namespace DaoTaoNghe.Tests.Features.Enterprises;

public class EnterprisesImportTests
{
    private const string Template = "doanh-nghiep";

    // A tax code, B name, C legal form, D sector, E size, F employees, G commune, H phone, I active
    private static readonly object?[] Header =
        ["Mã số thuế", "Tên doanh nghiệp", "Loại hình", "Ngành, lĩnh vực chính", "Quy mô", "Số lao động", "Địa bàn (xã, phường)", "Điện thoại", "Đang hoạt động"];

    [Fact]
    public async Task The_province_admin_registers_and_updates_enterprises_by_tax_code_and_a_rerun_changes_nothing()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);
        var m = TestData.Unique();
        var (updatedName, updatedCode) = ($"Hợp tác xã Chè Shan Tuyết {m}", RegistryData.NewTaxCode());
        var updatedId = await EnterprisesTests.CreateAsync(admin, updatedName, updatedCode);
        var (keptName, keptCode) = ($"Hợp tác xã Mây Tre {m}", RegistryData.NewTaxCode());
        var keptId = await EnterprisesTests.CreateAsync(admin, keptName, keptCode);
        var otherName = $"Hợp tác xã Dược liệu Sìn Hồ {m}";
        await EnterprisesTests.CreateAsync(admin, otherName, RegistryData.NewTaxCode());
        var bare = await TestData.OrganisationAsync(OrganisationKind.Enterprise, await TestData.CommuneAsync("Xã Bình Lư"), $"Công ty TNHH Chè Bình Lư {m}");
        var bareCode = RegistryData.NewTaxCode();
        var branchCode = RegistryData.NewTaxCode() + "-001";
        var hanoiCode = LeadingZeroTaxCode();
        var bad = RegistryData.NewTaxCode();
        bad = bad[..9] + (char)('0' + (bad[9] - '0' + 1) % 10);

        var file = TestWorkbook.Sheet(
            Header,
            [updatedCode, updatedName, "HTX", "Nông, lâm nghiệp, thủy sản", "Nhỏ", 40, "Xã Mường Than", "0214 3876 123"],
            [keptCode, keptName, "Hợp tác xã", "nong nghiep", "nhỏ", null, "Mường Than"],
            [bareCode, $"CÔNG TY TNHH CHÈ BÌNH LƯ {m}", "Công ty TNHH", "Chế biến", "Siêu nhỏ", 5, "Xã Bình Lư"],
            [branchCode, $"Chi nhánh Du lịch Sìn Hồ {m}", "Chi nhánh", "du lịch", "Vừa", 120, "Lai Châu"],
            [long.Parse(hanoiCode, CultureInfo.InvariantCulture), $"Công ty cổ phần Xây dựng Thủ đô {m}", "Công ty cổ phần", "Xây dựng, vật liệu xây dựng", "Lớn", 350, "Phường Tân Phong", null, "Không"],
            [bad, $"Sai mã {m}", "HTX", "Thương mại", "Nhỏ", null, "Xã Bình Lư"],
            [branchCode, $"Trùng mã {m}", "Chi nhánh", "du lịch", "Vừa", null, "Lai Châu"],
            [RegistryData.NewTaxCode(), otherName.ToUpperInvariant(), "HTX", "Thương mại", "Nhỏ", null, "Xã Bình Lư"],
            [RegistryData.NewTaxCode(), $"Sai quy mô {m}", "HTX", "Thương mại", "Rất lớn", null, "Xã Bình Lư"],
            [RegistryData.NewTaxCode(), $"Sai địa bàn {m}", "HTX", "Thương mại", "Nhỏ", null, "Xã Không Có"],
            [RegistryData.NewTaxCode(), $"Chi nhánh Du lịch Sìn Hồ {m}", "Chi nhánh", "du lịch", "Vừa", null, "Lai Châu"]);

        var dryRun = await DryRunAsync(admin, "doanh-nghiep.xlsx", file, Template);

        Counts(dryRun).ShouldBe((11, 3, 1, 1, 6));
        Errors(dryRun).ShouldBe([
            (7, "A", $"Mã số thuế \"{bad}\" không đúng (sai chữ số kiểm tra)."),
            (8, "", $"Trùng với dòng 5: cùng Mã số thuế (chi nhánh: mã số thuế kèm -001…); mỗi bản ghi chỉ được có một dòng trong tệp."),
            (9, "B", $"Tỉnh đã có đơn vị tên \"{otherName.ToUpperInvariant()}\"."),
            (10, "E", "Quy mô: \"Rất lớn\" không có trong danh sách: Siêu nhỏ; Nhỏ; Vừa; Lớn."),
            (11, "G", "Địa bàn (xã, phường): không tìm thấy xã, phường \"Xã Không Có\" của Tỉnh Lai Châu; hãy ghi mã 5 chữ số hoặc tên đúng như trong danh mục."),
            (12, "B", $"Trùng tên với dòng 5 (mã số thuế {branchCode}): hai doanh nghiệp không được cùng tên."),
        ]);
        (await ProfileAsync(branchCode)).ShouldBeNull();

        Counts(await CommitAsync(admin, dryRun.GetProperty("jobId").GetInt32())).ShouldBe((11, 3, 1, 1, 6));

        var updated = (await ProfileAsync(updatedCode))!;
        (updated.OrganisationId, updated.Employees, updated.Organisation.Phone, updated.Organisation.Address, updated.FoundedOn)
            .ShouldBe((updatedId, 40, "0214 3876 123", "Bản Mé, xã Mường Than", new DateOnly(2018, 5, 12)));
        var attached = (await ProfileAsync(bareCode))!;
        (attached.OrganisationId, attached.Form, attached.Sector, attached.Size).ShouldBe((bare.Id, EnterpriseForm.LimitedCompany, EnterpriseSector.FoodProcessing, EnterpriseSize.Micro));
        var branch = (await ProfileAsync(branchCode))!;
        (branch.Form, branch.Sector, branch.Size, branch.Employees, branch.Organisation.Kind, branch.Organisation.UnitId, branch.Organisation.IsActive)
            .ShouldBe((EnterpriseForm.Branch, EnterpriseSector.Tourism, EnterpriseSize.Medium, 120, OrganisationKind.Enterprise, (await TestData.ProvinceAsync()).Id, true));
        (await ProfileAsync(hanoiCode))!.Organisation.IsActive.ShouldBeFalse();
        var keptBefore = await ProfileAsync(keptCode);
        keptBefore!.OrganisationId.ShouldBe(keptId);

        var again = await DryRunAsync(admin, "doanh-nghiep (1).xlsx", file, Template);
        Counts(again).ShouldBe((11, 0, 0, 5, 6));
        Counts(await CommitAsync(admin, again.GetProperty("jobId").GetInt32())).ShouldBe((11, 0, 0, 5, 6));
        (await TestData.WithDbAsync(db => db.Organisations.CountAsync(o => o.Name.Contains(m)))).ShouldBe(6);
    }

    [Theory]
    [InlineData(Roles.EmploymentCentre)]
    [InlineData(Roles.Enterprise)]
    [InlineData(Roles.CommuneOfficer)]
    public async Task Only_the_province_admin_keeps_the_registry(string role)
    {
        var (user, _) = await TestData.ActorAsync(role, await TestData.CommuneAsync("Xã Bình Lư"));
        using var browser = await TestBrowser.SignedInAsync(user);
        using var client = await ImportsApiTests.ClientWithKeyAsync(user);

        (await browser.GetAsync($"/Imports/New/{Template}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var file = TestWorkbook.Sheet(Header, [RegistryData.NewTaxCode(), $"Không được {TestData.Unique()}", "HTX", "Thương mại", "Nhỏ", null, "Xã Bình Lư"]);
        (await PostAsync(client, "dn.xlsx", file, dryRun: false, template: Template)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_template_comes_back_as_it_went_out()
    {
        var (adminName, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var admin = await TestBrowser.SignedInAsync(adminName);

        var bytes = await (await admin.GetAsync($"/Imports/New/{Template}?handler=Template")).Content.ReadAsByteArrayAsync();

        Xlsx.ReadRows(bytes)[0].Take(3).ShouldBe(["Mã số thuế", "Tên doanh nghiệp", "Tên viết tắt"]);
        var untouched = await DryRunAsync(admin, "mau-nhap-doanh-nghiep.xlsx", bytes, Template);
        Counts(untouched).ShouldBe((0, 0, 0, 0, 0));
        Notes(untouched).ShouldContain("Bỏ qua dòng 2: dòng ví dụ của mẫu.");
    }

    /// <summary>A valid code starting with 0 (as Hà Nội's do), which Excel turns into a nine-digit number.</summary>
    private static string LeadingZeroTaxCode()
    {
        while (true)
        {
            var nine = "01" + Random.Shared.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture);
            if (TaxCode.CheckDigit(nine) is >= 0 and var check) return nine + check.ToString(CultureInfo.InvariantCulture);
        }
    }

    private static Task<EnterpriseProfile?> ProfileAsync(string taxCode) =>
        TestData.WithDbAsync(db => db.EnterpriseProfiles.AsNoTracking().IgnoreQueryFilters().Include(p => p.Organisation)
            .SingleOrDefaultAsync(p => p.TaxCode == taxCode));
}
