using System.Security.Claims;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Infrastructure.Web;

public sealed record MenuItem(string Title, string Url, params string[] Roles)
{
    /// <summary>An item without roles is for every signed-in user.</summary>
    public bool IsFor(ClaimsPrincipal user) => Roles.Length == 0 || Roles.Any(user.IsInRole);
}

public sealed record MenuSection(string Title, IReadOnlyList<MenuItem> Items);

/// <summary>
/// The application menu. It only hides what a role cannot use; every page and endpoint enforces
/// its own authorisation and scope on the server.
/// </summary>
public static class Menu
{
    public static readonly IReadOnlyList<MenuSection> Sections =
    [
        new("Tổng quan",
        [
            new("Trang chủ", "/"),
            new("Bản đồ hành chính", "/Map"),
            new("Cơ quan, đơn vị", "/Organisations"),
            new("Nhập dữ liệu từ Excel", "/Imports", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.CommuneOfficer, Roles.InstitutionStaff,
                Roles.Enterprise, Roles.EmploymentCentre, Roles.SocialPolicyBank),
        ]),
        new("Chỉ số, chỉ tiêu",
        [
            new("Bảng chỉ số", "/Indicators", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer, Roles.InstitutionStaff),
            new("Chỉ tiêu", "/Indicators/Targets", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer),
            new("Số liệu tổng hợp", "/Indicators/Data", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer),
            new("Danh mục chỉ số", "/Indicators/Definitions", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer, Roles.InstitutionStaff),
        ]),
        new("Người học",
        [
            new("Người học", "/Learners", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer, Roles.EmploymentCentre,
                Roles.InstitutionStaff),
            new("Hồ sơ có thể trùng", "/Learners/Duplicates", Roles.ProvinceAdmin, Roles.CommuneOfficer),
            new("Nhu cầu học nghề", "/TrainingNeeds", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer),
        ]),
        new("Đào tạo",
        [
            new("Đơn đặt hàng đào tạo", "/Orders", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.InstitutionStaff),
            new("Lớp đào tạo", "/Courses", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.InstitutionStaff, Roles.CommuneOfficer,
                Roles.EmploymentCentre),
            new("Người học theo lớp", "/Courses/Enrolments", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.InstitutionStaff,
                Roles.CommuneOfficer, Roles.EmploymentCentre),
            new("Theo dõi việc làm sau đào tạo", "/FollowUps", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer,
                Roles.InstitutionStaff, Roles.EmploymentCentre),
            new("Sổ cấp chứng chỉ", "/Certificates", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.InstitutionStaff,
                Roles.CommuneOfficer, Roles.EmploymentCentre),
        ]),
        new("Hỗ trợ học nghề",
        [
            new("Chính sách hỗ trợ", "/Support", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer, Roles.InstitutionStaff, Roles.EmploymentCentre),
            new("Phân loại xã khó khăn", "/Support/Communes", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer, Roles.InstitutionStaff, Roles.EmploymentCentre),
            new("Tính thử mức hỗ trợ", "/Support/Calculator", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer, Roles.InstitutionStaff, Roles.EmploymentCentre),
        ]),
        new("Danh mục đào tạo",
        [
            new("Hồ sơ cơ sở của tôi", "/Institutions/Mine", Roles.InstitutionStaff),
            new("Hồ sơ doanh nghiệp của tôi", "/Enterprises/Mine", Roles.Enterprise),
            new("Nghề đào tạo", "/Occupations"),
            new("Cơ sở đào tạo", "/Institutions"),
            new("Chương trình đào tạo", "/Programmes"),
            new("Nhà giáo, người dạy nghề", "/Trainers", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.InstitutionStaff),
            new("Doanh nghiệp, hợp tác xã", "/Enterprises"),
            new("Liên kết doanh nghiệp", "/Partnerships", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.InstitutionStaff, Roles.Enterprise),
            new("Chỉ số kiểm định, liên kết", "/Registries/Indicators", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.InstitutionStaff),
            new("Học liệu công khai", "/hoc-lieu"),
        ]),
        new("Tuyên truyền",
        [
            new("Hoạt động tuyên truyền", "/Outreach", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer, Roles.InstitutionStaff, Roles.EmploymentCentre),
        ]),
        new("Việc làm",
        [
            new("Tin tuyển dụng", "/Jobs/Vacancies", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.Enterprise, Roles.EmploymentCentre),
            new("Nhu cầu tuyển dụng", "/Jobs/Demand", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.Enterprise, Roles.EmploymentCentre),
            new("Nhu cầu so với kế hoạch đào tạo", "/Jobs/DemandVsPlan", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.EmploymentCentre),
            new("Người đăng ký quan tâm", "/Jobs/Leads", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.Enterprise, Roles.EmploymentCentre,
                Roles.CommuneOfficer),
            new("Phiên giao dịch việc làm", "/Jobs/Sessions", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.Enterprise, Roles.EmploymentCentre),
            new("Đi làm việc ở nước ngoài", "/Jobs/Abroad", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.EmploymentCentre),
            new("Cho vay học nghề, việc làm", "/Jobs/Loans", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.SocialPolicyBank),
            new("Trang việc làm công khai", "/viec-lam"),
        ]),
        new("Kế hoạch, báo cáo",
        [
            new("Kế hoạch", "/Plans", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer, Roles.InstitutionStaff, Roles.EmploymentCentre, Roles.SocialPolicyBank),
            new("Nhiệm vụ được giao", "/Plans/Tasks", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer, Roles.InstitutionStaff, Roles.EmploymentCentre, Roles.SocialPolicyBank),
            new("Báo cáo định kỳ", "/Reports", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer, Roles.InstitutionStaff, Roles.EmploymentCentre, Roles.SocialPolicyBank),
            new("Tình hình nộp báo cáo", "/Reports/Overview", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector),
            new("Yêu cầu báo cáo", "/Reports/Obligations", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector),
            new("Mẫu báo cáo", "/Reports/Templates", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector),
        ]),
        new("Quản trị",
        [
            new("Tài khoản người dùng", "/Users", Roles.ProvinceAdmin),
            new("Nhập bảng chuyển đổi đơn vị", "/Map/ImportMapping", Roles.ProvinceAdmin),
            new("Nhập danh mục nghề (Excel)", "/Occupations/Import", Roles.ProvinceAdmin),
            new("Nhật ký hệ thống", "/Audit", Roles.ProvinceAdmin, Roles.Inspector),
            new("Khóa API của tôi", "/Account/ApiKeys"),
        ]),
    ];

    public static IEnumerable<MenuSection> For(ClaimsPrincipal user) =>
        Sections
            .Select(s => s with { Items = s.Items.Where(i => i.IsFor(user)).ToList() })
            .Where(s => s.Items.Count > 0);
}
