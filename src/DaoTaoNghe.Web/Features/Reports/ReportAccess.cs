using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Reports;

/// <summary>
/// Who may do what to a report, checked before the write guard so the caller hears why: the
/// reporting body drafts and submits its own report (the province admin may for any body), and
/// the province admin – the standing agency that receives reports – approves or returns them.
/// </summary>
public sealed class ReportAccess(AppDbContext db) : IHandler
{
    /// <summary>A report tracked for writing, with everything a refill touches; not found when out of scope.</summary>
    public async Task<Report> LoadForWriteAsync(int id, CancellationToken cancellationToken)
    {
        var report = await db.Reports
            .Include(r => r.Obligation).Include(r => r.Sections).Include(r => r.Figures).Include(r => r.TaskLines)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy báo cáo hoặc bạn không có quyền xem.");
        return report;
    }

    public void EnsureMayDraft(Report report)
    {
        var scope = db.Scope;
        if (scope.IsReadOnly || (report.OrganisationId != scope.OrganisationId && !scope.IsProvinceAdmin))
            throw new ForbiddenException("Chỉ đơn vị báo cáo mới soạn và gửi được báo cáo này.");
        if (!report.IsEditable)
            throw new ConflictException(report.State == ReportState.Approved
                ? "Báo cáo đã được duyệt, không sửa hoặc gửi lại được."
                : "Báo cáo đã gửi và đang chờ duyệt; chỉ sửa được khi bị trả lại.");
    }

    public void EnsureMayReview(Report report)
    {
        if (!db.Scope.IsProvinceAdmin)
            throw new ForbiddenException("Chỉ cơ quan thường trực (quản trị cấp tỉnh) mới duyệt hoặc trả lại báo cáo.");
        if (report.State != ReportState.Submitted)
            throw new ConflictException("Chỉ duyệt hoặc trả lại được báo cáo đã gửi và đang chờ duyệt.");
    }

    /// <summary>"Nguyễn Thị Hạnh (Sở Giáo dục và Đào tạo tỉnh Lai Châu)" for the history; the system when nobody is signed in.</summary>
    public async Task<string> ActorNameAsync(CancellationToken cancellationToken)
    {
        var scope = db.Scope;
        if (scope.UserId == 0) return scope.UserName ?? "hệ thống";
        var actor = await db.Users.AsNoTracking().Where(u => u.Id == scope.UserId)
            .Select(u => new { u.FullName, Organisation = u.Organisation.Name }).SingleOrDefaultAsync(cancellationToken);
        return actor is null ? scope.UserName ?? "" : $"{actor.FullName} ({actor.Organisation})";
    }

    public ReportEvent NewEvent(Report report, ReportAction action, string actorName, DateTime at, string? comment) => new()
    {
        ReportId = report.Id, ProvinceId = report.ProvinceId, OrganisationId = report.OrganisationId, At = at, Action = action,
        UserId = db.Scope.UserId == 0 ? null : db.Scope.UserId, ActorName = actorName,
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
    };
}
