using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// A person's own fields, as the create and edit forms and the API take them, with the two
/// confirmations entry may ask for: a CCCD that disagrees with the sex or birth year, and a
/// possible duplicate that is in fact another person.
/// </summary>
public partial class LearnerFields
{
    [Display(Name = "Họ và tên")] public string FullName { get; set; } = "";
    [Display(Name = "Ngày sinh")] public DateOnly? BirthDate { get; set; }
    [Display(Name = "Giới tính")] public Sex? Sex { get; set; }
    [Display(Name = "Số CCCD")] public string? Cccd { get; set; }
    [Display(Name = "Dân tộc")] public int? EthnicGroupId { get; set; }
    [Display(Name = "Số điện thoại")] public string? Phone { get; set; }
    [Display(Name = "Xã, phường nơi cư trú")] public int? CommuneId { get; set; }
    [Display(Name = "Thôn, bản, địa chỉ")] public string? Address { get; set; }
    [Display(Name = "Trình độ học vấn")] public EducationLevel? EducationLevel { get; set; }
    [Display(Name = "Đối tượng ưu tiên")] public List<PriorityCategory> Categories { get; set; } = [];

    [Display(Name = "Tôi đã kiểm tra: số CCCD đúng dù khác giới tính hoặc năm sinh đã nhập")]
    public bool ConfirmCccdMismatch { get; set; }

    [Display(Name = "Tôi đã kiểm tra: đây là người khác, không phải hồ sơ đã có")]
    public bool ConfirmNotDuplicate { get; set; }

    public static string? CleanPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = new string(phone.Where(c => !char.IsWhiteSpace(c) && c is not '.' and not '-').ToArray());
        return digits.StartsWith("+84") ? "0" + digits[3..] : digits;
    }

    [GeneratedRegex(@"^0\d{9}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[\p{L}\p{M}' ]+$")]
    private static partial Regex NamePattern();

    public class Validator : AbstractValidator<LearnerFields>
    {
        public Validator(TimeProvider clock)
        {
            RuleLevelCascadeMode = CascadeMode.Stop;
            var today = VietnamTime.Today(clock);
            RuleFor(c => c.FullName).NotEmpty().WithMessage("Vui lòng nhập họ và tên.")
                .MaximumLength(100).WithMessage("Họ và tên không được quá 100 ký tự.")
                .Must(n => NamePattern().IsMatch(n.Trim())).When(c => !string.IsNullOrWhiteSpace(c.FullName), ApplyConditionTo.CurrentValidator)
                .WithMessage("Họ và tên chỉ được gồm chữ cái, dấu cách và dấu nháy (vd: Giàng A Sử, H'Mông).");
            RuleFor(c => c.BirthDate).NotNull().WithMessage("Vui lòng nhập ngày sinh.")
                .Must(d => d >= new DateOnly(1930, 1, 1)).WithMessage("Ngày sinh phải từ năm 1930 trở đi.")
                .Must(d => d <= today.AddYears(-15)).WithMessage($"Người học phải từ đủ 15 tuổi (sinh không sau ngày {Fmt.Date(today.AddYears(-15))}).");
            RuleFor(c => c.Sex).NotNull().WithMessage("Vui lòng chọn giới tính.").IsInEnum().WithMessage("Giới tính không hợp lệ.");
            RuleFor(c => c.Cccd).Custom((cccd, context) =>
            {
                var error = Learners.Cccd.Check(cccd, context.InstanceToValidate.Sex, context.InstanceToValidate.BirthDate, today.Year).Error;
                if (error is not null) context.AddFailure(nameof(Cccd), error);
            });
            RuleFor(c => c.Phone).Must(p => PhonePattern().IsMatch(CleanPhone(p)!)).When(c => !string.IsNullOrWhiteSpace(c.Phone))
                .WithMessage("Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0 (vd: 0912 345 678).");
            RuleFor(c => c.CommuneId).NotNull().WithMessage("Vui lòng chọn xã, phường nơi cư trú.");
            RuleFor(c => c.Address).MaximumLength(300).WithMessage("Thôn, bản, địa chỉ không được quá 300 ký tự.");
            RuleFor(c => c.EducationLevel).IsInEnum().WithMessage("Trình độ học vấn không hợp lệ.");
            RuleForEach(c => c.Categories).IsInEnum().WithMessage("Đối tượng ưu tiên không hợp lệ.");
            RuleFor(c => c.Categories)
                .Must((c, categories) => !categories.Contains(PriorityCategory.WomanLostJob) || c.Sex == Catalogues.Sex.Female)
                .WithMessage("Đối tượng \"Lao động nữ bị mất việc làm\" chỉ áp dụng cho người có giới tính Nữ.")
                .Must((c, categories) => !categories.Contains(PriorityCategory.ElderlyAbleToWork) || c.BirthDate is null || c.BirthDate <= today.AddYears(-60))
                .WithMessage("Đối tượng \"Người cao tuổi còn khả năng lao động\" chỉ áp dụng cho người từ đủ 60 tuổi.");
        }
    }

    /// <summary>
    /// Applies the fields to a learner, with every check that needs the database: the commune in
    /// force today and in the caller's scope, a known ethnic group, consent before sensitive data,
    /// the CCCD held by no other active record, and the two confirmations. Reports all problems at once.
    /// </summary>
    public sealed class Writer(AppDbContext db, LearnerReview review, UnitChoices units, TimeProvider clock) : IHandler
    {
        /// <param name="household">This year's household status given with the fields, checked against the consent with them.</param>
        public async Task ApplyAsync(Learner learner, LearnerFields fields, CancellationToken cancellationToken, HouseholdStatus? household = null)
        {
            var today = VietnamTime.Today(clock);
            var errors = new List<FieldError>();
            if (!await units.IsWritableCommuneAsync(fields.CommuneId!.Value, today, cancellationToken))
                errors.Add(new(nameof(CommuneId), "Xã, phường đã chọn không còn hiệu lực hoặc nằm ngoài phạm vi của bạn."));
            if (fields.EthnicGroupId is { } ethnicGroup && !await EthnicGroupList.All(db).AnyAsync(e => e.Id == ethnicGroup, cancellationToken))
                errors.Add(new(nameof(EthnicGroupId), "Dân tộc đã chọn không có trong danh mục 54 dân tộc."));

            errors.AddRange(SensitiveData.Refusals(learner.HasConsentOn(today), fields.EthnicGroupId, fields.Categories, household)
                .Select(r => new FieldError(r.Field, r.Message)));

            var isNew = learner.Id == 0;
            var found = await review.ReviewAsync(fields.Cccd, fields.FullName, fields.BirthDate, fields.Sex, fields.CommuneId,
                isNew ? null : learner.Id, cancellationToken);
            // An edit asks again only about what it changes: a record's own, already confirmed facts are not questioned twice.
            var askDuplicates = isNew || learner.SearchName != TextSearch.Normalize(fields.FullName)
                || learner.BirthDate != fields.BirthDate || learner.CommuneId != fields.CommuneId;
            var mismatchConfirmedBefore = !isNew && learner.CccdMismatchConfirmed && learner.Cccd == found.Cccd.Number
                && learner.Sex == fields.Sex && learner.BirthDate.Year == fields.BirthDate!.Value.Year;
            errors.AddRange(Problems(found, fields, askDuplicates, mismatchConfirmedBefore));
            if (errors.Count > 0) throw new ValidationFailedException(errors);

            var communeBefore = learner.CommuneId;
            Assign(learner, fields, found.Cccd, (await units.ProvinceOfAsync(fields.CommuneId.Value, cancellationToken))!.Value);
            // Registered today, where they live today (a commune in force today); a corrected commune re-places the registration.
            if (isNew) learner.RegisteredCommuneId = learner.CommuneId;
            else if (learner.CommuneId != communeBefore) await Registrations.PlaceAsync(db, learner, cancellationToken);
            learner.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        }

        /// <summary>
        /// Copies checked fields onto the learner (the CCCD as <paramref name="cccd"/> read it, confirmed
        /// when it disagreed). Touches nothing that did not change, so an import can tell an unchanged record.
        /// </summary>
        public static void Assign(Learner learner, LearnerFields fields, CccdCheck cccd, int provinceId)
        {
            learner.SetName(fields.FullName);
            learner.BirthDate = fields.BirthDate!.Value;
            learner.Sex = fields.Sex!.Value;
            learner.Cccd = cccd.Number;
            learner.CccdMismatchConfirmed = cccd.Warnings.Count > 0;
            learner.EthnicGroupId = fields.EthnicGroupId;
            learner.Phone = CleanPhone(fields.Phone);
            learner.CommuneId = fields.CommuneId!.Value;
            learner.ProvinceId = provinceId;
            learner.Address = string.IsNullOrWhiteSpace(fields.Address) ? null : fields.Address.Trim();
            learner.EducationLevel = fields.EducationLevel;
            var wanted = fields.Categories.Distinct().ToHashSet();
            learner.Priorities.RemoveAll(p => !wanted.Contains(p.Category));
            foreach (var category in wanted.Where(c => learner.Priorities.All(p => p.Category != c)))
                learner.Priorities.Add(new LearnerPriority { Category = category });
        }

        /// <summary>Saves; a CCCD taken by another record between the check and the save is reported like any duplicate.</summary>
        public async Task SaveAsync(Learner learner, CancellationToken cancellationToken)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (learner.Cccd is not null)
            {
                var cccd = learner.Cccd;
                if (!await db.Learners.IgnoreQueryFilters().AnyAsync(l => l.Cccd == cccd && l.MergedIntoId == null && l.Id != learner.Id, cancellationToken))
                    throw;
                throw new ValidationFailedException(nameof(Cccd), "Số CCCD này vừa được ghi cho một hồ sơ khác. Tìm hồ sơ đó theo số CCCD trước khi tạo mới.");
            }
        }

        private static IEnumerable<FieldError> Problems(LearnerReviewResult found, LearnerFields fields, bool askDuplicates, bool mismatchConfirmedBefore)
        {
            if (found.SameCccd is { } same)
                yield return new(nameof(Cccd),
                    $"Số CCCD này đã có trong hồ sơ của {same.FullName} (sinh {Fmt.Date(same.BirthDate)}, {same.CommuneName}, mã hồ sơ {same.Id}). Mở hồ sơ đó để cập nhật thay vì tạo hồ sơ mới.");
            else if (found.SameCccdElsewhere)
                yield return new(nameof(Cccd), LearnerReviewResult.RegisteredElsewhere);
            if (found.Cccd.Warnings.Count > 0 && !fields.ConfirmCccdMismatch && !mismatchConfirmedBefore)
                yield return new(nameof(ConfirmCccdMismatch),
                    string.Join(" ", found.Cccd.Warnings) + " Hãy kiểm tra lại; nếu số CCCD và thông tin đã nhập đều đúng, đánh dấu ô xác nhận rồi lưu lại.");
            if (found.SamePerson.Count > 0 && !fields.ConfirmNotDuplicate && askDuplicates)
                yield return new(nameof(ConfirmNotDuplicate),
                    $"Có thể trùng với {found.SamePerson.Count} hồ sơ đã có cùng họ tên, ngày sinh và xã: "
                    + string.Join("; ", found.SamePerson.Select(p => $"{p.FullName} (mã hồ sơ {p.Id})"))
                    + ". Mở hồ sơ đã có để cập nhật, hoặc đánh dấu ô xác nhận đây là người khác rồi lưu lại.");
        }
    }
}
