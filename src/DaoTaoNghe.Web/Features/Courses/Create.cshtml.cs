using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Orders;
using DaoTaoNghe.Features.Programmes;
using DaoTaoNghe.Features.Trainers;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// An institution opens a course of one of its programmes, under one of its orders or self-funded,
/// at a venue commune valid on the start date. The province admin may open one for any institution.
/// </summary>
[Authorize(Policy = CoursePolicies.Keep)]
public class Create(Create.Handler handler, CourseForm form, IValidator<Create.Command> validator, OrderChoices orders, AppDbContext db) : PageModel
{
    public const int MaxCapacity = 300;

    public sealed class Command
    {
        [Display(Name = "Cơ sở đào tạo")] public int? InstitutionId { get; set; }
        [Display(Name = "Đơn đặt hàng")] public int? OrderId { get; set; }
        [Display(Name = "Chương trình đào tạo")] public int? ProgrammeId { get; set; }
        [Display(Name = "Tên lớp")] public string Name { get; set; } = "";
        [Display(Name = "Xã, phường nơi học")] public int? VenueCommuneId { get; set; }
        [Display(Name = "Địa điểm cụ thể")] public string? VenueAddress { get; set; }
        [Display(Name = "Ngày khai giảng")] public DateOnly? StartDate { get; set; }
        [Display(Name = "Ngày kết thúc")] public DateOnly? EndDate { get; set; }
        [Display(Name = "Số ngày học theo kế hoạch")] public int? PlannedDays { get; set; }
        [Display(Name = "Sĩ số tối đa")] public int? Capacity { get; set; }
        [Display(Name = "Chi phí đào tạo thực tế (đồng/người)")] public long? ActualUnitCost { get; set; }
        [Display(Name = "Cách điểm danh")] public AttendanceMode? AttendanceMode { get; set; }
        [Display(Name = "Giáo viên, người dạy nghề")] public List<int> TrainerIds { get; set; } = [];
        [Display(Name = "Ghi chú")] public string? Notes { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ProgrammeId).NotNull().WithMessage("Vui lòng chọn chương trình đào tạo.");
            RuleFor(c => c.Name).NotEmpty().WithMessage("Vui lòng nhập tên lớp.").MaximumLength(300).WithMessage("Tên lớp tối đa 300 ký tự.");
            RuleFor(c => c.VenueCommuneId).NotNull().WithMessage("Vui lòng chọn xã, phường nơi học.");
            RuleFor(c => c.VenueAddress).MaximumLength(300).WithMessage("Địa điểm tối đa 300 ký tự.");
            RuleFor(c => c.StartDate).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng nhập ngày khai giảng.")
                .Must(d => d >= new DateOnly(2015, 1, 1)).WithMessage("Ngày khai giảng phải từ năm 2015 trở đi.");
            RuleFor(c => c.EndDate).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng nhập ngày kết thúc.")
                .Must((c, d) => c.StartDate is not { } start || d >= start).WithMessage("Ngày kết thúc không được trước ngày khai giảng.")
                .Must((c, d) => c.StartDate is not { } start || d <= start.AddYears(3)).WithMessage("Một lớp không kéo dài quá 3 năm.");
            RuleFor(c => c.PlannedDays).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng nhập số ngày học theo kế hoạch.")
                .GreaterThanOrEqualTo(1).WithMessage("Số ngày học phải từ 1 trở lên.")
                .Must((c, days) => c.StartDate is not { } s || c.EndDate is not { } e || e < s || days <= e.DayNumber - s.DayNumber + 1)
                .WithMessage("Số ngày học không được nhiều hơn số ngày từ khai giảng đến kết thúc.");
            RuleFor(c => c.Capacity).NotNull().WithMessage("Vui lòng nhập sĩ số tối đa.")
                .InclusiveBetween(1, MaxCapacity).WithMessage($"Sĩ số phải từ 1 đến {MaxCapacity} người.");
            RuleFor(c => c.ActualUnitCost).NotNull().WithMessage("Vui lòng nhập chi phí đào tạo thực tế cho một người học.")
                .InclusiveBetween(0, 1_000_000_000).WithMessage("Chi phí đào tạo thực tế phải từ 0 đến 1.000.000.000 đ một người.");
            RuleFor(c => c.AttendanceMode).NotNull().WithMessage("Vui lòng chọn cách điểm danh.").IsInEnum();
            RuleFor(c => c.TrainerIds).Must(ids => ids.Count <= 20).WithMessage("Một lớp có tối đa 20 giáo viên.");
            RuleFor(c => c.Notes).MaximumLength(2000).WithMessage("Ghi chú tối đa 2.000 ký tự.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, InstitutionChoices institutions, OrderChoices orders,
        ProgrammeChoices programmes, TrainerChoices trainers, UnitChoices units, TimeProvider clock) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var institutionId = await InstitutionOfAsync(command, cancellationToken);
            var course = new Course
            {
                InstitutionId = institutionId, ProvinceId = db.Scope.ProvinceId, State = CourseState.Planned,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            await ApplyAsync(course, command, cancellationToken);
            db.Courses.Add(course);
            await db.SaveChangesAsync(cancellationToken);
            return course.Id;
        }

        /// <summary>Institution staff open courses for their own institution; the province admin names one of the province's.</summary>
        private async Task<int> InstitutionOfAsync(Command command, CancellationToken cancellationToken)
        {
            var scope = db.Scope;
            if (scope.Level == ScopeLevel.Institution) return scope.OrganisationId;
            if (!scope.IsProvinceAdmin) throw new ForbiddenException();
            if (command.InstitutionId is not { } id)
                throw new ValidationFailedException(nameof(Command.InstitutionId), "Vui lòng chọn cơ sở đào tạo.");
            if (!await institutions.IsActiveAsync(id, cancellationToken))
                throw new ValidationFailedException(nameof(Command.InstitutionId), "Cơ sở đào tạo đã chọn không còn hoạt động hoặc không thuộc tỉnh của bạn.");
            return id;
        }

        /// <summary>Checks the command against the institution's programmes, orders, trainers and the map, then copies it onto the course.</summary>
        internal async Task ApplyAsync(Course course, Command command, CancellationToken cancellationToken)
        {
            var start = command.StartDate!.Value;
            var errors = new List<FieldError>();
            var programme = (await programmes.OfInstitutionAsync(course.InstitutionId, start, cancellationToken))
                .SingleOrDefault(p => p.Id == command.ProgrammeId);
            if (programme is null)
                errors.Add(new(nameof(Command.ProgrammeId), "Chương trình đã chọn không phải chương trình đang dùng của cơ sở đào tạo."));
            else if (!programme.Level.IsAvailableOn(start))
                errors.Add(new(nameof(Command.ProgrammeId), $"Trình độ trung học nghề chỉ áp dụng từ ngày {Fmt.Date(TrainingLevels.VocationalSecondaryFrom)}."));

            if (command.OrderId is { } orderId)
            {
                var order = await orders.FindAsync(orderId, cancellationToken);
                if (order is null || order.InstitutionId != course.InstitutionId)
                    errors.Add(new(nameof(Command.OrderId), "Đơn đặt hàng đã chọn không phải của cơ sở đào tạo này."));
                else
                {
                    if (!order.TakesCourses)
                        errors.Add(new(nameof(Command.OrderId),
                            $"Đơn hàng {order.DecisionNumber} đang ở trạng thái \"{Fmt.Enum(order.State)}\": chỉ mở lớp theo đơn hàng đã giao và chưa kết thúc."));
                    if (start.Year != order.Year)
                        errors.Add(new(nameof(Command.StartDate), $"Đơn hàng năm {order.Year}: lớp phải khai giảng trong năm {order.Year}."));
                    else if (start < order.DecisionDate)
                        errors.Add(new(nameof(Command.StartDate),
                            $"Đơn hàng {order.DecisionNumber} được giao ngày {Fmt.Date(order.DecisionDate)}: lớp không khai giảng trước ngày giao đơn hàng."));
                    if (programme is not null && (programme.OccupationId != order.OccupationId || programme.Level != order.Level))
                        errors.Add(new(nameof(Command.ProgrammeId),
                            $"Đơn hàng đặt nghề {order.OccupationName} trình độ {Fmt.Enum(order.Level)}: chương trình phải cùng nghề và trình độ."));
                    if (command.ActualUnitCost > order.UnitCost)
                        errors.Add(new(nameof(Command.ActualUnitCost),
                            $"Chi phí đào tạo thực tế không được vượt đơn giá của đơn hàng ({Fmt.Money(order.UnitCost)}/người)."));
                }
            }

            if (!await units.IsWritableCommuneAsync(command.VenueCommuneId!.Value, start, cancellationToken))
                errors.Add(new(nameof(Command.VenueCommuneId), $"Xã, phường nơi học không có hiệu lực vào ngày khai giảng {Fmt.Date(start)} hoặc không thuộc tỉnh của bạn."));

            var trainerIds = command.TrainerIds.Distinct().ToList();
            var allowed = (await trainers.OfInstitutionAsync(course.InstitutionId, cancellationToken: cancellationToken)).Select(t => t.Id).ToHashSet();
            if (trainerIds.Any(id => !allowed.Contains(id)))
                errors.Add(new(nameof(Command.TrainerIds), "Có giáo viên đã chọn không dạy cho cơ sở đào tạo này hoặc đã ngừng hoạt động."));
            if (errors.Count > 0) throw new ValidationFailedException(errors);

            course.OrderId = command.OrderId;
            course.ProgrammeId = programme!.Id;
            course.OccupationId = programme.OccupationId;
            course.Level = programme.Level;
            course.SetName(command.Name);
            course.VenueCommuneId = command.VenueCommuneId.Value;
            course.VenueAddress = string.IsNullOrWhiteSpace(command.VenueAddress) ? null : command.VenueAddress.Trim();
            course.StartDate = start;
            course.EndDate = command.EndDate!.Value;
            course.PlannedDays = command.PlannedDays!.Value;
            course.Capacity = command.Capacity!.Value;
            course.ActualUnitCost = command.ActualUnitCost!.Value;
            course.AttendanceMode = command.AttendanceMode!.Value;
            course.Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim();
            course.Trainers.RemoveAll(t => !trainerIds.Contains(t.TrainerId));
            foreach (var id in trainerIds.Where(id => course.Trainers.All(t => t.TrainerId != id)))
                course.Trainers.Add(new CourseTrainer { TrainerId = id, InstitutionId = course.InstitutionId });
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public CourseForm.Lists Lists { get; private set; } = null!;

    /// <summary>The province admin first picks the institution (?co-so=), or arrives from an order (?don=).</summary>
    public async Task OnGetAsync([FromQuery(Name = "co-so")] int? institutionId, [FromQuery(Name = "don")] int? orderId, CancellationToken cancellationToken)
    {
        Data.AttendanceMode = AttendanceMode.Daily;
        Data.Capacity = 35;
        if (orderId is { } id && await orders.FindAsync(id, cancellationToken) is { } order)
        {
            Data.OrderId = order.Id;
            Data.InstitutionId = order.InstitutionId;
            Data.ActualUnitCost = order.UnitCost;
        }
        else Data.InstitutionId = institutionId;
        if (db.Scope.Level == ScopeLevel.Institution) Data.InstitutionId = db.Scope.OrganisationId;
        Lists = await form.ListsAsync(Data.InstitutionId, Data.StartDate, cancellationToken);
        if (Data.OrderId is { } chosen && Lists.Orders.FirstOrDefault(o => o.Id == chosen) is { } o)
            Data.ProgrammeId = Lists.Programmes.FirstOrDefault(p => p.OccupationId == o.OccupationId && p.Level == o.Level)?.Id;
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã tạo lớp ở trạng thái dự kiến. Mở tuyển sinh khi sẵn sàng ghi danh người học.";
                return RedirectToPage("Details", new { id });
            },
            reload: async () => Lists = await form.ListsAsync(db.Scope.Level == ScopeLevel.Institution ? db.Scope.OrganisationId : Data.InstitutionId,
                Data.StartDate, cancellationToken));
}

/// <summary>What the course form offers for an institution: its orders, programmes (with the norm in force) and trainers, and the venue communes.</summary>
public sealed class CourseForm(InstitutionChoices institutions, OrderChoices orders, ProgrammeChoices programmes, TrainerChoices trainers,
    UnitChoices units, TimeProvider clock) : IHandler
{
    public sealed record Lists(
        List<SelectListItem> Institutions, int? InstitutionId, IReadOnlyList<OrderChoice> Orders, IReadOnlyList<ProgrammeChoice> Programmes,
        IReadOnlyList<TrainerChoice> Trainers, List<SelectListItem> Communes);

    public async Task<Lists> ListsAsync(int? institutionId, DateOnly? at, CancellationToken cancellationToken)
    {
        var kept = await institutions.KeptByCallerAsync(cancellationToken);
        if (institutionId is { } id && kept.All(i => i.Value != id.ToString())) institutionId = null;
        if (institutionId is null)
            return new Lists(kept, null, [], [], [], []);
        var date = at ?? VietnamTime.Today(clock);
        return new Lists(kept, institutionId,
            await orders.OfInstitutionAsync(institutionId.Value, cancellationToken),
            await programmes.OfInstitutionAsync(institutionId.Value, date, cancellationToken),
            await trainers.OfInstitutionAsync(institutionId.Value, cancellationToken: cancellationToken),
            await units.WritableCommunesAsync(cancellationToken));
    }
}
