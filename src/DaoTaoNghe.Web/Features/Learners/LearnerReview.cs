using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>An existing record that may be the person being entered.</summary>
public sealed record DuplicateCandidate(int Id, string FullName, DateOnly BirthDate, Sex Sex, string CommuneName, string? Cccd, string? Phone);

/// <summary>
/// What entry must show the user before saving: the CCCD's problems and disagreements, an active
/// record holding the same CCCD (in the caller's scope, or only known to exist elsewhere), and
/// active records with the same name, birth date and commune, compared without diacritics.
/// </summary>
/// <param name="Elsewhere">
/// When the number is held outside the caller's view: that it is registered elsewhere and how to ask for
/// the record to be transferred, never where (which commune, which province) nor whose it is.
/// </param>
public sealed record LearnerReviewResult(
    CccdCheck Cccd, DuplicateCandidate? SameCccd, bool SameCccdElsewhere, IReadOnlyList<DuplicateCandidate> SamePerson, string? Elsewhere = null)
{
    public static LearnerReviewResult Empty { get; } = new(new CccdCheck(null, null, null, []), null, false, []);

    public const string RegisteredElsewhere =
        "Số CCCD này đã được đăng ký ở nơi khác. Để chuyển hồ sơ về đơn vị của bạn, gửi đề nghị chuyển hồ sơ tới Sở Giáo dục và Đào tạo "
        + "(nêu số CCCD, họ tên, ngày sinh và nơi cư trú hiện nay của người học, kèm giấy tờ chứng minh nơi cư trú); Sở chuyển hồ sơ, "
        + "người học không phải đăng ký lại.";
}

/// <summary>
/// Duplicate detection at entry: by CCCD, else by name + birth date + commune. The CCCD search is a
/// lookup past the caller's view (uniqueness is), so it goes through <see cref="CccdLookups"/>.
/// </summary>
public sealed class LearnerReview(AppDbContext db, CccdLookups lookups, TimeProvider clock) : IHandler
{
    public async Task<LearnerReviewResult> ReviewAsync(string? cccd, string? fullName, DateOnly? birthDate, Sex? sex, int? communeId,
        int? excludeId, CancellationToken cancellationToken = default)
    {
        var check = Cccd.Check(cccd, sex, birthDate, VietnamTime.Today(clock).Year);
        var number = check.IsValid ? check.Number : null;
        var exclude = excludeId ?? 0;

        DuplicateCandidate? sameCccd = null;
        var elsewhere = false;
        if (number is not null)
        {
            // Uniqueness is province- and scope-blind: a CCCD held by a record the caller cannot see still blocks a second record.
            var holder = await lookups.RunAsync(number, "Kiểm tra trùng số CCCD",
                () => db.Learners.IgnoreQueryFilters()
                    .Where(l => l.Cccd == number && l.MergedIntoId == null && l.Id != exclude)
                    .Select(l => l.Id).FirstOrDefaultAsync(cancellationToken),
                id => id == 0 ? [] : [id], cancellationToken);
            if (holder != 0)
            {
                sameCccd = (await Candidates(db.Learners.Where(l => l.Id == holder), cancellationToken)).SingleOrDefault();
                elsewhere = sameCccd is null;
            }
        }

        IReadOnlyList<DuplicateCandidate> samePerson = [];
        if (!string.IsNullOrWhiteSpace(fullName) && birthDate is { } born && communeId is { } commune)
        {
            var key = TextSearch.Normalize(fullName);
            var sameCccdId = sameCccd?.Id ?? 0;
            samePerson = await Candidates(db.Learners.Where(l =>
                    l.MergedIntoId == null && l.Id != exclude && l.Id != sameCccdId
                    && l.SearchName == key && l.BirthDate == born && l.CommuneId == commune
                    // Two different CCCDs are two different people.
                    && (number == null || l.Cccd == null)),
                cancellationToken);
        }
        return new LearnerReviewResult(check, sameCccd, elsewhere, samePerson, elsewhere ? LearnerReviewResult.RegisteredElsewhere : null);
    }

    private async Task<List<DuplicateCandidate>> Candidates(IQueryable<Learner> learners, CancellationToken cancellationToken)
    {
        var scope = db.Scope;
        var rows = await learners.AsNoTracking().OrderBy(l => l.Id).Take(20)
            .Select(l => new DuplicateCandidate(l.Id, l.FullName, l.BirthDate, l.Sex, l.Commune.Name, l.Cccd, l.Phone))
            .ToListAsync(cancellationToken);
        return rows.Select(r => r with { Cccd = LearnerAccess.ShowCccd(scope, r.Cccd) }).ToList();
    }
}
