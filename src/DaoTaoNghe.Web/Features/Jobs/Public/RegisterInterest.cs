using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Notifications;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Jobs.Public;

/// <summary>
/// Interest registered on the public site in a vacancy or a course. Anyone may send it, so it is
/// checked hard: a honeypot field people never see, server-side validation, and a per-address rate
/// limit (<see cref="PublicFormRateLimit"/>). The consent text shown is stored with the lead.
/// </summary>
public static partial class RegisterInterest
{
    public const string ConsentText =
        "Tôi đồng ý cung cấp họ tên, số điện thoại và xã, phường nơi tôi ở để doanh nghiệp tuyển dụng (với tin tuyển dụng) hoặc " +
        "UBND xã, phường (với lớp học nghề) liên hệ tư vấn cho tôi. Thông tin này không được công khai và chỉ dùng cho việc liên hệ đó " +
        "(Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15).";

    public class Command
    {
        [Display(Name = "Họ và tên")] public string FullName { get; set; } = "";
        [Display(Name = "Số điện thoại")] public string Phone { get; set; } = "";
        [Display(Name = "Xã, phường nơi ở")] public int? CommuneId { get; set; }
        [Display(Name = "Tôi đồng ý với nội dung trên")] public bool Consent { get; set; }

        /// <summary>The honeypot: hidden from people, filled by robots that fill every field.</summary>
        [Display(Name = "Trang web")] public string? Website { get; set; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.FullName).NotEmpty().WithMessage("Họ và tên: vui lòng nhập họ và tên.")
                .MaximumLength(100).WithMessage("Họ và tên: không được quá 100 ký tự.")
                .Must(n => NamePattern().IsMatch(n.Trim())).When(c => !string.IsNullOrWhiteSpace(c.FullName), ApplyConditionTo.CurrentValidator)
                .WithMessage("Họ và tên: chỉ gồm chữ cái, dấu cách và dấu nháy (vd: Giàng A Sử).");
            RuleFor(c => c.Phone).NotEmpty().WithMessage("Số điện thoại: vui lòng nhập số điện thoại.")
                .Must(p => PhonePattern().IsMatch(CleanPhone(p))).When(c => !string.IsNullOrWhiteSpace(c.Phone), ApplyConditionTo.CurrentValidator)
                .WithMessage("Số điện thoại: phải gồm 10 chữ số, bắt đầu bằng 0 (vd: 0912 345 678).");
            RuleFor(c => c.CommuneId).NotNull().WithMessage("Xã, phường nơi ở: vui lòng chọn xã, phường.");
            RuleFor(c => c.Consent).Equal(true).WithMessage("Đồng ý: vui lòng đánh dấu đồng ý để chúng tôi được liên hệ với bạn.");
        }
    }

    public static string CleanPhone(string? phone)
    {
        var digits = new string((phone ?? "").Where(c => !char.IsWhiteSpace(c) && c is not '.' and not '-').ToArray());
        return digits.StartsWith("+84") ? "0" + digits[3..] : digits;
    }

    [GeneratedRegex(@"^0\d{9}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[\p{L}\p{M}' ]+$")]
    private static partial Regex NamePattern();

    /// <summary>What the interest is for: a vacancy (reaches its enterprise) or a course (reaches the person's commune).</summary>
    public sealed record Target(LeadKind Kind, int Id, int ProvinceId, int? EnterpriseId, string Subject);

    public sealed class Handler(AppDbContext db, DataScopeAccessor scope, IValidator<Command> validator, TimeProvider clock, OpenCourses courses, Notifier notifier)
        : IHandler
    {
        public async Task<Target> VacancyAsync(int id, CancellationToken cancellationToken)
        {
            var today = VietnamTime.Today(clock);
            return await db.Vacancies.IgnoreQueryFilters().AsNoTracking().Where(v => v.Id == id && v.Deadline >= today)
                       .Select(v => new Target(LeadKind.Vacancy, v.Id, v.ProvinceId, v.EnterpriseId, v.Title)).SingleOrDefaultAsync(cancellationToken)
                   ?? throw new NotFoundException("Tin tuyển dụng không còn nhận hồ sơ hoặc không tồn tại.");
        }

        public async Task<Target> CourseAsync(int id, CancellationToken cancellationToken)
        {
            var course = await courses.Query(VietnamTime.Today(clock), id: id).SingleOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException("Lớp học không còn nhận đăng ký hoặc không tồn tại.");
            return new Target(LeadKind.Course, course.Id, course.ProvinceId, null, course.Name);
        }

        /// <summary>Today's communes of the target's province, for the "where do you live" choice.</summary>
        public Task<List<SelectListItem>> CommunesAsync(int provinceId, CancellationToken cancellationToken) =>
            UnitDirectory.Units(db).AsNoTracking()
                .Where(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.ProvinceId == provinceId)
                .OrderBy(u => u.Name).Select(u => new SelectListItem(u.Name, u.Id.ToString()))
                .ToListAsync(cancellationToken);

        /// <summary>Stores the lead; a filled honeypot is answered as if accepted and stores nothing.</summary>
        public async Task HandleAsync(Target target, Command command, CancellationToken cancellationToken = default)
        {
            await validator.EnsureValidAsync(command, cancellationToken);
            if (!string.IsNullOrEmpty(command.Website)) return;
            if (!await UnitDirectory.Units(db).AnyAsync(u => u.Id == command.CommuneId && u.Level == UnitLevel.Commune && u.ValidTo == null
                                                            && u.ProvinceId == target.ProvinceId, cancellationToken))
                throw new ValidationFailedException(nameof(Command.CommuneId), "Xã, phường nơi ở: vui lòng chọn một xã, phường trong danh sách.");
            var phone = CleanPhone(command.Phone);
            var searchName = TextSearch.Normalize(command.FullName);
            // The same person sending the same form again (a double click, a retry on a slow line) is one lead.
            if (await db.InterestLeads.IgnoreQueryFilters().AnyAsync(l => l.Kind == target.Kind
                    && (target.Kind == LeadKind.Vacancy ? l.VacancyId == target.Id : l.CourseId == target.Id)
                    && l.Phone == phone && l.SearchName == searchName && l.CommuneId == command.CommuneId, cancellationToken))
                return;
            var lead = new InterestLead
            {
                Kind = target.Kind,
                VacancyId = target.Kind == LeadKind.Vacancy ? target.Id : null,
                CourseId = target.Kind == LeadKind.Course ? target.Id : null,
                EnterpriseId = target.EnterpriseId,
                Subject = target.Subject,
                CommuneId = command.CommuneId!.Value,
                ProvinceId = target.ProvinceId,
                FullName = command.FullName.Trim(),
                SearchName = searchName,
                Phone = phone,
                ConsentText = ConsentText,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.InterestLeads.Add(lead);
            // An anonymous caller owns nothing, so the write guard would refuse; this one insert, checked
            // above and limited per address, is made on the system's behalf and audited as such.
            var caller = scope.Current;
            scope.Current = DataScope.System;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            finally
            {
                scope.Current = caller;
            }
            if (lead.EnterpriseId is { } enterpriseId)
                await notifier.NotifyAsync([new OrganisationMessage(enterpriseId, $"quan-tam:{lead.Id}", $"Người quan tâm tin \"{lead.Subject}\": {lead.FullName}",
                    $"{lead.FullName} đăng ký quan tâm trên trang việc làm công khai và đồng ý để doanh nghiệp liên hệ qua số điện thoại để lại.",
                    $"/Jobs/Leads?tin={lead.VacancyId}", NotificationKind.Hiring)], lead.CreatedAt, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
