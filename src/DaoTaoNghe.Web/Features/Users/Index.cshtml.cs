using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Users;

[Authorize(Policy = UserPolicies.ManageAccounts)]
public class Index(Index.Handler handler, SignInThrottle throttle, AuditTrail audit) : PageModel
{
    public sealed class Query : PagedQuery
    {
        [FromQuery(Name = "q")] public string? Search { get; set; }
        [FromQuery(Name = "don-vi")] public int? OrganisationId { get; set; }
        [FromQuery(Name = "vai-tro")] public string? Role { get; set; }
    }

    public sealed record Row(int Id, string UserName, string FullName, string? Email, int OrganisationId, string OrganisationName,
        string? Role, bool IsDisabled, bool IsLockedOut, DateTime? LastSignInAt);

    public sealed class Handler(AppDbContext db, TierRoles tier, TimeProvider clock) : IHandler
    {
        public IQueryable<Row> Rows(Query query)
        {
            var now = clock.GetUtcNow();
            var users = tier.Accounts().AsNoTracking();
            if (query.OrganisationId is { } organisationId) users = users.Where(u => u.OrganisationId == organisationId);
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var pattern = "%" + query.Search.Trim().ToUpperInvariant() + "%";
                users = users.Where(u => EF.Functions.Like(u.NormalizedUserName!, pattern) || EF.Functions.Like(u.FullName, "%" + query.Search.Trim() + "%"));
            }
            var rows = users.Select(u => new
            {
                User = u,
                Role = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name).FirstOrDefault(),
            });
            if (!string.IsNullOrWhiteSpace(query.Role)) rows = rows.Where(r => r.Role == query.Role);
            return rows
                .OrderBy(r => r.User.Organisation.Name).ThenBy(r => r.User.UserName)
                .Select(r => new Row(r.User.Id, r.User.UserName!, r.User.FullName, r.User.Email, r.User.OrganisationId, r.User.Organisation.Name,
                    r.Role, r.User.IsDisabled, r.User.LockoutEnd != null && r.User.LockoutEnd > now, r.User.LastSignInAt));
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public PagedList<Row> Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var page = await handler.Rows(Filter).ToPagedListAsync(Filter, cancellationToken: cancellationToken);
        Data = page with { Items = page.Items.Select(r => r with { IsLockedOut = r.IsLockedOut || throttle.IsSlowed(r.UserName) }).ToList() };
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var rows = await handler.Rows(Filter).ToListAsync(cancellationToken);
        await audit.RecordExportAsync("Danh sách tài khoản", rows.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Tài khoản", [
            new XlsxColumn<Row>("Tên đăng nhập", r => r.UserName),
            new XlsxColumn<Row>("Họ và tên", r => r.FullName, Width: 26),
            new XlsxColumn<Row>("Email", r => r.Email, Width: 26),
            new XlsxColumn<Row>("Cơ quan, đơn vị", r => r.OrganisationName, Width: 44),
            new XlsxColumn<Row>("Vai trò", r => Roles.DisplayName(r.Role), Width: 28),
            new XlsxColumn<Row>("Trạng thái", r => r.IsDisabled ? "Vô hiệu hóa" : r.IsLockedOut ? "Tạm khóa" : "Hoạt động", Width: 14),
            new XlsxColumn<Row>("Đăng nhập gần nhất", r => r.LastSignInAt is { } t ? Infrastructure.Time.VietnamTime.ToLocal(t) : null, XlsxFormat.DateTime),
        ], rows, title: "Danh sách tài khoản người dùng");
        return book.ToFileResult("tai-khoan.xlsx");
    }
}
