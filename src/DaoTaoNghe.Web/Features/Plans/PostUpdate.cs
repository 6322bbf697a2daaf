using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Files;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Plans;

/// <summary>
/// An organisation reports progress on its assignment: a status, what was done, and evidence files.
/// Only the assigned body (or the province admin, for it) may post; updates are never edited, so the
/// assignment's history is its list of updates.
/// </summary>
public static class PostUpdate
{
    public const int MaxFiles = 5;

    /// <summary>Evidence is what officials exchange anyway: office documents, PDFs, photos, at most 20 MB each.</summary>
    public static readonly FileRules EvidenceRules = new(20 * 1024 * 1024, FileRules.OfficeDocuments);

    public class Command
    {
        [Display(Name = "Tình trạng")] public AssignmentStatus? Status { get; set; }
        [Display(Name = "Nội dung cập nhật")] public string Note { get; set; } = "";
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Status).NotNull().WithMessage("Vui lòng chọn tình trạng thực hiện.").IsInEnum();
            RuleFor(c => c.Note).NotEmpty().WithMessage("Vui lòng nhập nội dung cập nhật: đã làm gì, kết quả ra sao.").MaximumLength(4000);
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, FileStore store, TimeProvider clock) : IHandler
    {
        public async Task<int> HandleAsync(int assignmentId, Command command, IReadOnlyList<IFormFile> files, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var assignment = await db.TaskAssignments.SingleOrDefaultAsync(a => a.Id == assignmentId, cancellationToken)
                ?? throw new NotFoundException("Không tìm thấy nhiệm vụ được giao hoặc bạn không có quyền xem.");
            var scope = db.Scope;
            if (scope.IsReadOnly || (assignment.OrganisationId != scope.OrganisationId && !scope.IsProvinceAdmin))
                throw new ForbiddenException("Chỉ đơn vị được giao nhiệm vụ mới cập nhật được tiến độ.");
            if (files.Count > MaxFiles)
                throw new ValidationFailedException("Files", $"Mỗi lần cập nhật đính kèm tối đa {MaxFiles} tệp minh chứng.");

            var saved = new List<StoredFile>();
            try
            {
                foreach (var file in files) saved.Add(await store.SaveAsync(file, EvidenceRules, "Files", cancellationToken));
                var now = clock.GetUtcNow().UtcDateTime;
                var update = new TaskUpdate
                {
                    AssignmentId = assignment.Id, OrganisationId = assignment.OrganisationId, ProvinceId = assignment.ProvinceId,
                    Status = command.Status!.Value, Note = command.Note.Trim(), At = now,
                    UserId = scope.UserId == 0 ? null : scope.UserId, UserName = scope.UserName,
                    Evidence = saved.Select(f => new TaskEvidence
                    {
                        OrganisationId = assignment.OrganisationId, ProvinceId = assignment.ProvinceId,
                        FileKey = f.Key, FileName = f.FileName, ContentType = f.ContentType, Size = f.Size, Sha256 = f.Sha256,
                    }).ToList(),
                };
                db.TaskUpdates.Add(update);
                assignment.Status = update.Status;
                assignment.UpdatedAt = now;
                await db.SaveChangesAsync(cancellationToken);
                return update.Id;
            }
            catch
            {
                // Nothing half-written: files of a refused or failed update do not stay on disk.
                foreach (var file in saved) store.Delete(file.Key);
                throw;
            }
        }
    }
}
