using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Orders;

/// <summary>
/// Corrects an order. Once courses run under it, its institution, occupation, level and year stay
/// as they are, its unit cost may not fall below a course's actual cost, nor its quota below the
/// learners enrolled; an order without courses may be deleted.
/// </summary>
[Authorize(Policy = CommonPolicies.Administer)]
public class Edit(Edit.Handler handler, OrderForm form, IValidator<Create.Command> validator) : PageModel
{
    public sealed class Handler(AppDbContext db, IValidator<Create.Command> validator, Create.Handler create, IOrderCourses courses) : IHandler
    {
        public async Task<Create.Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var o = await FindAsync(id, cancellationToken);
            return new Create.Command
            {
                InstitutionId = o.InstitutionId, Kind = o.Kind, Year = o.Year, OccupationId = o.OccupationId, Level = o.Level,
                Quota = o.Quota, UnitCost = o.UnitCost, Budget = o.Budget, DecisionNumber = o.DecisionNumber,
                DecisionDate = o.DecisionDate, Notes = o.Notes, Planned = o.State == OrderState.Planned,
            };
        }

        public async Task HandleAsync(int id, Create.Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var order = await FindAsync(id, cancellationToken);
            if (order.State is OrderState.Finished or OrderState.Cancelled)
                throw new ConflictException($"Đơn hàng {Fmt.Enum(order.State).ToLowerInvariant()}: không sửa được.");
            var (used, maxCost) = await courses.UsageAsync(id, cancellationToken);
            if (used)
            {
                var errors = new List<FieldError>();
                if (command.InstitutionId != order.InstitutionId)
                    errors.Add(new(nameof(Create.Command.InstitutionId), "Đơn hàng đã có lớp: không đổi được cơ sở đào tạo."));
                if (command.OccupationId != order.OccupationId)
                    errors.Add(new(nameof(Create.Command.OccupationId), "Đơn hàng đã có lớp: không đổi được nghề đào tạo."));
                if (command.Level != order.Level)
                    errors.Add(new(nameof(Create.Command.Level), "Đơn hàng đã có lớp: không đổi được trình độ."));
                if (command.Year != order.Year)
                    errors.Add(new(nameof(Create.Command.Year), "Đơn hàng đã có lớp: không đổi được năm."));
                if (command.UnitCost < maxCost)
                    errors.Add(new(nameof(Create.Command.UnitCost), $"Đơn giá không được thấp hơn chi phí thực tế của lớp đã mở ({Fmt.Money(maxCost)}/người)."));
                var enrolled = (await courses.TotalsAsync(id, cancellationToken)).Enrolled;
                if (command.Quota < enrolled)
                    errors.Add(new(nameof(Create.Command.Quota), $"Chỉ tiêu không được thấp hơn số người đã ghi danh ({Fmt.Number(enrolled)})."));
                if (errors.Count > 0) throw new ValidationFailedException(errors);
            }
            await create.ApplyAsync(order, command, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task DeleteAsync(int id, CancellationToken cancellationToken = default)
        {
            var order = await FindAsync(id, cancellationToken);
            if ((await courses.UsageAsync(id, cancellationToken)).Any)
                throw new ConflictException("Đơn hàng đã có lớp đào tạo: không xóa được. Hãy hủy các lớp hoặc sửa đơn hàng.");
            db.TrainingOrders.Remove(order);
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<TrainingOrder> FindAsync(int id, CancellationToken cancellationToken)
        {
            var order = await db.TrainingOrders.SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
                        ?? throw new NotFoundException("Không tìm thấy đơn đặt hàng hoặc bạn không có quyền xem.");
            if (!db.Scope.IsProvinceAdmin) throw new ForbiddenException();
            return order;
        }
    }

    [BindProperty]
    public Create.Command Data { get; set; } = new();

    public OrderForm.Lists Lists { get; private set; } = null!;

    public async Task OnGetAsync(int id, CancellationToken cancellationToken)
    {
        Data = await handler.LoadAsync(id, cancellationToken);
        Lists = await form.ListsAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: () => this.ActAsync(async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu thay đổi.";
                return RedirectToPage("Details", new { id });
            }, async () => Lists = await form.ListsAsync(cancellationToken)),
            reload: async () => Lists = await form.ListsAsync(cancellationToken));

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            await handler.DeleteAsync(id, cancellationToken);
        }
        catch (ConflictException conflict)
        {
            ModelState.AddModelError("", conflict.Message);
            Data = await handler.LoadAsync(id, cancellationToken);
            Lists = await form.ListsAsync(cancellationToken);
            return Page();
        }
        TempData["Message"] = "Đã xóa đơn đặt hàng.";
        return RedirectToPage("Index");
    }
}
