using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Jobs.Vacancies;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Demand;

[Authorize(Policy = JobPolicies.WriteVacancies)]
public class Edit(Edit.Handler handler, VacancyChoices choices, IValidator<Create.Command> validator) : PageModel
{
    public sealed class Handler(AppDbContext db, IValidator<Create.Command> validator, Create.Handler create) : IHandler
    {
        public async Task<Create.Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var d = await FindAsync(id, cancellationToken);
            return new Create.Command
            {
                EnterpriseId = d.EnterpriseId, OccupationId = d.OccupationId, Level = d.Level, Workers = d.Workers, PlaceCommuneId = d.PlaceCommuneId,
                NeededFrom = d.NeededFrom, Notes = d.Notes,
            };
        }

        public async Task HandleAsync(int id, Create.Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var demand = await FindAsync(id, cancellationToken);
            await create.Apply(demand, command, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task DeleteAsync(int id, CancellationToken cancellationToken = default)
        {
            db.LabourDemands.Remove(await FindAsync(id, cancellationToken));
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<LabourDemand> FindAsync(int id, CancellationToken cancellationToken) =>
            await db.LabourDemands.SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            ?? throw new NotFoundException("Không tìm thấy nhu cầu tuyển dụng hoặc bạn không có quyền xem.");
    }

    [BindProperty]
    public Create.Command Data { get; set; } = new();

    public VacancyChoices.Lists Lists { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.LoadAsync(id, cancellationToken);
        Lists = await choices.ListsAsync(cancellationToken) with { Enterprises = [] };
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu thay đổi.";
                return RedirectToPage("Index");
            },
            reload: async () => Lists = await choices.ListsAsync(cancellationToken) with { Enterprises = [] });

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        await handler.DeleteAsync(id, cancellationToken);
        TempData["Message"] = "Đã xóa nhu cầu tuyển dụng.";
        return RedirectToPage("Index");
    }
}
