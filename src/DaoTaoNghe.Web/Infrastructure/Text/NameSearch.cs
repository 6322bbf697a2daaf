using System.Linq.Expressions;
using System.Text.RegularExpressions;
using DaoTaoNghe.Infrastructure.Expressions;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Text;

/// <summary>
/// Finding people by the beginnings of the words of their name, in any order, without diacritics: "vi van" finds
/// "Vi Văn Sáng" and "Lò Văn Việt", not "Hoàng Thị Vân" ("vi" begins no word of hers). The typed text is split on
/// anything but letters and digits, as PostgreSQL's text-search parser splits a name's key (names hold letters,
/// spaces and apostrophes: "H'Mai" is the words "h" and "mai" on both databases).
/// <para>
/// PostgreSQL answers from a GIN index of the key's words (<c>to_tsvector('simple', key)</c>, each typed word a
/// prefix query), so it reads the matching rows only, however many people the province holds; a "contains" LIKE
/// walked the sorted name index row by row (5.9 s for "vi van" at 1,000,000 learners). SQLite, without such an
/// index, tests each word with LIKE: slower, the same answers.
/// </para>
/// </summary>
public static partial class NameSearch
{
    /// <summary>The text-search configuration of the index and the query: no stemming, no stop words.</summary>
    public const string Configuration = "simple";

    /// <summary>The words to look for: the typed text without diacritics, lower case, split on anything but letters and digits.</summary>
    public static IReadOnlyList<string> Words(string? text) =>
        Separators().Split(TextSearch.Normalize(text)).Where(w => w.Length > 0).Distinct().ToList();

    /// <summary>Rows whose name <paramref name="key"/> (a <see cref="TextSearch.Normalize"/> key) has a word beginning with each typed word.</summary>
    public static IQueryable<T> WhereNameHasWords<T>(this IQueryable<T> query, Expression<Func<T, string>> key, string? text, bool postgres) =>
        HasWords(key, text, postgres) is { } test ? query.Where(test) : query;

    /// <summary>
    /// The same test as a predicate, for a list that also finds a record by something else (a certificate's number, a
    /// phone): null when nothing but separators was typed.
    /// </summary>
    public static Expression<Func<T, bool>>? HasWords<T>(Expression<Func<T, string>> key, string? text, bool postgres)
    {
        var words = Words(text);
        if (words.Count == 0) return null;
        if (postgres)
        {
            var prefixes = string.Join(" & ", words.Select(w => w + ":*"));
            Expression<Func<string, bool>> match = k => EF.Functions.ToTsVector(Configuration, k).Matches(EF.Functions.ToTsQuery(Configuration, prefixes));
            return Applied(key, match);
        }
        Expression<Func<T, bool>>? all = null;
        foreach (var word in words)
        {
            var pattern = "% " + word + "%";
            Expression<Func<string, bool>> like = k => EF.Functions.Like(" " + k.Replace("'", " "), pattern);
            all = all is null ? Applied(key, like) : all.And(Applied(key, like));
        }
        return all;
    }

    private static Expression<Func<T, bool>> Applied<T>(Expression<Func<T, string>> key, Expression<Func<string, bool>> test) =>
        Expression.Lambda<Func<T, bool>>(ExpressionSplicing.Splice(test, key.Body), key.Parameters);

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex Separators();
}
