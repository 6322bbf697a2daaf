using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Occupations;

/// <summary>The province admin corrects an occupation or stops using it; history stays in the audit trail.</summary>
[Authorize(Policy = CommonPolicies.Administer)]
public class Edit(Edit.Handler handler, IValidator<Edit.Command> validator) : PageModel
{
    public sealed class Command : Create.Command
    {
        [Display(Name = "Đang sử dụng")] public bool IsActive { get; set; } = true;
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new Create.Validator());
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator) : IHandler
    {
        public async Task<Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var o = await FindAsync(id, cancellationToken);
            return new Command { Code = o.Code, Name = o.Name, Origin = o.Origin, Field = o.Field, Description = o.Description, IsActive = o.IsActive };
        }

        public async Task HandleAsync(int id, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var occupation = await FindAsync(id, cancellationToken);
            await Create.Handler.ApplyAsync(db, occupation, command, cancellationToken);
            occupation.IsActive = command.IsActive;
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task DeactivateAsync(int id, CancellationToken cancellationToken = default)
        {
            var occupation = await FindAsync(id, cancellationToken);
            occupation.IsActive = false;
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<Occupation> FindAsync(int id, CancellationToken cancellationToken)
        {
            var occupation = await db.Occupations.SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
                             ?? throw new NotFoundException("Không tìm thấy nghề đào tạo hoặc bạn không có quyền xem.");
            db.Scope.EnsureMayManage(occupation.ProvinceId);
            return occupation;
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await handler.LoadAsync(id, cancellationToken);

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu thay đổi.";
                return RedirectToPage("Details", new { id });
            },
            reload: () => Task.CompletedTask);
}
