using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Infrastructure.Audit;

/// <summary>One field of a change, by its label on the form; values null when they are references (ids) a reader could not make sense of.</summary>
public sealed record FieldChange(string Field, string? Before, string? After);

public sealed record HistoryLine(DateTime At, string? UserName, AuditAction Action, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// The change history of one record, for its own page: who created, changed or stopped it, when,
/// and which of the fields its form shows went from what to what, in the form's own words.
/// The audit trail is otherwise only open to the province admin and inspectors, so the lines are
/// read past its scope filter: callers ask only after the caller's scope has let them load the record.
/// </summary>
public sealed class RecordHistory(DbContext db) : IHandler
{
    private const int MaxLines = 100;

    /// <summary>Labels of fields a form does not show but every registry has.</summary>
    private static readonly Dictionary<string, (string Label, Type Type)> CommonFields = new()
    {
        ["IsActive"] = ("Còn sử dụng", typeof(bool)),
    };

    /// <param name="records">The record's rows: its entity type and id (an institution is an organisation and its profile).</param>
    /// <param name="form">The command type of the record's form; its [Display] names label the fields.</param>
    public async Task<IReadOnlyList<HistoryLine>> OfAsync(IReadOnlyCollection<(Type Entity, object Id)> records, Type form,
        CancellationToken cancellationToken = default)
    {
        var entries = db.Set<AuditEntry>().IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Action == AuditAction.Create || e.Action == AuditAction.Update || e.Action == AuditAction.Delete);
        var keys = records.Select(r => (Type: r.Entity.Name, Id: Convert.ToString(r.Id, CultureInfo.InvariantCulture)!)).ToList();
        var lines = new List<AuditEntry>();
        foreach (var (type, id) in keys)
            lines.AddRange(await entries.Where(e => e.EntityType == type && e.EntityId == id)
                .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(MaxLines).ToListAsync(cancellationToken));

        var fields = Fields(form);
        return lines.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(MaxLines)
            .Select(e => new HistoryLine(e.At, e.UserName, e.Action, Changes(e, fields)))
            .Where(l => l.Action != AuditAction.Update || l.Changes.Count > 0)
            .ToList();
    }

    private static Dictionary<string, (string Label, Type Type)> Fields(Type form)
    {
        var fields = new Dictionary<string, (string Label, Type Type)>();
        foreach (var property in form.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            if (property.GetCustomAttribute<DisplayAttribute>()?.Name is { } label)
                fields[property.Name] = (label, Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
        foreach (var (name, field) in CommonFields) fields.TryAdd(name, field);
        return fields;
    }

    private static List<FieldChange> Changes(AuditEntry entry, Dictionary<string, (string Label, Type Type)> fields)
    {
        var before = Values(entry.Before);
        var after = Values(entry.After);
        var changes = new List<FieldChange>();
        foreach (var (name, (label, type)) in fields)
        {
            var had = before.TryGetValue(name, out var old);
            var has = after.TryGetValue(name, out var now);
            if (!had && !has) continue;
            if (entry.Action == AuditAction.Create && CommonFields.ContainsKey(name)) continue;
            var oldText = had ? Text(old, type) : null;
            var newText = has ? Text(now, type) : null;
            if (oldText == newText || (entry.Action == AuditAction.Create && string.IsNullOrEmpty(newText))) continue;
            var isReference = name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("Ids", StringComparison.Ordinal);
            changes.Add(isReference ? new FieldChange(label, null, null) : new FieldChange(label, oldText, newText));
        }
        return changes;
    }

    private static Dictionary<string, JsonElement> Values(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];

    private static string? Text(JsonElement value, Type type) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => "Có",
        JsonValueKind.False => "Không",
        JsonValueKind.Number when value.TryGetInt64(out var whole) => Fmt.Number(whole),
        JsonValueKind.Number => Fmt.Number(value.GetDouble()),
        JsonValueKind.String when type.IsEnum && Enum.TryParse(type, value.GetString(), out var member) => Fmt.Enum((Enum)member!),
        JsonValueKind.String when type == typeof(DateOnly) && DateOnly.TryParse(value.GetString(), CultureInfo.InvariantCulture, out var date) => Fmt.Date(date),
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
