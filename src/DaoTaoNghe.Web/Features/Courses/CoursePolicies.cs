using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.Courses;

/// <summary>Who may do what in this area; pages, endpoints, imports and the menu name these.</summary>
[AreaContract]
public sealed class CoursePolicies : IAreaPolicies
{
    public const string Keep = "lop.ghi";
    public const string Read = "lop.xem";
    public const string ExportPayments = "lop.chi-tra";
    public const string ReadNationalPersons = "lop.nguoi-duoc-dao-tao-ca-nuoc";

    public IEnumerable<Permission> Permissions =>
    [
        new(Keep, "Mở lớp, ghi danh, điểm danh, kết quả", Roles.ProvinceAdmin, Roles.InstitutionStaff),
        new(Read, "Xem lớp đào tạo và người học theo lớp", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.InstitutionStaff, Roles.CommuneOfficer, Roles.EmploymentCentre),
        new(ExportPayments, "Xuất danh sách chi trả hỗ trợ", Roles.ProvinceAdmin, Roles.InstitutionStaff, Roles.Inspector),
        new(ReadNationalPersons, "Xem danh sách người được đào tạo của cả nước (cấp quốc gia)", Roles.MinistryOfficer, Roles.NationalInspector),
    ];
}
