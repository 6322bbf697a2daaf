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

    /// <summary>Read the breach register: the province's admins who answer for it and the inspectors who check it.</summary>
    public const string ReadBreaches = "du-lieu-ca-nhan.vi-pham.xem";

    /// <summary>Record breaches and their notification to the authority: the province's admins, who run the system.</summary>
    public const string KeepBreaches = "du-lieu-ca-nhan.vi-pham.ghi";

    public IEnumerable<Permission> Permissions =>
    [
        new(Requests, "Tiếp nhận, xử lý yêu cầu của chủ thể dữ liệu", Roles.ProvinceAdmin, Roles.CommuneOfficer),
        new(Summary, "Xem bản tổng hợp xử lý dữ liệu cá nhân", Roles.ProvinceAdmin, Roles.Inspector),
        new(ReadBreaches, "Xem sổ theo dõi vi phạm dữ liệu cá nhân", Roles.ProvinceAdmin, Roles.Inspector),
        new(KeepBreaches, "Ghi nhận vi phạm dữ liệu cá nhân và việc thông báo", Roles.ProvinceAdmin),
    ];
}
