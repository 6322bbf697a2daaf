using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Occupations;

/// <summary>The province admin adds an occupation to the province's catalogue.</summary>
[Authorize(Policy = CommonPolicies.Administer)]
public class Create(Create.Handler handler, IValidator<Create.Command> validator) : PageModel
{
    public class Command
    {
        [Display(Name = "Mã nghề")] public string Code { get; set; } = "";
        [Display(Name = "Tên nghề")] public string Name { get; set; } = "";
        [Display(Name = "Nguồn")] public OccupationOrigin? Origin { get; set; }
        [Display(Name = "Nhóm nghề")] public OccupationField? Field { get; set; }
        [Display(Name = "Mô tả")] public string? Description { get; set; }
    }

    public class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Code).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập mã nghề.")
                .Must(code => System.Text.RegularExpressions.Regex.IsMatch(Occupation.NormalizeCode(code), Occupation.CodePattern))
                .WithMessage("Mã nghề chỉ gồm chữ không dấu, chữ số và các ký tự . - _ (tối đa 20 ký tự).");
            RuleFor(c => c.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập tên nghề.")
                .MaximumLength(300).WithMessage("Tên nghề tối đa 300 ký tự.");
            RuleFor(c => c.Origin).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn nguồn (danh mục quốc gia hay nghề của địa phương).").IsInEnum();
            RuleFor(c => c.Field).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn nhóm nghề (nông nghiệp hay phi nông nghiệp).").IsInEnum();
            RuleFor(c => c.Description).MaximumLength(2000).WithMessage("Mô tả tối đa 2.000 ký tự.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            db.Scope.EnsureMayManage(db.Scope.ProvinceId);
            var occupation = new Occupation { ProvinceId = db.Scope.ProvinceId };
            await ApplyAsync(db, occupation, command, cancellationToken);
            db.Occupations.Add(occupation);
            await db.SaveChangesAsync(cancellationToken);
            return occupation.Id;
        }

        internal static async Task ApplyAsync(AppDbContext db, Occupation occupation, Command command, CancellationToken cancellationToken)
        {
            var code = Occupation.NormalizeCode(command.Code);
            var duplicate = await db.Occupations.IgnoreQueryFilters()
                .Where(o => o.ProvinceId == occupation.ProvinceId && o.Code == code && o.Id != occupation.Id)
                .Select(o => o.Name).FirstOrDefaultAsync(cancellationToken);
            if (duplicate is not null)
                throw new ValidationFailedException(nameof(Command.Code), $"Mã nghề \"{code}\" đã có trong danh mục: {duplicate}.");
            occupation.SetCodeAndName(code, command.Name);
            occupation.Origin = command.Origin!.Value;
            occupation.Field = command.Field!.Value;
            occupation.Description = TextValues.Clean(command.Description);
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public void OnGet() => Data.Origin = OccupationOrigin.Local;

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = $"Đã thêm nghề {Data.Name.Trim()}.";
                return RedirectToPage("Details", new { id });
            },
            reload: () => Task.CompletedTask);
}
