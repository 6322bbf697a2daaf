using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DaoTaoNghe.Infrastructure.Federation;

/// <summary>
/// The one list of what a province publishes to the national tier: every table of the model except the
/// local ones below. Local tables are either the instance's own (accounts, keys, audit, notifications,
/// settings, import jobs, the indicator worker's queue) or loaded at start-up in every database from the
/// official code lists, with the same small ids everywhere, so replicating them would collide.
/// </summary>
public static class ReplicatedTables
{
    public static IReadOnlyDictionary<string, string> Local { get; } = new Dictionary<string, string>
    {
        ["users"] = "tài khoản của từng tỉnh không dùng được ở cấp quốc gia",
        ["roles"] = "vai trò được tạo khi khởi động ở mỗi cơ sở dữ liệu",
        ["user_roles"] = "tài khoản",
        ["user_claims"] = "tài khoản",
        ["user_logins"] = "tài khoản",
        ["user_tokens"] = "tài khoản",
        ["role_claims"] = "tài khoản",
        ["api_keys"] = "khóa API của tài khoản tỉnh",
        ["audit_entries"] = "nhật ký của từng hệ thống; cấp quốc gia ghi nhật ký riêng",
        ["notifications"] = "thông báo gửi tài khoản của tỉnh",
        ["app_settings"] = "thiết lập của từng hệ thống",
        ["import_jobs"] = "việc nhập Excel của tài khoản tỉnh",
        ["import_row_errors"] = "việc nhập Excel của tài khoản tỉnh",
        ["import_column_mappings"] = "việc nhập Excel của tài khoản tỉnh",
        ["indicator_marks"] = "hàng đợi cập nhật chỉ số của từng hệ thống",
        ["indicator_cells_states"] = "trạng thái bộ đếm chỉ số của từng hệ thống",
        ["administrative_units"] = "danh mục đơn vị hành chính, nạp khi khởi động, cùng mã ở mọi nơi",
        ["unit_successions"] = "danh mục sáp nhập đơn vị hành chính, nạp khi khởi động",
        ["ethnic_groups"] = "danh mục dân tộc, nạp khi khởi động",
        ["support_rule_sets"] = "chính sách QĐ 46 được nạp khi khởi động cho mọi tỉnh ở mọi cơ sở dữ liệu",
        ["support_group_rules"] = "chính sách QĐ 46 (như trên)",
        ["support_travel_rules"] = "chính sách QĐ 46 (như trên)",
    };

    /// <summary>The tables a province publishes, in name order.</summary>
    public static IReadOnlyList<string> Of(IModel model) =>
        model.GetEntityTypes()
            .Select(e => e.GetTableName())
            .OfType<string>()
            .Distinct()
            .Where(t => !Local.ContainsKey(t))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static bool IsReplicated(IEntityType entity) => entity.GetTableName() is { } table && !Local.ContainsKey(table);
}
