using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// What this area holds on one person, as lines of text, for the answer to a "see my data" request
/// (Luật 91/2025/QH15): the record's fields, consents, household years and priority groups, each as the
/// caller may read it (the CCCD masked, sensitive fields left out, as on the record page). Null when
/// the caller does not see the person.
/// </summary>
[AreaContract]
public static class PersonalRecord
{
    public sealed record Line(string Section, string Field, string? Value);

    public static async Task<IReadOnlyList<Line>?> OfAsync(AppDbContext db, int learnerId, CancellationToken cancellationToken)
    {
        var learner = await db.Learners.AsNoTracking().AsSplitQuery()
            .Include(l => l.Commune).Include(l => l.EthnicGroup)
            .Include(l => l.Consents).Include(l => l.Households).Include(l => l.Priorities)
            .SingleOrDefaultAsync(l => l.Id == learnerId, cancellationToken);
        if (learner is null) return null;
        var scope = db.Scope;
        var sensitive = LearnerAccess.SeesSensitive(scope);
        const string record = "Hồ sơ người học";
        var lines = new List<Line>
        {
            new(record, "Mã hồ sơ", learner.Id.ToString()),
            new(record, "Họ và tên", learner.FullName),
            new(record, "Ngày sinh", Fmt.Date(learner.BirthDate)),
            new(record, "Giới tính", Fmt.Enum(learner.Sex)),
            new(record, "Số CCCD", LearnerAccess.ShowCccd(scope, learner.Cccd)),
            new(record, "Điện thoại", learner.Phone),
            new(record, "Xã, phường", learner.Commune.Name),
            new(record, "Địa chỉ", learner.Address),
            new(record, "Trình độ học vấn", learner.EducationLevel is { } level ? Fmt.Enum(level) : null),
            new(record, "Ngày tạo hồ sơ", Fmt.DateTime(learner.CreatedAt)),
            new(record, "Cập nhật lần cuối", Fmt.DateTime(learner.UpdatedAt)),
        };
        if (sensitive)
        {
            lines.Add(new(record, "Dân tộc", learner.EthnicGroup?.Name));
            lines.AddRange(learner.Priorities.Select(p => new Line("Đối tượng ưu tiên", "Nhóm", Fmt.Enum(p.Category))));
            lines.AddRange(learner.Households.OrderBy(h => h.Year).Select(h => new Line("Hộ gia đình", $"Năm {h.Year}", Fmt.Enum(h.Status))));
        }
        foreach (var consent in learner.Consents.OrderBy(c => c.GivenOn))
            lines.Add(new("Sự đồng ý xử lý dữ liệu", Fmt.Date(consent.GivenOn),
                $"{consent.Purpose}; cách thức: {(consent.Method is { } m ? Fmt.Enum(m) : "không ghi")}; văn bản thông báo: {consent.NoticeVersion ?? "không ghi"}; "
                + $"người ghi nhận: {consent.RecordedBy}"
                + (consent.WithdrawnOn is { } withdrawn ? $"; đã rút lại ngày {Fmt.Date(withdrawn)}" : "")));
        return lines;
    }
}
