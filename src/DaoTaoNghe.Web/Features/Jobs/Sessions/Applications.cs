using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.FollowUps;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Notifications;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Sessions;

/// <summary>Puts a registered person forward for an open vacancy, at a session (who came to it) or directly.</summary>
public static class Propose
{
    public sealed class Command
    {
        [Display(Name = "Tin tuyển dụng")] public int? VacancyId { get; set; }
        [Display(Name = "Số CCCD người tìm việc")] public string? Cccd { get; set; }
        [Display(Name = "Phiên giao dịch")] public int? SessionId { get; set; }

        /// <summary>The person chosen from a match list, who may have no CCCD on record; when given, the CCCD is not asked.</summary>
        [Display(Name = "Người tìm việc")] public int? LearnerId { get; set; }
    }

    public sealed class Handler(AppDbContext db, CccdLookups lookups, TimeProvider clock, Notifier notifier) : IHandler
    {
        public async Task<int> HandleAsync(Command command, CancellationToken cancellationToken = default)
        {
            Placement.EnsureMayPlace(db);
            if (command.VacancyId is null) throw new ValidationFailedException(nameof(Command.VacancyId), "Vui lòng chọn tin tuyển dụng.");
            var person = command.LearnerId is { } chosen
                ? await LearnerDirectory.Visible(db).AsNoTracking().Where(l => l.Id == chosen && l.MergedIntoId == null).Select(l => new PersonLookup.Person(l.Id, l.FullName))
                      .SingleOrDefaultAsync(cancellationToken)
                  ?? throw new ValidationFailedException(nameof(Command.LearnerId), "Người học không tồn tại hoặc nằm ngoài phạm vi của bạn.")
                : await PersonLookup.PersonByCccdAsync(db, lookups, command.Cccd, nameof(Command.Cccd), cancellationToken);
            var learnerId = person.Id;
            var vacancy = await db.Vacancies.AsNoTracking().Where(v => v.Id == command.VacancyId).Select(v => new { v.Id, v.EnterpriseId, v.ProvinceId })
                              .SingleOrDefaultAsync(cancellationToken)
                          ?? throw new ValidationFailedException(nameof(Command.VacancyId), "Tin tuyển dụng không tồn tại hoặc nằm ngoài phạm vi của bạn.");
            if (command.SessionId is { } sessionId && !await db.JobSessions.AnyAsync(s => s.Id == sessionId, cancellationToken))
                throw new NotFoundException("Không tìm thấy phiên giao dịch việc làm hoặc bạn không có quyền xem.");
            if (await db.JobApplications.IgnoreQueryFilters().AnyAsync(a => a.VacancyId == vacancy.Id && a.LearnerId == learnerId, cancellationToken))
                throw new ValidationFailedException(command.LearnerId is null ? nameof(Command.Cccd) : nameof(Command.LearnerId), "Người này đã được giới thiệu vào tin tuyển dụng này.");
            var application = new JobApplication
            {
                VacancyId = vacancy.Id, EnterpriseId = vacancy.EnterpriseId, SessionId = command.SessionId, LearnerId = learnerId, ApplicantName = person.FullName,
                RecordedByOrganisationId = db.Scope.OrganisationId, ProvinceId = vacancy.ProvinceId, Status = ApplicationStatus.Proposed,
                ProposedOn = VietnamTime.Today(clock),
            };
            db.JobApplications.Add(application);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var title = await db.Vacancies.AsNoTracking().Where(v => v.Id == vacancy.Id).Select(v => v.Title).SingleAsync(cancellationToken);
            await notifier.NotifyAsync([new OrganisationMessage(vacancy.EnterpriseId, $"ung-vien:{application.Id}",
                $"Người được giới thiệu vào tin \"{title}\": {person.FullName}",
                $"Trung tâm dịch vụ việc làm giới thiệu {person.FullName} ngày {Fmt.Date(application.ProposedOn)}. Hãy hẹn phỏng vấn và báo kết quả cho trung tâm.",
                $"/Jobs/Vacancies/Details/{vacancy.Id}", NotificationKind.Hiring)], clock.GetUtcNow().UtcDateTime, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return application.Id;
        }
    }
}

/// <summary>
/// Moves an application on: proposed → interviewed → hired or rejected (a proposal may also be
/// rejected outright). A hire records the person's employment outcome through the follow-ups area in
/// the same save, so the hire and its outcome exist together or not at all, and a hire is final: it
/// cannot be recorded twice.
/// </summary>
public static class Advance
{
    public sealed class Handler(AppDbContext db, TimeProvider clock, Notifier notifier) : IHandler
    {
        /// <summary>Moves the application on <paramref name="on"/> (today when not given): the day of the interview, or of the hire or refusal.</summary>
        public async Task HandleAsync(int id, ApplicationStatus to, DateOnly? on = null, CancellationToken cancellationToken = default)
        {
            Placement.EnsureMayPlace(db);
            var application = await db.JobApplications.SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
                              ?? throw new NotFoundException("Không tìm thấy hồ sơ ứng tuyển hoặc bạn không có quyền xem.");
            var allowed = (application.Status, to) switch
            {
                (ApplicationStatus.Proposed, ApplicationStatus.Interviewed) => true,
                (ApplicationStatus.Proposed, ApplicationStatus.Rejected) => true,
                (ApplicationStatus.Interviewed, ApplicationStatus.Hired) => true,
                (ApplicationStatus.Interviewed, ApplicationStatus.Rejected) => true,
                _ => false,
            };
            if (!allowed)
                throw new ConflictException($"Hồ sơ đang ở trạng thái \"{Fmt.Enum(application.Status)}\", không chuyển sang \"{Fmt.Enum(to)}\" được.");
            var today = VietnamTime.Today(clock);
            var date = on ?? today;
            var earliest = application.InterviewedOn ?? application.ProposedOn;
            if (date < earliest || date > today)
                throw new ValidationFailedException("On",
                    $"Ngày {(to == ApplicationStatus.Interviewed ? "phỏng vấn" : to == ApplicationStatus.Hired ? "tuyển dụng" : "quyết định")} phải từ ngày "
                    + $"{(application.InterviewedOn is null ? "giới thiệu" : "phỏng vấn")} {Fmt.Date(earliest)} đến hôm nay.");
            application.Status = to;
            if (to == ApplicationStatus.Interviewed) application.InterviewedOn = date;
            else application.DecidedOn = date;
            if (to == ApplicationStatus.Hired)
                await EmploymentOutcomes.RecordAsync(db, new OutcomeFromElsewhere(application.LearnerId, date, EmploymentStatus.EmployedByEnterprise,
                    application.EnterpriseId, null, OutcomeSource.Hire, application.Id, LoanHelped: false, db.Scope.OrganisationId), clock, cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            if (to == ApplicationStatus.Hired)
                await notifier.NotifyAsync([new OrganisationMessage(application.EnterpriseId, $"tuyen-dung:{application.Id}",
                    $"Đã ghi nhận tuyển dụng: {application.ApplicantName}",
                    $"{application.ApplicantName} được ghi nhận đã tuyển ngày {Fmt.Date(date)}; người này được tính có việc làm từ ngày đó.",
                    $"/Jobs/Vacancies/Details/{application.VacancyId}", NotificationKind.Hiring)], clock.GetUtcNow().UtcDateTime, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}

/// <summary>Placing people is the employment centre's work (and the province admin's); enterprises read the applications to them.</summary>
public static class Placement
{
    public static void EnsureMayPlace(AppDbContext db)
    {
        if (!db.Scope.Holds(JobPolicies.Place)) throw new ForbiddenException();
    }
}
