using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Users;

/// <summary>
/// <c>&lt;person user="@record.IssuedBy" /&gt;</c>: who did something, shown by the person's name with the
/// account on hover. Records keep the user name (it is what the audit trail keys on and it outlives a change
/// of name); an officer reading a record wants the person. A name the instance does not know (an account of
/// another tier, or one removed) is shown as it was recorded.
/// </summary>
[AreaContract]
[HtmlTargetElement("person", Attributes = "user", TagStructure = TagStructure.WithoutEndTag)]
public sealed class PersonTagHelper(AppDbContext db) : TagHelper
{
    private static readonly object CacheKey = new();

    public string? User { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        if (string.IsNullOrEmpty(User))
        {
            output.SuppressOutput();
            return;
        }
        var names = await NamesAsync();
        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        if (names.TryGetValue(User, out var fullName) && !string.IsNullOrWhiteSpace(fullName))
        {
            output.Attributes.SetAttribute("title", "Tài khoản " + User);
            output.Content.SetContent(fullName);
        }
        else
        {
            output.Content.SetContent(User);
        }
    }

    /// <summary>Every account's name, read once per request: a page names a handful of people, an instance has a few thousand accounts.</summary>
    private async Task<IReadOnlyDictionary<string, string>> NamesAsync()
    {
        var items = ViewContext.HttpContext.Items;
        if (items[CacheKey] is IReadOnlyDictionary<string, string> cached) return cached;
        var names = await db.Users.AsNoTracking()
            .Where(u => u.UserName != null)
            .Select(u => new { UserName = u.UserName!, u.FullName })
            .ToDictionaryAsync(u => u.UserName, u => u.FullName, StringComparer.OrdinalIgnoreCase, ViewContext.HttpContext.RequestAborted);
        items[CacheKey] = names;
        return names;
    }
}
