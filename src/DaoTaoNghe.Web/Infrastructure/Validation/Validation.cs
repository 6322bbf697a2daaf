using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using DaoTaoNghe.Infrastructure.Errors;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace DaoTaoNghe.Infrastructure.Validation;

public static class ValidationSetup
{
    /// <summary>Vietnamese default messages, and field names taken from the [Display] the form labels use.</summary>
    public static void Configure()
    {
        ValidatorOptions.Global.LanguageManager.Culture = new CultureInfo("vi");
        ValidatorOptions.Global.DisplayNameResolver = (type, member, _) =>
            member?.GetCustomAttribute<DisplayAttribute>()?.GetName();
    }
}

public static class ValidatorExtensions
{
    /// <summary>Validates and throws <see cref="ValidationFailedException"/> naming every failing field.</summary>
    public static async Task EnsureValidAsync<T>(this IValidator<T> validator, T instance, CancellationToken cancellationToken = default)
    {
        var result = await validator.ValidateAsync(instance, cancellationToken);
        if (!result.IsValid)
            throw new ValidationFailedException(result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList());
    }

    /// <summary>Copies the errors onto a page's form, keyed as the inputs are named (e.g. "Data.Title").</summary>
    public static void AddTo(this ValidationFailedException exception, ModelStateDictionary modelState, string prefix = "Data")
    {
        foreach (var error in exception.Errors)
            modelState.AddModelError(string.IsNullOrEmpty(error.Field) || string.IsNullOrEmpty(prefix) ? error.Field : $"{prefix}.{error.Field}", error.Message);
    }
}
