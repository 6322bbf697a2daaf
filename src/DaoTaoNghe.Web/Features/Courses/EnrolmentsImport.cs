using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Import;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// An institution brings in the learners of its courses from its own list: who is enrolled in which
/// course, the days each studied, and the result (passed with a score, failed, dropped out with the
/// reason). A row is found by course code and CCCD; a new one is an enrolment made as the form
/// makes it, and every change goes through the rule the matching form applies (<see cref="Enrol"/>,
/// <see cref="Attendance"/>, <see cref="Assessment"/>, <see cref="Dropout"/>,
/// <see cref="EnrolmentTravel"/>), the support computed by the same calculator. Learners are not
/// created here: as on the form, a person is identified by CCCD and birth date among those the
/// communes of the course's province registered. An empty cell keeps what is recorded.
/// </summary>
public sealed class EnrolmentsImport(
    AppDbContext db, IValidator<Enrol.Command> enrolValidator, IValidator<Dropout.Command> dropoutValidator, Overlaps overlaps, EnrolmentSupport support,
    IEnrolmentCertificates certificates, CccdLookups lookups, TimeProvider clock) : ImportTemplate<EnrolmentsImport.Row, AppDbContext>(db)
{
    public sealed class Row
    {
        [Display(Name = "Mã lớp")] public int? CourseId { get; set; }
        [Display(Name = "Số CCCD")] public string? Cccd { get; set; }
        [Display(Name = "Họ và tên")] public string? FullName { get; set; }
        [Display(Name = "Ngày sinh")] public DateOnly? BirthDate { get; set; }
        [Display(Name = "Ngày ghi danh")] public DateOnly? EnrolledOn { get; set; }
        [Display(Name = "Khoảng cách đến nơi học (km)")] public double? DistanceKm { get; set; }
        [Display(Name = "Giá vé cả khóa (đồng)")] public long? TravelFare { get; set; }
        [Display(Name = "Đã hỗ trợ theo chính sách khác")] public bool? OtherPolicyPaid { get; set; }
        [Display(Name = "Số ngày học")] public int? DaysAttended { get; set; }
        [Display(Name = "Kết quả")] public EnrolmentStatus? Result { get; set; }
        [Display(Name = "Điểm")] public double? Score { get; set; }
        [Display(Name = "Ngày công nhận kết quả")] public DateOnly? ResultOn { get; set; }
        [Display(Name = "Lý do công nhận đạt")] public string? PassReason { get; set; }
        [Display(Name = "Ngày bỏ học")] public DateOnly? DroppedOn { get; set; }
        [Display(Name = "Lý do bỏ học")] public string? DropReason { get; set; }
    }

    /// <summary>The forms' own validators on the row's fields: the enrolment form's (CCCD, birth date, distance, fare), and the dropout form's when the row records a dropout.</summary>
    private sealed class RowValidator : AbstractValidator<Row>
    {
        public RowValidator(IValidator<Enrol.Command> enrol, IValidator<Dropout.Command> dropout)
        {
            RuleFor(r => r).Custom((row, context) =>
            {
                var asEnrolment = new Enrol.Command { Cccd = row.Cccd, BirthDate = row.BirthDate, FullName = row.FullName, DistanceKm = row.DistanceKm, TravelFare = row.TravelFare };
                foreach (var error in enrol.Validate(asEnrolment).Errors) context.AddFailure(error.PropertyName, error.ErrorMessage);
                if (row.Result == EnrolmentStatus.DroppedOut)
                    foreach (var error in dropout.Validate(new Dropout.Command { DroppedOn = row.DroppedOn, Reason = row.DropReason ?? "" }).Errors)
                        context.AddFailure(error.PropertyName == nameof(Dropout.Command.Reason) ? nameof(Row.DropReason) : nameof(Row.DroppedOn), error.ErrorMessage);
                if (row.Score is not null && row.Result is not (EnrolmentStatus.Completed or EnrolmentStatus.Failed))
                    context.AddFailure(nameof(Row.Score), $"Điểm chỉ ghi kèm kết quả \"{Fmt.Enum(EnrolmentStatus.Completed)}\" hoặc \"{Fmt.Enum(EnrolmentStatus.Failed)}\".");
            });
        }
    }

    /// <summary>A course as the run knows it: the record, its institution's name, and the seats and places the run has taken so far.</summary>
    private sealed class KnownCourse(Course course, string institutionName, bool mayKeep, int minimumAttendancePercent)
    {
        public Course Course { get; } = course;
        public string InstitutionName { get; } = institutionName;
        public bool MayKeep { get; } = mayKeep;
        public int MinimumAttendancePercent { get; } = minimumAttendancePercent;
        public int SeatsTaken { get; set; }
    }

    private sealed record Taught(int CourseId, DateOnly Start, DateOnly End, Overlaps.Clash Clash);

    private readonly Dictionary<int, KnownCourse?> _courses = [];
    private readonly Dictionary<int, Enrol.OrderPlaces> _orders = [];
    private readonly HashSet<int> _elsewhere = [];

    // What earlier rows of the run did and a dry run does not save: enrolments added (for overlaps) and support given once per person.
    private readonly Dictionary<int, List<Taught>> _taughtInRun = [];
    private readonly HashSet<(int LearnerId, int PolicyKey)> _supportedInRun = [];
    private readonly HashSet<string> _missedInRun = [];
    private DateOnly _today;
    private IValidator<Row>? _validator;

    public const string TemplateCode = "ghi-danh";

    public override string Code => TemplateCode;
    public override string Name => "Ghi danh, chuyên cần và kết quả học tập";
    public override string Summary =>
        "Người học của các lớp đào tạo: ghi danh vào lớp, số ngày đã học, kết quả (đạt kèm điểm, không đạt, bỏ học kèm lý do); mỗi dòng một người học trong một lớp.";
    public override string KeyDescription => "Mã lớp + Số CCCD của người học";
    public override string Policy => CoursePolicies.Keep;
    public override bool ContainsPersonalData => true;

    public override IReadOnlyList<string> Instructions { get; } =
    [
        "Mã lớp là số ở cột \"Mã lớp\" của danh sách lớp đào tạo (và trên trang của lớp). Cơ sở đào tạo chỉ nhập được vào lớp của mình; trang \"Lớp đào tạo\" của mẫu liệt kê các lớp đó.",
        "Người học phải đã được UBND xã nơi cư trú đăng ký: hệ thống tìm người theo số CCCD và ngày sinh trong tỉnh của lớp, như khi ghi danh trên biểu mẫu; tệp này không tạo hồ sơ người học mới.",
        "Người chưa có trong lớp được ghi danh khi lớp đang tuyển sinh hoặc đang học, với đủ các điều kiện của biểu mẫu ghi danh: trong tuổi lao động, không học lớp khác cùng thời gian, lớp còn chỗ, đơn đặt hàng còn chỉ tiêu. Hỗ trợ được tính theo quy định hiện hành vào ngày khai giảng.",
        "Số ngày học chỉ nhập được khi lớp đang học và tổng hợp số ngày học (lớp điểm danh theo ngày lấy số ngày từ sổ điểm danh).",
        "Kết quả \"Hoàn thành\" (đạt) hoặc \"Không đạt\" ghi khi lớp đang học hoặc đã kết thúc, kèm ngày công nhận kết quả; \"Bỏ học\" ghi kèm ngày và lý do bỏ học, khi lớp chưa kết thúc.",
        "Ô để trống giữ nguyên thông tin đã có. Nhập lại cùng một tệp không thay đổi gì.",
    ];

    protected override IValidator<Row> Validator => _validator ??= new RowValidator(enrolValidator, dropoutValidator);

    private static readonly string[] ResultChoices = [Fmt.Enum(EnrolmentStatus.Enrolled), Fmt.Enum(EnrolmentStatus.Completed), Fmt.Enum(EnrolmentStatus.Failed), Fmt.Enum(EnrolmentStatus.DroppedOut)];

    private static readonly ImportParser<EnrolmentStatus?> ResultParser = ImportParsers.Enum(
        ("dat", EnrolmentStatus.Completed), ("dat - hoan thanh", EnrolmentStatus.Completed), ("dat hoan thanh", EnrolmentStatus.Completed),
        ("khong hoan thanh", EnrolmentStatus.Failed), ("truot", EnrolmentStatus.Failed), ("nghi hoc", EnrolmentStatus.DroppedOut), ("thoi hoc", EnrolmentStatus.DroppedOut),
        ("chua co ket qua", EnrolmentStatus.Enrolled));

    private static readonly ImportParser<string?> CccdParser = new("12 chữ số", cell =>
    {
        var number = Cccd.Normalize(cell.Text) ?? "";
        // A CCCD typed into a number cell loses its leading zero (Hà Nội's start with 001).
        if (cell.Number is not null && number.Length == Cccd.Length - 1 && number.All(char.IsAsciiDigit)) number = "0" + number;
        return ImportParse.Ok<string?>(number);
    });

    private static readonly ImportParser<bool?> YesNoParser = new(ImportParsers.YesNo.Format, cell =>
    {
        var parsed = ImportParsers.YesNo.Parse(cell);
        return parsed.Ok ? ImportParse.Ok<bool?>(parsed.Value) : ImportParse.Fail<bool?>(parsed.Error!);
    }, choices: ImportParsers.YesNo.Choices);

    protected override IEnumerable<ImportColumn<Row>> DefineColumns() =>
    [
        ImportColumn<Row>.For("Mã lớp", r => r.CourseId, ImportParsers.Integer).Required().AlsoKnownAs("Mã lớp học", "Mã khóa học", "Lớp").WithWidth(10),
        ImportColumn<Row>.For("Số CCCD", r => r.Cccd, CccdParser).Required().WithExample("012195001234")
            .AlsoKnownAs("CCCD", "Số căn cước", "Số căn cước công dân", "Số định danh cá nhân").WithWidth(16),
        ImportColumn<Row>.For("Họ và tên", r => r.FullName, ImportParsers.Text(100)).WithExample("Lò Thị Ún").AlsoKnownAs("Họ tên", "Tên người học")
            .WithNote("Để đối chiếu: nếu ghi mà khác họ tên trong hồ sơ có số CCCD này, dòng bị từ chối.").WithWidth(24),
        ImportColumn<Row>.For("Ngày sinh", r => r.BirthDate, ImportParsers.Date).Required().WithExample("12/04/1995").WithWidth(12),
        ImportColumn<Row>.For("Ngày ghi danh", r => r.EnrolledOn, ImportParsers.Date).AlsoKnownAs("Ngày nhập học")
            .WithNote("Để trống: người mới ghi danh hôm nay, người đã có trong lớp giữ nguyên.").WithWidth(13),
        ImportColumn<Row>.For("Khoảng cách đến nơi học (km)", r => r.DistanceKm, ImportParsers.Decimal).AlsoKnownAs("Khoảng cách (km)", "Khoảng cách").WithWidth(14),
        ImportColumn<Row>.For("Giá vé cả khóa (đồng)", r => r.TravelFare, ImportParsers.Money).AlsoKnownAs("Giá vé", "Tiền vé").WithWidth(14),
        ImportColumn<Row>.For("Đã hỗ trợ theo chính sách khác", r => r.OtherPolicyPaid, YesNoParser)
            .WithNote("Có: người học đã được Nhà nước hỗ trợ đào tạo theo chính sách khác, không hỗ trợ theo chính sách này.").WithWidth(14),
        ImportColumn<Row>.For("Số ngày học", r => r.DaysAttended, ImportParsers.Integer).AlsoKnownAs("Số ngày thực học", "Chuyên cần", "Số buổi học").WithWidth(10),
        ImportColumn<Row>.For("Kết quả", r => r.Result, ResultParser).AlsoKnownAs("Kết quả học tập", "Tình trạng").WithExample(Fmt.Enum(EnrolmentStatus.Enrolled))
            .WithNote("Hoàn thành (đạt), Không đạt, Bỏ học, hoặc Đang học (chưa có kết quả).").WithWidth(14),
        ImportColumn<Row>.For("Điểm", r => r.Score, ImportParsers.Decimal).AlsoKnownAs("Điểm kiểm tra", "Điểm tổng kết").WithNote("Từ 0 đến 10, kèm kết quả.").WithWidth(8),
        ImportColumn<Row>.For("Ngày công nhận kết quả", r => r.ResultOn, ImportParsers.Date).AlsoKnownAs("Ngày hoàn thành", "Ngày kết quả").WithWidth(13),
        ImportColumn<Row>.For("Ngày bỏ học", r => r.DroppedOn, ImportParsers.Date).AlsoKnownAs("Ngày thôi học").WithWidth(13),
        ImportColumn<Row>.For("Lý do bỏ học", r => r.DropReason, ImportParsers.Text(500)).AlsoKnownAs("Lý do").WithWidth(30),
        ImportColumn<Row>.For("Lý do công nhận đạt", r => r.PassReason, ImportParsers.Text(500))
            .WithNote($"Bắt buộc khi người học đạt nhưng học dưới tỷ lệ số ngày tối thiểu của cơ sở đào tạo (mặc định {InstitutionAttendance.DefaultMinimumPercent} % số ngày theo kế hoạch).").WithWidth(24),
    ];

    protected override Task PrepareAsync(CancellationToken cancellationToken)
    {
        _today = VietnamTime.Today(clock);
        _courses.Clear();
        _orders.Clear();
        _elsewhere.Clear();
        _taughtInRun.Clear();
        _supportedInRun.Clear();
        _missedInRun.Clear();
        return Task.CompletedTask;
    }

    /// <summary>
    /// A row that finds nobody answers "is this number registered with this birth date?", so a file is a
    /// batch of guesses (a dry run costs nothing): each number missed is counted and audited like any
    /// whole-CCCD lookup, and past the hourly allowance the whole file is refused, since rejecting only
    /// the rows beyond it would still tell hits from misses.
    /// </summary>
    private async Task CountMissAsync(string cccd, CancellationToken cancellationToken)
    {
        if (!_missedInRun.Add(cccd)) return;
        try
        {
            await lookups.MissedAsync(cccd, "Nhập ghi danh từ tệp (số CCCD và ngày sinh)", cancellationToken);
        }
        catch (TooManyRequestsException limit)
        {
            throw new ImportFileException($"Tệp có quá nhiều số CCCD không khớp với người học đã đăng ký nên không được xử lý. {limit.Message}");
        }
    }

    protected override string? KeyOf(Row row) => $"{row.CourseId}|{row.Cccd}";

    protected override async Task ApplyAsync(IReadOnlyList<ImportItem<Row>> items, CancellationToken cancellationToken)
    {
        await LoadCoursesAsync(items.Select(i => i.Row.CourseId!.Value).Distinct().Where(id => !_courses.ContainsKey(id)).ToList(), cancellationToken);
        var kept = items.Where(i => _courses[i.Row.CourseId!.Value] is { MayKeep: true }).ToList();
        var provinces = kept.Select(i => _courses[i.Row.CourseId!.Value]!.Course.ProvinceId).Distinct().ToList();
        var cccds = kept.Select(i => i.Row.Cccd!).Distinct().ToList();
        // As the form identifies a person by the papers in hand: past the caller's view, within the course's province, by CCCD and birth date.
        var people = (await Enrol.Project(LearnerDirectory.PastScope(Db)
                .Where(l => l.MergedIntoId == null && l.Cccd != null && cccds.Contains(l.Cccd) && provinces.Contains(l.ProvinceId)))
            .ToListAsync(cancellationToken)).ToLookup(p => p.Cccd!);
        var learnerIds = people.SelectMany(p => p).Select(p => p.Id).ToList();
        var courseIds = kept.Select(i => i.Row.CourseId!.Value).Distinct().ToList();
        var enrolments = (await Db.Enrolments.Where(e => courseIds.Contains(e.CourseId) && learnerIds.Contains(e.LearnerId)).ToListAsync(cancellationToken))
            .ToDictionary(e => (e.CourseId, e.LearnerId));
        var enrolmentIds = enrolments.Values.Select(e => e.Id).ToList();
        var certified = await certificates.CertifiedAsync(enrolmentIds, cancellationToken);
        var clashes = kept.Count == 0 ? [] : await overlaps.FindAsync(learnerIds,
            kept.Min(i => _courses[i.Row.CourseId!.Value]!.Course.StartDate), kept.Max(i => _courses[i.Row.CourseId!.Value]!.Course.EndDate), 0, cancellationToken);
        var clashesOf = clashes.ToLookup(c => c.LearnerId);

        var computed = new List<(Enrolment, Course)>();
        foreach (var item in items)
        {
            var row = item.Row;
            var state = _courses[row.CourseId!.Value];
            if (state is null)
            {
                item.Reject(_elsewhere.Contains(row.CourseId.Value)
                    ? $"Lớp mã {row.CourseId} không phải lớp của đơn vị bạn: chỉ nhập được ghi danh vào lớp của đơn vị mình."
                    : $"Không có lớp mã {row.CourseId}; mã lớp xem ở danh sách lớp đào tạo hoặc trang \"Lớp đào tạo\" của mẫu.", nameof(Row.CourseId));
                continue;
            }
            var course = state.Course;
            if (!state.MayKeep)
            {
                item.Reject($"Lớp mã {course.Id} \"{course.Name}\" thuộc {state.InstitutionName}: bạn chỉ nhập được ghi danh vào lớp của đơn vị mình.", nameof(Row.CourseId));
                continue;
            }
            var person = people[row.Cccd!].FirstOrDefault(p => p.BirthDate == row.BirthDate);
            // As on the form, a wrong birth date and an unknown CCCD get the same answer: the file may not probe who is registered.
            if (person is null)
            {
                await CountMissAsync(row.Cccd!, cancellationToken);
                item.Reject(Enrol.NotRegistered, nameof(Row.Cccd));
                continue;
            }
            if (row.FullName is { } name && TextSearch.Normalize(name) != person.SearchName)
            {
                item.Reject("Họ và tên khác họ tên trong hồ sơ người học có số CCCD và ngày sinh này; hãy kiểm tra lại.", nameof(Row.FullName));
                continue;
            }

            var enrolment = enrolments.GetValueOrDefault((course.Id, person.Id));
            var isNew = enrolment is null;
            try
            {
                if (enrolment is null)
                {
                    Enrol.EnsureEnrolling(course);
                    var clash = clashesOf[person.Id].FirstOrDefault(c => c.CourseId != course.Id && course.Overlaps(c.StartDate, c.EndDate))
                                ?? _taughtInRun.GetValueOrDefault(person.Id)?.FirstOrDefault(t => t.CourseId != course.Id && course.Overlaps(t.Start, t.End))?.Clash;
                    Enrol.Check(course, person, new Enrol.Places(false, clash, state.SeatsTaken, course.OrderId is { } orderId ? _orders[orderId] : null));
                    enrolment = new Enrolment
                    {
                        CourseId = course.Id, LearnerId = person.Id, InstitutionId = course.InstitutionId, ProvinceId = course.ProvinceId,
                        ResidenceCommuneId = person.CommuneId, EnrolledOn = _today, Status = EnrolmentStatus.Enrolled, CreatedAt = clock.GetUtcNow().UtcDateTime,
                    };
                }
                var recompute = Change(enrolment, state, row, certified.Contains(enrolment.Id), person.FullName);
                if (isNew)
                {
                    Db.Enrolments.Add(enrolment);
                    TakePlaces(state, enrolment, person);
                }
                else if (enrolment.Status == EnrolmentStatus.DroppedOut && Db.Entry(enrolment).Property(e => e.Status).OriginalValue != EnrolmentStatus.DroppedOut)
                    FreePlaces(state);
                if (isNew || recompute) computed.Add((enrolment, course));
            }
            catch (Exception refused) when (refused is ValidationFailedException or ConflictException)
            {
                if (!isNew) Undo(enrolment!);
                var (message, column) = Explain(refused);
                item.Reject(message, column);
                continue;
            }
            item.Saved(enrolment);
        }
        await support.ComputeManyAsync(computed, _supportedInRun, cancellationToken);
    }

    /// <summary>Applies the row's changes to the enrolment through each form's rule, in the order a course lives them; returns whether the support must be worked out again.</summary>
    private bool Change(Enrolment enrolment, KnownCourse state, Row row, bool certified, string learnerName)
    {
        var course = state.Course;
        if (row.EnrolledOn is { } enrolledOn && enrolledOn != enrolment.EnrolledOn)
        {
            if (enrolledOn > _today || enrolledOn > course.EndDate)
                throw new ValidationFailedException(nameof(Row.EnrolledOn), "Ngày ghi danh không được sau hôm nay hoặc sau ngày kết thúc lớp.");
            enrolment.EnrolledOn = enrolledOn;
        }

        var recompute = false;
        if ((row.DistanceKm is { } km && km != enrolment.DistanceKm) || (row.TravelFare is { } fare && fare != enrolment.TravelFare)
            || (row.OtherPolicyPaid is { } other && other != enrolment.OtherPolicyPaid))
        {
            EnrolmentTravel.Handler.EnsureOpen(course);
            enrolment.DistanceKm = row.DistanceKm ?? enrolment.DistanceKm;
            enrolment.TravelFare = row.TravelFare ?? enrolment.TravelFare;
            enrolment.OtherPolicyPaid = row.OtherPolicyPaid ?? enrolment.OtherPolicyPaid;
            recompute = true;
        }

        if (row.DaysAttended is { } days && days != enrolment.DaysAttended)
        {
            Attendance.Handler.EnsureSummary(course);
            if (Attendance.Handler.DaysRefusal(course, days) is { } refusal)
                throw new ValidationFailedException(nameof(Row.DaysAttended), char.ToUpperInvariant(refusal[0]) + refusal[1..]);
            enrolment.DaysAttended = days;
        }

        switch (row.Result)
        {
            case EnrolmentStatus.DroppedOut:
                if (enrolment.Status == EnrolmentStatus.DroppedOut)
                {
                    if (enrolment.DroppedOn != row.DroppedOn || enrolment.DropReason != row.DropReason!.Trim())
                        throw new ConflictException($"Người học đã được ghi nhận bỏ học ngày {Fmt.Date(enrolment.DroppedOn)} (lý do: {enrolment.DropReason}); ngày và lý do bỏ học không sửa qua tệp nhập.");
                    break;
                }
                Dropout.Record(enrolment, course, new Dropout.Command { DroppedOn = row.DroppedOn, Reason = row.DropReason! }, _today);
                recompute = true;
                break;
            case { } status:
                var result = new Assessment.Row
                {
                    EnrolmentId = enrolment.Id, Score = row.Score, PassReason = row.PassReason,
                    Outcome = status switch { EnrolmentStatus.Completed => ResultOutcome.Passed, EnrolmentStatus.Failed => ResultOutcome.Failed, _ => ResultOutcome.Pending },
                };
                if (!Assessment.Changes(enrolment, result)) break;
                if (enrolment.Status == EnrolmentStatus.DroppedOut)
                    throw new ConflictException($"Người học đã bỏ học ngày {Fmt.Date(enrolment.DroppedOn)}: không ghi kết quả học tập được.");
                Assessment.EnsureOpenForResults(course);
                if (status != EnrolmentStatus.Enrolled && Assessment.DateRefusal(course, row.ResultOn, _today) is { } refusal)
                    throw new ValidationFailedException(nameof(Row.ResultOn), refusal);
                if (Assessment.Refusals(course, enrolment, learnerName, result, certified, state.MinimumAttendancePercent).FirstOrDefault() is { } error)
                    throw new ValidationFailedException(error.Field switch
                    {
                        nameof(Assessment.Row.Score) => nameof(Row.Score),
                        nameof(Assessment.Row.PassReason) => nameof(Row.PassReason),
                        _ => nameof(Row.Result),
                    }, error.Message);
                Assessment.Record(enrolment, result, row.ResultOn ?? _today);
                break;
        }
        return recompute;
    }

    private static (string Message, string? Column) Explain(Exception refused) => refused switch
    {
        ValidationFailedException invalid => (invalid.Errors[0].Message, ColumnOf(invalid.Errors[0].Field)),
        _ => (refused.Message, null),
    };

    /// <summary>The forms name their own fields; the row's column is the one holding the value at fault.</summary>
    private static string? ColumnOf(string field) => field switch
    {
        nameof(Enrol.Command.LearnerId) => nameof(Row.Cccd),
        nameof(Dropout.Command.DroppedOn) => nameof(Row.DroppedOn),
        nameof(Row.EnrolledOn) or nameof(Row.DaysAttended) or nameof(Row.ResultOn) or nameof(Row.Score) or nameof(Row.Result) or nameof(Row.PassReason) => field,
        _ => null,
    };

    private void TakePlaces(KnownCourse state, Enrolment enrolment, Enrol.Person person)
    {
        if (enrolment.Status == EnrolmentStatus.DroppedOut) return;
        var course = state.Course;
        state.SeatsTaken++;
        if (course.OrderId is { } orderId) _orders[orderId] = _orders[orderId] with { Taken = _orders[orderId].Taken + 1 };
        if (!_taughtInRun.TryGetValue(person.Id, out var taught)) _taughtInRun[person.Id] = taught = [];
        taught.Add(new Taught(course.Id, course.StartDate, course.EndDate,
            new Overlaps.Clash(person.Id, course.Id, course.Name, state.InstitutionName, course.StartDate, course.EndDate)));
    }

    private void FreePlaces(KnownCourse state)
    {
        state.SeatsTaken--;
        if (state.Course.OrderId is { } orderId) _orders[orderId] = _orders[orderId] with { Taken = _orders[orderId].Taken - 1 };
    }

    /// <summary>
    /// The courses of the batch not met before, with the seats taken in each and the places under
    /// their orders as the database holds them when first met; later rows count on from there, so
    /// a dry run (which saves nothing) and the commit see the same numbers.
    /// </summary>
    private async Task LoadCoursesAsync(List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return;
        var found = await Db.Courses.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { Course = c, InstitutionName = c.Institution.Name }).ToListAsync(cancellationToken);
        var seats = await Enrol.SeatsTakenAsync(Db, ids, cancellationToken);
        var orderIds = found.Where(f => f.Course.OrderId is { } o && !_orders.ContainsKey(o)).Select(f => f.Course.OrderId!.Value).Distinct().ToList();
        if (orderIds.Count > 0)
            foreach (var (id, places) in await Enrol.OrderPlacesAsync(Db, orderIds, cancellationToken))
                _orders[id] = places;
        foreach (var id in ids) _courses[id] = null;
        var unseen = ids.Except(found.Select(f => f.Course.Id)).ToList();
        // Whether a course the caller cannot see exists at all, so the row says "not yours" rather than "no such course"; nothing more is told of it.
        if (unseen.Count > 0)
            _elsewhere.UnionWith(await Db.Courses.IgnoreQueryFilters().Where(c => unseen.Contains(c.Id)).Select(c => c.Id).ToListAsync(cancellationToken));
        var minimumPercents = await InstitutionAttendance.MinimumPercentsAsync(Db, found.Select(f => f.Course.InstitutionId).ToList(), cancellationToken);
        foreach (var f in found)
            _courses[f.Course.Id] = new KnownCourse(f.Course, f.InstitutionName, CourseAccess.MayKeep(Db.Scope, f.Course.InstitutionId, f.Course.ProvinceId),
                minimumPercents[f.Course.InstitutionId])
            {
                SeatsTaken = seats.GetValueOrDefault(f.Course.Id),
            };
    }

    private void Undo(Enrolment enrolment)
    {
        var entry = Db.Entry(enrolment);
        entry.CurrentValues.SetValues(entry.OriginalValues);
        entry.State = EntityState.Unchanged;
    }

    public override async Task<ImportSample> SampleAsync(CancellationToken cancellationToken)
    {
        var sample = await base.SampleAsync(cancellationToken);
        var scope = Db.Scope;
        var courses = await Db.Courses.AsNoTracking()
            .Where(c => c.State == CourseState.Open || c.State == CourseState.Running || c.State == CourseState.Finished)
            .OrderByDescending(c => c.StartDate).ThenBy(c => c.Id).Take(2_000)
            .Select(c => new { c.Id, c.Name, c.InstitutionId, c.ProvinceId, Institution = c.Institution.Name, c.StartDate, c.EndDate, c.State, c.Capacity, c.AttendanceMode })
            .ToListAsync(cancellationToken);
        var mine = courses.Where(c => CourseAccess.MayKeep(scope, c.InstitutionId, c.ProvinceId)).ToList();
        var examples = new Dictionary<string, string>(sample.Examples)
        {
            [nameof(Row.EnrolledOn)] = Fmt.Date(_today == default ? VietnamTime.Today(clock) : _today),
        };
        if (mine.FirstOrDefault() is { } first) examples[nameof(Row.CourseId)] = first.Id.ToString(VietnameseFormat.Culture);
        return new ImportSample(examples,
        [
            new ImportList("Lớp đào tạo", ["Mã lớp", "Tên lớp", "Cơ sở đào tạo", "Khai giảng", "Kết thúc", "Trạng thái", "Sĩ số", "Điểm danh"],
                mine.Select(c => (IReadOnlyList<string>)[c.Id.ToString(VietnameseFormat.Culture), c.Name, c.Institution, Fmt.Date(c.StartDate), Fmt.Date(c.EndDate),
                    Fmt.Enum(c.State), Fmt.Number(c.Capacity), Fmt.Enum(c.AttendanceMode)]).ToList()),
            new ImportList("Kết quả", ["Kết quả"], ResultChoices.Select(r => (IReadOnlyList<string>)[r]).ToList()),
        ]);
    }
}
