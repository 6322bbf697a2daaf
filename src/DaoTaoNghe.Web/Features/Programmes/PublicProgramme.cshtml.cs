using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Programmes;

/// <summary>A programme as the public sees it: what it teaches, where, and its published materials.</summary>
[AllowAnonymous]
public class PublicProgramme(PublicProgramme.Handler handler) : PageModel
{
    public sealed record Material(int Id, string Title, MaterialKind Kind, string? FileName, long? FileSize, string? Url);

    public sealed record Module(string Name, int TheoryHours, int PracticeHours);

    public sealed record Result(
        int Id, string Name, string OccupationName, TrainingLevel Level, int DurationHours, string? Description, string InstitutionName,
        string? InstitutionAddress, string? InstitutionPhone, string UnitName, DateOnly? AccreditedUntil,
        IReadOnlyList<Module> Modules, IReadOnlyList<Material> Materials);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var today = VietnamTime.Today(clock);
            return await db.Programmes.IgnoreQueryFilters().AsNoTracking()
                       .Where(p => p.Id == id && p.IsActive && p.Institution.IsActive)
                       .Select(p => new Result(p.Id, p.Name, p.Occupation.Name, p.Level, p.DurationHours, p.Description, p.Institution.Name,
                           p.Institution.Address, p.Institution.Phone, p.Institution.Unit.Name,
                           p.Accreditations.Where(a => a.Result == AccreditationResult.Passed && a.DecidedOn <= today && (a.ExpiresOn == null || a.ExpiresOn >= today))
                               .Max(a => a.ExpiresOn),
                           p.Modules.OrderBy(m => m.Position).Select(m => new Module(m.Name, m.TheoryHours, m.PracticeHours)).ToList(),
                           p.Materials.Where(m => m.IsPublic && m.IsActive).OrderBy(m => m.Title)
                               .Select(m => new Material(m.Id, m.Title, m.Kind, m.FileName, m.FileSize, m.Url)).ToList()))
                       .AsSplitQuery()
                       .SingleOrDefaultAsync(cancellationToken)
                   ?? throw new NotFoundException("Không tìm thấy chương trình đào tạo hoặc chương trình không còn được công khai.");
        }
    }

    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await handler.HandleAsync(id, cancellationToken);
}
