using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace DaoTaoNghe.Infrastructure.Web;

/// <summary>
/// How the API reads and writes JSON: enums by name, numbers as JSON numbers only (so the document
/// says "integer", not "integer or string"), instants in UTC with their "Z".
/// </summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new UtcInstantConverter());
        options.NumberHandling = JsonNumberHandling.Strict;
        // A field the API does not know is refused (400, naming it), not silently dropped: a misspelt field would lose its value.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(NullListIsEmpty);
    }

    /// <summary>
    /// A list a form always has (<c>List&lt;T&gt; Categories = []</c>) keeps its empty default when a client sends
    /// null for it, as generated clients do for every field they were not given; a list declared nullable takes null.
    /// </summary>
    private static void NullListIsEmpty(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var property in info.Properties)
        {
            if (property.Set is not { } set || property.IsSetNullable || property.PropertyType == typeof(string)
                || !typeof(System.Collections.IEnumerable).IsAssignableFrom(property.PropertyType)) continue;
            property.Set = (target, value) =>
            {
                if (value is not null) set(target, value);
            };
        }
    }
}

/// <summary>
/// Instants are stored in UTC (see DEVELOPERS.md), but a <see cref="DateTime"/> read back from the
/// database has no kind, and would be written without its "Z" and read by clients as local time.
/// Written always as ISO 8601 UTC ("2026-11-23T02:00:00Z"); read from any offset and turned into UTC.
/// </summary>
public sealed class UtcInstantConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String
            && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
            return value.UtcDateTime;
        throw new JsonException("Thời điểm phải theo ISO 8601, ví dụ 2026-11-23T09:00:00+07:00.");
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };
        writer.WriteStringValue(utc.ToString(utc.Millisecond == 0 && utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
    }
}
