using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Auth;

namespace DaoTaoNghe.Features.PersonalData;

/// <summary>Who may do what in this area; pages, endpoints and the menu name these.</summary>
[AreaContract]
public sealed class PersonalDataPolicies : IAreaPolicies
{
    /// <summary>Register, answer and close data subjects' requests: the officers who keep people's records.</summary>
    public const string Requests = "du-lieu-ca-nhan.yeu-cau";

    /// <summary>Read the processing summary for the impact-assessment dossier: those who answer for the processing and those who check it.</summary>
    public const string Summary = "du-lieu-ca-nhan.tong-hop";

    public IEnumerable<Permission> Permissions =>
    [
        new(Requests, "Tiếp nhận, xử lý yêu cầu của chủ thể dữ liệu", Roles.ProvinceAdmin, Roles.CommuneOfficer),
        new(Summary, "Xem bản tổng hợp xử lý dữ liệu cá nhân", Roles.ProvinceAdmin, Roles.Inspector),
    ];
}
