using DaoTaoNghe.Infrastructure.Web;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Map;

public class MapTests
{
    private sealed record UnitRow(int Id, string Code, string Name, string? DistrictName, string? BecameName, int Predecessors);

    [Fact]
    public async Task Lai_Chau_today_has_its_38_communes_and_wards()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var browser = await TestBrowser.SignedInAsync(user);

        var units = (await browser.Http.GetFromJsonAsync<PagedList<UnitRow>>("/api/v1/units?ngay=2026-01-15"))!.Items;

        units!.Count.ShouldBe(38);
        units.Count(u => u.Name.StartsWith("Phường")).ShouldBe(2);
        units.ShouldContain(u => u.Name == "Xã Mường Kim" && u.Code == "03637" && u.Predecessors == 4);
    }

    [Fact]
    public async Task The_2024_map_shows_the_old_districts_and_communes_and_what_each_became()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.Inspector);
        using var browser = await TestBrowser.SignedInAsync(user);

        var units = (await browser.Http.GetFromJsonAsync<PagedList<UnitRow>>("/api/v1/units?ngay=2024-06-30"))!.Items;

        units!.Count.ShouldBe(106);
        units.Select(u => u.DistrictName).Distinct().Count().ShouldBe(8);
        units.ShouldContain(u => u.Name == "Xã Tà Mung" && u.DistrictName == "Huyện Than Uyên" && u.BecameName == "Xã Mường Kim");
        var page = TestBrowser.HtmlText(await browser.GetHtmlAsync("/Map?ngay=2024-06-30"));
        page.ShouldContain("8 huyện, thành phố và 106 xã, phường, thị trấn");
        page.ShouldContain("Xã Tà Mung");
    }

    [Fact]
    public async Task A_unit_page_shows_what_an_old_commune_became_and_what_a_new_one_came_from()
    {
        var (user, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        using var browser = await TestBrowser.SignedInAsync(user);
        var muongKim = await TestData.CommuneAsync("Xã Mường Kim");
        var taMung = await TestData.OldCommuneAsync("Xã Tà Mung");

        var newUnit = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Map/Unit/{muongKim.Id}"));
        newUnit.ShouldContain("Hình thành từ 4 đơn vị trước 01/7/2025");
        newUnit.ShouldContain("Xã Tà Mung");
        var oldUnit = TestBrowser.HtmlText(await browser.GetHtmlAsync($"/Map/Unit/{taMung.Id}"));
        oldUnit.ShouldContain("Nay thuộc Xã Mường Kim");
        oldUnit.ShouldContain("đến hết 30/06/2025");
    }

    [Fact]
    public async Task Another_province_brings_in_its_own_mapping_and_a_second_import_changes_nothing()
    {
        var dienBien = await TestData.ProvinceAsync("11");
        var (admin, _) = await TestData.ActorAsync(Roles.ProvinceAdmin, dienBien);
        var newCodes = await TestData.WithDbAsync(db => db.AdministrativeUnits
            .Where(u => u.ProvinceId == dienBien.Id && u.Level == UnitLevel.Commune && u.ValidTo == null)
            .OrderBy(u => u.Code).Select(u => u.Code).Take(2).ToListAsync());
        var csv = Encoding.UTF8.GetBytes(
            "old_district_code;old_district;old_code;old_name;new_code\n" +
            $"097;Huyện Thử Nghiệm;99001;Xã Cũ Một;{newCodes[0]}\n" +
            $"097;Huyện Thử Nghiệm;99002;\"Xã Cũ Hai\";{newCodes[1]}\n");
        using var browser = await TestBrowser.SignedInAsync(admin);

        var first = TestBrowser.HtmlText(await (await browser.PostMultipartAsync("/Map/ImportMapping", [], "file", "dien-bien.csv", csv)).Content.ReadAsStringAsync());
        var second = TestBrowser.HtmlText(await (await browser.PostMultipartAsync("/Map/ImportMapping", [], "file", "dien-bien.csv", csv)).Content.ReadAsStringAsync());

        first.ShouldContain("thêm 1 huyện, 2 xã cũ, 2 liên kết kế thừa");
        second.ShouldContain("thêm 0 huyện, 0 xã cũ, 0 liên kết kế thừa; 2 dòng đã có sẵn");
        var oldMap = ((await browser.Http.GetFromJsonAsync<PagedList<UnitRow>>("/api/v1/units?ngay=2024-12-31"))!.Items)!;
        oldMap.Select(u => u.Name).ShouldBe(["Xã Cũ Hai", "Xã Cũ Một"], ignoreOrder: true);
        oldMap.ShouldAllBe(u => u.DistrictName == "Huyện Thử Nghiệm");
    }

    [Fact]
    public async Task A_mapping_file_with_bad_rows_is_refused_row_by_row_and_nothing_is_written()
    {
        var caoBang = await TestData.ProvinceAsync("04");
        var (admin, _) = await TestData.ActorAsync(Roles.ProvinceAdmin, caoBang);
        var csv = Encoding.UTF8.GetBytes(
            "old_district_code,old_district,old_code,old_name,new_code\n" +
            "040,Huyện A,04001,Xã B,03637\n" +
            "04,Huyện A,04002,Xã C,\n");
        using var browser = await TestBrowser.SignedInAsync(admin);

        var response = await browser.PostMultipartAsync("/Map/ImportMapping", [], "file", "sai.csv", csv);

        var page = TestBrowser.HtmlText(await response.Content.ReadAsStringAsync());
        page.ShouldContain("Dòng 2: mã xã mới \"03637\" không thuộc danh sách xã, phường hiện hành của Tỉnh Cao Bằng");
        page.ShouldContain("Dòng 3: mã huyện \"04\" phải gồm 3 chữ số");
        (await TestData.WithDbAsync(db => db.AdministrativeUnits.CountAsync(u => u.ProvinceId == caoBang.Id && u.Level == UnitLevel.District))).ShouldBe(0);
    }

    [Fact]
    public async Task A_file_without_the_required_columns_says_which_are_missing()
    {
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var browser = await TestBrowser.SignedInAsync(admin);

        var response = await browser.PostMultipartAsync("/Map/ImportMapping", [], "file", "x.csv", Encoding.UTF8.GetBytes("ma,ten\n1,2\n"));

        TestBrowser.HtmlText(await response.Content.ReadAsStringAsync()).ShouldContain("Tệp thiếu cột: old_district_code, old_district, old_code, old_name, new_code");
    }

    [Fact]
    public async Task Only_the_province_admin_may_import_a_mapping()
    {
        var commune = await TestData.CommuneAsync("Xã Bình Lư");
        var (officer, _) = await TestData.ActorAsync(Roles.CommuneOfficer, commune);
        using var browser = await TestBrowser.SignedInAsync(officer);

        (await browser.GetAsync("/Map/ImportMapping")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
