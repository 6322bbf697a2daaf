using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Support;

/// <summary>One rule set in full. A set that has not started yet may be deleted by the admin; one in force never changes.</summary>
public class Details(Details.Handler handler) : PageModel
{
    public sealed record Result(int Id, string Code, string Title, DateOnly EffectiveFrom, DateOnly? EffectiveTo, bool OncePerPerson,
        long MealPerDay, string? Notes, DateTime CreatedAt, IReadOnlyList<SupportGroupLevel> Groups, IReadOnlyList<SupportTravelLevel> Travel,
        bool MayDelete, string Policy, IReadOnlyList<TrainingLevel>? Levels);

    public sealed class Handler(AppDbContext db, TimeProvider clock, ISupportRuleSetUses uses) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var set = await FindAsync(id, cancellationToken);
            var rules = SupportQueries.ToRules(set);
            return new Result(set.Id, set.Code, set.Title, set.EffectiveFrom, set.EffectiveTo, set.OncePerPerson, set.MealPerDay, set.Notes,
                set.CreatedAt, rules.Groups, rules.Travel, db.Scope.IsProvinceAdmin && set.EffectiveFrom > VietnamTime.Today(clock),
                rules.PolicyName, rules.Levels);
        }

        /// <summary>
        /// Deletes a set that has not started and that no enrolment's support was computed by, giving its
        /// period back to the set before it. A set in use is ended by the next set, never deleted.
        /// </summary>
        public async Task DeleteAsync(int id, CancellationToken cancellationToken = default)
        {
            if (!db.Scope.IsProvinceAdmin) throw new ForbiddenException();
            var set = await FindAsync(id, cancellationToken);
            if (set.EffectiveFrom <= VietnamTime.Today(clock))
                throw new ConflictException($"{set.Code} đã có hiệu lực từ {Fmt.Date(set.EffectiveFrom)}: không xóa được, các khóa học đã áp dụng phải giữ nguyên chính sách.");
            if (await uses.DescribeAsync(set.Id, cancellationToken) is { } use)
                throw new ConflictException($"Không xóa được {set.Code}: chính sách đang được áp dụng cho {use}. "
                                            + "Chính sách đã được áp dụng chỉ có thể kết thúc, bằng cách thêm chính sách mới có hiệu lực từ ngày kết thúc.");
            var before = set.EffectiveFrom.AddDays(-1);
            var previous = await db.SupportRuleSets.SingleOrDefaultAsync(r => r.ProvinceId == set.ProvinceId && r.EffectiveTo == before, cancellationToken);
            if (previous is not null) previous.EffectiveTo = set.EffectiveTo;
            db.SupportRuleSets.Remove(set);
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<SupportRuleSet> FindAsync(int id, CancellationToken cancellationToken) =>
            await db.SupportRuleSets.Include(r => r.Groups).Include(r => r.TravelRules).AsSplitQuery()
                .SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy chính sách hỗ trợ.");
    }

    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await handler.HandleAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        await handler.DeleteAsync(id, cancellationToken);
        TempData["Message"] = "Đã xóa chính sách chưa có hiệu lực.";
        return RedirectToPage("Index");
    }
}
