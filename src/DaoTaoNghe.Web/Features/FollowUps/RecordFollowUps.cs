using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Enterprises;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>
/// Records follow-up outcomes of completions, one or many at once (the quick-entry screen): every
/// row is checked before anything is written, and the rows are saved together or not at all.
/// Recording a checkpoint again corrects it. The commune follows its residents up; the province
/// admin may too; institutions read their learners' outcomes but do not record them.
/// </summary>
public sealed class RecordFollowUps(AppDbContext db, IValidator<RecordFollowUps.Command> validator, EnterpriseChoices enterprises, TimeProvider clock)
    : IHandler
{

    public sealed class Command
    {
        [Display(Name = "Người học (mã ghi danh)")] public int EnrolmentId { get; set; }
        [Display(Name = "Mốc theo dõi")] public int Checkpoint { get; set; }
        [Display(Name = "Tình trạng việc làm")] public EmploymentStatus? Status { get; set; }
        [Display(Name = "Doanh nghiệp")] public int? EnterpriseId { get; set; }
        [Display(Name = "Nơi làm việc (nếu không có trong danh sách)")] public string? EmployerName { get; set; }
        [Display(Name = "Mức thu nhập")] public IncomeBand? IncomeBand { get; set; }
        [Display(Name = "Có vay vốn")] public bool LoanHelped { get; set; }
        [Display(Name = "Ngày ghi nhận kết quả")] public DateOnly? OutcomeOn { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Checkpoint).Must(c => EmploymentOutcome.Checkpoints.Contains(c)).WithMessage("Mốc theo dõi phải là 3, 6 hoặc 12 tháng.");
            RuleFor(c => c.Status).NotNull().WithMessage("Vui lòng chọn tình trạng việc làm.").IsInEnum().WithMessage("Tình trạng việc làm không hợp lệ.");
            RuleFor(c => c.OutcomeOn).NotNull().WithMessage("Vui lòng nhập ngày ghi nhận kết quả.")
                .Must(d => d <= VietnamTime.Today(clock)).WithMessage("Ngày ghi nhận kết quả không được sau ngày hôm nay.");
            RuleFor(c => c.EmployerName).MaximumLength(300).WithMessage("Nơi làm việc không được dài quá 300 ký tự.");
            RuleFor(c => c.EnterpriseId)
                .Must((c, id) => id is not null || !string.IsNullOrWhiteSpace(c.EmployerName))
                .When(c => c.Status == EmploymentStatus.EmployedByEnterprise)
                .WithMessage("Làm việc cho doanh nghiệp: vui lòng chọn doanh nghiệp trong danh sách hoặc nhập tên nơi làm việc.");
            RuleFor(c => c.IncomeBand).IsInEnum().WithMessage("Mức thu nhập không hợp lệ.");
        }
    }

    /// <summary>One row's problems, named by the field of <see cref="Command"/> they concern.</summary>
    public sealed record RowError(int Index, string Field, string Message);

    /// <summary>Records one follow-up (the API); problems are the fields' own.</summary>
    public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
    {
        var errors = await CheckAsync([command], cancellationToken);
        if (errors.Count > 0) throw new ValidationFailedException(errors.Select(e => new FieldError(e.Field, e.Message)).ToList());
        return (await SaveAsync([command], cancellationToken)).Single();
    }

    /// <summary>Records many follow-ups at once: each problem names its row; nothing is written while any remains.</summary>
    public async Task<IReadOnlyList<int>> HandleManyAsync(IReadOnlyList<Command> rows, Func<int, string> rowKey, Func<int, string> rowName,
        CancellationToken cancellationToken = default)
    {
        var errors = await CheckAsync(rows, cancellationToken);
        if (errors.Count > 0)
            throw new ValidationFailedException(errors.Select(e => new FieldError($"{rowKey(e.Index)}.{e.Field}", $"{rowName(e.Index)}: {e.Message}")).ToList());
        return await SaveAsync(rows, cancellationToken);
    }

    private sealed record Completion(int Id, int LearnerId, int InstitutionId, int ProvinceId, DateOnly CompletedOn);

    private Dictionary<int, Completion>? _completions;

    private async Task<List<RowError>> CheckAsync(IReadOnlyList<Command> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.EnrolmentId).Distinct().ToList();
        _completions = await TrainingRecords.Enrolments(db).AsNoTracking()
            .Where(e => ids.Contains(e.Id) && e.Status == EnrolmentStatus.Completed && e.ResultOn != null && e.Course.State != CourseState.Cancelled)
            .Select(e => new Completion(e.Id, e.LearnerId, e.InstitutionId, e.ProvinceId, e.ResultOn!.Value))
            .ToDictionaryAsync(e => e.Id, cancellationToken);
        // An id the caller cannot see is not theirs to record, whatever else the form says.
        if (ids.Any(id => !_completions.ContainsKey(id))) throw new NotFoundException("Không tìm thấy người hoàn thành khóa học cần theo dõi hoặc bạn không có quyền ghi nhận.");

        var errors = new List<RowError>();
        var seen = new HashSet<(int, int)>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            foreach (var failure in (await validator.ValidateAsync(row, cancellationToken)).Errors)
                errors.Add(new RowError(i, failure.PropertyName, failure.ErrorMessage));
            if (!seen.Add((row.EnrolmentId, row.Checkpoint)))
                errors.Add(new RowError(i, nameof(Command.Checkpoint), "Mốc theo dõi này đã có ở một dòng khác."));
            var completion = _completions[row.EnrolmentId];
            if (row.OutcomeOn is { } on && on <= completion.CompletedOn)
                errors.Add(new RowError(i, nameof(Command.OutcomeOn),
                    $"Ngày ghi nhận kết quả phải sau ngày hoàn thành khóa học ({Fmt.Date(completion.CompletedOn)})."));
            if (row.EnterpriseId is { } enterpriseId && !await enterprises.IsActiveAsync(enterpriseId, cancellationToken))
                errors.Add(new RowError(i, nameof(Command.EnterpriseId), "Doanh nghiệp đã chọn không có trong danh bạ doanh nghiệp của tỉnh."));
        }
        return errors;
    }

    private async Task<IReadOnlyList<int>> SaveAsync(IReadOnlyList<Command> rows, CancellationToken cancellationToken)
    {
        var ids = rows.Select(r => r.EnrolmentId).Distinct().ToList();
        var existing = await db.EmploymentOutcomes
            .Where(o => o.EnrolmentId != null && ids.Contains(o.EnrolmentId.Value) && o.Source == OutcomeSource.FollowUp)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var residences = await Residences.PastScopeAsync(db, _completions!.Values.Select(c => c.LearnerId).ToList(), cancellationToken);
        var saved = new List<EmploymentOutcome>();
        foreach (var row in rows)
        {
            var completion = _completions![row.EnrolmentId];
            var outcome = existing.FirstOrDefault(o => o.EnrolmentId == row.EnrolmentId && o.Checkpoint == row.Checkpoint);
            if (outcome is null)
            {
                outcome = new EmploymentOutcome
                {
                    EnrolmentId = completion.Id, Checkpoint = row.Checkpoint, Source = OutcomeSource.FollowUp, CreatedAt = now,
                };
                db.EmploymentOutcomes.Add(outcome);
                existing.Add(outcome);
            }
            outcome.LearnerId = completion.LearnerId;
            outcome.InstitutionId = completion.InstitutionId;
            outcome.ProvinceId = completion.ProvinceId;
            outcome.RecordedByOrganisationId = db.Scope.OrganisationId;
            outcome.OutcomeOn = row.OutcomeOn!.Value;
            outcome.ResidenceCommuneId = residences[completion.LearnerId].CommuneOn(outcome.OutcomeOn);
            outcome.Status = row.Status!.Value;
            var employer = row.Status is EmploymentStatus.EmployedByEnterprise or EmploymentStatus.Cooperative or EmploymentStatus.WorkingAbroad;
            outcome.EnterpriseId = employer ? row.EnterpriseId : null;
            outcome.EmployerName = employer && row.EnterpriseId is null && !string.IsNullOrWhiteSpace(row.EmployerName) ? row.EmployerName.Trim() : null;
            outcome.IncomeBand = EmploymentOutcome.IsEmployed(outcome.Status) ? row.IncomeBand : null;
            outcome.LoanHelped = row.LoanHelped;
            outcome.UpdatedAt = now;
            saved.Add(outcome);
        }
        foreach (var completion in existing.GroupBy(o => o.EnrolmentId)) EmploymentOutcomes.MarkNewJobs(completion.ToList());
        await db.SaveChangesAsync(cancellationToken);
        return saved.Select(o => o.Id).ToList();
    }
}
