using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.PersonalData;

/// <summary>
/// Who may be made responsible for a request: an active commune officer of the person's commune, or
/// a province admin of its province. Users are read past the organisation filter (a commune officer
/// does not list the Sở), limited here to the caller's province.
/// </summary>
public sealed class SubjectRequestOfficers(AppDbContext db) : IHandler
{
    private sealed record Candidate(int Id, string FullName, string UserName, bool IsProvinceAdmin, int UnitId);

    private Task<List<Candidate>> LoadAsync(CancellationToken cancellationToken)
    {
        var provinceId = db.Scope.ProvinceId;
        return (from u in db.Users.IgnoreQueryFilters()
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where !u.IsDisabled && u.Organisation.ProvinceId == provinceId && (r.Name == Roles.CommuneOfficer || r.Name == Roles.ProvinceAdmin)
                orderby u.FullName
                select new Candidate(u.Id, u.FullName, u.UserName!, r.Name == Roles.ProvinceAdmin, u.Organisation.UnitId))
            .AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>The officers the caller may choose: their commune's and the province's (a commune officer), or the province's (an admin).</summary>
    public async Task<List<SelectListItem>> ChoicesAsync(CancellationToken cancellationToken)
    {
        var scope = db.Scope;
        return (await LoadAsync(cancellationToken))
            .Where(c => c.IsProvinceAdmin || scope.SeesWholeProvince || c.UnitId == scope.CommuneId)
            .Select(c => new SelectListItem($"{c.FullName} ({c.UserName}){(c.IsProvinceAdmin ? " – cấp tỉnh" : "")}", c.Id.ToString()))
            .ToList();
    }

    /// <summary>Whether <paramref name="userId"/> may answer a request of the person living in <paramref name="communeId"/> (or its successor).</summary>
    public async Task<bool> MayAnswerAsync(int userId, int communeId, int? communeNowId, CancellationToken cancellationToken) =>
        (await LoadAsync(cancellationToken)).Any(c => c.Id == userId && (c.IsProvinceAdmin || c.UnitId == communeId || c.UnitId == communeNowId));
}
