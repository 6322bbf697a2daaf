using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Map;

/// <summary>The province admin brings in the pre-2025 districts and communes of their province from a CSV of the shipped shape.</summary>
[Authorize(Policy = CommonPolicies.Administer)]
public class ImportMapping(AppDbContext db) : PageModel
{
    public const long MaxFileBytes = 2 * 1024 * 1024;

    public string ProvinceName { get; private set; } = "";
    public UnitMappingResult? Result { get; private set; }

    public async Task OnGetAsync() => ProvinceName = await ProvinceNameAsync();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        ProvinceName = await ProvinceNameAsync();
        try
        {
            if (file is null || file.Length == 0)
                throw new ValidationFailedException("file", "Vui lòng chọn tệp CSV bảng chuyển đổi.");
            if (file.Length > MaxFileBytes)
                throw new ValidationFailedException("file", "Tệp quá lớn (tối đa 2 MB).");
            if (!file.FileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                throw new ValidationFailedException("file", "Chỉ nhận tệp .csv (UTF-8, dấu phẩy hoặc chấm phẩy).");

            await using var stream = file.OpenReadStream();
            var rows = UnitMappingImport.Parse(stream);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            Result = await UnitMappingImport.ApplyAsync(db, db.Scope.ProvinceId, rows, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (ValidationFailedException failed)
        {
            failed.AddTo(ModelState, prefix: "");
        }
        return Page();
    }

    private Task<string> ProvinceNameAsync() =>
        db.AdministrativeUnits.Where(u => u.Id == db.Scope.ProvinceId).Select(u => u.Name).SingleAsync();
}
