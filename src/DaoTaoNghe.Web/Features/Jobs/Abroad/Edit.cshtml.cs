using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Abroad;

/// <summary>
/// One contract to work abroad, and its correction by whoever keeps it (a changed return date, a company's
/// name): the page and GET/PUT /api/v1/abroad-contracts/{id}. The person's outcome follows the contract.
/// </summary>
[Authorize(Policy = JobPolicies.WriteAbroad)]
public class Edit(Edit.Handler handler, IValidator<Create.Command> validator) : PageModel
{
    public sealed record Contract(int Id, int LearnerId, string FullName, string CommuneName, string Country, string ReceivingCompany, string SendingAgency,
        DateOnly DepartureOn, DateOnly? ReturnOn, int RecordedByOrganisationId, DateTime CreatedAt);

    public sealed class Handler(AppDbContext db, IValidator<Create.Command> validator, Create.Handler create, CccdLookups lookups) : IHandler
    {
        public async Task<Contract> DetailsAsync(int id, CancellationToken cancellationToken = default) =>
            await db.AbroadContracts.AsNoTracking().Where(c => c.Id == id)
                .Select(c => new Contract(c.Id, c.LearnerId, c.Learner.FullName, c.Learner.Commune.Name, c.Country, c.ReceivingCompany, c.SendingAgency,
                    c.DepartureOn, c.ReturnOn, c.RecordedByOrganisationId, c.CreatedAt))
                .SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFound();

        public async Task<Create.Command> LoadAsync(int id, CancellationToken cancellationToken = default)
        {
            var c = await db.AbroadContracts.AsNoTracking().Where(c => c.Id == id)
                        .Select(c => new { c.Learner.Cccd, c.Country, c.ReceivingCompany, c.SendingAgency, c.DepartureOn, c.ReturnOn })
                        .SingleOrDefaultAsync(cancellationToken)
                    ?? throw NotFound();
            return new Create.Command
            {
                Cccd = c.Cccd, Country = c.Country, ReceivingCompany = c.ReceivingCompany, SendingAgency = c.SendingAgency, DepartureOn = c.DepartureOn, ReturnOn = c.ReturnOn,
            };
        }

        /// <summary>The person never changes: a contract of another person is a new contract.</summary>
        public async Task HandleAsync(int id, Create.Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var contract = await db.AbroadContracts.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw NotFound();
            var learnerId = await PersonLookup.ByCccdAsync(db, lookups, command.Cccd, nameof(Create.Command.Cccd), cancellationToken);
            if (learnerId != contract.LearnerId)
                throw new ValidationFailedException(nameof(Create.Command.Cccd), "Hợp đồng của người khác là một hợp đồng mới: không đổi được số CCCD người lao động.");
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            Create.Handler.Apply(contract, command);
            await create.RecordOutcomeAsync(contract, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        private static NotFoundException NotFound() => new("Không tìm thấy hợp đồng đi làm việc ở nước ngoài hoặc bạn không có quyền xem.");
    }

    [BindProperty]
    public Create.Command Data { get; set; } = new();

    public async Task OnGetAsync(int id, CancellationToken cancellationToken) => Data = await handler.LoadAsync(id, cancellationToken);

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = "Đã lưu thay đổi của hợp đồng.";
                return RedirectToPage("Index");
            },
            reload: () => Task.CompletedTask);
}
