using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Public;

/// <summary>One course with places left, public fields only, with the interest form that reaches the person's commune.</summary>
[AllowAnonymous]
public class Course(OpenCourses courses, RegisterInterest.Handler register, IValidator<RegisterInterest.Command> validator, TimeProvider clock) : PageModel
{
    public OpenCourse Item { get; private set; } = null!;
    public List<SelectListItem> Communes { get; private set; } = [];

    [BindProperty]
    public RegisterInterest.Command Data { get; set; } = new();

    public Task OnGetAsync(int id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var target = await register.CourseAsync(id, cancellationToken);
        return await this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await register.HandleAsync(target, Data, cancellationToken);
                return RedirectToPage("Thanks", new { lop = id });
            },
            reload: () => LoadAsync(id, cancellationToken));
    }

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Item = await courses.Query(VietnamTime.Today(clock), id: id).SingleOrDefaultAsync(cancellationToken)
               ?? throw new NotFoundException("Lớp học không còn nhận đăng ký hoặc không tồn tại.");
        Communes = await register.CommunesAsync(Item.ProvinceId, cancellationToken);
    }
}
