using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Orders;

/// <summary>
/// The province admin moves an order along planned → open → (running) → finished, or cancels it:
/// give a planned order to its institution; finish an open or running order once at least one of
/// its courses finished and none is still planned, open or running; cancel, with a reason, an order
/// no course was opened under (cancelled courses aside).
/// </summary>
public static class OrderStates
{
    /// <summary>What the order's state looks like to users: an open order with a started course is running.</summary>
    public static OrderState Shown(OrderState stored, OrderTotals totals) =>
        stored == OrderState.Open && totals.Started > 0 ? OrderState.Running : stored;

    public sealed class CancelCommand
    {
        [Display(Name = "Lý do hủy đơn hàng")] public string Reason { get; set; } = "";
    }

    public sealed class CancelValidator : AbstractValidator<CancelCommand>
    {
        public CancelValidator() =>
            RuleFor(c => c.Reason).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập lý do hủy đơn hàng.")
                .MinimumLength(5).WithMessage("Lý do hủy đơn hàng quá ngắn (tối thiểu 5 ký tự).")
                .MaximumLength(500).WithMessage("Lý do hủy đơn hàng tối đa 500 ký tự.");
    }

    public sealed class Handler(AppDbContext db, IOrderCourses courses, IValidator<CancelCommand> cancelValidator, OrderNotice notice, TimeProvider clock) : IHandler
    {
        public async Task IssueAsync(int id, CancellationToken cancellationToken = default)
        {
            var order = await FindAsync(id, cancellationToken);
            if (order.State != OrderState.Planned) throw new ConflictException(Refusal(order.State, "giao cho cơ sở đào tạo"));
            order.State = OrderState.Open;
            await notice.SaveAndTellAsync(order, cancellationToken);
        }

        public async Task FinishAsync(int id, CancellationToken cancellationToken = default)
        {
            var order = await FindAsync(id, cancellationToken);
            if (order.State != OrderState.Open) throw new ConflictException(Refusal(order.State, "kết thúc"));
            var totals = await courses.TotalsAsync(id, cancellationToken);
            if (totals.Unfinished > 0)
                throw new ConflictException($"Còn {totals.Unfinished} lớp chưa kết thúc: hãy kết thúc hoặc hủy các lớp trước khi kết thúc đơn hàng.");
            if (totals.Courses == 0)
                throw new ConflictException("Đơn hàng chưa có lớp nào hoàn thành: nếu không thực hiện, hãy hủy đơn hàng.");
            order.State = OrderState.Finished;
            order.ClosedOn = VietnamTime.Today(clock);
            await db.SaveChangesAsync(cancellationToken);
        }

        public async Task CancelAsync(int id, CancelCommand command, CancellationToken cancellationToken = default)
        {
            await cancelValidator.EnsureValidAsync(command, cancellationToken);
            var order = await FindAsync(id, cancellationToken);
            if (order.State is not (OrderState.Planned or OrderState.Open)) throw new ConflictException(Refusal(order.State, "hủy"));
            var totals = await courses.TotalsAsync(id, cancellationToken);
            if (totals.Courses > 0)
                throw new ConflictException($"Đơn hàng còn {totals.Courses} lớp chưa hủy: hãy hủy các lớp trước khi hủy đơn hàng.");
            order.State = OrderState.Cancelled;
            order.ClosedOn = VietnamTime.Today(clock);
            order.CancelReason = command.Reason.Trim();
            await db.SaveChangesAsync(cancellationToken);
        }

        private async Task<TrainingOrder> FindAsync(int id, CancellationToken cancellationToken)
        {
            var order = await db.TrainingOrders.SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
                        ?? throw new NotFoundException("Không tìm thấy đơn đặt hàng hoặc bạn không có quyền xem.");
            if (!db.Scope.IsProvinceAdmin) throw new ForbiddenException();
            return order;
        }

        private static string Refusal(OrderState state, string action) => $"Đơn hàng đang ở trạng thái \"{Fmt.Enum(state)}\": không thể {action}.";
    }
}
