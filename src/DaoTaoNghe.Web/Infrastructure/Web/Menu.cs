using System.Security.Claims;
using DaoTaoNghe.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Infrastructure.Web;

public sealed record MenuItem(string Title, string Url);

public sealed record MenuSection(string Title, IReadOnlyList<MenuItem> Items);

/// <param name="Daily">The role's daily work, grouped, at most <see cref="Menu.DailyLimit"/> entries.</param>
/// <param name="Other">Every other page the person may open, under "Khác".</param>
public sealed record MenuDesk(IReadOnlyList<MenuSection> Daily, IReadOnlyList<MenuItem> Other);

/// <summary>
/// The application menu. An entry names a page, and is shown to whoever the page's own
/// <c>[Authorize(Policy = …)]</c> lets in: the permission is written once, on the page. Every page
/// and endpoint enforces its own authorisation and scope on the server.
/// </summary>
public sealed class Menu(EndpointDataSource endpoints)
{
    private readonly Lazy<IReadOnlyDictionary<string, Endpoint>> _pages = new(() => endpoints.Endpoints.OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
        .GroupBy(e => "/" + e.RoutePattern.RawText?.Trim('/'), StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => (Endpoint)g.First(), StringComparer.OrdinalIgnoreCase));

    /// <summary>The page an entry opens, or null when no page answers the URL.</summary>
    public Endpoint? PageOf(string url) => _pages.Value.GetValueOrDefault(url.TrimEnd('/') is "" ? "/" : url.TrimEnd('/'));

    public bool Allows(ClaimsPrincipal user, string url)
    {
        if (PageOf(url) is not { } page) return false;
        if (page.Metadata.GetMetadata<IAllowAnonymous>() is not null) return true;
        if (user.Identity?.IsAuthenticated != true) return false;
        var role = user.FindFirstValue(ClaimTypes.Role);
        return page.Metadata.GetOrderedMetadata<IAuthorizeData>().All(a => string.IsNullOrEmpty(a.Policy) || Policies.Allows(a.Policy, role));
    }

    public IEnumerable<MenuSection> For(ClaimsPrincipal user) =>
        Sections
            .Select(s => s with { Items = s.Items.Where(i => Allows(user, i.Url)).ToList() })
            .Where(s => s.Items.Count > 0);

    /// <summary>
    /// The menu as a person sees it: their role's daily work first (<see cref="Desks"/>), the rest of what
    /// they may open under "Khác". Which entries show is still decided by each page's permission; the
    /// desk only orders and groups them. A role without a desk sees every section.
    /// </summary>
    public MenuDesk DeskFor(ClaimsPrincipal user)
    {
        var visible = For(user).ToList();
        if (user.FindFirstValue(ClaimTypes.Role) is not { } role || !Desks.TryGetValue(role, out var desk)) return new(visible, []);
        var daily = desk.Select(s => s with { Items = s.Items.Where(i => Allows(user, i.Url)).ToList() }).Where(s => s.Items.Count > 0).ToList();
        var shown = daily.SelectMany(s => s.Items).Select(i => i.Url).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new(daily, visible.SelectMany(s => s.Items).Where(i => !shown.Contains(i.Url)).ToList());
    }

    /// <summary>How many entries a role's daily menu may have: what a person can hold in their head.</summary>
    public const int DailyLimit = 12;

    public const string OtherTitle = "Khác";

    /// <summary>
    /// Each role's daily work, from the walk through a day of each office (issue 17): what the
    /// person opens most days, grouped the way the work comes. National roles keep the whole (short) menu.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<MenuSection>> Desks = new Dictionary<string, IReadOnlyList<MenuSection>>
    {
        [Roles.CommuneOfficer] =
        [
            new("Việc hằng ngày", [new("Trang chủ", "/"), new("Người học", "/Learners"), new("Theo dõi việc làm sau đào tạo", "/FollowUps"),
                new("Nhu cầu học nghề", "/TrainingNeeds"), new("Hoạt động tuyên truyền", "/Outreach")]),
            new("Đào tạo", [new("Lớp đào tạo", "/Courses"), new("Hồ sơ có thể trùng", "/Learners/Duplicates"), new("Nhập dữ liệu từ Excel", "/Imports")]),
            new("Số liệu, báo cáo", [new("Bảng chỉ số", "/Indicators"), new("Số liệu tổng hợp", "/Indicators/Data"), new("Báo cáo định kỳ", "/Reports"),
                new("Nhiệm vụ được giao", "/Plans/Tasks")]),
        ],
        [Roles.InstitutionStaff] =
        [
            new("Việc hằng ngày", [new("Trang chủ", "/"), new("Đơn đặt hàng đào tạo", "/Orders"), new("Lớp đào tạo", "/Courses"),
                new("Người học theo lớp", "/Courses/Enrolments"), new("Sổ cấp chứng chỉ", "/Certificates")]),
            new("Hồ sơ cơ sở", [new("Hồ sơ cơ sở của tôi", "/Institutions/Mine"), new("Chương trình đào tạo", "/Programmes"),
                new("Nhà giáo, người dạy nghề", "/Trainers"), new("Liên kết doanh nghiệp", "/Partnerships")]),
            new("Báo cáo, nhiệm vụ", [new("Báo cáo định kỳ", "/Reports"), new("Nhiệm vụ được giao", "/Plans/Tasks"), new("Nhập dữ liệu từ Excel", "/Imports")]),
        ],
        [Roles.Enterprise] =
        [
            new("Việc hằng ngày", [new("Trang chủ", "/"), new("Tin tuyển dụng", "/Jobs/Vacancies"), new("Người đăng ký quan tâm", "/Jobs/Leads"),
                new("Phiên giao dịch việc làm", "/Jobs/Sessions"), new("Nhu cầu tuyển dụng", "/Jobs/Demand")]),
            new("Hồ sơ doanh nghiệp", [new("Hồ sơ doanh nghiệp của tôi", "/Enterprises/Mine"), new("Liên kết doanh nghiệp", "/Partnerships"),
                new("Báo cáo định kỳ", "/Reports")]),
        ],
        [Roles.EmploymentCentre] =
        [
            new("Việc hằng ngày", [new("Trang chủ", "/"), new("Phiên giao dịch việc làm", "/Jobs/Sessions"), new("Tin tuyển dụng", "/Jobs/Vacancies"),
                new("Người đăng ký quan tâm", "/Jobs/Leads"), new("Đi làm việc ở nước ngoài", "/Jobs/Abroad")]),
            new("Thị trường lao động", [new("Nhu cầu tuyển dụng", "/Jobs/Demand"), new("Nhu cầu so với kế hoạch đào tạo", "/Jobs/DemandVsPlan"),
                new("Người học", "/Learners")]),
            new("Báo cáo, nhiệm vụ", [new("Báo cáo định kỳ", "/Reports"), new("Nhiệm vụ được giao", "/Plans/Tasks"), new("Nhập dữ liệu từ Excel", "/Imports")]),
        ],
        [Roles.SocialPolicyBank] =
        [
            new("Việc hằng ngày", [new("Trang chủ", "/"), new("Cho vay học nghề, việc làm", "/Jobs/Loans"), new("Nhập dữ liệu từ Excel", "/Imports")]),
            new("Báo cáo, nhiệm vụ", [new("Báo cáo định kỳ", "/Reports"), new("Nhiệm vụ được giao", "/Plans/Tasks")]),
        ],
        [Roles.Inspector] =
        [
            new("Việc hằng ngày", [new("Trang chủ", "/"), new("Nhật ký hệ thống", "/Audit"), new("Tổng hợp xử lý dữ liệu cá nhân", "/PersonalData/Processing"),
                new("Vi phạm dữ liệu cá nhân", "/PersonalData/Breaches"), new("Yêu cầu về dữ liệu cá nhân", "/PersonalData")]),
            new("Số liệu, báo cáo", [new("Bảng chỉ số", "/Indicators"), new("Báo cáo định kỳ", "/Reports"), new("Tình hình nộp báo cáo", "/Reports/Overview"),
                new("Người học", "/Learners"), new("Lớp đào tạo", "/Courses")]),
        ],
        [Roles.DepartmentOfficer] =
        [
            new("Việc hằng ngày", [new("Trang chủ", "/"), new("Nhiệm vụ được giao", "/Plans/Tasks"), new("Báo cáo định kỳ", "/Reports"),
                new("Nhập dữ liệu từ Excel", "/Imports")]),
            new("Theo dõi", [new("Kế hoạch", "/Plans"), new("Tình hình nộp báo cáo", "/Reports/Overview"), new("Bảng chỉ số", "/Indicators"),
                new("Chỉ tiêu", "/Indicators/Targets"), new("Đơn đặt hàng đào tạo", "/Orders"), new("Lớp đào tạo", "/Courses"), new("Người học", "/Learners")]),
        ],
        [Roles.ProvinceAdmin] =
        [
            new("Việc hằng ngày", [new("Trang chủ", "/"), new("Báo cáo định kỳ", "/Reports"), new("Tình hình nộp báo cáo", "/Reports/Overview"),
                new("Nhập dữ liệu từ Excel", "/Imports")]),
            new("Kế hoạch, đặt hàng", [new("Kế hoạch", "/Plans"), new("Nhiệm vụ được giao", "/Plans/Tasks"), new("Đơn đặt hàng đào tạo", "/Orders"),
                new("Lớp đào tạo", "/Courses")]),
            new("Số liệu, quản trị", [new("Bảng chỉ số", "/Indicators"), new("Người học", "/Learners"), new("Tài khoản người dùng", "/Users"),
                new("Nhật ký hệ thống", "/Audit")]),
        ],
    };

    public static readonly IReadOnlyList<MenuSection> Sections =
    [
        new("Tổng quan",
        [
            new("Trang chủ", "/"),
            new("Bản đồ hành chính", "/Map"),
            new("Cơ quan, đơn vị", "/Organisations"),
            new("Nhập dữ liệu từ Excel", "/Imports"),
        ]),
        new("Chỉ số, chỉ tiêu",
        [
            new("So sánh các tỉnh", "/Indicators/Provinces"),
            new("Bảng chỉ số", "/Indicators"),
            new("Chỉ tiêu", "/Indicators/Targets"),
            new("Số liệu tổng hợp", "/Indicators/Data"),
            new("Danh mục chỉ số", "/Indicators/Definitions"),
        ]),
        new("Người học",
        [
            new("Người học", "/Learners"),
            new("Hồ sơ có thể trùng", "/Learners/Duplicates"),
            new("Nhu cầu học nghề", "/TrainingNeeds"),
            new("Yêu cầu về dữ liệu cá nhân", "/PersonalData"),
            new("Tổng hợp xử lý dữ liệu cá nhân", "/PersonalData/Processing"),
            new("Vi phạm dữ liệu cá nhân", "/PersonalData/Breaches"),
        ]),
        new("Đào tạo",
        [
            new("Đơn đặt hàng đào tạo", "/Orders"),
            new("Lớp đào tạo", "/Courses"),
            new("Người học theo lớp", "/Courses/Enrolments"),
            new("Theo dõi việc làm sau đào tạo", "/FollowUps"),
            new("Sổ cấp chứng chỉ", "/Certificates"),
        ]),
        new("Hỗ trợ học nghề",
        [
            new("Chính sách hỗ trợ", "/Support"),
            new("Phân loại xã khó khăn", "/Support/Communes"),
            new("Tính thử mức hỗ trợ", "/Support/Calculator"),
        ]),
        new("Danh mục đào tạo",
        [
            new("Hồ sơ cơ sở của tôi", "/Institutions/Mine"),
            new("Hồ sơ doanh nghiệp của tôi", "/Enterprises/Mine"),
            new("Nghề đào tạo", "/Occupations"),
            new("Cơ sở đào tạo", "/Institutions"),
            new("Chương trình đào tạo", "/Programmes"),
            new("Nhà giáo, người dạy nghề", "/Trainers"),
            new("Doanh nghiệp, hợp tác xã", "/Enterprises"),
            new("Liên kết doanh nghiệp", "/Partnerships"),
            new("Chỉ số kiểm định, liên kết", "/Registries/Indicators"),
            new("Học liệu công khai", "/hoc-lieu"),
        ]),
        new("Tuyên truyền",
        [
            new("Hoạt động tuyên truyền", "/Outreach"),
        ]),
        new("Việc làm",
        [
            new("Tin tuyển dụng", "/Jobs/Vacancies"),
            new("Nhu cầu tuyển dụng", "/Jobs/Demand"),
            new("Nhu cầu so với kế hoạch đào tạo", "/Jobs/DemandVsPlan"),
            new("Người đăng ký quan tâm", "/Jobs/Leads"),
            new("Phiên giao dịch việc làm", "/Jobs/Sessions"),
            new("Đi làm việc ở nước ngoài", "/Jobs/Abroad"),
            new("Cho vay học nghề, việc làm", "/Jobs/Loans"),
            new("Trang việc làm công khai", "/viec-lam"),
        ]),
        new("Kế hoạch, báo cáo",
        [
            new("Kế hoạch", "/Plans"),
            new("Nhiệm vụ được giao", "/Plans/Tasks"),
            new("Báo cáo định kỳ", "/Reports"),
            new("Tình hình nộp báo cáo", "/Reports/Overview"),
            new("Yêu cầu báo cáo", "/Reports/Obligations"),
            new("Mẫu báo cáo", "/Reports/Templates"),
        ]),
        new("Quản trị",
        [
            new("Tài khoản người dùng", "/Users"),
            new("Nhập bảng chuyển đổi đơn vị", "/Map/ImportMapping"),
            new("Nhập danh mục nghề (Excel)", "/Occupations/Import"),
            new("Nhật ký hệ thống", "/Audit"),
            new("Tính lại số liệu chỉ tiêu", "/Indicators/Rebuild"),
            new("Liên thông dữ liệu các tỉnh", "/Federation"),
            new("Khóa API của tôi", "/Account/ApiKeys"),
        ]),
    ];
}
