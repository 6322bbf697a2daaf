using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.Jobs;

/// <summary>Who may do what in this area; pages, endpoints, imports and the menu name these.</summary>
[AreaContract]
public sealed class JobPolicies : IAreaPolicies
{
    public const string WriteVacancies = "viec-lam.tin";
    public const string ReadAbroad = "viec-lam.nuoc-ngoai.xem";
    public const string WriteAbroad = "viec-lam.nuoc-ngoai.ghi";
    public const string ReadDemandVsPlan = "viec-lam.nhu-cau-ke-hoach";
    public const string ReadLeads = "viec-lam.quan-tam";
    public const string ReadLoans = "viec-lam.vay.xem";
    public const string WriteLoans = "viec-lam.vay.ghi";
    public const string WriteSessions = "viec-lam.phien";
    public const string Place = "viec-lam.gioi-thieu";

    public IEnumerable<Permission> Permissions =>
    [
        new(WriteVacancies, "Đăng tin tuyển dụng, nhu cầu tuyển dụng", Roles.Enterprise, Roles.ProvinceAdmin),
        new(ReadAbroad, "Xem hợp đồng đi làm việc ở nước ngoài", Roles.EmploymentCentre, Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector),
        new(WriteAbroad, "Ghi hợp đồng đi làm việc ở nước ngoài", Roles.EmploymentCentre, Roles.ProvinceAdmin),
        new(ReadDemandVsPlan, "Xem nhu cầu tuyển dụng so với kế hoạch đào tạo", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.EmploymentCentre),
        new(ReadLeads, "Xem người đăng ký quan tâm", Roles.Enterprise, Roles.CommuneOfficer, Roles.EmploymentCentre, Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector),
        new(ReadLoans, "Xem khoản vay học nghề, việc làm", Roles.SocialPolicyBank, Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector),
        new(WriteLoans, "Ghi khoản vay học nghề, việc làm", Roles.SocialPolicyBank),
        new(WriteSessions, "Tổ chức phiên giao dịch việc làm", Roles.EmploymentCentre, Roles.ProvinceAdmin),
        new(Place, "Giới thiệu người lao động, xem người và việc làm phù hợp", Roles.EmploymentCentre, Roles.ProvinceAdmin),
    ];
}
