using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.Indicators;

/// <summary>Who may do what in this area; pages, endpoints, imports and the menu name these.</summary>
[AreaContract]
public sealed class IndicatorPolicies : IAreaPolicies
{
    public const string ReadData = "chi-so.so-lieu";
    public const string WriteData = "chi-so.nhap";
    public const string ReadTargets = "chi-so.chi-tieu";
    public const string ReadDashboards = "chi-so.xem";
    public const string CompareProvinces = "chi-so.so-sanh-tinh";
    public const string RebuildValues = "chi-so.tinh-lai";

    public IEnumerable<Permission> Permissions =>
    [
        new(ReadData, "Xem số liệu tổng hợp", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer,
            Roles.MinistryOfficer, Roles.NationalInspector),
        new(WriteData, "Nhập số liệu tổng hợp", Roles.ProvinceAdmin, Roles.CommuneOfficer),
        new(ReadTargets, "Xem chỉ tiêu", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer,
            Roles.MinistryOfficer, Roles.NationalInspector),
        new(ReadDashboards, "Xem bảng chỉ số và danh mục chỉ số", Roles.ProvinceAdmin, Roles.DepartmentOfficer, Roles.Inspector, Roles.CommuneOfficer, Roles.InstitutionStaff,
            Roles.MinistryOfficer, Roles.NationalInspector),
        new(CompareProvinces, "So sánh chỉ số các tỉnh với chỉ tiêu (cấp quốc gia)", Roles.MinistryOfficer, Roles.NationalInspector),
        new(RebuildValues, "Tính lại số liệu chỉ tiêu từ hồ sơ và xem các chênh lệch", Roles.ProvinceAdmin),
    ];
}
