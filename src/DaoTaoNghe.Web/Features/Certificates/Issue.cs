using System.Data.Common;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DaoTaoNghe.Features.Certificates;

/// <summary>
/// Issues certificates to learners who completed a course: one valid certificate per enrolment,
/// numbered in the institution's series for the year of issue. The numbers are reserved on the
/// institution's counter row (UPDATE … RETURNING) in the same transaction as the certificates'
/// inserts: concurrent issuers of one institution queue on that row, and a failed issue rolls its
/// numbers back with it, so the series has no gaps and no number twice.
/// </summary>
public static class Issue
{
    public sealed class Command
    {
        /// <summary>Default: today.</summary>
        public DateOnly? IssuedOn { get; set; }
    }

    public sealed class Handler(AppDbContext db, TimeProvider clock) : IHandler
    {
        public async Task<int> IssueAsync(int enrolmentId, DateOnly? issuedOn, CancellationToken cancellationToken = default)
        {
            var enrolment = await TrainingRecords.Enrolments(db).AsNoTracking().Where(e => e.Id == enrolmentId).Select(e => new { e.Id, e.CourseId }).SingleOrDefaultAsync(cancellationToken)
                            ?? throw new NotFoundException("Không tìm thấy người học trong lớp hoặc bạn không có quyền xem.");
            return (await IssueManyAsync(enrolment.CourseId, [enrolment.Id], issuedOn, cancellationToken)).Single();
        }

        /// <summary>Every learner of the course who completed it and holds no valid certificate yet.</summary>
        public async Task<List<int>> IssueForCourseAsync(int courseId, DateOnly? issuedOn, CancellationToken cancellationToken = default)
        {
            await CourseAsync(courseId, cancellationToken);
            var waiting = await TrainingRecords.Enrolments(db).AsNoTracking()
                .Where(e => e.CourseId == courseId && e.Status == EnrolmentStatus.Completed
                            && !db.Certificates.Any(c => c.EnrolmentId == e.Id && c.RevokedOn == null))
                .OrderBy(e => e.Learner.SearchName).ThenBy(e => e.Id)
                .Select(e => e.Id).ToListAsync(cancellationToken);
            if (waiting.Count == 0) throw new ConflictException("Không có người học nào đã hoàn thành mà chưa được cấp chứng chỉ.");
            return await IssueManyAsync(courseId, waiting, issuedOn, cancellationToken);
        }

        private sealed record CourseToCertify(
            int InstitutionId, int ProvinceId, string Institution, string? ShortName, string Occupation, TrainingLevel Level, DateOnly StartDate, DateOnly EndDate);

        /// <summary>The course as printed on its certificates: not found when out of scope, refused to those who only read it.</summary>
        private async Task<CourseToCertify> CourseAsync(int courseId, CancellationToken cancellationToken)
        {
            var course = await TrainingRecords.Courses(db).AsNoTracking().Where(c => c.Id == courseId)
                             .Select(c => new CourseToCertify(c.InstitutionId, c.ProvinceId, c.Institution.Name, c.Institution.ShortName, c.Occupation.Name,
                                 c.Level, c.StartDate, c.EndDate))
                             .SingleOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException("Không tìm thấy lớp đào tạo hoặc bạn không có quyền xem.");
            if (!CourseAccess.MayKeep(db.Scope, course.InstitutionId, course.ProvinceId) || db.Scope.IsReadOnly) throw new ForbiddenException();
            return course;
        }

        private async Task<List<int>> IssueManyAsync(int courseId, IReadOnlyList<int> enrolmentIds, DateOnly? issuedOn, CancellationToken cancellationToken)
        {
            var course = await CourseAsync(courseId, cancellationToken);
            var today = VietnamTime.Today(clock);
            var date = issuedOn ?? today;
            if (date > today) throw new ValidationFailedException(nameof(Command.IssuedOn), "Ngày cấp không được sau hôm nay.");

            var learners = await TrainingRecords.Enrolments(db).AsNoTracking().Where(e => e.CourseId == courseId && enrolmentIds.Contains(e.Id))
                .Select(e => new { e.Id, e.Status, e.ResultOn, e.Learner.FullName, e.Learner.BirthDate }).ToListAsync(cancellationToken);
            foreach (var learner in learners)
            {
                if (learner.Status != EnrolmentStatus.Completed)
                    throw new ConflictException($"{learner.FullName} chưa hoàn thành khóa học (trạng thái \"{Fmt.Enum(learner.Status)}\"): chưa cấp được chứng chỉ.");
                if (learner.ResultOn > date)
                    throw new ValidationFailedException(nameof(Command.IssuedOn), $"Ngày cấp không được trước ngày công nhận kết quả của {learner.FullName} ({Fmt.Date(learner.ResultOn)}).");
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var last = await ReserveAsync(course.InstitutionId, date.Year, learners.Count, cancellationToken);
            // Checked after the counter row is locked: a concurrent issue for the same learner has committed by now, and rolling back returns the numbers.
            if (await db.Certificates.IgnoreQueryFilters().AnyAsync(c => enrolmentIds.Contains(c.EnrolmentId) && c.RevokedOn == null, cancellationToken))
                throw new ConflictException("Người học đã có chứng chỉ còn hiệu lực của lớp này.");
            var code = CertificateNumbers.InstitutionCode(course.ShortName, course.Institution);
            var now = clock.GetUtcNow().UtcDateTime;
            var certificates = learners.Select((l, i) =>
            {
                var sequence = last - learners.Count + 1 + i;
                return new Certificate
                {
                    EnrolmentId = l.Id, InstitutionId = course.InstitutionId, ProvinceId = course.ProvinceId, Year = date.Year, Sequence = sequence,
                    Number = CertificateNumbers.Format(code, date.Year, sequence), VerificationCode = CertificateNumbers.NewVerificationCode(),
                    IssuedOn = date, IssuedBy = db.Scope.UserName ?? "", HolderName = l.FullName, HolderBirthDate = l.BirthDate,
                    OccupationName = course.Occupation, Level = course.Level, InstitutionName = course.Institution, CourseStart = course.StartDate,
                    CourseEnd = course.EndDate, CreatedAt = now,
                };
            }).ToList();
            db.Certificates.AddRange(certificates);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return certificates.Select(c => c.Id).ToList();
        }

        /// <summary>Takes the next <paramref name="count"/> numbers of the institution's series for the year; returns the last one taken.</summary>
        private async Task<int> ReserveAsync(int institutionId, int year, int count, CancellationToken cancellationToken)
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO certificate_counters (institution_id, year, last_number) VALUES ({institutionId}, {year}, 0) ON CONFLICT (institution_id, year) DO NOTHING",
                cancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            command.CommandText = "UPDATE certificate_counters SET last_number = last_number + @count WHERE institution_id = @institution AND year = @year RETURNING last_number";
            Add(command, "count", count);
            Add(command, "institution", institutionId);
            Add(command, "year", year);
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
        }

        private static void Add(DbCommand command, string name, int value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }
}
