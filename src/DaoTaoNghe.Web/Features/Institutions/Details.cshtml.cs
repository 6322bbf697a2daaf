using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Institutions;

public class Details(Details.Handler handler, RecordHistory history, IEnumerable<IRecordPart<InstitutionProfile>> parts) : PageModel
{
    public sealed record LicenceRow(int Id, int OccupationId, string OccupationCode, string OccupationName, TrainingLevel Level, int? AnnualQuota);

    public sealed record Result(
        int Id, string Name, string? ShortName, int UnitId, string UnitName, string? Address, string? Phone, string? Email, bool IsActive,
        bool HasProfile, InstitutionType? Type, string? LicenceNumber, DateOnly? LicensedOn, int? Capacity, string? Head, string? Facilities,
        int MinimumAttendancePercent, bool MayManage, IReadOnlyList<LicenceRow> Licences);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        /// <summary>Institutions of another province are not found. Its programmes, trainers and partnerships are their areas' parts of the page.</summary>
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var scope = db.Scope;
            var o = await OrganisationDirectory.Visible(db).AsNoTracking()
                        .Where(o => o.Id == id && o.Kind == OrganisationKind.TrainingInstitution && (scope.IsSystem || o.ProvinceId == scope.ProvinceId))
                        .Select(o => new { o.Id, o.Name, o.ShortName, o.UnitId, UnitName = o.Unit.Name, o.ProvinceId, o.Address, o.Phone, o.Email, o.IsActive })
                        .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Không tìm thấy cơ sở đào tạo hoặc bạn không có quyền xem.");
            var profile = await db.InstitutionProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.OrganisationId == id, cancellationToken);
            var licences = await db.LicensedOccupations.AsNoTracking().Where(l => l.InstitutionId == id)
                .OrderBy(l => l.Occupation.Name).ThenBy(l => l.Level)
                .Select(l => new LicenceRow(l.Id, l.OccupationId, l.Occupation.Code, l.Occupation.Name, l.Level, l.AnnualQuota))
                .ToListAsync(cancellationToken);
            return new Result(o.Id, o.Name, o.ShortName, o.UnitId, o.UnitName, o.Address, o.Phone, o.Email, o.IsActive,
                profile is not null, profile?.Type, profile?.LicenceNumber, profile?.LicensedOn, profile?.Capacity, profile?.Head, profile?.Facilities,
                profile?.MinimumAttendancePercent ?? InstitutionAttendance.DefaultMinimumPercent, scope.MayManage(o.ProvinceId), licences);
        }
    }

    public Result Data { get; private set; } = null!;

    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    /// <summary>The institution's programmes, trainers and partnerships, as their areas show them.</summary>
    public IReadOnlyList<RecordPartView> Parts { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        Parts = await parts.LoadAsync(id, cancellationToken);
        History = await history.OfAsync([(typeof(Organisation), id), (typeof(InstitutionProfile), id)], typeof(Create.Command), cancellationToken);
    }
}
