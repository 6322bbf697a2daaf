using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaoTaoNghe.Infrastructure.Exchange;

/// <summary>
/// A POST the API answered under an <c>Idempotency-Key</c>: whose key (the API key, or the user signed in
/// without one), a hash of what was sent, and the answer to send again. <see cref="Status"/> is null while
/// the first request is still running. Kept a day by the instance that answered: not replicated.
/// </summary>
[TableKind(TableKind.Instance)]
public class IdempotencyRecord : INotAudited
{
    public long Id { get; set; }
    public string Caller { get; set; } = "";
    public string Key { get; set; } = "";
    public string RequestHash { get; set; } = "";
    public int? Status { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public byte[]? Body { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

public class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.Property(r => r.Caller).HasMaxLength(40);
        b.Property(r => r.Key).HasMaxLength(IdempotencyKeys.MaxLength);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.Property(r => r.ContentType).HasMaxLength(200);
        b.Property(r => r.Location).HasMaxLength(500);
        b.HasIndex(r => new { r.Caller, r.Key }).IsUnique();
        b.HasIndex(r => r.ExpiresAt);
    }
}

/// <summary>
/// Honours <c>Idempotency-Key</c> on every POST of the API, in one place: the first request with a key runs
/// and its successful answer is kept for <c>Exchange:IdempotencyHours</c> (24 by default); the same key with
/// the same method, path and body gets that answer again (with <c>Idempotency-Replayed: true</c>) and writes
/// nothing; with anything else sent, 422. A request that fails keeps nothing: the handlers leave the data
/// unchanged when they refuse, so the caller may correct it and send it again under the same key.
/// </summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotency-Replayed";
    public const int MaxLength = 100;

    /// <summary>Answers larger than this are not kept (no API create answers anything near it); the key is released.</summary>
    private const int MaxStoredBody = 256 * 1024;

    public static IApplicationBuilder UseIdempotencyKeys(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments("/api/v1")
                || !context.Request.Headers.TryGetValue(Header, out var values) || CallerOf(context.User) is not { } caller)
            {
                await next(context);
                return;
            }
            await RunAsync(context, next, caller, values.ToString());
        });

    private static string? CallerOf(ClaimsPrincipal user) =>
        user.FindFirstValue(AppClaims.ApiKeyId) is { } key ? "k:" + key
        : user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id ? "u:" + id
        : null;

    private static async Task RunAsync(HttpContext context, RequestDelegate next, string caller, string key)
    {
        if (key.Length is 0 or > MaxLength || key.Any(c => c is < '!' or > '~'))
        {
            await ProblemAsync(context, StatusCodes.Status400BadRequest,
                $"{Header} phải có từ 1 đến {MaxLength} ký tự ASCII in được, không có khoảng trắng (ví dụ một UUID).");
            return;
        }
        var db = context.RequestServices.GetRequiredService<DbContext>();
        var clock = context.RequestServices.GetRequiredService<TimeProvider>();
        var hours = context.RequestServices.GetRequiredService<IConfiguration>().GetValue("Exchange:IdempotencyHours", 24);
        var now = clock.GetUtcNow().UtcDateTime;
        var hash = await HashAsync(context.Request);
        var records = db.Set<IdempotencyRecord>().IgnoreQueryFilters();
        await records.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(context.RequestAborted);

        var record = new IdempotencyRecord { Caller = caller, Key = key, RequestHash = hash, CreatedAt = now, ExpiresAt = now.AddHours(hours) };
        try
        {
            db.Add(record);
            await db.SaveChangesAsync(context.RequestAborted);
        }
        catch (DbUpdateException)
        {
            db.Entry(record).State = EntityState.Detached;
            var earlier = await records.AsNoTracking().SingleOrDefaultAsync(r => r.Caller == caller && r.Key == key, context.RequestAborted);
            await AnswerAgainAsync(context, earlier, hash);
            return;
        }
        db.Entry(record).State = EntityState.Detached;

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var kept = false;
        try
        {
            await next(context);
            var status = context.Response.StatusCode;
            if (status is >= 200 and < 300 && buffer.Length <= MaxStoredBody)
            {
                var body = buffer.ToArray();
                var contentType = context.Response.ContentType;
                var location = context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null;
                await records.Where(r => r.Id == record.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Status, status).SetProperty(r => r.Body, body)
                    .SetProperty(r => r.ContentType, contentType).SetProperty(r => r.Location, location), CancellationToken.None);
                kept = true;
            }
        }
        finally
        {
            context.Response.Body = original;
            if (!kept) await records.Where(r => r.Id == record.Id).ExecuteDeleteAsync(CancellationToken.None);
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task AnswerAgainAsync(HttpContext context, IdempotencyRecord? earlier, string hash)
    {
        if (earlier is null)
        {
            await ProblemAsync(context, StatusCodes.Status409Conflict, $"Yêu cầu trước với cùng {Header} vừa kết thúc; hãy gửi lại.");
            return;
        }
        if (earlier.RequestHash != hash)
        {
            await ProblemAsync(context, StatusCodes.Status422UnprocessableEntity,
                $"{Header} này đã được dùng cho một yêu cầu khác (khác địa chỉ hoặc nội dung). Mỗi thao tác mới cần một {Header} mới.");
            return;
        }
        if (earlier.Status is not { } status)
        {
            await ProblemAsync(context, StatusCodes.Status409Conflict, $"Yêu cầu với cùng {Header} đang được xử lý; hãy chờ rồi gửi lại.");
            return;
        }
        context.Response.StatusCode = status;
        context.Response.Headers[ReplayedHeader] = "true";
        if (earlier.Location is { } location) context.Response.Headers.Location = location;
        if (earlier.ContentType is { } contentType) context.Response.ContentType = contentType;
        if (earlier.Body is { Length: > 0 } body) await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0) sha.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static Task ProblemAsync(HttpContext context, int status, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = Errors.ProblemTitles.For(status), Detail = detail },
        }).AsTask();
    }
}
