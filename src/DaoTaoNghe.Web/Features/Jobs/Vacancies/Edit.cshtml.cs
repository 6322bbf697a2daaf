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

namespace DaoTaoNghe.Features.Jobs.Vacancies;

[Authorize(Policy = JobPolicies.WriteVacancies)]
public class Edit(Edit.Handler handler, VacancyChoices choices, IValidator<Create.Command> validator) : PageModel
{
    public sealed class Handler(AppDbContext db, IValidator<Create.Command> validator, Create.Handler create) : IHandler
    {
        public async Task<Create.Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var v = await FindAsync(id, cancellationToken);
            return new Create.Command
            {
                EnterpriseId = v.EnterpriseId, Title = v.Title, OccupationId = v.OccupationId, Quantity = v.Quantity, WageFrom = v.WageFrom,
                WageTo = v.WageTo, PlaceCommuneId = v.PlaceCommuneId, Requirements = v.Requirements, Deadline = v.Deadline,
            };
        }

        /// <summary>The enterprise of a posting never changes: a posting of another enterprise is a new posting.</summary>
        public async Task HandleAsync(int id, Create.Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var vacancy = await FindAsync(id, cancellationToken);
            await create.Apply(vacancy, command, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task DeleteAsync(int id, CancellationToken cancellationToken = default)
        {
            var vacancy = await FindAsync(id, cancellationToken);
            if (await db.InterestLeads.IgnoreQueryFilters().AnyAsync(l => l.VacancyId == id, cancellationToken))
                throw new ConflictException("Tin đã có người đăng ký quan tâm, không xóa được; hãy đặt hạn nộp hồ sơ là hôm nay để đóng tin.");
            db.Vacancies.Remove(vacancy);
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<Vacancy> FindAsync(int id, CancellationToken cancellationToken) =>
            await db.Vacancies.SingleOrDefaultAsync(v => v.Id == id, cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy tin tuyển dụng hoặc bạn không có quyền xem.");
    }

    [BindProperty]
    public Create.Command Data { get; set; } = new();

    public VacancyChoices.Lists Lists { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.LoadAsync(id, cancellationToken);
        Lists = await choices.ListsAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu thay đổi.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Lists = await choices.ListsAsync(cancellationToken));

    public Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken) =>
        this.ActAsync(async () =>
            {
                await handler.DeleteAsync(id, cancellationToken);
                TempData["Message"] = "Đã xóa tin tuyển dụng.";
                return RedirectToPage("Index");
            },
            reload: async () =>
            {
                Data = await handler.LoadAsync(id, cancellationToken);
                Lists = await choices.ListsAsync(cancellationToken);
            });
}
