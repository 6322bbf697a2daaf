using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace DaoTaoNghe.Infrastructure.Errors;

/// <summary>
/// Turns the framework's English refusals of an API request it could not read (JSON that does not
/// parse, a value of the wrong type, an unknown enum name, a number or a date that is not one) into
/// field errors in Vietnamese, naming the field by the <c>[Display]</c> name its form gives it.
/// </summary>
public static partial class BindingErrors
{
    public static ValidationFailedException Explain(BadHttpRequestException bad, Endpoint? endpoint)
    {
        if (bad.InnerException is JsonException json) return FromJson(json, endpoint);

        if (BindFailure().Match(bad.Message) is { Success: true } failed)
        {
            var (key, name, type) = Parameter(endpoint, failed.Groups["name"].Value);
            return new ValidationFailedException(key, $"{name}: \"{failed.Groups["value"].Value}\" {Expected(type)}");
        }
        if (RequiredFailure().Match(bad.Message) is { Success: true } required)
        {
            if (required.Groups["source"].Value == "body")
                return new ValidationFailedException("body", "Thiếu nội dung yêu cầu (JSON).");
            var (key, name, _) = Parameter(endpoint, required.Groups["name"].Value);
            return new ValidationFailedException(key, $"Thiếu {name}.");
        }
        if (bad.Message.Contains("JSON media type", StringComparison.Ordinal))
            return new ValidationFailedException("body", "Nội dung yêu cầu phải là JSON (Content-Type: application/json).");
        return new ValidationFailedException("body", "Yêu cầu không đọc được; hãy kiểm tra địa chỉ, tham số và nội dung gửi lên.");
    }

    private static ValidationFailedException FromJson(JsonException json, Endpoint? endpoint)
    {
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var path = json.Path is { Length: > 1 } p ? p : null;
        var (key, name, type) = path is null || bodyType is null ? ("body", null, null) : Walk(bodyType, path);
        if (UnmappedMember().Match(json.Message) is { Success: true } unknown)
            return Unknown(unknown.Groups["name"].Value, path, bodyType);
        var where = json.LineNumber is { } line ? $" (dòng {line + 1}, vị trí {(json.BytePositionInLine ?? 0) + 1})" : "";

        if (json.InnerException?.GetType().Name == "JsonReaderException" || name is null)
            return new ValidationFailedException(key, name is null
                ? $"Nội dung yêu cầu không phải JSON hợp lệ{where}."
                : $"{name}: nội dung JSON không hợp lệ{where}.");
        return new ValidationFailedException(key, $"{name}: giá trị {Expected(type)}");
    }

    /// <summary>
    /// A field the body's type does not have: named as the client wrote it, with the field it may have
    /// meant (its JSON name and its form's Vietnamese name) when one is close.
    /// </summary>
    private static ValidationFailedException Unknown(string field, string? path, Type? bodyType)
    {
        var key = path is null ? field : KeyOf(path);
        var parentPath = path is null ? null : path[..Math.Max(1, path.Length - field.Length - 1)];
        var (_, parentName, parentType) = bodyType is not null && parentPath is { Length: > 1 } ? Walk(bodyType, parentPath) : ("", null, bodyType);
        var owner = parentType is null ? null : Element(Nullable.GetUnderlyingType(parentType) ?? parentType);
        var where = parentName is null ? "" : $" (trong {parentName})";
        var message = $"Trường \"{field}\" không có trong nội dung gửi lên{where}; hãy bỏ trường này hoặc sửa lại tên trường (xem tài liệu API tại /api).";
        if (owner is not null && Closest(owner, field) is { } meant)
            message += $" Có phải \"{JsonName(meant)}\" ({DisplayName(meant) ?? meant.Name})?";
        return new ValidationFailedException(key, message);
    }

    private static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    /// <summary>The property whose JSON name is nearest the unknown one (at most a third of its letters apart).</summary>
    private static PropertyInfo? Closest(Type owner, string field) =>
        owner.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Property: p, Distance: Distance(JsonName(p).ToLowerInvariant(), field.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(1, field.Length / 3))
            .OrderBy(c => c.Distance).Select(c => c.Property).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }
        return previous[b.Length];
    }

    /// <summary>Follows a JSON path ("$.rows[0].outcome") through the body's type to the property it names.</summary>
    private static (string Key, string? Name, Type? Type) Walk(Type type, string path)
    {
        var segments = PathSegment().Matches(path).Select(m => m.Groups[1].Value).Where(s => s.Length > 0).ToList();
        string? name = null;
        Type? current = type;
        foreach (var segment in segments)
        {
            if (current is null) break;
            current = Element(current);
            if (segment.All(char.IsAsciiDigit)) continue;
            var property = current.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => string.Equals(p.Name, segment, StringComparison.OrdinalIgnoreCase));
            if (property is null) return (KeyOf(path), name, null);
            name = DisplayName(property) ?? name ?? segment;
            current = property.PropertyType;
        }
        return (KeyOf(path), name, current);
    }

    private static string KeyOf(string path) => path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static Type Element(Type type)
    {
        if (type == typeof(string)) return type;
        if (type.IsArray) return type.GetElementType()!;
        return type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments().Last() : type;
    }

    /// <summary>The query or route parameter of the endpoint's handler with this name, or one of its [AsParameters] object's properties.</summary>
    private static (string Key, string Name, Type? Type) Parameter(Endpoint? endpoint, string parameterName)
    {
        var method = endpoint?.Metadata.GetMetadata<MethodInfo>();
        foreach (var parameter in method?.GetParameters() ?? [])
        {
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is not null)
            {
                var property = parameter.ParameterType.GetProperty(parameterName, BindingFlags.Public | BindingFlags.Instance);
                if (property is not null)
                {
                    var key = property.GetCustomAttribute<FromQueryAttribute>()?.Name ?? property.Name;
                    return (key, DisplayName(property) is { } display ? display : $"Tham số \"{key}\"", property.PropertyType);
                }
            }
            else if (parameter.Name == parameterName)
            {
                var key = parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.GetCustomAttribute<FromRouteAttribute>()?.Name ?? parameter.Name!;
                return (key, parameter.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? $"Tham số \"{key}\"", parameter.ParameterType);
            }
        }
        return (parameterName, $"Tham số \"{parameterName}\"", null);
    }

    private static string? DisplayName(PropertyInfo property) => property.GetCustomAttribute<DisplayAttribute>()?.GetName();

    /// <summary>What the value should have been, said after the field's name and the value given.</summary>
    private static string Expected(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type is null) return "không hợp lệ.";
        if (type.IsEnum)
            return "không phải giá trị hợp lệ; chọn một trong: " + string.Join(", ", Enum.GetNames(type).Select(n =>
                type.GetField(n)?.GetCustomAttribute<DisplayAttribute>()?.GetName() is { } display ? $"{n} ({display})" : n)) + ".";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short))
            return "không phải số nguyên hợp lệ (viết số JSON, không đặt trong dấu ngoặc kép).";
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float))
            return "không phải số hợp lệ (viết số JSON, dấu chấm thập phân).";
        if (type == typeof(DateOnly)) return "không phải ngày hợp lệ (yyyy-MM-dd, ví dụ 2026-11-23).";
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
            return "không phải thời điểm hợp lệ (ISO 8601, ví dụ 2026-11-23T09:00:00+07:00).";
        if (type == typeof(bool)) return "không hợp lệ (true hoặc false).";
        if (type == typeof(string)) return "phải là một chuỗi ký tự.";
        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type)) return "phải là một danh sách (mảng JSON).";
        return "không đúng kiểu dữ liệu.";
    }

    [GeneratedRegex("""The JSON property '(?<name>.+)' could not be mapped to any \.NET member""")]
    private static partial Regex UnmappedMember();

    [GeneratedRegex("""Failed to bind parameter "(?<type>.+?) (?<name>[^ "]+)" from "(?<value>.*)"\.""")]
    private static partial Regex BindFailure();

    [GeneratedRegex("""Required parameter "(?<type>.+?) (?<name>[^ "]+)" was not provided from (?<source>[a-z ]+?)\.""")]
    private static partial Regex RequiredFailure();

    [GeneratedRegex(@"(?:^\$|\.|\[)([^.\[\]]*)\]?")]
    private static partial Regex PathSegment();
}
