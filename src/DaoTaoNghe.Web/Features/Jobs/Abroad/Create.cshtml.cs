using DaoTaoNghe.Features.Learners;
using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DaoTaoNghe.Features.Jobs.Abroad;

/// <summary>Records a contract to work abroad; the person's departure becomes their employment outcome (working abroad) in the same transaction.</summary>
[Authorize(Policy = JobPolicies.WriteAbroad)]
public class Create(Create.Handler handler, IValidator<Create.Command> validator) : PageModel
{

    public class Command
    {
        [Display(Name = "Số CCCD người lao động")] public string? Cccd { get; set; }
        [Display(Name = "Nước đến làm việc")] public string Country { get; set; } = "";
        [Display(Name = "Đơn vị tiếp nhận")] public string ReceivingCompany { get; set; } = "";
        [Display(Name = "Doanh nghiệp đưa đi")] public string SendingAgency { get; set; } = "";
        [Display(Name = "Ngày xuất cảnh")] public DateOnly? DepartureOn { get; set; }
        [Display(Name = "Ngày dự kiến về nước")] public DateOnly? ReturnOn { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Cccd).NotEmpty().WithMessage("Vui lòng nhập số CCCD người lao động.");
            RuleFor(c => c.Country).NotEmpty().WithMessage("Vui lòng nhập nước đến làm việc.").MaximumLength(100).WithMessage("Nước đến làm việc không quá 100 ký tự.");
            RuleFor(c => c.ReceivingCompany).NotEmpty().WithMessage("Vui lòng nhập đơn vị tiếp nhận.").MaximumLength(200).WithMessage("Đơn vị tiếp nhận không quá 200 ký tự.");
            RuleFor(c => c.SendingAgency).NotEmpty().WithMessage("Vui lòng nhập doanh nghiệp đưa đi.").MaximumLength(200).WithMessage("Doanh nghiệp đưa đi không quá 200 ký tự.");
            RuleFor(c => c.DepartureOn).NotNull().WithMessage("Vui lòng nhập ngày xuất cảnh.")
                .Must(d => d >= new DateOnly(2015, 1, 1) && d <= new DateOnly(2100, 12, 31)).WithMessage("Ngày xuất cảnh phải trong khoảng 2015–2100.");
            RuleFor(c => c.ReturnOn).GreaterThan(c => c.DepartureOn).When(c => c.ReturnOn is not null && c.DepartureOn is not null)
                .WithMessage("Ngày dự kiến về nước phải sau ngày xuất cảnh.");
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, CccdLookups lookups, TimeProvider clock) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var learnerId = await PersonLookup.ByCccdAsync(db, lookups, command.Cccd, nameof(Command.Cccd), cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var contract = new AbroadContract
            {
                LearnerId = learnerId, RecordedByOrganisationId = db.Scope.OrganisationId, ProvinceId = db.Scope.ProvinceId, CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            Apply(contract, command);
            db.AbroadContracts.Add(contract);
            await db.SaveChangesAsync(cancellationToken);
            await RecordOutcomeAsync(contract, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return contract.Id;
        }

        public static void Apply(AbroadContract contract, Command command)
        {
            contract.Country = command.Country.Trim();
            contract.ReceivingCompany = command.ReceivingCompany.Trim();
            contract.SendingAgency = command.SendingAgency.Trim();
            contract.DepartureOn = command.DepartureOn!.Value;
            contract.ReturnOn = command.ReturnOn;
        }

        /// <summary>The person's departure is their employment outcome (working abroad), added or brought up to date with the contract.</summary>
        public Task RecordOutcomeAsync(AbroadContract contract, CancellationToken cancellationToken) =>
            EmploymentOutcomes.RecordAsync(db, new OutcomeFromElsewhere(contract.LearnerId, contract.DepartureOn, EmploymentStatus.WorkingAbroad, null,
                $"{contract.ReceivingCompany} ({contract.Country})", OutcomeSource.AbroadContract, contract.Id, LoanHelped: false, contract.RecordedByOrganisationId),
                clock, cancellationToken);
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã ghi nhận hợp đồng đi làm việc ở nước ngoài.";
                return RedirectToPage("Index");
            },
            reload: () => Task.CompletedTask);
}
