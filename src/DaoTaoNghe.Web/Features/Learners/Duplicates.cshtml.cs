using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// Groups of active records that may be one person: same name (without diacritics) and birth date,
/// in the same commune (or, on request, anywhere in scope), at least one of them without a CCCD
/// (two CCCDs mean two people). Each group links to the merge.
/// </summary>
[Authorize(Policy = LearnerPolicies.Write)]
public class Duplicates(Duplicates.Handler handler, UnitChoices units, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "xa")] public int? CommuneId { get; set; }
        [FromQuery(Name = "khac-xa")] public bool? AcrossCommunes { get; set; }
    }

    public sealed record Key(string SearchName, DateOnly BirthDate, int CommuneId);

    public sealed record Group(string FullName, DateOnly BirthDate, IReadOnlyList<DuplicateCandidate> Members);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        private IQueryable<Learner> Active(Query query)
        {
            var learners = db.Learners.AsNoTracking().Where(l => l.MergedIntoId == null);
            return query.CommuneId is { } communeId ? learners.Where(l => l.CommuneId == communeId) : learners;
        }

        private IQueryable<Key> Keys(Query query)
        {
            var active = Active(query);
            var groups = query.AcrossCommunes == true
                ? active.GroupBy(l => new { l.SearchName, l.BirthDate, CommuneId = 0 })
                : active.GroupBy(l => new { l.SearchName, l.BirthDate, l.CommuneId });
            return groups.Where(g => g.Count() > 1 && g.Count(l => l.Cccd == null) > 0)
                .OrderBy(g => g.Key.SearchName).ThenBy(g => g.Key.BirthDate).ThenBy(g => g.Key.CommuneId)
                .Select(g => new Key(g.Key.SearchName, g.Key.BirthDate, g.Key.CommuneId));
        }

        public async Task<PagedList<Group>> PageAsync(Query query, CancellationToken cancellationToken = default)
        {
            var keys = await Keys(query).ToPagedListAsync(query, 20, cancellationToken);
            return new PagedList<Group>(await GroupsAsync(query, keys.Items, cancellationToken), keys.PageNumber, keys.PageSize, keys.TotalCount);
        }

        public async Task<List<Group>> AllAsync(Query query, CancellationToken cancellationToken = default) =>
            await GroupsAsync(query, await Keys(query).Take(5000).ToListAsync(cancellationToken), cancellationToken);

        private async Task<List<Group>> GroupsAsync(Query query, IReadOnlyList<Key> keys, CancellationToken cancellationToken)
        {
            var names = keys.Select(k => k.SearchName).Distinct().ToList();
            var members = await Active(query).Where(l => names.Contains(l.SearchName))
                .OrderBy(l => l.Id)
                .Select(l => new { l.SearchName, l.CommuneId, Candidate = new DuplicateCandidate(l.Id, l.FullName, l.BirthDate, l.Sex, l.Commune.Name, l.Cccd, l.Phone) })
                .ToListAsync(cancellationToken);
            return keys.Select(k =>
            {
                var group = members.Where(m => m.SearchName == k.SearchName && m.Candidate.BirthDate == k.BirthDate
                        && (query.AcrossCommunes == true || m.CommuneId == k.CommuneId))
                    .Select(m => m.Candidate).ToList();
                return new Group(group[0].FullName, k.BirthDate, group);
            }).ToList();
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Group> Data { get; private set; } = null!;
    public List<SelectListItem> Communes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await handler.PageAsync(Filter, cancellationToken);
        Communes = await units.CurrentCommunesAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var groups = await handler.AllAsync(Filter, cancellationToken);
        var rows = groups.SelectMany((g, i) => g.Members.Select(m => (Group: i + 1, Member: m))).ToList();
        await audit.RecordExportAsync("Hồ sơ người học có thể trùng", rows.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Có thể trùng", [
            new XlsxColumn<(int Group, DuplicateCandidate Member)>("Nhóm", r => r.Group, XlsxFormat.Integer, 8),
            new XlsxColumn<(int Group, DuplicateCandidate Member)>("Mã hồ sơ", r => r.Member.Id, XlsxFormat.Code, 10),
            new XlsxColumn<(int Group, DuplicateCandidate Member)>("Họ và tên", r => r.Member.FullName, Width: 26),
            new XlsxColumn<(int Group, DuplicateCandidate Member)>("Ngày sinh", r => r.Member.BirthDate, XlsxFormat.Date, 12),
            new XlsxColumn<(int Group, DuplicateCandidate Member)>("Giới tính", r => Fmt.Enum(r.Member.Sex), Width: 9),
            new XlsxColumn<(int Group, DuplicateCandidate Member)>("Xã, phường", r => r.Member.CommuneName, Width: 20),
            new XlsxColumn<(int Group, DuplicateCandidate Member)>("Số CCCD", r => r.Member.Cccd, Width: 15),
            new XlsxColumn<(int Group, DuplicateCandidate Member)>("Số điện thoại", r => r.Member.Phone, Width: 13),
        ], rows, title: "Hồ sơ người học có thể trùng (cùng họ tên, ngày sinh" + (Filter.AcrossCommunes == true ? ")" : ", xã)"));
        return book.ToFileResult("nguoi-hoc-co-the-trung.xlsx");
    }
}
