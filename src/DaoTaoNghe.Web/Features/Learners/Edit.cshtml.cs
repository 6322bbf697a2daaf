using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>Corrects a person's fields; households and consents have their own pages. A merged record is history and is not edited.</summary>
[Authorize(Policy = LearnerPolicies.Write)]
public class Edit(Edit.Handler handler, LearnerForm form, AuditTrail audit, IValidator<LearnerFields> validator) : PageModel
{
    public sealed record Loaded(LearnerFields Fields, string FullName, bool HasConsent);

    public sealed class Handler(AppDbContext db, IValidator<LearnerFields> validator, LearnerFields.Writer writer, TimeProvider clock) : IHandler
    {
        public async Task<Loaded> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var learner = await FindAsync(id, cancellationToken);
            return new Loaded(new LearnerFields
            {
                FullName = learner.FullName, BirthDate = learner.BirthDate, Sex = learner.Sex, Cccd = learner.Cccd,
                EthnicGroupId = learner.EthnicGroupId, Phone = learner.Phone, CommuneId = learner.CommuneId, Address = learner.Address,
                EducationLevel = learner.EducationLevel, Categories = learner.Priorities.Select(p => p.Category).Order().ToList(),
                ConfirmCccdMismatch = learner.CccdMismatchConfirmed,
            }, learner.FullName, learner.HasConsentOn(VietnamTime.Today(clock)));
        }

        public async Task HandleAsync(int id, LearnerFields fields, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(fields, cancellationToken);
            var learner = await FindAsync(id, cancellationToken);
            await writer.ApplyAsync(learner, fields, cancellationToken);
            await writer.SaveAsync(learner, cancellationToken);
        }

        /// <summary>The whole record, through the scope filter: out of scope is not found.</summary>
        public async Task<Learner> FindAsync(int id, CancellationToken cancellationToken)
        {
            var learner = await db.Learners
                .Include(l => l.Priorities).Include(l => l.Consents).Include(l => l.Households)
                .AsSplitQuery()
                .SingleOrDefaultAsync(l => l.Id == id, cancellationToken)
                ?? throw new NotFoundException("Không tìm thấy người học hoặc bạn không có quyền xem.");
            if (learner.IsMerged)
                throw new ConflictException($"Hồ sơ này đã được gộp vào hồ sơ mã {learner.MergedIntoId}; hãy sửa hồ sơ đó.");
            return learner;
        }
    }

    [BindProperty]
    public LearnerFields Data { get; set; } = new();

    public string FullName { get; private set; } = "";
    public bool HasConsent { get; private set; }
    public LearnerForm.Lists Options { get; private set; } = LearnerForm.Lists.None;
    public LearnerReviewResult Review { get; private set; } = LearnerReviewResult.Empty;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var loaded = await handler.LoadAsync(id, cancellationToken);
        (Data, FullName, HasConsent) = (loaded.Fields, loaded.FullName, loaded.HasConsent);
        Options = await form.ListsAsync(cancellationToken);
        await audit.RecordViewAsync(nameof(Learner), id, $"Mở hồ sơ người học {FullName} để sửa", cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu thay đổi.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () =>
            {
                var loaded = await handler.LoadAsync(id, cancellationToken);
                (FullName, HasConsent) = (loaded.FullName, loaded.HasConsent);
                Options = await form.ListsAsync(cancellationToken);
                Review = await form.ReviewAsync(Data, id, cancellationToken);
            });
}
