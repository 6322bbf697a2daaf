using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Programmes;

public class Details(Details.Handler handler, RecordHistory history) : PageModel
{
    public sealed record ModuleRow(int Id, int Position, string Name, int TheoryHours, int PracticeHours);

    public sealed record AccreditationRow(int Id, AccreditationResult Result, DateOnly DecidedOn, DateOnly? ExpiresOn, string Body, string? CertificateNumber);

    public sealed record NormRow(int Id, DateOnly EffectiveFrom, long CostPerLearner, string? Basis);

    public sealed record MaterialRow(int Id, string Title, MaterialKind Kind, string? FileName, long? FileSize, string? Url, bool IsPublic, bool IsActive, DateTime AddedAt);

    public sealed record Result(
        int Id, string Name, string? Code, int InstitutionId, string InstitutionName, int OccupationId, string OccupationCode, string OccupationName,
        TrainingLevel Level, int DurationHours, bool IsKey, DateOnly? ApprovedOn, string? Description, bool IsActive,
        bool IsLicensed, bool MayKeep, string AccreditationStatus, bool IsAccredited, long? CurrentCostPerLearner,
        IReadOnlyList<ModuleRow> Modules, IReadOnlyList<AccreditationRow> Accreditations, IReadOnlyList<NormRow> Norms, IReadOnlyList<MaterialRow> Materials)
    {
        public int ModuleHours => Modules.Sum(m => m.TheoryHours + m.PracticeHours);
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var p = await db.Programmes.AsNoTracking().Where(p => p.Id == id)
                        .Select(p => new
                        {
                            p.Id, p.Name, p.Code, p.InstitutionId, InstitutionName = p.Institution.Name, InstitutionProvinceId = p.Institution.ProvinceId,
                            p.OccupationId, OccupationCode = p.Occupation.Code, OccupationName = p.Occupation.Name, p.Level, p.DurationHours,
                            p.IsKey, p.ApprovedOn, p.Description, p.IsActive,
                            Modules = p.Modules.OrderBy(m => m.Position).Select(m => new ModuleRow(m.Id, m.Position, m.Name, m.TheoryHours, m.PracticeHours)).ToList(),
                            Accreditations = p.Accreditations.OrderByDescending(a => a.DecidedOn)
                                .Select(a => new AccreditationRow(a.Id, a.Result, a.DecidedOn, a.ExpiresOn, a.Body, a.CertificateNumber)).ToList(),
                            Norms = p.Norms.OrderByDescending(n => n.EffectiveFrom).Select(n => new NormRow(n.Id, n.EffectiveFrom, n.CostPerLearner, n.Basis)).ToList(),
                            Materials = p.Materials.OrderByDescending(m => m.IsActive).ThenBy(m => m.Title)
                                .Select(m => new MaterialRow(m.Id, m.Title, m.Kind, m.FileName, m.FileSize, m.Url, m.IsPublic, m.IsActive, m.AddedAt)).ToList(),
                        })
                        .AsSplitQuery()
                        .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("Không tìm thấy chương trình đào tạo hoặc bạn không có quyền xem.");
            var isLicensed = await InstitutionLicences.CoverAsync(db, p.InstitutionId, p.OccupationId, p.Level, cancellationToken);
            var today = VietnamTime.Today(clock);
            var status = AccreditationStatusOn(p.Accreditations, today);
            return new Result(p.Id, p.Name, p.Code, p.InstitutionId, p.InstitutionName, p.OccupationId, p.OccupationCode, p.OccupationName,
                p.Level, p.DurationHours, p.IsKey, p.ApprovedOn, p.Description, p.IsActive, isLicensed,
                db.Scope.MayKeep(p.InstitutionId, p.InstitutionProvinceId), status.Text, status.Valid,
                p.Norms.Where(n => n.EffectiveFrom <= today).Select(n => (long?)n.CostPerLearner).FirstOrDefault(),
                p.Modules, p.Accreditations, p.Norms, p.Materials);
        }
    }

    /// <summary>What the latest decision says on <paramref name="date"/>, newest decision first in <paramref name="decisions"/>.</summary>
    public static (string Text, bool Valid) AccreditationStatusOn(IReadOnlyList<AccreditationRow> decisions, DateOnly date)
    {
        var valid = decisions.FirstOrDefault(a => a.Result == AccreditationResult.Passed && a.DecidedOn <= date && (a.ExpiresOn is null || a.ExpiresOn >= date));
        if (valid is not null) return ($"Đạt tiêu chuẩn kiểm định, còn hiệu lực đến {Fmt.Date(valid.ExpiresOn)}", true);
        var latest = decisions.FirstOrDefault(a => a.DecidedOn <= date);
        return latest switch
        {
            null => ("Chưa kiểm định", false),
            { Result: AccreditationResult.Failed } => ($"Không đạt (đánh giá ngày {Fmt.Date(latest.DecidedOn)})", false),
            _ => ($"Hết hiệu lực kiểm định từ {Fmt.Date(latest.ExpiresOn?.AddDays(1))}", false),
        };
    }

    public Result Data { get; private set; } = null!;

    public IReadOnlyList<HistoryLine> History { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        History = await history.OfAsync([(typeof(Programme), id)], typeof(Create.Command), cancellationToken);
    }
}
