using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Support;

/// <summary>
/// Works out support for a learner and course described by hand, with the rule set in force on
/// the start date, and shows how: for explaining an amount, checking a payment list, or trying a
/// new rule set before it starts.
/// </summary>
public class Calculator(Calculator.Handler handler, IValidator<Calculator.Command> validator) : PageModel
{
    public sealed class Command
    {
        [Display(Name = "Ngày khai giảng")] public DateOnly? CourseStart { get; set; }
        [Display(Name = "Trình độ đào tạo")] public TrainingLevel? Level { get; set; }
        [Display(Name = "Chi phí đào tạo thực tế/người")] public long? ActualUnitCost { get; set; }
        [Display(Name = "Số ngày thực học")] public int? DaysStudied { get; set; }
        [Display(Name = "Khoảng cách từ nơi ở đến nơi học (km)")] public double? DistanceKm { get; set; }
        [Display(Name = "Giá vé phương tiện công cộng cả khóa")] public long? TravelFare { get; set; }
        [Display(Name = "Người khuyết tật")] public bool Disabled { get; set; }
        [Display(Name = "Người dân tộc thiểu số")] public bool EthnicMinority { get; set; }
        [Display(Name = "Thuộc hộ nghèo năm khai giảng")] public bool PoorHousehold { get; set; }
        [Display(Name = "Thuộc hộ cận nghèo năm khai giảng")] public bool NearPoorHousehold { get; set; }
        [Display(Name = "Người có công với cách mạng")] public bool PersonWithMerit { get; set; }
        [Display(Name = "Hộ bị thu hồi đất nông nghiệp, đất kinh doanh")] public bool LandRecovered { get; set; }
        [Display(Name = "Lao động nữ bị mất việc làm")] public bool WomanLostJob { get; set; }
        [Display(Name = "Ngư dân")] public bool Fisher { get; set; }
        [Display(Name = "Phân loại xã nơi cư trú")] public CommuneDifficulty? ResidenceDifficulty { get; set; }
        [Display(Name = "Đã được hỗ trợ theo chính sách này ở khóa học khác")] public bool AlreadySupported { get; set; }
        [Display(Name = "Đã được hỗ trợ đào tạo theo chính sách khác của Nhà nước")] public bool OtherPolicyPaid { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            RuleFor(c => c.CourseStart).NotNull().WithMessage("Vui lòng nhập ngày khai giảng.");
            RuleFor(c => c.ActualUnitCost).NotNull().WithMessage("Vui lòng nhập chi phí đào tạo thực tế/người.")
                .InclusiveBetween(0, Create.MaxAmount).WithMessage($"Chi phí đào tạo thực tế phải từ 0 đến {Fmt.Money(Create.MaxAmount)}.");
            RuleFor(c => c.DaysStudied).NotNull().WithMessage("Vui lòng nhập số ngày thực học.")
                .InclusiveBetween(0, 1000).WithMessage("Số ngày thực học phải từ 0 đến 1.000.");
            RuleFor(c => c.DistanceKm).InclusiveBetween(0, 1000).WithMessage("Khoảng cách phải từ 0 đến 1.000 km.");
            RuleFor(c => c.TravelFare).InclusiveBetween(0, 100_000_000).WithMessage("Giá vé phải từ 0 đến 100.000.000 đ.");
            RuleFor(c => c.NearPoorHousehold).Equal(false).When(c => c.PoorHousehold)
                .WithMessage("Một hộ không thể vừa là hộ nghèo vừa là hộ cận nghèo trong cùng một năm.");
            RuleFor(c => c.ResidenceDifficulty).IsInEnum().WithMessage("Phân loại xã không hợp lệ.");
            RuleFor(c => c.Level).IsInEnum().WithMessage("Trình độ đào tạo không hợp lệ.");
        }
    }

    public sealed class Handler(AppDbContext db, SupportQueries support, IValidator<Command> validator) : IHandler
    {
        public async Task<SupportResult> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var rules = await support.RulesInForceAsync(db.Scope.ProvinceId, command.CourseStart!.Value, cancellationToken);
            return SupportCalculator.Calculate(rules,
                new LearnerFacts(command.Disabled, command.EthnicMinority, command.PoorHousehold, command.NearPoorHousehold,
                    command.PersonWithMerit, command.LandRecovered, command.WomanLostJob, command.Fisher, command.ResidenceDifficulty),
                new CourseFacts(command.CourseStart.Value, command.ActualUnitCost!.Value, command.DaysStudied!.Value, command.DistanceKm, command.TravelFare,
                    command.Level),
                new SupportHistory(command.AlreadySupported, command.OtherPolicyPaid));
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public SupportResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                Result = await handler.HandleAsync(Data, cancellationToken);
                return Page();
            },
            reload: () => Task.CompletedTask);
}
