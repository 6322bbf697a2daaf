using Microsoft.AspNetCore.Mvc.Rendering;

namespace DaoTaoNghe.Infrastructure.Web;

/// <summary>Select-list items for filters whose query names are short Vietnamese words rather than model paths.</summary>
public static class Choices
{
    /// <summary>Every member of <typeparamref name="T"/> by its Vietnamese name; the value is the member name.</summary>
    public static List<SelectListItem> Enum<T>(T? selected = null) where T : struct, System.Enum =>
        System.Enum.GetValues<T>()
            .Select(v => new SelectListItem(Fmt.Enum(v), v.ToString(), selected is { } s && s.Equals(v)))
            .ToList();

    public static List<SelectListItem> Selecting(this IEnumerable<SelectListItem> items, object? selected)
    {
        var value = selected?.ToString();
        return items.Select(i => new SelectListItem(i.Text, i.Value, i.Value == value, i.Disabled)).ToList();
    }
}
