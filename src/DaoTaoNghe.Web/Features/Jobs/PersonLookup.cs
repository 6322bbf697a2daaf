using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs;

/// <summary>
/// Finds the registered person a job record is about, by CCCD (or by name and birth date), in the caller's province. The bank
/// does not see learners, so the person is looked up past the learners' filter and only the id and name
/// are returned: the caller learns that someone with this number is registered, and their name, which the caller
/// already has in hand (the borrower, the job seeker in front of them).
/// </summary>
public static class PersonLookup
{
    public sealed record Person(int Id, string FullName);

    public static async Task<int> ByCccdAsync(AppDbContext db, CccdLookups lookups, string? cccd, string field, CancellationToken cancellationToken) =>
        (await PersonByCccdAsync(db, lookups, cccd, field, cancellationToken)).Id;

    /// <summary>Counted and audited as every whole-CCCD lookup is (<see cref="CccdLookups"/>).</summary>
    public static async Task<Person> PersonByCccdAsync(AppDbContext db, CccdLookups lookups, string? cccd, string field, CancellationToken cancellationToken)
    {
        var number = (cccd ?? "").Trim();
        if (number.Length != 12 || !number.All(char.IsAsciiDigit))
            throw new ValidationFailedException(field, "Số CCCD phải gồm đúng 12 chữ số.");
        var provinceId = db.Scope.ProvinceId;
        var person = await lookups.RunAsync(number, "Tìm người học theo số CCCD để ghi hồ sơ việc làm",
            () => LearnerDirectory.PastScope(db)
                .Where(l => l.Cccd == number && l.MergedIntoId == null && l.ProvinceId == provinceId)
                .Select(l => new Person(l.Id, l.FullName)).SingleOrDefaultAsync(cancellationToken),
            p => p is null ? [] : [p.Id], cancellationToken);
        return person ?? throw new ValidationFailedException(field, "Không tìm thấy người học có số CCCD này trong tỉnh; hãy đăng ký người học trước.");
    }

    /// <summary>
    /// The person in front of an officer who has no CCCD card at hand: the one registered learner of the province with
    /// this name (case, spacing and diacritics aside) and birth date. None, or several, and the officer is asked for the CCCD.
    /// </summary>
    public static async Task<int> ByNameAndBirthDateAsync(AppDbContext db, string? fullName, DateOnly? birthDate, CancellationToken cancellationToken)
    {
        var key = TextSearch.Normalize(fullName);
        if (key.Length == 0) throw new ValidationFailedException("FullName", "Nhập số CCCD, hoặc họ và tên cùng ngày sinh của người tìm việc.");
        if (birthDate is not { } born) throw new ValidationFailedException("BirthDate", "Nhập ngày sinh của người tìm việc (hoặc nhập số CCCD).");
        var provinceId = db.Scope.ProvinceId;
        var found = await LearnerDirectory.PastScope(db)
            .Where(l => l.SearchName == key && l.BirthDate == born && l.MergedIntoId == null && l.ProvinceId == provinceId)
            .OrderBy(l => l.Id).Select(l => l.Id).Take(2).ToListAsync(cancellationToken);
        var named = $"{fullName!.Trim()}, sinh ngày {Fmt.Date(born)}";
        return found.Count switch
        {
            1 => found[0],
            0 => throw new ValidationFailedException("FullName", $"Không tìm thấy người học {named} trong tỉnh; hãy kiểm tra lại, nhập số CCCD hoặc đăng ký người học trước."),
            _ => throw new ValidationFailedException("FullName", $"Có nhiều người học {named} trong tỉnh; hãy nhập số CCCD để chọn đúng người."),
        };
    }
}
