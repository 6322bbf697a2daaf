using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Enterprises;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.FollowUps;

/// <summary>
/// Follow-up outcomes from the sheets communes keep, one row per person, course and checkpoint (the
/// natural key: CCCD + course code + checkpoint). The course code is the number the system gives a
/// course (shown on its page). A row for a checkpoint already recorded corrects it; the same file
/// again changes nothing. The employer is matched to the enterprise registry by tax code or name,
/// and kept as typed when it is not registered.
/// </summary>
public sealed class FollowUpsImport(AppDbContext db, IValidator<FollowUpsImport.Row> validator, TimeProvider clock) : ImportTemplate<FollowUpsImport.Row, AppDbContext>(db)
{
    public sealed class Row
    {
        [Display(Name = "Số CCCD")] public string? Cccd { get; set; }
        [Display(Name = "Mã lớp")] public int? CourseId { get; set; }
        [Display(Name = "Mốc theo dõi (tháng)")] public int? Checkpoint { get; set; }
        [Display(Name = "Tình trạng việc làm")] public EmploymentStatus? Status { get; set; }
        [Display(Name = "Nơi làm việc")] public string? Employer { get; set; }
        [Display(Name = "Mức thu nhập")] public IncomeBand? IncomeBand { get; set; }
        [Display(Name = "Có vay vốn")] public bool LoanHelped { get; set; }
        [Display(Name = "Ngày ghi nhận kết quả")] public DateOnly? OutcomeOn { get; set; }
    }

    public sealed class RowValidator : AbstractValidator<Row>
    {
        public RowValidator(TimeProvider clock)
        {
            RuleFor(r => r.Checkpoint).Must(c => c is { } m && EmploymentOutcome.Checkpoints.Contains(m)).WithMessage("Mốc theo dõi phải là 3, 6 hoặc 12 tháng.");
            RuleFor(r => r.OutcomeOn).Must(d => d <= VietnamTime.Today(clock)).WithMessage("Ngày ghi nhận kết quả không được sau ngày hôm nay.");
            RuleFor(r => r.Employer).NotEmpty().When(r => r.Status == EmploymentStatus.EmployedByEnterprise)
                .WithMessage("Làm việc cho doanh nghiệp: vui lòng ghi tên hoặc mã số thuế của doanh nghiệp.");
        }
    }

    private Dictionary<string, int> _enterprises = [];

    public override string Code => "theo-doi-viec-lam";
    public override string Name => "Kết quả theo dõi việc làm sau đào tạo";
    public override string Summary =>
        "Kết quả theo dõi việc làm 3, 6, 12 tháng sau khi hoàn thành khóa học: mỗi dòng một người, một lớp, một mốc, với tình trạng việc làm, nơi làm việc, thu nhập và vay vốn.";
    public override string KeyDescription => "Số CCCD + Mã lớp + Mốc theo dõi";
    public override string Policy => FollowUpPolicies.Write;
    public override bool ContainsPersonalData => true;

    public override IReadOnlyList<string> Instructions { get; } =
    [
        "Mã lớp là số của lớp trên hệ thống (xem trang chi tiết lớp, ví dụ /Courses/Details/125 có mã lớp 125).",
        "Dòng có cùng số CCCD, mã lớp và mốc với kết quả đã ghi sẽ sửa kết quả đó; nhập lại cùng tệp không thay đổi gì.",
        "Nơi làm việc: ghi mã số thuế hoặc tên doanh nghiệp trong danh bạ để liên kết; tên khác được giữ nguyên như đã ghi.",
    ];

    protected override IValidator<Row> Validator => validator;

    protected override IEnumerable<ImportColumn<Row>> DefineColumns() =>
    [
        ImportColumn<Row>.For("Số CCCD", r => r.Cccd, ImportParsers.Code(12)).Required().WithExample("012190001234").AlsoKnownAs("CCCD", "Số định danh").WithWidth(16),
        ImportColumn<Row>.For("Mã lớp", r => r.CourseId, ImportParsers.Integer).Required().WithExample("125").AlsoKnownAs("Lớp", "Mã khóa học").WithWidth(10),
        ImportColumn<Row>.For("Mốc theo dõi (tháng)", r => r.Checkpoint, ImportParsers.Integer).Required().WithExample("6").AlsoKnownAs("Mốc", "Sau (tháng)").WithWidth(12),
        ImportColumn<Row>.For("Tình trạng việc làm", r => r.Status, ImportParsers.Enum(
                ("doanh nghiệp", EmploymentStatus.EmployedByEnterprise), ("tự tạo việc làm", EmploymentStatus.SelfEmployed),
                ("hợp tác xã", EmploymentStatus.Cooperative), ("nước ngoài", EmploymentStatus.WorkingAbroad), ("xuất khẩu lao động", EmploymentStatus.WorkingAbroad),
                ("tiếp tục học", EmploymentStatus.StudyingFurther), ("chưa có việc làm", EmploymentStatus.Unemployed), ("thất nghiệp", EmploymentStatus.Unemployed)))
            .Required().WithExample(Fmt.Enum(EmploymentStatus.SelfEmployed)).AlsoKnownAs("Tình trạng", "Kết quả").WithWidth(34),
        ImportColumn<Row>.For("Nơi làm việc", r => r.Employer, ImportParsers.Text(300)).AlsoKnownAs("Doanh nghiệp", "Tên doanh nghiệp").WithWidth(36),
        ImportColumn<Row>.For("Mức thu nhập", r => r.IncomeBand, ImportParsers.Enum<IncomeBand>()).AlsoKnownAs("Thu nhập").WithWidth(30),
        ImportColumn<Row>.For("Có vay vốn", r => r.LoanHelped, ImportParsers.YesNo).AlsoKnownAs("Vay vốn").WithWidth(10),
        ImportColumn<Row>.For("Ngày ghi nhận", r => r.OutcomeOn, ImportParsers.Date).Required().WithExample("15/11/2026").AlsoKnownAs("Ngày").WithWidth(14),
    ];

    protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var provinceId = Db.Scope.ProvinceId;
        var registry = await (from o in OrganisationDirectory.Visible(Db).AsNoTracking()
                              where o.Kind == OrganisationKind.Enterprise && o.IsActive && o.ProvinceId == provinceId
                              join p in EnterpriseDirectory.Profiles(Db).AsNoTracking() on o.Id equals p.OrganisationId into profiles
                              from p in profiles.DefaultIfEmpty()
                              select new { o.Id, o.SearchName, TaxCode = p != null ? p.TaxCode : null })
            .ToListAsync(cancellationToken);
        _enterprises = [];
        foreach (var e in registry)
        {
            _enterprises.TryAdd(e.SearchName, e.Id);
            if (e.TaxCode is { } tax) _enterprises.TryAdd(tax, e.Id);
        }
    }

    protected override string? KeyOf(Row row) => $"{row.Cccd}|{row.CourseId}|{row.Checkpoint}";

    protected override async Task ApplyAsync(IReadOnlyList<ImportItem<Row>> items, CancellationToken cancellationToken)
    {
        var cccds = items.Select(i => i.Row.Cccd!).Distinct().ToList();
        var courseIds = items.Select(i => i.Row.CourseId!.Value).Distinct().ToList();
        var completions = (await TrainingRecords.Enrolments(Db).AsNoTracking()
                .Where(e => cccds.Contains(e.Learner.Cccd!) && courseIds.Contains(e.CourseId) && e.Status == EnrolmentStatus.Completed && e.ResultOn != null
                            && e.Course.State != CourseState.Cancelled)
                .Select(e => new { e.Id, e.LearnerId, e.Learner.Cccd, e.CourseId, e.InstitutionId, e.ProvinceId, CompletedOn = e.ResultOn!.Value })
                .ToListAsync(cancellationToken))
            .ToDictionary(e => (e.Cccd!, e.CourseId));
        var enrolmentIds = completions.Values.Select(c => c.Id).ToList();
        var existing = await Db.EmploymentOutcomes
            .Where(o => o.EnrolmentId != null && enrolmentIds.Contains(o.EnrolmentId.Value) && o.Source == OutcomeSource.FollowUp)
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var residences = await Residences.PastScopeAsync(Db, completions.Values.Select(c => c.LearnerId).ToList(), cancellationToken);

        foreach (var item in items)
        {
            var row = item.Row;
            if (!completions.TryGetValue((row.Cccd!, row.CourseId!.Value), out var completion))
            {
                item.Reject($"Không tìm thấy người có số CCCD này hoàn thành lớp {row.CourseId} trong phạm vi của bạn.", nameof(Row.Cccd));
                continue;
            }
            if (row.OutcomeOn <= completion.CompletedOn)
            {
                item.Reject($"Ngày ghi nhận kết quả phải sau ngày hoàn thành khóa học ({Fmt.Date(completion.CompletedOn)}).", nameof(Row.OutcomeOn));
                continue;
            }
            var outcome = existing.FirstOrDefault(o => o.EnrolmentId == completion.Id && o.Checkpoint == row.Checkpoint);
            if (outcome is null)
            {
                outcome = new EmploymentOutcome
                {
                    EnrolmentId = completion.Id, Checkpoint = row.Checkpoint, Source = OutcomeSource.FollowUp, LearnerId = completion.LearnerId,
                    InstitutionId = completion.InstitutionId, ProvinceId = completion.ProvinceId,
                    RecordedByOrganisationId = Db.Scope.OrganisationId, CreatedAt = now, UpdatedAt = now,
                };
                Db.EmploymentOutcomes.Add(outcome);
                existing.Add(outcome);
            }
            var status = row.Status!.Value;
            var employed = EmploymentOutcome.IsEmployed(status);
            var employer = employed && !string.IsNullOrWhiteSpace(row.Employer) ? row.Employer.Trim() : null;
            int? enterpriseId = employer is not null && (_enterprises.TryGetValue(employer, out var byTax) || _enterprises.TryGetValue(TextSearch.Normalize(employer), out byTax))
                ? byTax : null;
            outcome.OutcomeOn = row.OutcomeOn!.Value;
            outcome.ResidenceCommuneId = residences[completion.LearnerId].CommuneOn(outcome.OutcomeOn);
            outcome.Status = status;
            outcome.EnterpriseId = enterpriseId;
            outcome.EmployerName = enterpriseId is null ? employer : null;
            outcome.IncomeBand = employed ? row.IncomeBand : null;
            outcome.LoanHelped = employed && row.LoanHelped;
            item.Saved(outcome);
        }

        foreach (var completion in existing.GroupBy(o => o.EnrolmentId)) EmploymentOutcomes.MarkNewJobs(completion.ToList());
        foreach (var outcome in existing)
        {
            var entry = Db.Entry(outcome);
            entry.DetectChanges();
            if (entry.State == EntityState.Modified)
            {
                outcome.UpdatedAt = now;
                outcome.RecordedByOrganisationId = Db.Scope.OrganisationId;
            }
        }
    }
}
