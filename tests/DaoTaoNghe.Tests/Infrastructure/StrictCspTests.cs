using System.Text.RegularExpressions;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace DaoTaoNghe.Tests.Infrastructure;

/// <summary>
/// The Content-Security-Policy (<c>style-src 'self'; script-src 'self'</c>) refuses inline styles,
/// inline scripts and event-handler attributes: the browser drops them and logs an error, so a page
/// that uses one looks broken (the sign-in page's "Mật khẩu" label glued to the user name box). Read
/// from the compiled pages, whose markup is string literals in the assembly.
/// </summary>
public partial class StrictCspTests
{
    [Fact]
    public void No_page_carries_markup_the_content_security_policy_refuses()
    {
        using var assembly = AssemblyDefinition.ReadAssembly(typeof(Program).Assembly.Location);
        var found = assembly.MainModule.GetTypes()
            .Where(t => t.Namespace == "AspNetCoreGeneratedDocument")
            .SelectMany(t => t.Methods.Where(m => m.HasBody).SelectMany(m => m.Body.Instructions)
                .Where(i => i.OpCode == OpCodes.Ldstr && Refused((string)i.Operand))
                .Select(i => $"{t.Name}: {((string)i.Operand).Trim()}"))
            .Distinct()
            .ToList();

        found.ShouldBeEmpty("Use a class from wwwroot/css and a script file instead:\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("<div class=\"field\" style=\"margin-top:.6rem\">", true)]
    [InlineData(" min=\"2000\" max=\"2100\" style=\"width:6rem\">", true)]
    [InlineData("style", true)]
    [InlineData("<script>alert(1)</script>", true)]
    [InlineData("<button onclick=\"go()\">", true)]
    [InlineData("<script src=\"/js/site.js\"></script>", false)]
    [InlineData("<link rel=\"stylesheet\" href=\"/css/site.css\">", false)]
    [InlineData("<p class=\"muted after-form\">Quên mật khẩu?</p>", false)]
    [InlineData("Phong cách làm việc (style) của đơn vị", false)]
    public void The_scan_tells_refused_markup_from_allowed(string literal, bool refused) => Refused(literal).ShouldBe(refused);

    /// <summary>
    /// A literal the policy refuses: a style or event-handler attribute, the bare attribute name
    /// "style" a tag helper is given, or a script element without a source.
    /// </summary>
    private static bool Refused(string literal) => literal == "style" || RefusedMarkup().IsMatch(literal);

    [GeneratedRegex("""\sstyle\s*=|\son[a-z]+\s*=\s*["']|<script(?![^>]*\ssrc=)[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex RefusedMarkup();
}
