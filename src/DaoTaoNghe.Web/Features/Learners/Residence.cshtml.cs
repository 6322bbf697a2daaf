using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// A person's residence history: a move (from a date, to a commune of the province valid on that date) and
/// the old commune they lived in before 1/7/2025. Recorded by whoever keeps the person's record today: the
/// officer of the commune the person lives in (who then no longer sees them: their record follows them to
/// the new commune) or the province admin. Every record of the person placed by residence is re-placed by
/// the rule (<see cref="ResidenceHistory"/>) in the same transaction: records dated before the change stay.
/// </summary>
[Authorize(Policy = LearnerPolicies.Write)]
public class Residence(Residence.Handler handler, AuditTrail audit, IValidator<Residence.MoveCommand> moveValidator,
    IValidator<Residence.FormerCommand> formerValidator) : PageModel
{
    public static readonly DateOnly NewMapDay = new(2025, 7, 1);

    public sealed class MoveCommand
    {
        [Display(Name = "Ngày chuyển đến")] public DateOnly? MovedOn { get; set; }
        [Display(Name = "Xã, phường nơi cư trú mới")] public int? CommuneId { get; set; }
    }

    public sealed class MoveValidator : AbstractValidator<MoveCommand>
    {
        public MoveValidator(TimeProvider clock)
        {
            RuleFor(c => c.MovedOn).NotNull().WithMessage("Vui lòng nhập ngày chuyển đến.")
                .Must(d => d <= VietnamTime.Today(clock)).WithMessage("Ngày chuyển đến không được sau ngày hôm nay.");
            RuleFor(c => c.CommuneId).NotNull().WithMessage("Vui lòng chọn xã, phường nơi cư trú mới.");
        }
    }

    public sealed class FormerCommand
    {
        [Display(Name = "Xã cũ nơi cư trú trước 01/7/2025")] public int? CommuneId { get; set; }
    }

    public sealed class FormerValidator : AbstractValidator<FormerCommand>
    {
        public FormerValidator() =>
            RuleFor(c => c.CommuneId).NotNull().WithMessage("Vui lòng chọn xã cũ nơi cư trú trước 01/7/2025.");
    }

    public sealed record Period(string Commune, bool Former, DateOnly? StartsOn, DateOnly? EndsOn, string? RecordedBy);

    public sealed record Result(int Id, string FullName, IReadOnlyList<Period> Periods, IReadOnlyList<SelectListItem> Communes,
        IReadOnlyList<SelectListItem> FormerCommunes);

    public sealed class Handler(AppDbContext db, DataScopeAccessor scope, IEnumerable<IResidenceEvents> areas, TimeProvider clock) : IHandler
    {
        public async Task<Result> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var learner = await FindAsync(id, cancellationToken);
            var units = await UnitDirectory.Units(db).Where(u => u.ProvinceId == learner.ProvinceId && u.Level == UnitLevel.Commune)
                .OrderBy(u => u.ValidTo != null).ThenBy(u => u.Name)
                .Select(u => new { u.Id, u.Name, u.ValidTo, u.RollUpUnitId, District = u.Parent!.Name }).ToListAsync(cancellationToken);
            var current = new SelectListGroup { Name = "Xã, phường hiện hành" };
            var old = new SelectListGroup { Name = "Trước 01/7/2025" };
            return new Result(learner.Id, learner.FullName, await PeriodsOfAsync(db, learner.Id, learner.CommuneId, cancellationToken),
                units.Select(u => new SelectListItem(u.ValidTo != null ? $"{u.Name} ({u.District})" : u.Name, u.Id.ToString())
                    { Group = u.ValidTo != null ? old : current }).ToList(),
                units.Where(u => u.ValidTo != null)
                    .OrderBy(u => u.RollUpUnitId != learner.CommuneId).ThenBy(u => u.Name)
                    .Select(u => new SelectListItem($"{u.Name} ({u.District})", u.Id.ToString())).ToList());
        }

        /// <summary>The history to show, latest first; a person without stored periods has lived in their current commune since their first record.</summary>
        public static async Task<IReadOnlyList<Period>> PeriodsOfAsync(AppDbContext db, int learnerId, int currentCommuneId, CancellationToken cancellationToken)
        {
            var periods = await db.LearnerResidences.AsNoTracking().Where(r => r.LearnerId == learnerId)
                .Select(r => new Period(r.Commune.Name, r.Commune.ValidTo != null, r.StartsOn, r.EndsOn, r.RecordedBy)).ToListAsync(cancellationToken);
            if (periods.Count == 0)
                periods.Add(await UnitDirectory.Units(db).Where(u => u.Id == currentCommuneId)
                    .Select(u => new Period(u.Name, u.ValidTo != null, null, null, null)).SingleAsync(cancellationToken));
            return periods.OrderByDescending(p => p.StartsOn ?? DateOnly.MinValue).ToList();
        }

        /// <summary>From <paramref name="command"/>'s date the person lives in its commune; returns how many of their records moved.</summary>
        public async Task<int> MoveAsync(int id, MoveCommand command, CancellationToken cancellationToken = default)
        {
            var learner = await FindAsync(id, cancellationToken);
            var movedOn = command.MovedOn!.Value;
            var commune = await UnitDirectory.Units(db).Where(u => u.Id == command.CommuneId && u.Level == UnitLevel.Commune)
                .Select(u => new { u.Id, u.Name, u.ProvinceId, u.ValidFrom, u.ValidTo, u.RollUpUnitId }).SingleOrDefaultAsync(cancellationToken);
            if (commune is null || commune.ProvinceId != learner.ProvinceId)
                throw new ValidationFailedException(nameof(MoveCommand.CommuneId), "Xã, phường nơi cư trú mới phải thuộc tỉnh đang quản lý hồ sơ (chuyển sang tỉnh khác do tỉnh nơi đến ghi nhận).");
            if (!((commune.ValidFrom is null || commune.ValidFrom <= movedOn) && (commune.ValidTo is null || movedOn <= commune.ValidTo)))
                throw new ValidationFailedException(nameof(MoveCommand.CommuneId),
                    $"{commune.Name} không có hiệu lực vào ngày {Fmt.Date(movedOn)}: trước 01/7/2025 hãy chọn xã cũ, từ 01/7/2025 chọn xã, phường hiện hành.");
            var periods = await PeriodsAsync(learner, cancellationToken);
            var last = periods[^1];
            if (last.StartsOn is { } started && movedOn <= started)
                throw new ValidationFailedException(nameof(MoveCommand.MovedOn),
                    $"Ngày chuyển đến phải sau ngày bắt đầu nơi cư trú hiện tại ({Fmt.Date(started)}).");
            if (last.CommuneId == commune.Id)
                throw new ValidationFailedException(nameof(MoveCommand.CommuneId), $"Người học đang cư trú tại {commune.Name}.");
            last.EndsOn = movedOn.AddDays(-1);
            periods.Add(Row(learner.Id, commune.Id, movedOn, null));
            learner.CommuneId = commune.RollUpUnitId ?? commune.Id;
            return await SaveAsync(learner, periods, cancellationToken);
        }

        /// <summary>Until 30/6/2025 the person lived in the old commune given; what the history said before that day is replaced.</summary>
        public async Task<int> SetFormerAsync(int id, FormerCommand command, CancellationToken cancellationToken = default)
        {
            var learner = await FindAsync(id, cancellationToken);
            var commune = await UnitDirectory.Units(db).Where(u => u.Id == command.CommuneId && u.Level == UnitLevel.Commune)
                .Select(u => new { u.Id, u.ProvinceId, u.ValidTo }).SingleOrDefaultAsync(cancellationToken);
            if (commune is null || commune.ProvinceId != learner.ProvinceId || commune.ValidTo is null || commune.ValidTo < NewMapDay.AddDays(-1))
                throw new ValidationFailedException(nameof(FormerCommand.CommuneId), "Xã cũ phải là một xã, phường, thị trấn của tỉnh còn hiệu lực đến 30/6/2025.");
            var periods = await PeriodsAsync(learner, cancellationToken);
            foreach (var ended in periods.Where(p => p.EndsOn is { } end && end < NewMapDay).ToList())
            {
                periods.Remove(ended);
                db.LearnerResidences.Remove(ended);
            }
            var next = periods.OrderBy(p => p.StartsOn ?? DateOnly.MinValue).FirstOrDefault();
            if (next is not null && (next.StartsOn is null || next.StartsOn < NewMapDay)) next.StartsOn = NewMapDay;
            periods.Add(Row(learner.Id, commune.Id, null, NewMapDay.AddDays(-1)));
            return await SaveAsync(learner, periods, cancellationToken);
        }

        private LearnerResidence Row(int learnerId, int communeId, DateOnly? startsOn, DateOnly? endsOn)
        {
            var row = new LearnerResidence
            {
                LearnerId = learnerId, CommuneId = communeId, StartsOn = startsOn, EndsOn = endsOn,
                RecordedBy = db.Scope.UserName ?? "", RecordedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.LearnerResidences.Add(row);
            return row;
        }

        private async Task<Learner> FindAsync(int id, CancellationToken cancellationToken)
        {
            var learner = await db.Learners.SingleOrDefaultAsync(l => l.Id == id, cancellationToken)
                ?? throw new NotFoundException("Không tìm thấy người học hoặc bạn không có quyền xem.");
            if (learner.IsMerged)
                throw new ConflictException($"Hồ sơ này đã được gộp vào hồ sơ mã {learner.MergedIntoId}; hãy ghi nơi cư trú trên hồ sơ đó.");
            return learner;
        }

        /// <summary>The stored periods, or the one open period a person without history has (their current commune since their first record).</summary>
        private async Task<List<LearnerResidence>> PeriodsAsync(Learner learner, CancellationToken cancellationToken)
        {
            var periods = await db.LearnerResidences.IgnoreQueryFilters().Where(r => r.LearnerId == learner.Id)
                .OrderBy(r => r.StartsOn).ToListAsync(cancellationToken);
            if (periods.Count == 0) periods.Add(Row(learner.Id, learner.CommuneId, null, null));
            return periods.OrderBy(r => r.StartsOn ?? DateOnly.MinValue).ToList();
        }

        private async Task<int> SaveAsync(Learner learner, List<LearnerResidence> periods, CancellationToken cancellationToken)
        {
            learner.UpdatedAt = clock.GetUtcNow().UtcDateTime;
            var history = await Residences.HistoryAsync(db, learner.CommuneId,
                periods.Select(p => new ResidencePeriod(p.CommuneId, p.StartsOn, p.EndsOn)).ToList(), cancellationToken);
            var moved = 0;
            foreach (var area in areas) moved += await area.PlaceAsync(learner.Id, history, cancellationToken);
            // The caller was allowed to change this person (the record loaded through their filter, the
            // permission held); the person and their records may now lie in another commune, which the
            // guard's rule would refuse for a commune officer.
            var caller = scope.Current;
            scope.Current = caller.PastWriteGuard();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                scope.Current = caller;
            }
            return moved;
        }
    }

    [BindProperty] public MoveCommand Data { get; set; } = new();
    [BindProperty] public FormerCommand Former { get; set; } = new();

    public Result Record { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Record = await handler.LoadAsync(id, cancellationToken);
        await audit.RecordViewAsync(nameof(Learner), id, $"Xem nơi cư trú của {Record.FullName}", cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(moveValidator, Data,
            save: async () =>
            {
                var moved = await handler.MoveAsync(id, Data, cancellationToken);
                TempData["Message"] = $"Đã ghi nơi cư trú mới từ ngày {Fmt.Date(Data.MovedOn)}; {moved} bản ghi sau ngày này được tính theo nơi cư trú mới.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Record = await handler.LoadAsync(id, cancellationToken));

    public Task<IActionResult> OnPostFormerAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(formerValidator, Former,
            save: async () =>
            {
                var moved = await handler.SetFormerAsync(id, Former, cancellationToken);
                TempData["Message"] = $"Đã ghi xã cũ nơi cư trú trước 01/7/2025; {moved} bản ghi trước ngày này được tính theo xã cũ.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Record = await handler.LoadAsync(id, cancellationToken),
            prefix: "Former");
}
