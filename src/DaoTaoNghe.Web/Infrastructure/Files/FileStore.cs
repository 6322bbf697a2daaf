using System.Security.Cryptography;
using DaoTaoNghe.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;

namespace DaoTaoNghe.Infrastructure.Files;

/// <summary>A file kept on disk: where (<see cref="Key"/>), what the user called it, what it is, how big, its SHA-256.</summary>
public sealed record StoredFile(string Key, string FileName, string ContentType, long Size, string Sha256);

/// <summary>
/// What a feature accepts: a size limit and the extensions allowed, each with the content type it is
/// served as. The file's first bytes must also be what its extension says (a program renamed .pdf is
/// refused), unless the feature reads the content itself and explains a mismatch better.
/// </summary>
public sealed record FileRules(long MaxBytes, IReadOnlyDictionary<string, string> ContentTypes)
{
    public bool ChecksContent { get; init; } = true;

    /// <summary>Documents officials exchange: PDF, Word, Excel, PowerPoint, images, plain text, zip.</summary>
    public static readonly IReadOnlyDictionary<string, string> OfficeDocuments = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".doc"] = "application/msword",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xls"] = "application/vnd.ms-excel",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".ppt"] = "application/vnd.ms-powerpoint",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".txt"] = "text/plain; charset=utf-8",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".zip"] = "application/zip",
    };

    /// <summary>Learning materials: the documents above plus audio and video for self-study.</summary>
    public static readonly IReadOnlyDictionary<string, string> LearningMaterials = new Dictionary<string, string>(OfficeDocuments, StringComparer.OrdinalIgnoreCase)
    {
        [".mp3"] = "audio/mpeg",
        [".mp4"] = "video/mp4",
        [".m4a"] = "audio/mp4",
    };
}

/// <summary>
/// Uploaded files on disk under Files:Root, named by a random key (never by the user's name, so
/// nothing uploaded can overwrite or traverse), checked against the feature's size and type rules.
/// Files are only ever served back as downloads with the content type of their allowed extension.
/// </summary>
public sealed class FileStore(IConfiguration configuration, IHostEnvironment environment, TimeProvider clock)
{
    private string Root
    {
        get
        {
            var root = configuration["Files:Root"] ?? "App_Data/files";
            return Path.IsPathRooted(root) ? root : Path.Combine(environment.ContentRootPath, root);
        }
    }

    public async Task<StoredFile> SaveAsync(IFormFile upload, FileRules rules, string field, CancellationToken cancellationToken = default)
    {
        var fileName = SafeFileName(upload.FileName);
        var extension = Path.GetExtension(fileName);
        if (upload.Length == 0)
            throw new ValidationFailedException(field, $"Tệp \"{fileName}\" trống.");
        if (upload.Length > rules.MaxBytes)
            throw new ValidationFailedException(field, $"Tệp \"{fileName}\" quá lớn: tối đa {rules.MaxBytes / 1024 / 1024} MB.");
        if (!rules.ContentTypes.TryGetValue(extension, out var contentType))
            throw new ValidationFailedException(field,
                $"Không nhận tệp \"{fileName}\": chỉ nhận các loại {string.Join(", ", rules.ContentTypes.Keys.Order())}.");

        await using var source = upload.OpenReadStream();
        var head = new byte[FileSignatures.HeadLength];
        var headLength = await source.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        if (rules.ChecksContent && FileSignatures.Expected(extension, head.AsSpan(0, headLength)) is { } expected)
            throw new ValidationFailedException(field,
                $"Nội dung tệp \"{fileName}\" không phải {expected} như đuôi {extension.ToLowerInvariant()} cho biết (có thể tệp đã bị đổi tên). Hãy tải lên tệp gốc.");

        var key = $"{clock.GetUtcNow().UtcDateTime:yyyy/MM}/{Guid.NewGuid():N}{extension.ToLowerInvariant()}";
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(head, 0, headLength);
        await target.WriteAsync(head.AsMemory(0, headLength), cancellationToken);
        var buffer = new byte[81920];
        long size = headLength;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            size += read;
            if (size > rules.MaxBytes)
            {
                await target.DisposeAsync();
                File.Delete(path);
                throw new ValidationFailedException(field, $"Tệp \"{fileName}\" quá lớn: tối đa {rules.MaxBytes / 1024 / 1024} MB.");
            }
            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        return new StoredFile(key, fileName, contentType, size, Convert.ToHexString(hash.GetHashAndReset()));
    }

    /// <summary>The stored file as a download (attachment), never rendered inline by the browser.</summary>
    public IActionResult Download(string key, string fileName, string contentType)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) throw new NotFoundException("Không tìm thấy tệp.");
        return new FileStreamResult(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), contentType)
        {
            FileDownloadName = fileName,
        };
    }

    /// <summary>The stored file for reading on the server (an import reads its original), never handed out as is.</summary>
    public Stream OpenRead(string key)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) throw new NotFoundException("Không tìm thấy tệp.");
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920);
    }

    public void Delete(string key)
    {
        var path = PathOf(key);
        if (File.Exists(path)) File.Delete(path);
    }

    /// <summary>The same download for minimal-API endpoints.</summary>
    public IResult DownloadResult(string key, string fileName, string contentType)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) throw new NotFoundException("Không tìm thấy tệp.");
        return Results.File(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), contentType, fileName);
    }

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(Root, key));
        if (!path.StartsWith(Path.GetFullPath(Root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new NotFoundException("Không tìm thấy tệp.");
        return path;
    }

    /// <summary>The user's file name without any directory part or control characters, for showing and for Content-Disposition.</summary>
    public static string SafeFileName(string name)
    {
        var file = Path.GetFileName(name.Replace('\\', '/'));
        var cleaned = new string(file.Where(c => !char.IsControl(c) && c is not '"' and not '/' and not '\\').ToArray()).Trim();
        return cleaned.Length == 0 ? "tep" : cleaned.Length > 200 ? cleaned[^200..] : cleaned;
    }
}
