using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using DisplayAttribute = System.ComponentModel.DataAnnotations.DisplayAttribute;

namespace DaoTaoNghe.Infrastructure.Web;

/// <summary>
/// The OpenAPI document at /openapi/v1.json, written so that a client generator can trust it: one
/// name per type (qualified by its area and its enclosing types, so the many nested <c>Command</c>s
/// stay apart), enums as named strings with their Vietnamese names, field descriptions from the
/// forms' <c>[Display]</c> names, files as binary, and the ProblemDetails each operation can answer.
/// </summary>
public static class ApiDocument
{
    public const string Path = "/openapi/{documentName}.json";

    /// <summary>Setting that serves the document (and the reference page) without sign-in outside Development.</summary>
    public const string PublicSetting = "Api:PublicDocument";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.CreateSchemaReferenceId = SchemaNames.For;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "DaoTaoNghe API";
                document.Info.Version = "v1";
                document.Info.Description =
                    "API của hệ thống quản lý đào tạo nghề cho lao động nông thôn. Đăng nhập bằng khóa API (tiêu đề X-Api-Key hoặc " +
                    "Authorization: Bearer …) tạo tại trang Tài khoản › Khóa API; khóa có phạm vi chỉ đọc hoặc đọc và ghi, và mang " +
                    "đúng vai trò, phạm vi dữ liệu của tài khoản. Thời điểm theo ISO 8601 có múi giờ (UTC, hậu tố Z); ngày theo yyyy-MM-dd. " +
                    "Lỗi trả về dạng ProblemDetails (application/problem+json) với tiêu đề, nội dung tiếng Việt và errors theo từng trường. " +
                    "Mọi POST nhận tiêu đề Idempotency-Key (tối đa 100 ký tự, ví dụ một UUID): gửi lại cùng khóa và cùng nội dung thì nhận lại " +
                    "câu trả lời lần đầu (kèm Idempotency-Replayed: true) mà không ghi thêm; cùng khóa khác nội dung thì 422. Phần mềm của đơn vị " +
                    "gửi hồ sơ theo mã của mình bằng PUT /api/v1/exchange/… và theo dõi thay đổi ở GET /api/v1/changes (xem docs/exchange-in.md).";
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer(DescribeSchema);
            options.AddDocumentTransformer((document, _, _) =>
            {
                // Forms now write their files inline (FlatForm); the framework's shared file schema is left unused.
                document.Components?.Schemas?.Remove("IFormFile");
                return Task.CompletedTask;
            });
            options.AddOperationTransformer(DescribeOperation);
        });

    /// <summary>Asks sign-in for the document unless the environment is Development or the setting says public.</summary>
    public static IEndpointConventionBuilder MapApiDocument(this WebApplication app)
    {
        var document = app.MapOpenApi(Path);
        if (!IsPublic(app)) document.RequireAuthorization();
        return document;
    }

    public static bool IsPublic(WebApplication app) =>
        app.Environment.IsDevelopment() || app.Configuration.GetValue<bool>(PublicSetting);

    /// <summary>A file answer: the generator reads it as binary content of these types.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.WithMetadata(new FileResponse(contentTypes));

    public sealed record FileResponse(IReadOnlyList<string> ContentTypes);

    /// <summary>
    /// An example body for the document, written as the command it is (so it compiles against the form's
    /// fields and cannot go stale) and shown as JSON the API reads, empty fields left out.
    /// </summary>
    public static RouteHandlerBuilder WithBodyExample<T>(this RouteHandlerBuilder builder, T example) where T : notnull =>
        builder.WithMetadata(new BodyExample(example));

    public sealed record BodyExample(object Value);

    /// <summary>
    /// The errors every API operation may answer, as ProblemDetails: added to each endpoint of the group
    /// after its own conventions, so an endpoint open to everyone is not said to answer 401/403.
    /// </summary>
    public static TBuilder ProducesProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            var anonymous = endpoint.Metadata.OfType<IAllowAnonymous>().Any();
            var method = endpoint.Metadata.OfType<HttpMethodMetadata>().FirstOrDefault()?.HttpMethods.FirstOrDefault() ?? "GET";
            var declared = endpoint.Metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
            void Add(int status, Type type)
            {
                if (declared.Add(status))
                    endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, type, ["application/problem+json"]));
            }
            Add(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
            if (!anonymous)
            {
                Add(StatusCodes.Status401Unauthorized, typeof(ProblemDetails));
                Add(StatusCodes.Status403Forbidden, typeof(ProblemDetails));
            }
            Add(StatusCodes.Status404NotFound, typeof(ProblemDetails));
            if (method != "GET") Add(StatusCodes.Status409Conflict, typeof(ProblemDetails));
        });
        return builder;
    }

    private static Task DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum && schema.Enum is { Count: > 0 })
        {
            schema.Type = JsonSchemaType.String;
            schema.Enum = Enum.GetNames(type).Select(n => (JsonNode)JsonValue.Create(n)).ToList();
            var names = Enum.GetNames(type)
                .Select(n => (Name: n, Display: type.GetField(n)?.GetCustomAttribute<DisplayAttribute>()?.GetName()))
                .Where(n => n.Display is not null).ToList();
            if (names.Count > 0) schema.Description = string.Join("; ", names.Select(n => $"{n.Name}: {n.Display}"));
        }
        // A property of a named type points at that type's schema, which must not take one property's name.
        else if (OpenApiOptions.CreateDefaultSchemaReferenceId(context.JsonTypeInfo) is null
            && context.JsonPropertyInfo?.AttributeProvider is ICustomAttributeProvider member
            && member.GetCustomAttributes(typeof(DisplayAttribute), true).OfType<DisplayAttribute>().FirstOrDefault() is { } display
            && display.GetName() is { Length: > 0 } name)
        {
            schema.Description = display.GetDescription() is { Length: > 0 } more ? $"{name}. {more}" : name;
        }
        return Task.CompletedTask;
    }

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.OperationId ??= OperationId(context.Description.HttpMethod ?? "GET", context.Description.RelativePath ?? "");
        foreach (var media in operation.RequestBody?.Content?.Where(c => c.Key.StartsWith("multipart/", StringComparison.Ordinal)).Select(c => c.Value) ?? [])
            if (media.Schema is { } form) media.Schema = FlatForm(form);
        if (metadata.OfType<BodyExample>().LastOrDefault() is { } example
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true && json is OpenApiMediaType body)
        {
            var options = new System.Text.Json.JsonSerializerOptions(context.ApplicationServices
                .GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions)
            {
                DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
            };
            body.Example = System.Text.Json.JsonSerializer.SerializeToNode(example.Value, example.Value.GetType(), options);
        }
        if (metadata.OfType<FileResponse>().LastOrDefault() is { } file)
        {
            operation.Responses ??= [];
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = "Tệp",
                Content = file.ContentTypes.ToDictionary(c => c, _ => new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                }),
            };
        }
        foreach (var (code, response) in operation.Responses ?? [])
            if (response is OpenApiResponse concrete && (string.IsNullOrEmpty(concrete.Description) || concrete.Description == Default(code)))
                concrete.Description = Vietnamese(code);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A form as one object of its fields, a file field as an inline binary string: generators read a
    /// form written as "allOf" one object per field, or a file through a reference, as no file at all.
    /// </summary>
    private static OpenApiSchema FlatForm(IOpenApiSchema form)
    {
        var flat = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>() };
        void Add(IOpenApiSchema part)
        {
            foreach (var (name, field) in part.Properties ?? new Dictionary<string, IOpenApiSchema>())
                flat.Properties[name] = field is OpenApiSchemaReference { Reference.Id: "IFormFile" } || field.Format == "binary"
                    ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = field.Description }
                    : field;
            foreach (var required in part.Required ?? new HashSet<string>()) (flat.Required ??= new HashSet<string>()).Add(required);
            foreach (var inner in part.AllOf ?? []) Add(inner);
        }
        Add(form);
        return flat;
    }

    /// <summary>
    /// A name for every operation, the one a generated client gives its method: the verb and the path's
    /// words, a parameter as "By…" (<c>GET /api/v1/courses/{id}/attendance</c> → <c>GetCoursesByIdAttendance</c>).
    /// Unique because method and path are.
    /// </summary>
    public static string OperationId(string method, string path)
    {
        var words = new System.Text.StringBuilder(method.ToUpperInvariant() switch
        {
            "GET" => "Get", "POST" => "Post", "PUT" => "Put", "DELETE" => "Delete", "PATCH" => "Patch", var other => Pascal(other),
        });
        var segments = path.Split('?')[0].Split('/', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (segments.Count >= 2 && segments[0] == "api" && segments[1] == "v1") segments.RemoveRange(0, 2);
        foreach (var segment in segments)
            words.Append(segment.StartsWith('{') ? "By" + Pascal(segment.Trim('{', '}').Split(':')[0].TrimEnd('?')) : Pascal(segment));
        return words.ToString();
    }

    private static string Pascal(string text) =>
        string.Concat(text.Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static string? Default(string code) => int.TryParse(code, out var status) ? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) : null;

    private static string Vietnamese(string code) => code switch
    {
        "200" => "Thành công",
        "201" => "Đã tạo",
        "202" => "Đã nhận, đang xử lý",
        "204" => "Thành công, không có nội dung trả về",
        "400" => "Dữ liệu không hợp lệ: errors nêu từng trường (tên tiếng Việt) và lý do",
        "401" => "Chưa đăng nhập, hoặc khóa API không hợp lệ, đã hết hạn, đã thu hồi",
        "403" => "Không có quyền (vai trò, hoặc khóa API chỉ đọc)",
        "404" => "Không tìm thấy, hoặc ngoài phạm vi dữ liệu của người gọi",
        "409" => "Xung đột với dữ liệu hiện có (trạng thái không cho phép, trùng)",
        _ => int.TryParse(code, out var status) ? Errors.ProblemTitles.For(status) : code,
    };
}

/// <summary>
/// Schema names: a type of an area is named by its area, its enclosing types and its own name
/// (<c>CoursesCreateCommand</c>, <c>JobsVacanciesCreateCommand</c>), generics by their arguments
/// (<c>PagedListOfCoursesIndexRow</c>). Two types never share a name: the document refuses to be written.
/// </summary>
public static class SchemaNames
{
    private const string Root = "DaoTaoNghe.";
    private static readonly ConcurrentDictionary<string, Type> Owners = new();

    public static string? For(JsonTypeInfo info)
    {
        if (OpenApiOptions.CreateDefaultSchemaReferenceId(info) is not { } fallback) return null;
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        // A file is a binary string written where it is used, so a generator sees a file parameter.
        if (type == typeof(IFormFile) || type == typeof(IFormFileCollection)) return null;
        if (!(type.Namespace ?? "").StartsWith(Root, StringComparison.Ordinal) && !type.IsGenericType) return fallback;
        var name = Name(type);
        var owner = Owners.GetOrAdd(name, type);
        if (owner != type)
            throw new InvalidOperationException($"Hai kiểu dữ liệu cùng tên lược đồ \"{name}\": {owner.FullName} và {type.FullName}.");
        return name;
    }

    public static string Name(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray) return Name(type.GetElementType()!) + "Array";
        if (type.Name.StartsWith("<>f", StringComparison.Ordinal)) return "AnonymousType";
        var own = type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] : type.Name;
        if (type.IsGenericType)
            own += "Of" + string.Join("And", type.GetGenericArguments().Select(Name));
        var ns = type.Namespace ?? "";
        if (!ns.StartsWith(Root, StringComparison.Ordinal)) return type.IsGenericType ? own : type.Name;

        var enclosing = new List<string>();
        for (var outer = type.DeclaringType; outer is not null; outer = outer.DeclaringType) enclosing.Insert(0, outer.Name);
        var area = ns[Root.Length..].Split('.').ToList();
        if (area.Count > 0 && area[0] == "Features") area.RemoveAt(0);
        else area.Clear(); // shared plumbing (PagedList, CreatedRecord) keeps its own name
        return string.Concat(area.Concat(enclosing)) + own;
    }
}

/// <summary>The answer to a create: the new record's id (its address is in the Location header).</summary>
public sealed record CreatedRecord(int Id);

/// <summary>Typed answers shared by the endpoints, so the document names what each returns.</summary>
public static class ApiResults
{
    public static Microsoft.AspNetCore.Http.HttpResults.Created<CreatedRecord> Created(string location, int id) =>
        TypedResults.Created(location, new CreatedRecord(id));
}
