using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using DaoTaoNghe.Infrastructure.Time;

namespace DaoTaoNghe.Infrastructure.Web;

/// <summary>How the UI shows values: dd/MM/yyyy, 1.234.567, 1.234.567 đ, Vietnamese enum names.</summary>
public static class Fmt
{
    private static readonly CultureInfo Vi = VietnameseFormat.Culture;

    public static string Date(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateTime? utc) => utc is { } u ? VietnamTime.ToLocal(u).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) : "";

    public static string DateTime(DateTime? utc) => utc is { } u ? VietnamTime.ToLocal(u).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) : "";

    public static string Number(long? value) => value?.ToString("#,##0", Vi) ?? "";

    public static string Number(double? value, int decimals = 1) => value?.ToString("#,##0." + new string('#', decimals), Vi) ?? "";

    public static string Money(long? value) => value is { } v ? v.ToString("#,##0", Vi) + " đ" : "";

    public static string Percent(double? fraction, int decimals = 1) =>
        fraction is { } f ? (f * 100).ToString("0." + new string('0', decimals), Vi) + "%" : "";

    /// <summary>The [Display(Name)] of an enum member, e.g. UnitType.Ward → "Phường".</summary>
    public static string Enum<T>(T value) where T : struct, System.Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? value.ToString();

    public static string Enum(System.Enum? value) =>
        value is null ? "" : value.GetType().GetField(value.ToString())?.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? value.ToString();

    /// <summary>The date an &lt;input type="date"&gt; expects.</summary>
    public static string InputDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
