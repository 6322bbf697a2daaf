using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Files;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Programmes;

/// <summary>
/// The institution keeps a programme's learning materials: uploads files (kept by the file store
/// under random names, served only as downloads), adds links, hides what is out of date.
/// </summary>
[Authorize(Policy = ProgrammePolicies.Write)]
[RequestSizeLimit(HardRequestLimitBytes)]
public class Materials(Materials.Handler handler, Details.Handler details, MaterialFileRules rules,
    IValidator<Materials.FileCommand> fileValidator, IValidator<Materials.LinkCommand> linkValidator) : PageModel
{
    /// <summary>The largest request the server accepts here; the configured material limit (smaller) is the one users meet.</summary>
    public const long HardRequestLimitBytes = 110 * 1024 * 1024;

    public sealed class FileCommand
    {
        [Display(Name = "Tên học liệu")] public string? Title { get; set; }
        [Display(Name = "Công khai cho người tự học")] public bool IsPublic { get; set; } = true;
    }

    public sealed class LinkCommand
    {
        [Display(Name = "Tên học liệu")] public string Title { get; set; } = "";
        [Display(Name = "Địa chỉ liên kết")] public string Url { get; set; } = "";
        [Display(Name = "Công khai cho người tự học")] public bool IsPublic { get; set; } = true;
    }

    public sealed class FileValidator : AbstractValidator<FileCommand>
    {
        public FileValidator() => RuleFor(c => c.Title).MaximumLength(300).WithMessage("Tên học liệu tối đa 300 ký tự.");
    }

    public sealed class LinkValidator : AbstractValidator<LinkCommand>
    {
        public LinkValidator()
        {
            RuleFor(c => c.Title).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập tên học liệu.").MaximumLength(300).WithMessage("Tên học liệu tối đa 300 ký tự.");
            RuleFor(c => c.Url).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập địa chỉ liên kết.")
                .MaximumLength(1000).WithMessage("Địa chỉ liên kết tối đa 1.000 ký tự.")
                .Must(MaterialFileRules.IsWebAddress)
                .WithMessage("Địa chỉ liên kết phải là địa chỉ web đầy đủ bắt đầu bằng http:// hoặc https://.");
        }
    }

    public sealed class Handler(AppDbContext db, FileStore store, MaterialFileRules rules, TimeProvider clock,
        IValidator<FileCommand> fileValidator, IValidator<LinkCommand> linkValidator) : IHandler
    {
        public async Task<int> AddFileAsync(int programmeId, FileCommand command, IFormFile? file, CancellationToken cancellationToken = default)
        {
            await fileValidator.EnsureValidAsync(command, cancellationToken);
            var programme = await Edit.Handler.FindAsync(db, programmeId, cancellationToken);
            if (file is null || file.Length == 0) throw new ValidationFailedException("File", "Vui lòng chọn tệp học liệu.");
            var stored = await store.SaveAsync(file, rules.Rules, "File", cancellationToken);
            var material = new LearningMaterial
            {
                ProgrammeId = programme.Id, InstitutionId = programme.InstitutionId, Kind = MaterialKind.File, FileKey = stored.Key,
                FileName = stored.FileName, ContentType = stored.ContentType, FileSize = stored.Size, Sha256 = stored.Sha256,
                IsPublic = command.IsPublic, AddedAt = clock.GetUtcNow().UtcDateTime,
            };
            material.SetTitle(string.IsNullOrWhiteSpace(command.Title) ? Path.GetFileNameWithoutExtension(stored.FileName) : command.Title);
            db.LearningMaterials.Add(material);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                // A record that was not saved must not leave its file behind.
                store.Delete(stored.Key);
                throw;
            }
            return material.Id;
        }

        public async Task<int> AddLinkAsync(int programmeId, LinkCommand command, CancellationToken cancellationToken = default)
        {
            await linkValidator.EnsureValidAsync(command, cancellationToken);
            var programme = await Edit.Handler.FindAsync(db, programmeId, cancellationToken);
            var material = new LearningMaterial
            {
                ProgrammeId = programme.Id, InstitutionId = programme.InstitutionId, Kind = MaterialKind.Link, Url = command.Url.Trim(),
                IsPublic = command.IsPublic, AddedAt = clock.GetUtcNow().UtcDateTime,
            };
            material.SetTitle(command.Title);
            db.LearningMaterials.Add(material);
            await db.SaveChangesAsync(cancellationToken);
            return material.Id;
        }

        /// <summary>Hides a material from learners (or shows it again); the file stays, so history stays readable.</summary>
        public async Task SetActiveAsync(int programmeId, int materialId, bool active, CancellationToken cancellationToken = default)
        {
            await Edit.Handler.FindAsync(db, programmeId, cancellationToken);
            var material = await db.LearningMaterials.SingleOrDefaultAsync(m => m.Id == materialId && m.ProgrammeId == programmeId, cancellationToken)
                           ?? throw new NotFoundException("Không tìm thấy học liệu.");
            material.IsActive = active;
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    [BindProperty]
    public FileCommand FileData { get; set; } = new();

    [BindProperty]
    public LinkCommand LinkData { get; set; } = new();

    public Details.Result Programme { get; private set; } = null!;
    public int MaxMegabytes => rules.MaxMegabytes;

    public Task OnGetAsync(int id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    public Task<IActionResult> OnPostUploadAsync(int id, IFormFile? file, CancellationToken cancellationToken) =>
        this.SubmitAsync(fileValidator, FileData,
            save: async () =>
            {
                await handler.AddFileAsync(id, FileData, file, cancellationToken);
                TempData["Message"] = "Đã tải lên học liệu.";
                return RedirectToPage(new { id });
            },
            reload: () => LoadAsync(id, cancellationToken), prefix: nameof(FileData));

    public Task<IActionResult> OnPostLinkAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(linkValidator, LinkData,
            save: async () =>
            {
                await handler.AddLinkAsync(id, LinkData, cancellationToken);
                TempData["Message"] = "Đã thêm liên kết học liệu.";
                return RedirectToPage(new { id });
            },
            reload: () => LoadAsync(id, cancellationToken), prefix: nameof(LinkData));

    public async Task<IActionResult> OnPostActiveAsync(int id, int materialId, bool active, CancellationToken cancellationToken)
    {
        await handler.SetActiveAsync(id, materialId, active, cancellationToken);
        TempData["Message"] = active ? "Đã hiện lại học liệu." : "Đã ẩn học liệu.";
        return RedirectToPage(new { id });
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Programme = await details.HandleAsync(id, cancellationToken);
        if (!Programme.MayKeep) throw new ForbiddenException();
    }
}
