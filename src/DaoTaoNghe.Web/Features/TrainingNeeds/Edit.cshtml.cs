using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.TrainingNeeds;

/// <summary>Corrects or deletes a training need; a per-person need stays with its person.</summary>
[Authorize(Policy = TrainingNeedPolicies.Write)]
public class Edit(Edit.Handler handler, NeedForm form, IValidator<Create.Command> validator) : PageModel
{
    public sealed class Handler(AppDbContext db, IValidator<Create.Command> validator, Create.Handler create) : IHandler
    {
        public async Task<Create.Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var n = await FindAsync(id, cancellationToken);
            return new Create.Command
            {
                LearnerId = n.LearnerId, CommuneId = n.CommuneId, Count = n.Count, OccupationId = n.OccupationId, Year = n.Year,
                PreferredTime = n.PreferredTime, SurveyedOn = n.SurveyedOn, Notes = n.Notes,
            };
        }

        public async Task HandleAsync(int id, Create.Command command, CancellationToken cancellationToken = default)
        {
            var need = await FindToChangeAsync(id, cancellationToken);
            command.LearnerId = need.LearnerId;
            if (need.IsPerPerson) command.CommuneId = need.CommuneId;
            await validator.EnsureValidAsync(command, cancellationToken);
            await create.ApplyAsync(need, command, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task DeleteAsync(int id, CancellationToken cancellationToken = default)
        {
            db.TrainingNeeds.Remove(await FindToChangeAsync(id, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<TrainingNeed> FindToChangeAsync(int id, CancellationToken cancellationToken)
        {
            var need = await FindAsync(id, cancellationToken);
            if (db.Scope.Role is not (Infrastructure.Auth.Roles.ProvinceAdmin or Infrastructure.Auth.Roles.CommuneOfficer)) throw new ForbiddenException();
            return need;
        }

        private async Task<TrainingNeed> FindAsync(int id, CancellationToken cancellationToken)
        {
            var need = await db.TrainingNeeds.SingleOrDefaultAsync(n => n.Id == id, cancellationToken)
                       ?? throw new NotFoundException("Không tìm thấy nhu cầu học nghề hoặc bạn không có quyền xem.");
            return need;
        }
    }

    [BindProperty]
    public Create.Command Data { get; set; } = new();

    public NeedForm.Lists Lists { get; private set; } = null!;
    public Create.Person? Learner { get; private set; }

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.LoadAsync(id, cancellationToken);
        await LoadAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu thay đổi.";
                return RedirectToPage("Index");
            },
            reload: () => LoadAsync(cancellationToken));

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        await handler.DeleteAsync(id, cancellationToken);
        TempData["Message"] = "Đã xóa nhu cầu học nghề.";
        return RedirectToPage("Index");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Lists = await form.ListsAsync(cancellationToken);
        if (Data.LearnerId is { } learnerId) Learner = await form.PersonAsync(learnerId, cancellationToken);
    }
}
