using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Organisations;

/// <summary>
/// The directory of organisations other areas look things up in: names, kinds, where they sit.
/// Reads go through the caller's scope filter and are not tracked; an area that keeps a kind of
/// organisation (institutions, enterprises) loads its own for update and registers new ones here.
/// </summary>
[AreaContract]
public static class OrganisationDirectory
{
    public static IQueryable<Organisation> Visible(AppDbContext db) => db.Organisations.AsNoTracking();

    public static IQueryable<Organisation> OfKind(AppDbContext db, OrganisationKind kind) => Visible(db).Where(o => o.Kind == kind);

    /// <summary>Organisations of <paramref name="kind"/> as the area that keeps them loads them for update (tracked).</summary>
    public static IQueryable<Organisation> ForUpdate(AppDbContext db, OrganisationKind kind) => db.Organisations.Where(o => o.Kind == kind);

    /// <summary>An organisation of <paramref name="kind"/> loaded for update, or null when the caller cannot see it.</summary>
    public static Task<Organisation?> ForUpdateAsync(AppDbContext db, int id, OrganisationKind kind, CancellationToken cancellationToken) =>
        ForUpdate(db, kind).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);

    public static void Register(AppDbContext db, Organisation organisation) => db.Organisations.Add(organisation);
}
