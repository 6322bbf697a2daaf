using System.Text.RegularExpressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Occupations;

/// <summary>
/// The province admin brings in the national occupation list from an .xlsx sheet with the columns
/// "Mã nghề", "Tên nghề" and optionally "Nhóm nghề". Rows are matched on the code: new codes are
/// added, known ones renamed. Any row in error stops the whole file, naming the row.
/// </summary>
[Authorize(Policy = CommonPolicies.Administer)]
public class Import(Import.Handler handler) : PageModel
{
    public const long MaxFileBytes = 5 * 1024 * 1024;
    public const int MaxRows = 5000;

    public sealed record Row(int Number, string Code, string Name, OccupationField? Field);

    public sealed record Result(int Added, int Updated, int Unchanged);

    public sealed class Handler(AppDbContext db) : IHandler
    {
        public async Task<Result> HandleAsync(Stream xlsx, CancellationToken cancellationToken = default)
        {
            db.Scope.EnsureMayManage(db.Scope.ProvinceId);
            var rows = Parse(xlsx);
            var provinceId = db.Scope.ProvinceId;
            var existing = await db.Occupations.Where(o => o.ProvinceId == provinceId).ToDictionaryAsync(o => o.Code, cancellationToken);
            int added = 0, updated = 0, unchanged = 0;
            foreach (var row in rows)
            {
                if (existing.TryGetValue(row.Code, out var occupation))
                {
                    var field = row.Field ?? occupation.Field;
                    if (occupation.Name == row.Name && occupation.Field == field && occupation.Origin == OccupationOrigin.National)
                    {
                        unchanged++;
                        continue;
                    }
                    occupation.SetCodeAndName(row.Code, row.Name);
                    occupation.Field = field;
                    occupation.Origin = OccupationOrigin.National;
                    updated++;
                }
                else
                {
                    occupation = new Occupation { ProvinceId = provinceId, Origin = OccupationOrigin.National, Field = row.Field ?? FieldOfNationalCode(row.Code) };
                    occupation.SetCodeAndName(row.Code, row.Name);
                    db.Occupations.Add(occupation);
                    existing[row.Code] = occupation;
                    added++;
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            return new Result(added, updated, unchanged);
        }
    }

    /// <summary>Reads and checks every row; throws naming each bad row, so nothing is saved from a faulty file.</summary>
    public static List<Row> Parse(Stream xlsx)
    {
        var errors = new List<FieldError>();
        var rows = new List<Row>();
        var seen = new Dictionary<string, int>();
        int? codeColumn = null, nameColumn = null, fieldColumn = null;
        try
        {
            foreach (var row in XlsxRows.Read(xlsx))
            {
                if (codeColumn is null)
                {
                    if (row.Number > 20) break;
                    // "Mã nghề" wins over other code columns (a sheet may also carry "Mã cấp I", "Mã cấp II"...).
                    foreach (var (column, cell) in row.Cells.OrderBy(c => c.Key))
                    {
                        var header = TextSearch.Normalize(cell.Text);
                        if (header.StartsWith("ma ") && header.Contains("nghe")) codeColumn = column;
                        else if (header == "ma" || header.StartsWith("ma ")) codeColumn ??= column;
                        else if (header.StartsWith("ten")) nameColumn ??= column;
                        else if (header.StartsWith("nhom") || header.StartsWith("linh vuc")) fieldColumn ??= column;
                    }
                    if (codeColumn is null || nameColumn is null) (codeColumn, nameColumn, fieldColumn) = (null, null, null);
                    continue;
                }
                var code = Occupation.NormalizeCode(CellText(row, codeColumn.Value));
                var name = CellText(row, nameColumn!.Value).Trim();
                var fieldText = fieldColumn is { } f ? CellText(row, f).Trim() : "";
                if (code.Length == 0 && name.Length == 0) continue;
                if (rows.Count + errors.Count >= MaxRows)
                    throw new ValidationFailedException("file", $"Tệp có quá nhiều dòng: tối đa {MaxRows:N0} nghề mỗi lần nhập.");
                var problems = new List<string>();
                if (code.Length == 0) problems.Add("thiếu mã nghề");
                else if (!Regex.IsMatch(code, Occupation.CodePattern)) problems.Add($"mã nghề \"{code}\" không hợp lệ (chỉ gồm chữ không dấu, chữ số và . - _, tối đa 20 ký tự)");
                else if (seen.TryGetValue(code, out var first)) problems.Add($"mã nghề \"{code}\" trùng với dòng {first}");
                if (name.Length == 0) problems.Add("thiếu tên nghề");
                else if (name.Length > 300) problems.Add("tên nghề dài quá 300 ký tự");
                OccupationField? field = null;
                if (fieldText.Length > 0)
                {
                    field = ParseField(fieldText);
                    if (field is null) problems.Add($"nhóm nghề \"{fieldText}\" không hợp lệ (ghi \"Nông nghiệp\" hoặc \"Phi nông nghiệp\")");
                }
                if (problems.Count > 0)
                {
                    errors.Add(new FieldError("file", $"Dòng {row.Number}: {string.Join("; ", problems)}."));
                    continue;
                }
                seen[code] = row.Number;
                rows.Add(new Row(row.Number, code, name, field));
            }
        }
        catch (XlsxReadException unreadable)
        {
            throw new ValidationFailedException("file", unreadable.Message);
        }
        if (codeColumn is null)
            throw new ValidationFailedException("file", "Không tìm thấy dòng tiêu đề có cột \"Mã nghề\" và \"Tên nghề\" trong 20 dòng đầu của trang tính.");
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        if (rows.Count == 0) throw new ValidationFailedException("file", "Tệp không có dòng nghề nào dưới dòng tiêu đề.");
        return rows;
    }

    /// <summary>
    /// National codes of the intermediate (5…) and college (6…) lists carry the field of study in
    /// digits 2–3: 62 is agriculture, forestry and fishery, 64 veterinary; everything else is not agricultural.
    /// </summary>
    public static OccupationField FieldOfNationalCode(string code) =>
        Regex.IsMatch(code, "^[56](62|64)[0-9]{4}$") ? OccupationField.Agriculture : OccupationField.NonAgriculture;

    private static OccupationField? ParseField(string text) => TextSearch.Normalize(text) switch
    {
        "nong nghiep" => OccupationField.Agriculture,
        "phi nong nghiep" => OccupationField.NonAgriculture,
        _ => null,
    };

    /// <summary>A code typed as a number comes back as "5620110", never "5620110.0".</summary>
    private static string CellText(XlsxRow row, int column) =>
        row.Cells.TryGetValue(column, out var cell)
            ? cell.Number is { } n && !cell.IsDate && n == Math.Floor(n) && Math.Abs(n) < 1e15 ? ((long)n).ToString() : cell.Text
            : "";

    public Result? Outcome { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        try
        {
            if (file is null || file.Length == 0)
                throw new ValidationFailedException("file", "Vui lòng chọn tệp Excel (.xlsx) danh mục nghề.");
            if (file.Length > MaxFileBytes)
                throw new ValidationFailedException("file", "Tệp quá lớn (tối đa 5 MB).");
            if (!file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
                throw new ValidationFailedException("file", "Chỉ nhận tệp Excel .xlsx (Excel 2007 trở lên; tệp .xls hãy lưu lại dưới dạng .xlsx).");
            await using var stream = file.OpenReadStream();
            Outcome = await handler.HandleAsync(stream, cancellationToken);
        }
        catch (ValidationFailedException failed)
        {
            failed.AddTo(ModelState, prefix: "");
        }
        return Page();
    }

    /// <summary>An empty sheet with the expected headers, to fill in or to paste the national list into.</summary>
    public IActionResult OnGetTemplate()
    {
        using var book = new XlsxBook();
        book.AddSheet<Row>("Danh mục nghề", [
            new XlsxColumn<Row>("Mã nghề", r => r.Code, Width: 14),
            new XlsxColumn<Row>("Tên nghề", r => r.Name, Width: 50),
            new XlsxColumn<Row>("Nhóm nghề", r => r.Field is { } f ? Fmt.Enum(f) : null, Width: 18),
        ], [], title: "Danh mục nghề đào tạo (Nhóm nghề: Nông nghiệp hoặc Phi nông nghiệp; để trống thì suy ra từ mã)");
        return book.ToFileResult("mau-danh-muc-nghe.xlsx");
    }
}
