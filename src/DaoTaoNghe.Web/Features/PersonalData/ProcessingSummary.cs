using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Jobs;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Scoping;

namespace DaoTaoNghe.Features.PersonalData;

/// <summary>
/// One category of personal data, where it is kept, and what a caller may do with it, answered by the
/// rule the code itself applies (<see cref="LearnerAccess"/>, <see cref="SupportVisibility"/>, the areas'
/// permissions), so the summary changes when a rule does and cannot drift from it.
/// </summary>
public sealed record DataCategory(string Name, string KeptIn, Func<DataScope, string> Access);

/// <summary>
/// The processing summary for the impact-assessment dossier (Luật 91/2025/QH15): for every role, which
/// personal data it may see or change. Which records of a category a role reaches (its commune, its
/// institution, the province) is the scope filter of the area, tabled per entity in the scope tests.
/// </summary>
public static class ProcessingSummary
{
    public const string None = "Không";
    public const string Read = "Xem";
    public const string ReadWrite = "Xem, sửa";

    public static IReadOnlyList<string> Roles => Infrastructure.Auth.Roles.All;

    public static IReadOnlyList<DataCategory> Categories { get; } =
    [
        new("Họ tên, ngày sinh, giới tính, nơi cư trú, số điện thoại", "Hồ sơ người học",
            s => Access(s, s.Holds(LearnerPolicies.Read), LearnerAccess.MayWrite(s))),
        new("Số CCCD", "Hồ sơ người học",
            s => !s.Holds(LearnerPolicies.Read) ? None : LearnerAccess.SeesFullCccd(s) ? "Đầy đủ" : "Đã che (2 số cuối)"),
        new("Dân tộc, hộ nghèo, cận nghèo, khuyết tật, đối tượng ưu tiên (dữ liệu nhạy cảm)", "Hồ sơ người học",
            s => Access(s, s.Holds(LearnerPolicies.Read) && LearnerAccess.SeesSensitive(s), LearnerAccess.MayWrite(s))),
        new("Nhóm đối tượng hỗ trợ và cách tính", "Ghi danh lớp đào tạo", s => SupportVisibility.SeesGroup(s) ? Read : None),
        new("Số tiền hỗ trợ của từng người học", "Ghi danh lớp đào tạo", s => SupportVisibility.SeesAmounts(s) ? Read : None),
        new("Khoản vay Ngân hàng Chính sách xã hội", "Việc làm", s => Access(s, s.Holds(JobPolicies.ReadLoans), s.Holds(JobPolicies.WriteLoans))),
        new("Hợp đồng đi làm việc ở nước ngoài", "Việc làm", s => Access(s, s.Holds(JobPolicies.ReadAbroad), s.Holds(JobPolicies.WriteAbroad))),
        new("Yêu cầu của chủ thể dữ liệu", "Dữ liệu cá nhân", s => Access(s, s.Holds(PersonalDataPolicies.Requests), s.Holds(PersonalDataPolicies.Requests))),
    ];

    /// <summary>A role as the rules see it: an account of that role in some organisation and commune of a province.</summary>
    public static DataScope ScopeOf(string role) => DataScope.ForUser(role, 1, role, 1, 1, 1);

    /// <summary>Read-only roles (inspectors) never change a record, whatever a permission says: the write guard refuses them.</summary>
    private static string Access(DataScope scope, bool read, bool write) => !read ? None : write && !scope.IsReadOnly ? ReadWrite : Read;
}
