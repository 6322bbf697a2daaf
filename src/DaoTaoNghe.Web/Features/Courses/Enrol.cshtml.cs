using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Orders;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
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

namespace DaoTaoNghe.Features.Courses;

/// <summary>
/// Enrols a learner in a course (ghi danh). Communes register people; institutions enrol them and
/// do not register walk-ins. The enroller names a learner they already see (the province admin: the
/// province's; an institution: those enrolled with it before), or identifies a person the commune
/// registered by the papers in hand: CCCD and birth date, or, without a CCCD, full name, birth date
/// and commune of residence, all matching exactly within the course's province. Refused, each with
/// its reason: a course not open or running, a learner already in it, below 15 or past working age
/// (<see cref="WorkingAge"/>), taught in another course over the same days, a full course, an order
/// whose quota is reached. Support is then computed from the rules in force on the start date; a
/// person already supported under a once-per-person rule set is enrolled with none, and told so.
/// </summary>
[Authorize(Policy = CoursePolicies.Keep)]
public class Enrol(Enrol.Handler handler, Details.Handler details, IValidator<Enrol.Command> validator, UnitChoices units, AppDbContext db) : PageModel
{
    /// <summary>Open to the exchange's upsert, which adds the course by the sender's own key (<see cref="CoursesExchangeApi"/>).</summary>
    public class Command
    {
        [Display(Name = "Người học")] public int? LearnerId { get; set; }
        [Display(Name = "Số CCCD")] public string? Cccd { get; set; }
        [Display(Name = "Họ và tên")] public string? FullName { get; set; }
        [Display(Name = "Ngày sinh")] public DateOnly? BirthDate { get; set; }
        [Display(Name = "Xã, phường nơi cư trú")] public int? CommuneId { get; set; }
        [Display(Name = "Khoảng cách từ nơi ở đến nơi học (km)")] public double? DistanceKm { get; set; }
        [Display(Name = "Giá vé phương tiện công cộng cả khóa (đồng)")] public long? TravelFare { get; set; }
        [Display(Name = "Đã được hỗ trợ đào tạo theo chính sách khác của Nhà nước")] public bool OtherPolicyPaid { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.LearnerId).NotNull()
                .When(c => string.IsNullOrWhiteSpace(c.Cccd) && string.IsNullOrWhiteSpace(c.FullName))
                .WithMessage("Vui lòng nhập số CCCD và ngày sinh, hoặc họ tên, ngày sinh và xã nơi cư trú của người học.");
            RuleFor(c => c.BirthDate).NotNull().When(c => c.LearnerId is null && (!string.IsNullOrWhiteSpace(c.Cccd) || !string.IsNullOrWhiteSpace(c.FullName)))
                .WithMessage("Vui lòng nhập ngày sinh của người học (như trên giấy tờ).");
            RuleFor(c => c.Cccd).Must(c => Learners.Cccd.Normalize(c) is { Length: Learners.Cccd.Length } n && n.All(char.IsAsciiDigit))
                .When(c => c.LearnerId is null && !string.IsNullOrWhiteSpace(c.Cccd))
                .WithMessage("Số CCCD phải gồm đúng 12 chữ số.");
            RuleFor(c => c.CommuneId).NotNull().When(c => c.LearnerId is null && string.IsNullOrWhiteSpace(c.Cccd) && !string.IsNullOrWhiteSpace(c.FullName))
                .WithMessage("Người học không có số CCCD: vui lòng chọn xã, phường nơi cư trú.");
            RuleFor(c => c.FullName).MaximumLength(100).WithMessage("Họ và tên tối đa 100 ký tự.");
            RuleFor(c => c.DistanceKm).InclusiveBetween(0, 1000).WithMessage("Khoảng cách phải từ 0 đến 1.000 km.");
            RuleFor(c => c.TravelFare).InclusiveBetween(0, 100_000_000).WithMessage("Giá vé phải từ 0 đến 100.000.000 đ.");
        }
    }

    public sealed record Result(int EnrolmentId, string LearnerName, long SupportTotal, bool AlreadySupported);

    public sealed class Handler(AppDbContext db, IValidator<Command> validator, Overlaps overlaps, EnrolmentSupport support, CccdLookups lookups, TimeProvider clock) : IHandler
    {
        public async Task<Result> HandleAsync(int courseId, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            var course = await CourseAccess.FindToKeepAsync(db, courseId, cancellationToken, tracked: false);
            EnsureEnrolling(course);
            var learner = await ResolveAsync(command, course.ProvinceId, cancellationToken);

            var enrolment = new Enrolment
            {
                CourseId = course.Id, LearnerId = learner.Id, InstitutionId = course.InstitutionId, ProvinceId = course.ProvinceId,
                ResidenceCommuneId = learner.CommuneId, EnrolledOn = VietnamTime.Today(clock), Status = EnrolmentStatus.Enrolled,
                DistanceKm = command.DistanceKm, TravelFare = command.TravelFare, OtherPolicyPaid = command.OtherPolicyPaid,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            // Everything that does not count this course's seats is read before its lock: other courses' dates and the
            // person's support (another course's lock guards neither), so enrolments in one course wait on each other only
            // for the seat count and the insert, and the enrolment is written once (one audit line, one change).
            var clash = (await overlaps.FindAsync([learner.Id], course.StartDate, course.EndDate, course.Id, cancellationToken)).FirstOrDefault();
            var alreadySupported = await support.ComputeAsync(enrolment, course, cancellationToken, identified: true);

            // An upsert by the sender's key enrols inside its own transaction, which then commits the key too.
            await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
            await CourseAccess.LockAsync(db, course.Id, course.OrderId, cancellationToken);
            var (seats, alreadyIn) = await SeatsAndLearnerAsync(db, course.Id, learner.Id, cancellationToken);
            var order = course.OrderId is { } orderId ? (await OrderPlacesAsync(db, [orderId], cancellationToken))[orderId] : null;
            Check(course, learner, new Places(alreadyIn, clash, seats, order));

            db.Enrolments.Add(enrolment);
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null) await transaction.CommitAsync(cancellationToken);
            return new Result(enrolment.Id, learner.FullName, enrolment.SupportTotal, alreadySupported);
        }

        private async Task<Person> ResolveAsync(Command command, int provinceId, CancellationToken cancellationToken)
        {
            if (command.LearnerId is { } id)
                return await Project(LearnerDirectory.Visible(db).Where(l => l.Id == id && l.MergedIntoId == null)).SingleOrDefaultAsync(cancellationToken)
                       ?? throw new ValidationFailedException(nameof(Command.LearnerId),
                           "Không tìm thấy người học này trong phạm vi của bạn. Hãy tìm người học theo số CCCD và ngày sinh.");

            // Identification by the papers in hand reaches past the caller's view, within the course's province only.
            var registered = LearnerDirectory.PastScope(db).Where(l => l.MergedIntoId == null && l.ProvinceId == provinceId && l.BirthDate == command.BirthDate);
            var number = Learners.Cccd.Normalize(command.Cccd);
            if (number is not null)
                return await lookups.RunAsync(number, "Ghi danh theo giấy tờ (số CCCD và ngày sinh)",
                           () => Project(registered.Where(l => l.Cccd == number)).SingleOrDefaultAsync(cancellationToken),
                           p => p is null ? [] : [p.Id], cancellationToken)
                       ?? throw new ValidationFailedException(nameof(Command.Cccd), NotRegistered);

            var name = TextSearch.Normalize(command.FullName!);
            var found = await Project(registered.Where(l => l.SearchName == name && l.CommuneId == command.CommuneId)).Take(2).ToListAsync(cancellationToken);
            return found.Count switch
            {
                1 => found[0],
                0 => throw new ValidationFailedException(nameof(Command.FullName),
                    "Không tìm thấy người học có họ tên, ngày sinh và xã nơi cư trú này trong tỉnh. Người học cần được UBND xã nơi cư trú đăng ký trước khi ghi danh."),
                _ => throw new ValidationFailedException(nameof(Command.FullName),
                    "Có nhiều hồ sơ cùng họ tên, ngày sinh và xã nơi cư trú: hãy dùng số CCCD, hoặc đề nghị UBND xã gộp các hồ sơ trùng."),
            };
        }

        /// <summary>The seats held in the course and whether the person holds one of them, in one read under the course's lock.</summary>
        private static async Task<(int Seats, bool AlreadyIn)> SeatsAndLearnerAsync(AppDbContext db, int courseId, int learnerId, CancellationToken cancellationToken)
        {
            var held = await db.Enrolments.IgnoreQueryFilters().Where(e => e.CourseId == courseId).GroupBy(e => e.CourseId)
                .Select(g => new { Seats = g.Count(e => e.Status != EnrolmentStatus.DroppedOut), Mine = g.Count(e => e.LearnerId == learnerId) })
                .SingleOrDefaultAsync(cancellationToken);
            return (held?.Seats ?? 0, held?.Mine > 0);
        }
    }

    /// <summary>A person as enrolment checks them: age and the elderly-able-to-work category decide working age.</summary>
    public sealed record Person(int Id, string FullName, string SearchName, string? Cccd, DateOnly BirthDate, Sex Sex, int CommuneId, bool Elderly);

    public const string NotRegistered =
        "Không tìm thấy người học có số CCCD và ngày sinh này trong tỉnh. Người học cần được UBND xã nơi cư trú đăng ký trước khi ghi danh.";

    public static IQueryable<Person> Project(IQueryable<Learner> learners) =>
        learners.Select(l => new Person(l.Id, l.FullName, l.SearchName, l.Cccd, l.BirthDate, l.Sex, l.CommuneId,
            l.Priorities.Any(p => p.Category == PriorityCategory.ElderlyAbleToWork)));

    /// <summary>An order's quota and the places taken under it.</summary>
    public sealed record OrderPlaces(int Quota, int Taken);

    /// <summary>What enrolling one person in a course depends on beyond the two records, gathered by the caller (the form for one person, an import for a batch).</summary>
    public sealed record Places(bool AlreadyIn, Overlaps.Clash? Clash, int SeatsTaken, OrderPlaces? Order);

    public static void EnsureEnrolling(Course course)
    {
        if (course.State is not (CourseState.Open or CourseState.Running))
            throw new ConflictException(CourseAccess.StateRefusal(course, "ghi danh") + " Lớp phải đang tuyển sinh hoặc đang học.");
    }

    /// <summary>The enrolment rules, in the order the form reports them: already in the course, working age, another course over the same days, seats, the order's quota.</summary>
    public static void Check(Course course, Person learner, Places places)
    {
        if (places.AlreadyIn)
            throw new ValidationFailedException(nameof(Command.LearnerId), $"{learner.FullName} đã có tên trong lớp này.");
        if (WorkingAge.Refusal(learner.BirthDate, learner.Sex, learner.Elderly, course.StartDate) is { } age)
            throw new ValidationFailedException(nameof(Command.LearnerId), age);
        if (places.Clash is { } clash)
            throw new ValidationFailedException(nameof(Command.LearnerId),
                $"{learner.FullName} đang học {clash.Describe()}, trùng thời gian với lớp này ({Fmt.Date(course.StartDate)}–{Fmt.Date(course.EndDate)}).");
        if (places.SeatsTaken >= course.Capacity)
            throw new ConflictException($"Lớp đã đủ sĩ số {Fmt.Number(course.Capacity)} người: không ghi danh thêm được.");
        if (places.Order is { } order && order.Taken >= order.Quota)
            throw new ConflictException($"Đơn đặt hàng của lớp đã đủ chỉ tiêu {Fmt.Number(order.Quota)} người: không ghi danh thêm được.");
    }

    /// <summary>Seats held in each course (every enrolment but dropouts), read past the caller's scope.</summary>
    public static async Task<Dictionary<int, int>> SeatsTakenAsync(AppDbContext db, IReadOnlyCollection<int> courseIds, CancellationToken cancellationToken) =>
        await db.Enrolments.IgnoreQueryFilters().Where(e => courseIds.Contains(e.CourseId) && e.Status != EnrolmentStatus.DroppedOut)
            .GroupBy(e => e.CourseId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>Each order's quota and the places taken under it on courses not cancelled, read past the caller's scope.</summary>
    public static async Task<Dictionary<int, OrderPlaces>> OrderPlacesAsync(AppDbContext db, IReadOnlyCollection<int> orderIds, CancellationToken cancellationToken)
    {
        var quotas = await OrderDirectory.PastScope(db).Where(o => orderIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Quota, cancellationToken);
        var taken = await db.Enrolments.IgnoreQueryFilters()
            .Where(e => e.Course.OrderId != null && orderIds.Contains(e.Course.OrderId.Value) && e.Course.State != CourseState.Cancelled && e.Status != EnrolmentStatus.DroppedOut)
            .GroupBy(e => e.Course.OrderId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return quotas.ToDictionary(q => q.Key, q => new OrderPlaces(q.Value, taken.GetValueOrDefault(q.Key)));
    }

    public sealed record Candidate(int Id, string FullName, DateOnly BirthDate, string? Cccd, string CommuneName);

    [BindProperty]
    public Command Data { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    public Details.Result Course { get; private set; } = null!;
    public List<Candidate> Candidates { get; private set; } = [];
    public List<SelectListItem> Communes { get; private set; } = [];

    public Task OnGetAsync(int id, CancellationToken cancellationToken) => LoadAsync(id, cancellationToken);

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        this.SubmitAsync(validator, Data,
            save: () => this.ActAsync(async () =>
            {
                var result = await handler.HandleAsync(id, Data, cancellationToken);
                TempData["Message"] = $"Đã ghi danh {result.LearnerName}; hỗ trợ tính được {Fmt.Money(result.SupportTotal)}."
                                      + (result.AlreadySupported ? " Người này đã được hỗ trợ theo cùng chính sách ở khóa học khác nên không được hỗ trợ lần nữa." : "");
                return RedirectToPage(new { id });
            }, () => LoadAsync(id, cancellationToken)),
            reload: () => LoadAsync(id, cancellationToken));

    private async Task LoadAsync(int id, CancellationToken cancellationToken)
    {
        Course = await details.HandleAsync(id, cancellationToken);
        if (!Course.MayKeep) throw new ForbiddenException();
        Communes = await units.CurrentCommunesAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(Search)) return;
        var learners = LearnerDirectory.Visible(db).AsNoTracking().Where(l => l.MergedIntoId == null);
        var digits = Learners.Cccd.Normalize(Search)!;
        learners = digits.All(char.IsAsciiDigit) && digits.Length >= 3
            ? learners.Where(l => EF.Functions.Like(l.Cccd!, "%" + digits + "%"))
            : learners.WhereNameHasWords(l => l.SearchName, Search, db.Database.IsNpgsql());
        var scope = db.Scope;
        Candidates = (await learners.OrderBy(l => l.SearchName).Take(20)
                .Select(l => new Candidate(l.Id, l.FullName, l.BirthDate, l.Cccd, l.Commune.Name)).ToListAsync(cancellationToken))
            .Select(c => c with { Cccd = LearnerAccess.ShowCccd(scope, c.Cccd) }).ToList();
    }
}
