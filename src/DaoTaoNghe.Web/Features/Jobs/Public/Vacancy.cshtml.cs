using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Public;

/// <summary>One open vacancy, public fields only, with the interest form that reaches its enterprise.</summary>
[AllowAnonymous]
public class Vacancy(Vacancy.Handler handler, RegisterInterest.Handler register, IValidator<RegisterInterest.Command> validator) : PageModel
{
    public sealed record Result(int Id, string Title, string EnterpriseName, string OccupationName, int Quantity, long? WageFrom, long? WageTo,
        string PlaceCommuneName, string? Requirements, DateOnly PostedOn, DateOnly Deadline);

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public async Task<Result> HandleAsync(int id, CancellationToken cancellationToken = default)
        {
            var today = VietnamTime.Today(clock);
            return await db.Vacancies.IgnoreQueryFilters().AsNoTracking().Where(v => v.Id == id && v.Deadline >= today)
                       .Select(v => new Result(v.Id, v.Title, v.Enterprise.Name, v.Occupation.Name, v.Quantity, v.WageFrom, v.WageTo, v.PlaceCommune.Name,
                           v.Requirements, v.PostedOn, v.Deadline))
                       .SingleOrDefaultAsync(cancellationToken)
                   ?? throw new NotFoundException("Tin tuyển dụng không còn nhận hồ sơ hoặc không tồn tại.");
        }
    }

    public Result Item { get; private set; } = null!;
    public List<SelectListItem> Communes { get; private set; } = [];

    [BindProperty]
    public RegisterInterest.Command Data { get; set; } = new();

    public Task OnGetAsync(int id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var target = await register.VacancyAsync(id, cancellationToken);
        return await this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await register.HandleAsync(target, Data, cancellationToken);
                return RedirectToPage("Thanks", new { tin = id });
            },
            reload: () => LoadAsync(id, cancellationToken));
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Item = await handler.HandleAsync(id, cancellationToken);
        Communes = await register.CommunesAsync((await register.VacancyAsync(id, cancellationToken)).ProvinceId, cancellationToken);
    }
}
