using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Text;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Organisations;

/// <summary>
/// The organisation half of an institution's or an enterprise's registry form: the same fields the
/// <see cref="Organisation"/> row holds, so registering one creates or updates its organisation.
/// </summary>
[AreaContract]
public abstract class OrganisationFields
{
    [Display(Name = "Tên đầy đủ")] public string Name { get; set; } = "";
    [Display(Name = "Tên viết tắt")] public string? ShortName { get; set; }
    [Display(Name = "Địa bàn (xã, phường)")] public int? UnitId { get; set; }
    [Display(Name = "Địa chỉ")] public string? Address { get; set; }
    [Display(Name = "Điện thoại")] public string? Phone { get; set; }
    [Display(Name = "Email")] public string? Email { get; set; }
}

[AreaContract]
public class OrganisationFieldsValidator<T> : AbstractValidator<T> where T : OrganisationFields
{
    public OrganisationFieldsValidator()
    {
        RuleFor(c => c.Name).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Vui lòng nhập tên đầy đủ.").MaximumLength(300).WithMessage("Tên đầy đủ tối đa 300 ký tự.");
        RuleFor(c => c.ShortName).MaximumLength(100).WithMessage("Tên viết tắt tối đa 100 ký tự.");
        RuleFor(c => c.UnitId).Cascade(CascadeMode.Stop).NotNull().WithMessage("Vui lòng chọn địa bàn (xã, phường).");
        RuleFor(c => c.Address).MaximumLength(300).WithMessage("Địa chỉ tối đa 300 ký tự.");
        RuleFor(c => c.Phone).MaximumLength(30).WithMessage("Điện thoại tối đa 30 ký tự.")
            .Matches(@"^[0-9 +().-]*$").WithMessage("Điện thoại chỉ gồm chữ số và các ký tự + ( ) . -");
        RuleFor(c => c.Email).MaximumLength(200).WithMessage("Email tối đa 200 ký tự.").EmailAddress().WithMessage("Email không hợp lệ.");
    }
}

[AreaContract]
public static class OrganisationFieldsWriter
{
    /// <summary>
    /// Copies the fields onto the organisation of <paramref name="kind"/>; the unit must be the
    /// caller's province or one of its communes, and no other active organisation of the same kind
    /// in the province may carry the same name.
    /// </summary>
    public static async Task ApplyAsync(AppDbContext db, UnitChoices units, Organisation organisation, OrganisationKind kind,
        OrganisationFields fields, CancellationToken cancellationToken)
    {
        var provinceId = await units.ProvinceOfAsync(fields.UnitId!.Value, cancellationToken);
        if (provinceId is null || provinceId != db.Scope.ProvinceId || (organisation.Id != 0 && provinceId != organisation.ProvinceId))
            throw new ValidationFailedException(nameof(OrganisationFields.UnitId), "Địa bàn phải là tỉnh của bạn hoặc một xã, phường của tỉnh.");
        var searchName = TextSearch.Normalize(fields.Name);
        var duplicate = await db.Organisations.AnyAsync(o => o.ProvinceId == provinceId && o.Kind == kind && o.IsActive
                                                             && o.SearchName == searchName && o.Id != organisation.Id, cancellationToken);
        if (duplicate)
            throw new ValidationFailedException(nameof(OrganisationFields.Name), $"Tỉnh đã có đơn vị tên \"{fields.Name.Trim()}\".");
        organisation.SetName(fields.Name);
        organisation.Kind = kind;
        organisation.ShortName = TextValues.Clean(fields.ShortName);
        organisation.UnitId = fields.UnitId.Value;
        organisation.ProvinceId = provinceId.Value;
        organisation.Address = TextValues.Clean(fields.Address);
        organisation.Phone = TextValues.Clean(fields.Phone);
        organisation.Email = TextValues.Clean(fields.Email);
    }
}
