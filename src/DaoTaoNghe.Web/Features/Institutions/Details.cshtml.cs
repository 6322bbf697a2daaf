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

public class Details(Details.Handler handler, RecordHistory history) : PageModel
{
    public sealed record LicenceRow(int Id, int OccupationId, string OccupationCode, string OccupationName, TrainingLevel Level, int? AnnualQuota);

    public sealed record ProgrammeRow(int Id, string Name, string OccupationName, TrainingLevel Level, int DurationHours, bool IsKey, bool IsActive);

    public sealed record Result(
        int Id, string Name, string? ShortName, int UnitId, string UnitName, string? Address, string? Phone, string? Email, bool IsActive,
        bool HasProfile, InstitutionType? Type, string? LicenceNumber, DateOnly? LicensedOn, int? Capacity, string? Head, string? Facilities,
        bool MayManage, bool MayKeepProgrammes, bool SeesTrainersAndPartnerships, int Trainers, int Partnerships,
        IReadOnlyList<LicenceRow> Licences, IReadOnlyList<ProgrammeRow> Programmes);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        /// <summary>Institutions of another province are not found; trainers and partnerships are counted as far as the caller may see them.</summary>
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
            var programmes = await db.Programmes.AsNoTracking().Where(p => p.InstitutionId == id)
                .OrderByDescending(p => p.IsActive).ThenBy(p => p.Name)
                .Select(p => new ProgrammeRow(p.Id, p.Name, p.Occupation.Name, p.Level, p.DurationHours, p.IsKey, p.IsActive))
                .ToListAsync(cancellationToken);
            var trainers = await db.Trainers.CountAsync(t => t.IsActive && (t.InstitutionId == id || t.OtherInstitutions.Any(i => i.InstitutionId == id)), cancellationToken);
            var partnerships = await db.Partnerships.CountAsync(p => p.InstitutionId == id && p.IsActive, cancellationToken);
            return new Result(o.Id, o.Name, o.ShortName, o.UnitId, o.UnitName, o.Address, o.Phone, o.Email, o.IsActive,
                profile is not null, profile?.Type, profile?.LicenceNumber, profile?.LicensedOn, profile?.Capacity, profile?.Head, profile?.Facilities,
                scope.MayManage(o.ProvinceId), scope.MayKeep(o.Id, o.ProvinceId),
                // Counted only for those who may open the lists: province-wide roles and the institution itself.
                scope.IsSystem || scope.SeesWholeProvince || scope.OrganisationId == o.Id, trainers, partnerships, licences, programmes);
        }
    }

    public Result Data { get; private set; } = null!;

    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        History = await history.OfAsync([(typeof(Organisation), id), (typeof(InstitutionProfile), id)], typeof(Create.Command), cancellationToken);
    }
}
