using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Support;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using DaoTaoNghe.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>A person's record as the caller may see it; every read is written to the audit trail.</summary>
[Authorize(Policy = LearnerPolicies.Read)]
public class Details(Details.Handler handler, IEnumerable<IRecordPart<Learner>> parts, PopulationChecks population, AppDbContext db) : PageModel
{
    public sealed record Household(int Year, HouseholdStatus Status);

    public sealed record Consent(int Id, string Purpose, DateOnly GivenOn, string RecordedBy, DateTime RecordedAt,
        DateOnly? WithdrawnOn, string? WithdrawalRecordedBy, ConsentMethod? Method = null, string? NoticeVersion = null);

    public sealed record Link(int Id, string FullName);

    /// <summary>What the support rules in force today would give, were a course to start today.</summary>
    public sealed record SupportToday(string RuleSetCode, IReadOnlyList<SupportGroup> Groups, SupportGroup Highest, long MaxPerCourse, bool Meals, bool Travel);

    /// <summary>
    /// Sensitive fields (ethnicity, disability, households) are null/empty and <see cref="SensitiveShown"/>
    /// false for roles that may not see them; the CCCD is masked for roles that may not see it whole.
    /// </summary>
    public sealed record Result(
        int Id, string FullName, DateOnly BirthDate, Sex Sex, string? Cccd, bool CccdMismatchConfirmed, string? CccdProvince,
        string? EthnicGroup, bool? EthnicMinority, string? Phone, int CommuneId, string CommuneName, string? Address,
        EducationLevel? EducationLevel, IReadOnlyList<PriorityCategory> Categories, IReadOnlyList<Household> Households,
        IReadOnlyList<Consent> Consents, bool HasConsent, bool SensitiveShown,
        Link? MergedInto, DateTime? MergedAt, string? MergedBy, string? MergeReason, IReadOnlyList<Link> MergedFrom,
        IReadOnlyList<DuplicateCandidate> PossibleDuplicates, SupportToday? Support, DateTime CreatedAt, DateTime UpdatedAt,
        IReadOnlyList<Residence.Period> Residences);

    public sealed class Handler(AppDbContext db, AuditTrail audit, LearnerReview review, LearnerSupportFacts facts,
        SupportQueries support, TimeProvider clock) : IHandler
    {
        /// <summary>
        /// A person who moved out of the caller's commune is no longer the commune's to read: their record, with its
        /// personal data, follows them to the commune that keeps it now (the old commune's figures still count them,
        /// and its drill-downs say how many such people they count). The old commune's officer is told so, with the
        /// commune to ask – 403, not "not found", since they registered or kept the person; anyone else still gets 404.
        /// </summary>
        private async Task<Exception> NotReadableAsync(int id, CancellationToken cancellationToken)
        {
            var scope = db.Scope;
            if (scope.Level != ScopeLevel.Commune) return new NotFoundException("Không tìm thấy người học hoặc bạn không có quyền xem.");
            var commune = scope.CommuneId;
            var periods = db.LearnerResidences.IgnoreQueryFilters([ScopeRules.FilterName]);
            var moved = await db.Learners.IgnoreQueryFilters([ScopeRules.FilterName]).AsNoTracking()
                .Where(l => l.Id == id && l.MergedIntoId == null && l.ProvinceId == scope.ProvinceId)
                .Where(l => l.RegisteredCommuneId == commune || l.RegisteredCommune.RollUpUnitId == commune
                            || periods.Any(r => r.LearnerId == l.Id && (r.CommuneId == commune || r.Commune.RollUpUnitId == commune)))
                .Select(l => new
                {
                    Now = l.Commune.Name,
                    Since = periods.Where(r => r.LearnerId == l.Id && r.EndsOn == null).Select(r => r.StartsOn).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(cancellationToken);
            if (moved is null) return new NotFoundException("Không tìm thấy người học hoặc bạn không có quyền xem.");
            return new ForbiddenException($"Người học mã hồ sơ {id} đã chuyển nơi cư trú đến {moved.Now}"
                + (moved.Since is { } since ? $" từ ngày {Fmt.Date(since)}" : "")
                + $"; hồ sơ nay do {moved.Now} quản lý nên xã, phường của bạn không xem được. Số liệu các năm người này cư trú tại xã, phường của bạn vẫn được tính cho xã, phường của bạn. "
                + $"Cần xem hoặc sửa hồ sơ, hãy liên hệ cán bộ phụ trách của {moved.Now} hoặc Sở Giáo dục và Đào tạo.");
        }

        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var scope = db.Scope;
            var sensitive = LearnerAccess.SeesSensitive(scope);
            var today = VietnamTime.Today(clock);
            var learner = await db.Learners.AsNoTracking()
                .Include(l => l.Commune).Include(l => l.EthnicGroup).Include(l => l.MergedInto)
                .Include(l => l.Priorities).Include(l => l.Households).Include(l => l.Consents)
                .AsSplitQuery()
                .SingleOrDefaultAsync(l => l.Id == id, cancellationToken)
                ?? throw await NotReadableAsync(id, cancellationToken);
            var mergedFrom = await db.Learners.AsNoTracking().Where(l => l.MergedIntoId == id).OrderBy(l => l.Id)
                .Select(l => new Link(l.Id, l.FullName)).ToListAsync(cancellationToken);
            var duplicates = learner.IsMerged ? []
                : (await review.ReviewAsync(null, learner.FullName, learner.BirthDate, learner.Sex, learner.CommuneId, id, cancellationToken)).SamePerson;

            SupportToday? supportToday = null;
            if (sensitive && !learner.IsMerged && await support.RulesInForceAsync(learner.ProvinceId, today, cancellationToken) is { } rules)
            {
                var levels = SupportCalculator.Levels(rules, await facts.ForAsync(id, today, cancellationToken));
                if (SupportCalculator.Highest(levels) is { } highest)
                    supportToday = new SupportToday(rules.Code, levels.Select(l => l.Group).ToList(), highest.Group, highest.MaxPerCourse,
                        levels.Any(l => l.GetsMeals), levels.Any(l => l.GetsTravel));
            }

            var cccdInfo = LearnerAccess.SeesFullCccd(scope) ? Cccd.Read(learner.Cccd, today.Year) : null;
            var result = new Result(
                learner.Id, learner.FullName, learner.BirthDate, learner.Sex, LearnerAccess.ShowCccd(scope, learner.Cccd),
                learner.CccdMismatchConfirmed, cccdInfo?.ProvinceName,
                sensitive ? learner.EthnicGroup?.Name : null,
                sensitive && learner.EthnicGroup is { } group ? group.Code != EthnicGroup.KinhCode : null,
                learner.Phone, learner.CommuneId, learner.Commune.Name, learner.Address, learner.EducationLevel,
                learner.Priorities.Select(p => p.Category).Order().ToList(),
                learner.Households.OrderByDescending(h => h.Year).Select(h => new Household(h.Year, h.Status)).ToList(),
                learner.Consents.OrderByDescending(c => c.GivenOn).ThenByDescending(c => c.Id)
                    .Select(c => new Consent(c.Id, c.Purpose, c.GivenOn, c.RecordedBy, c.RecordedAt, c.WithdrawnOn, c.WithdrawalRecordedBy, c.Method, c.NoticeVersion)).ToList(),
                learner.HasConsentOn(today), sensitive,
                learner.MergedInto is { } into ? new Link(into.Id, into.FullName) : null, learner.MergedAt, learner.MergedBy, learner.MergeReason,
                mergedFrom, duplicates, supportToday, learner.CreatedAt, learner.UpdatedAt,
                await Residence.Handler.PeriodsOfAsync(db, learner.Id, learner.CommuneId, cancellationToken));
            await audit.RecordViewAsync(nameof(Learner), id, $"Xem hồ sơ người học {learner.FullName}", cancellationToken);
            return result;
        }
    }

    public Result Data { get; private set; } = null!;

    /// <summary>What other areas keep about the person (courses, employment), as far as the caller sees it.</summary>
    public IReadOnlyList<RecordPartView> Parts { get; private set; } = [];

    /// <summary>The record's checks with the national population database, latest first.</summary>
    public IReadOnlyList<PopulationChecks.Row> PopulationChecks { get; private set; } = [];

    /// <summary>Whether the caller may press "Kiểm tra với CSDL quốc gia về dân cư" (a writer of learners, the connection on, a CCCD to check).</summary>
    public bool MayCheckPopulation { get; private set; }

    /// <summary>The same person's other records (same CCCD): on the national tier, the other provinces' records of them.</summary>
    public IReadOnlyList<NationalPersons.HeldRecord> SamePerson { get; private set; } = [];

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(id, cancellationToken);
        SamePerson = await NationalPersons.OtherRecordsAsync(db, id, cancellationToken);
        Parts = await parts.LoadAsync(id, cancellationToken);
        PopulationChecks = await population.OfAsync(id, cancellationToken);
        MayCheckPopulation = population.MayCheck && Data.MergedInto is null && Data.Cccd is not null;
    }

    public Task<IActionResult> OnPostCheckPopulationAsync(int id, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
            {
                TempData["Message"] = Learners.PopulationChecks.Message(await population.CheckAsync(id, cancellationToken));
                return RedirectToPage("Details", new { id });
            },
            reload: () => OnGetAsync(id, cancellationToken));
}
