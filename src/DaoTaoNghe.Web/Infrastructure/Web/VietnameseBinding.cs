using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace DaoTaoNghe.Infrastructure.Web;

/// <summary>
/// Reads numbers and dates as Vietnamese users type them: "1.234.567" is one million and more,
/// "2,5" is two and a half, dates come as dd/MM/yyyy or from a date input (yyyy-MM-dd).
/// </summary>
public sealed class VietnameseBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
        return type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double) || type == typeof(DateOnly)
            ? new VietnameseBinder(type)
            : null;
    }
}

public sealed class VietnameseBinder(Type type) : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var value = context.ValueProvider.GetValue(context.ModelName);
        if (value == ValueProviderResult.None) return Task.CompletedTask;
        context.ModelState.SetModelValue(context.ModelName, value);

        var text = value.FirstValue?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (!context.ModelMetadata.IsReferenceOrNullableType)
                context.ModelState.TryAddModelError(context.ModelName, $"{context.ModelMetadata.GetDisplayName()} không được để trống.");
            return Task.CompletedTask;
        }

        if (VietnameseFormat.TryParse(type, text, out var parsed))
            context.Result = ModelBindingResult.Success(parsed);
        else
            context.ModelState.TryAddModelError(context.ModelName, type == typeof(DateOnly)
                ? $"{context.ModelMetadata.GetDisplayName()}: \"{text}\" không phải ngày hợp lệ (dd/MM/yyyy)."
                : $"{context.ModelMetadata.GetDisplayName()}: \"{text}\" không phải số hợp lệ.");
        return Task.CompletedTask;
    }
}

public static class VietnameseBinding
{
    /// <summary>The framework's own binding messages, for the values our binders do not read (choices, check boxes).</summary>
    public static void Messages(Microsoft.AspNetCore.Mvc.ModelBinding.Metadata.DefaultModelBindingMessageProvider messages)
    {
        messages.SetValueIsInvalidAccessor(value => $"Giá trị \"{value}\" không hợp lệ.");
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => $"{field}: giá trị \"{value}\" không hợp lệ.");
        messages.SetMissingBindRequiredValueAccessor(field => $"Thiếu {field}.");
        messages.SetMissingKeyOrValueAccessor(() => "Thiếu giá trị.");
        messages.SetMissingRequestBodyRequiredValueAccessor(() => "Thiếu nội dung yêu cầu.");
        messages.SetValueMustNotBeNullAccessor(value => $"\"{value}\" không được để trống.");
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => $"Giá trị \"{value}\" không hợp lệ.");
        messages.SetUnknownValueIsInvalidAccessor(field => $"{field}: giá trị không hợp lệ.");
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị không hợp lệ.");
        messages.SetValueMustBeANumberAccessor(field => $"{field} phải là một số.");
        messages.SetNonPropertyValueMustBeANumberAccessor(() => "Giá trị phải là một số.");
    }
}

public static class VietnameseFormat
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly string[] DateFormats = ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"];

    public static bool TryParse(Type type, string text, out object? result)
    {
        result = null;
        if (type == typeof(DateOnly))
        {
            if (!TryParseDate(text, out var date)) return false;
            result = date;
            return true;
        }
        var cleaned = text.Replace(" ", "").Replace("đ", "").Replace("%", "");
        if (type == typeof(int) && int.TryParse(cleaned, NumberStyles.Integer | NumberStyles.AllowThousands, Culture, out var i)) result = i;
        else if (type == typeof(long) && long.TryParse(cleaned, NumberStyles.Integer | NumberStyles.AllowThousands, Culture, out var l)) result = l;
        else if (type == typeof(decimal) && decimal.TryParse(cleaned, NumberStyles.Number, Culture, out var m)) result = m;
        else if (type == typeof(double) && double.TryParse(cleaned, NumberStyles.Number, Culture, out var d)) result = d;
        return result is not null;
    }

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
