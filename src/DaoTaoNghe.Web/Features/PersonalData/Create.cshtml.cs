using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.PersonalData;

/// <summary>
/// Registers a person's request about their data: who (a registered learner, or the name and CCCD
/// they gave), what, when it was received and who answers it; the legal deadlines follow from the
/// date of receipt.
/// </summary>
[Authorize(Policy = PersonalDataPolicies.Requests)]
public class Create(Create.Handler handler, UnitChoices units, SubjectRequestOfficers officers, IValidator<Create.Command> validator, AppDbContext db, TimeProvider clock) : PageModel
{
    public class Command
    {
        [Display(Name = "Người học (mã hồ sơ)")] public int? LearnerId { get; set; }
        [Display(Name = "Họ tên người yêu cầu")] public string? PersonName { get; set; }
        [Display(Name = "Số CCCD")] public string? Cccd { get; set; }
        [Display(Name = "Xã, phường nơi cư trú")] public int? CommuneId { get; set; }
        [Display(Name = "Loại yêu cầu")] public SubjectRequestKind? Kind { get; set; }
        [Display(Name = "Ngày nhận yêu cầu")] public DateOnly? ReceivedOn { get; set; }
        [Display(Name = "Nội dung yêu cầu")] public string? Content { get; set; }
        [Display(Name = "Cán bộ phụ trách")] public int? OfficerId { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public static readonly DateOnly LawInForce = new(2026, 1, 1);

        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Kind).NotNull().WithMessage("Vui lòng chọn loại yêu cầu.").IsInEnum().WithMessage("Loại yêu cầu không hợp lệ.");
            RuleFor(c => c.ReceivedOn).NotNull().WithMessage("Vui lòng nhập ngày nhận yêu cầu.")
                .Must(d => d <= VietnamTime.Today(clock)).WithMessage("Ngày nhận yêu cầu không được sau ngày hôm nay.")
                .Must(d => d >= LawInForce).WithMessage("Ngày nhận yêu cầu phải từ 01/01/2026 (ngày Luật Bảo vệ dữ liệu cá nhân có hiệu lực).");
            RuleFor(c => c.OfficerId).NotNull().WithMessage("Vui lòng chọn cán bộ phụ trách.");
            RuleFor(c => c.Content).MaximumLength(2000).WithMessage("Nội dung yêu cầu không quá 2.000 ký tự.");
            When(c => c.LearnerId is null, () =>
            {
                RuleFor(c => c.PersonName).NotEmpty().WithMessage("Vui lòng nhập họ tên người yêu cầu (hoặc chọn người học đã có hồ sơ).")
                    .MaximumLength(200).WithMessage("Họ tên người yêu cầu không quá 200 ký tự.");
                RuleFor(c => c.Cccd).NotEmpty().WithMessage("Vui lòng nhập số CCCD của người yêu cầu.")
                    .Matches("^[0-9]{12}$").WithMessage("Số CCCD phải gồm đúng 12 chữ số.");
                RuleFor(c => c.CommuneId).NotNull().WithMessage("Vui lòng chọn xã, phường nơi người yêu cầu cư trú.");
            });
        }
    }

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, UnitChoices units, SubjectRequestOfficers officers, TimeProvider clock) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var received = command.ReceivedOn!.Value;
            var request = new SubjectRequest
            {
                Kind = command.Kind!.Value, ReceivedOn = received, OfficerId = command.OfficerId!.Value,
                Content = string.IsNullOrWhiteSpace(command.Content) ? null : command.Content.Trim(),
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            int? communeNow;
            if (command.LearnerId is { } learnerId)
            {
                var person = await LearnerDirectory.Visible(db).Where(l => l.Id == learnerId && l.MergedIntoId == null)
                    .Select(l => new { l.FullName, l.Cccd, l.CommuneId, l.ProvinceId, l.Commune.RollUpUnitId })
                    .SingleOrDefaultAsync(cancellationToken)
                    ?? throw new ValidationFailedException(nameof(Command.LearnerId), "Người học: không tìm thấy hồ sơ này trong phạm vi của bạn.");
                (request.LearnerId, request.PersonName, request.Cccd, request.CommuneId, request.ProvinceId, communeNow) =
                    (learnerId, person.FullName, person.Cccd, person.CommuneId, person.ProvinceId, person.RollUpUnitId);
            }
            else
            {
                var communeId = command.CommuneId!.Value;
                if (!await units.IsWritableCommuneAsync(communeId, VietnamTime.Today(clock), cancellationToken))
                    throw new ValidationFailedException(nameof(Command.CommuneId), "Xã, phường nơi cư trú: không có hiệu lực hoặc nằm ngoài phạm vi của bạn.");
                (request.PersonName, request.Cccd, request.CommuneId, request.ProvinceId, communeNow) =
                    (command.PersonName!.Trim(), command.Cccd, communeId, (await units.ProvinceOfAsync(communeId, cancellationToken))!.Value, null);
            }
            if (!await officers.MayAnswerAsync(request.OfficerId, request.CommuneId, communeNow, cancellationToken))
                throw new ValidationFailedException(nameof(Command.OfficerId), "Cán bộ phụ trách phải là cán bộ xã của người yêu cầu hoặc quản trị cấp tỉnh.");
            request.SearchName = TextSearch.Normalize(request.PersonName);
            var deadlines = RequestDeadlines.For(received);
            (request.AnswerBy, request.CarryOutBy) = (deadlines.AnswerBy, deadlines.CarryOutBy);
            db.SubjectRequests.Add(request);
            await db.SaveChangesAsync(cancellationToken);
            return request.Id;
        }
    }

    [BindProperty]
    public Command Data { get; set; } = new();

    public string? LearnerName { get; private set; }
    public List<SelectListItem> Communes { get; private set; } = [];
    public List<SelectListItem> Officers { get; private set; } = [];

    public async Task OnGetAsync([FromQuery(Name = "nguoi-hoc")] int? learnerId, CancellationToken cancellationToken)
    {
        Data.LearnerId = learnerId;
        Data.ReceivedOn = VietnamTime.Today(clock);
        Data.OfficerId = db.Scope.UserId;
        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Communes = await units.WritableCommunesAsync(cancellationToken);
        Officers = await officers.ChoicesAsync(cancellationToken);
        if (Data.LearnerId is { } id)
            LearnerName = await LearnerDirectory.Visible(db).Where(l => l.Id == id).Select(l => l.FullName).SingleOrDefaultAsync(cancellationToken);
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: async () =>
            {
                var id = await handler.HandleAsync(Data, cancellationToken);
                TempData["Message"] = "Đã tiếp nhận yêu cầu của chủ thể dữ liệu.";
                return RedirectToPage("Details", new { id });
            },
            reload: () => LoadAsync(cancellationToken));
}
