using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Account;

/// <summary>A user's keys for machine clients (an institution's own software). A key acts as its user, with the same scope.</summary>
public class ApiKeys(ApiKeys.Handler handler) : PageModel
{
    public sealed record Row(int Id, string Name, string KeyStart, DateTime CreatedAt, DateTime? LastUsedAt, DateTime? RevokedAt);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public Task<List<Row>> ListAsync(CancellationToken cancellationToken = default) =>
            db.ApiKeys.AsNoTracking().Where(k => k.UserId == db.Scope.UserId)
                .OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt)
                .Select(k => new Row(k.Id, k.Name, k.KeyStart, k.CreatedAt, k.LastUsedAt, k.RevokedAt))
                .ToListAsync(cancellationToken);

        /// <summary>Creates a key and returns its secret, which is never shown again.</summary>
        public async Task<string> CreateAsync(string? name, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
                throw new ValidationFailedException("Name", "Vui lòng đặt tên cho khóa (tối đa 100 ký tự), vd: \"Phần mềm quản lý đào tạo của trường\".");
            var secret = ApiKey.NewSecret();
            db.ApiKeys.Add(new ApiKey
            {
                UserId = db.Scope.UserId,
                Name = name.Trim(),
                KeyStart = secret[..10],
                KeyHash = ApiKey.Hash(secret),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(cancellationToken);
            return secret;
        }

        public async Task RevokeAsync(int id, CancellationToken cancellationToken = default)
        {
            var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == id && k.UserId == db.Scope.UserId, cancellationToken)
                ?? throw new NotFoundException("Không tìm thấy khóa API.");
            key.RevokedAt ??= clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public List<Row> Keys { get; private set; } = [];

    [Display(Name = "Tên khóa")]
    [BindProperty]
    public string? Name { get; set; }

    public string? NewSecret { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Keys = await handler.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        try
        {
            NewSecret = await handler.CreateAsync(Name, cancellationToken);
            Name = null;
        }
        catch (ValidationFailedException failed)
        {
            ModelState.AddModelError(nameof(Name), failed.Message);
        }
        Keys = await handler.ListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken)
    {
        await handler.RevokeAsync(id, cancellationToken);
        TempData["Message"] = "Đã thu hồi khóa API.";
        return RedirectToPage();
    }
}
