using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Infrastructure;

namespace DaoTaoNghe.Features.Catalogues;

[AreaContract]
public enum Sex
{
    [Display(Name = "Nam")] Male = 1,
    [Display(Name = "Nữ")] Female = 2,
}

/// <summary>
/// Priority categories (đối tượng ưu tiên) a commune records for a person. Ethnic minority is not
/// here: it follows from the ethnicity. Disability is sensitive personal data (Law 91/2025/QH15).
/// </summary>
[AreaContract]
public enum PriorityCategory
{
    [Display(Name = "Người khuyết tật")] Disabled = 1,
    [Display(Name = "Người có công với cách mạng")] PersonWithMerit = 2,
    [Display(Name = "Hộ bị thu hồi đất nông nghiệp, đất kinh doanh")] LandRecovered = 3,
    [Display(Name = "Bộ đội xuất ngũ")] DemobilisedSoldier = 4,
    [Display(Name = "Lao động nữ bị mất việc làm")] WomanLostJob = 5,
    [Display(Name = "Ngư dân")] Fisher = 6,
    [Display(Name = "Người cao tuổi còn khả năng lao động")] ElderlyAbleToWork = 7,
}
