using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs;

/// <summary>
/// Finds the registered person a job record is about, by CCCD, in the caller's province. The bank
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
}
