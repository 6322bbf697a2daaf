using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Federation;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// The learners the caller may see, found by name without diacritics or by CCCD. Filters on
/// sensitive data (ethnicity, household) work only for roles that may see it. Roles that see the
/// CCCD masked cannot search by it at all (a whole number would confirm a guess at the masked digits);
/// the others' whole-number searches go through <see cref="CccdLookups"/>: counted and audited.
/// </summary>
[Authorize(Policy = LearnerPolicies.Read)]
public class Index(Index.Handler handler, UnitChoices units, AuditTrail audit, AppDbContext db) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "xa"), Display(Name = "Xã, phường")] public int? CommuneId { get; set; }
        [FromQuery(Name = "nam-dk"), Display(Name = "Năm đăng ký")] public int? RegisteredYear { get; set; }

        /// <summary>Where the registration counts (the "learners.registered" drill-down), an old commune on the old map.</summary>
        [FromQuery(Name = "xa-dk"), Display(Name = "Xã, phường nơi đăng ký")] public int? RegisteredCommuneId { get; set; }
        /// <summary>A province's records (the national tier's drill-down from a province's figure), by the province's unit id.</summary>
        [FromQuery(Name = "tinh"), Display(Name = "Tỉnh, thành phố")] public int? ProvinceId { get; set; }
        [FromQuery(Name = "gt"), Display(Name = "Giới tính")] public Sex? Sex { get; set; }
        [FromQuery(Name = "dt")] public int? EthnicGroupId { get; set; }
        [FromQuery(Name = "ho")] public HouseholdStatus? Household { get; set; }
        [FromQuery(Name = "uu-tien")] public PriorityCategory? Category { get; set; }
        [FromQuery(Name = "da-gop")] public bool? Merged { get; set; }

        /// <summary>The page starts after this learner (the previous page's <c>next</c>), in the list's order of name and record number.</summary>
        [FromQuery(Name = "sau")] public int? After { get; set; }
    }

    /// <summary>
    /// One learner as a list shows them; sensitive columns are null for roles that may not see them. On the national
    /// tier a row is a person (<see cref="NationalPersons"/>): <see cref="Provinces"/> names every province holding them.
    /// </summary>
    public sealed record Row(
        int Id, string FullName, DateOnly BirthDate, Sex Sex, string? Cccd, string CommuneName, string? Address, string? Phone,
        EducationLevel? EducationLevel, string? EthnicGroup, HouseholdStatus? Household, IReadOnlyList<PriorityCategory> Categories, int? MergedIntoId,
        string ProvinceName, IReadOnlyList<string>? Provinces = null);

    public sealed class Handler(AppDbContext db, AuditTrail audit, CccdLookups lookups, TimeProvider clock, TierSettings tier) : IHandler
    {
        public int HouseholdYear => VietnamTime.Today(clock).Year;

        /// <summary>On the national tier the list has one row per person: the same CCCD in two provinces is one person.</summary>
        public bool ListsPersons => tier.IsNational;

        private IQueryable<Learner> Filtered(Query query, bool pastScope = false)
        {
            var scope = db.Scope;
            var sensitive = LearnerAccess.SeesSensitive(scope);
            var learners = pastScope ? db.Learners.IgnoreQueryFilters([ScopeRules.FilterName]).AsNoTracking() : db.Learners.AsNoTracking();
            learners = query.Merged == true ? learners.Where(l => l.MergedIntoId != null) : learners.Where(l => l.MergedIntoId == null);
            if (query.CommuneId is { } communeId) learners = learners.Where(l => l.CommuneId == communeId || l.Commune.RollUpUnitId == communeId);
            if (query.ProvinceId is { } province) learners = learners.Where(l => l.ProvinceId == province);
            if (query.RegisteredCommuneId is { } registeredIn)
                learners = learners.Where(l => l.RegisteredCommuneId == registeredIn || l.RegisteredCommune.RollUpUnitId == registeredIn);
            var persons = ListsPersons && query.Merged != true;
            IQueryable<Learner> InYear(IQueryable<Learner> records)
            {
                if (query.RegisteredYear is not { } registered || registered is < 2000 or > 2100) return records;
                // The record's creation instant, read in Vietnamese local days, as the "learners registered" indicator counts it.
                var from = VietnamTime.StartOfDayUtc(new DateOnly(registered, 1, 1));
                var to = VietnamTime.StartOfDayUtc(new DateOnly(registered + 1, 1, 1));
                return records.Where(l => l.CreatedAt >= from && l.CreatedAt < to);
            }
            if (!persons) learners = InYear(learners);
            if (query.Sex is { } sex) learners = learners.Where(l => l.Sex == sex);
            if (sensitive && query.EthnicGroupId is { } ethnicGroup) learners = learners.Where(l => l.EthnicGroupId == ethnicGroup);
            if (sensitive && query.Household is { } household)
            {
                var year = HouseholdYear;
                learners = learners.Where(l => l.Households.Any(h => h.Year == year && h.Status == household));
            }
            if (query.Category is { } category && (sensitive || category != PriorityCategory.Disabled))
                learners = learners.Where(l => l.Priorities.Any(p => p.Category == category));
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var digits = Cccd.Normalize(query.Search)!;
                // A whole CCCD is a lookup by the unique index: "contains" would find the same one record (phones
                // are 10 digits) through a trigram index that digits make unselective (0.6 s at 10M learners).
                // Only a role that sees the whole number may look one up: for the others a lookup would confirm
                // a guess at the digits the mask hides, so it finds nobody.
                if (CccdLookups.WholeNumber(digits) is not null)
                    learners = LearnerAccess.SeesFullCccd(scope) ? learners.Where(l => l.Cccd == digits) : learners.Where(l => false);
                else if (digits.All(char.IsAsciiDigit) && digits.Length >= 3)
                {
                    var pattern = "%" + digits + "%";
                    learners = LearnerAccess.SeesFullCccd(scope)
                        ? learners.Where(l => EF.Functions.Like(l.Cccd!, pattern) || EF.Functions.Like(l.Phone!, pattern))
                        : learners.Where(l => EF.Functions.Like(l.Phone!, pattern));
                }
                else learners = learners.WhereNameHasWords(l => l.SearchName, query.Search, db.Database.IsNpgsql());
            }
            // Among the records the filter kept, so a search in one province's commune still finds the person there; but a
            // person is registered in the year of their earliest record, as the nation's count has it, so the year comes after.
            return persons ? InYear(NationalPersons.FirstOfEachPerson(learners)) : learners;
        }

        private static bool IsNameSearch(Query query) =>
            !string.IsNullOrWhiteSpace(query.Search) && Cccd.Normalize(query.Search) is { } digits
            && CccdLookups.WholeNumber(digits) is null && !(digits.All(char.IsAsciiDigit) && digits.Length >= 3);

        /// <summary>
        /// Behind a "learners registered" number (a year and a commune of registration): how many of the people it counts
        /// the caller may not read – people who have since moved out of the caller's commune. The number counts them
        /// all, the list shows the rest. A search narrows what is listed, not what is counted, so none then.
        /// </summary>
        public async Task<int> OutsideScopeAsync(Query query, CancellationToken cancellationToken)
        {
            if (query.RegisteredCommuneId is null || query.RegisteredYear is null || query.Merged == true || ListsPersons
                || !string.IsNullOrWhiteSpace(query.Search)) return 0;
            return await Filtered(query, pastScope: true).CountAsync(cancellationToken) - await Filtered(query).CountAsync(cancellationToken);
        }

        /// <summary>Whether the search is a whole CCCD that this caller may not look up (the list then finds nobody).</summary>
        public bool LookupRefused(Query query) => CccdLookups.WholeNumber(query.Search) is not null && !LearnerAccess.SeesFullCccd(db.Scope);

        /// <summary>Runs a read, through the lookup guard (counted, audited) when it searches by a whole CCCD the caller may look up.</summary>
        private Task<T> GuardedAsync<T>(Query query, Func<Task<T>> read, Func<T, IEnumerable<int>> found, CancellationToken cancellationToken) =>
            CccdLookups.WholeNumber(query.Search) is { } number && LearnerAccess.SeesFullCccd(db.Scope)
                ? lookups.RunAsync(number, "Tìm người học theo số CCCD", read, found, cancellationToken)
                : read();

        /// <summary>
        /// How far a list counts: past it the page says "hơn 1.000 kết quả" instead of counting millions of matches
        /// of a common name part ("van", "thi") on every keystroke.
        /// </summary>
        public const int CountCap = 1000;

        private static IQueryable<Row> Rows(IQueryable<Learner> learners, bool sensitive, int year, bool matchesFirst = false) =>
            (matchesFirst ? learners.OrderBy(l => l.SearchName + "") : learners.OrderBy(l => l.SearchName)).ThenBy(l => l.Id)
                .Select(l => new Row(l.Id, l.FullName, l.BirthDate, l.Sex, l.Cccd, l.Commune.Name, l.Address, l.Phone, l.EducationLevel,
                    sensitive && l.EthnicGroup != null ? l.EthnicGroup.Name : null,
                    l.Households.Where(h => h.Year == year).Select(h => (HouseholdStatus?)h.Status).FirstOrDefault(),
                    l.Priorities.OrderBy(p => p.Category).Select(p => p.Category).ToList(),
                    l.MergedIntoId, l.Province.Name));

        private IQueryable<Row> Rows(Query query) => Rows(Filtered(query), LearnerAccess.SeesSensitive(db.Scope), HouseholdYear);

        /// <summary>
        /// One page, by key when the query gives the previous page's last learner (<c>sau</c>): the rows after it in
        /// the order of name and record number, which PostgreSQL reads from the name index without counting off the
        /// pages before; by number otherwise. The count stops at <see cref="CountCap"/>.
        /// </summary>
        private async Task<PagedList<Row>> ReadPageAsync(Query query, CancellationToken cancellationToken)
        {
            var size = PagingExtensions.Size(query, PagedList<Row>.DefaultSize);
            var number = query.Page ?? 1;
            var filtered = Filtered(query);
            var counted = await filtered.Take(CountCap + 1).CountAsync(cancellationToken);
            IQueryable<Learner> from = filtered;
            var skip = (number - 1) * size;
            if (query.After is { } after
                && await db.Learners.AsNoTracking().Where(l => l.Id == after).Select(l => l.SearchName).FirstOrDefaultAsync(cancellationToken) is { } name)
            {
                from = filtered.Where(l => string.Compare(l.SearchName, name) > 0 || (l.SearchName == name && l.Id > after));
                skip = 0;
            }
            // The same order either way. Walking the name index in order and testing each row stops early when matches
            // are many and spread, but "vi van" matches 13,716 of 1,000,000 people bunched at the end of the alphabet
            // (the family name Vi): 953,428 rows tested, 3 s. An order by an expression no index has makes PostgreSQL read
            // the matches from the words' index and sort them (30 ms): chosen when they are few, or several words are typed.
            var matchesFirst = IsNameSearch(query) && (counted <= CountCap || NameSearch.Words(query.Search).Count > 1);
            var rows = await Rows(from, LearnerAccess.SeesSensitive(db.Scope), HouseholdYear, matchesFirst)
                .Skip(skip).Take(size + 1).ToListAsync(cancellationToken);
            var more = rows.Count > size;
            if (more) rows.RemoveAt(size);
            return new PagedList<Row>(rows, number, size, Math.Min(counted, CountCap))
            {
                TotalCapped = counted > CountCap,
                Next = more ? rows[^1].Id : null,
            };
        }

        /// <summary>On the national tier, every province holding each row's person.</summary>
        private async Task<List<Row>> WithProvincesAsync(IReadOnlyList<Row> rows, CancellationToken cancellationToken)
        {
            if (!ListsPersons) return rows.ToList();
            var held = await NationalPersons.ProvincesAsync(db, rows.Select(r => r.Cccd), cancellationToken);
            return rows.Select(r => r with { Provinces = r.Cccd is { } cccd && held.TryGetValue(cccd, out var provinces) ? provinces : [r.ProvinceName] }).ToList();
        }

        public async Task<PagedList<Row>> PageAsync(Query query, CancellationToken cancellationToken = default)
        {
            var page = await GuardedAsync(query, () => ReadPageAsync(query, cancellationToken),
                p => p.Items.Select(r => r.Id), cancellationToken);
            // The page (or API page) shows people's records: one line naming them, as an export would.
            await audit.RecordListAsync(nameof(Learner), $"Xem danh sách người học, trang {page.PageNumber}", page.Items.Select(r => r.Id).ToList(), cancellationToken);
            return page with { Items = (await WithProvincesAsync(page.Items, cancellationToken)).Select(Present).ToList() };
        }

        public async Task<List<Row>> AllAsync(Query query, CancellationToken cancellationToken = default) =>
            (await WithProvincesAsync(
                await GuardedAsync(query, () => Rows(query).ToListAsync(cancellationToken), rows => rows.Select(r => r.Id), cancellationToken),
                cancellationToken))
            .Select(Present).ToList();

        private Row Present(Row row) => row with { Cccd = LearnerAccess.ShowCccd(db.Scope, row.Cccd) };
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;
    public List<SelectListItem> Communes { get; private set; } = [];
    public List<SelectListItem> EthnicGroups { get; private set; } = [];
    public bool SensitiveShown => LearnerAccess.SeesSensitive(db.Scope);
    public int HouseholdYear => handler.HouseholdYear;
    public bool LookupRefused => handler.LookupRefused(Filter);
    public bool ListsPersons => handler.ListsPersons;

    /// <summary>On the national tier: the year's people, each counted once however many provinces registered them.</summary>
    public NationalPersons.Count? Registered { get; private set; }

    /// <summary>The commune of registration filtered on, and the people counted there whom the caller may not read.</summary>
    public string? RegisteredCommune { get; private set; }
    public int OutsideScope { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await handler.PageAsync(Filter, cancellationToken);
        Communes = await units.CurrentCommunesAsync(cancellationToken);
        if (Filter.RegisteredCommuneId is { } registeredIn)
        {
            RegisteredCommune = await UnitDirectory.Units(db).Where(u => u.Id == registeredIn).Select(u => u.Name).SingleOrDefaultAsync(cancellationToken);
            OutsideScope = await handler.OutsideScopeAsync(Filter, cancellationToken);
        }
        if (SensitiveShown) EthnicGroups = await LearnerForm.EthnicGroupsAsync(db, cancellationToken);
        if (ListsPersons) Registered = await NationalPersons.RegisteredAsync(db, Filter.RegisteredYear is { } year and >= 2000 and <= 2100 ? year : HouseholdYear, cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.AllAsync(Filter, cancellationToken);
        await audit.RecordExportAsync("Danh sách người học", rows.Count, containsPersonalData: true, cancellationToken);
        var columns = new List<XlsxColumn<Row>>
        {
            new("Mã hồ sơ", r => r.Id, XlsxFormat.Code, 10),
            new("Họ và tên", r => r.FullName, Width: 26),
            new("Ngày sinh", r => r.BirthDate, XlsxFormat.Date, 12),
            new("Giới tính", r => Fmt.Enum(r.Sex), Width: 9),
            new("Số CCCD", r => r.Cccd, Width: 15),
            new("Xã, phường", r => r.CommuneName, Width: 20),
            new("Thôn, bản, địa chỉ", r => r.Address, Width: 22),
            new("Số điện thoại", r => r.Phone, Width: 13),
            new("Trình độ học vấn", r => Fmt.Enum(r.EducationLevel), Width: 18),
        };
        if (SensitiveShown)
        {
            columns.Add(new("Dân tộc", r => r.EthnicGroup, Width: 14));
            columns.Add(new($"Hộ gia đình năm {HouseholdYear}", r => Fmt.Enum(r.Household), Width: 18));
        }
        columns.Add(new("Đối tượng ưu tiên", r => string.Join("; ", r.Categories.Select(c => Fmt.Enum(c))), Width: 40));
        if (ListsPersons) columns.Add(new("Tỉnh có hồ sơ", r => string.Join("; ", r.Provinces ?? []), Width: 30));
        using var book = new XlsxBook();
        book.AddSheet("Người học", columns, rows, title: "Danh sách người học");
        return book.ToFileResult("nguoi-hoc.xlsx");
    }
}
