using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Files;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Programmes;

/// <summary>
/// Hands out a material's file as a download (attachment, its allowed type, never inline): to
/// signed-in users as far as their scope shows it, and to anyone when it is public and in use.
/// </summary>
public sealed class MaterialDownloads(AppDbContext db, FileStore store) : IHandler
{
    private sealed record FileRef(string Key, string FileName, string ContentType);

    public async Task<IActionResult> SignedInAsync(int materialId, CancellationToken cancellationToken = default) =>
        Serve(await db.LearningMaterials.AsNoTracking()
            .Where(m => m.Id == materialId && m.Kind == MaterialKind.File)
            .Select(m => new FileRef(m.FileKey!, m.FileName!, m.ContentType!))
            .SingleOrDefaultAsync(cancellationToken));

    /// <summary>Public: the material, its programme and its institution must all be in use, and the material published.</summary>
    public async Task<IActionResult> PublicAsync(int materialId, CancellationToken cancellationToken = default) =>
        Serve(await db.LearningMaterials.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.Id == materialId && m.Kind == MaterialKind.File && m.IsPublic && m.IsActive
                        && m.Programme.IsActive && m.Institution.IsActive)
            .Select(m => new FileRef(m.FileKey!, m.FileName!, m.ContentType!))
            .SingleOrDefaultAsync(cancellationToken));

    private IActionResult Serve(FileRef? file) =>
        file is null
            ? throw new NotFoundException("Không tìm thấy học liệu hoặc học liệu không còn được công khai.")
            : store.Download(file.Key, file.FileName, file.ContentType);
}
