namespace DaoTaoNghe.Infrastructure.Files;

/// <summary>
/// The first bytes each accepted kind of file starts with. Checking them catches a program or a web
/// page renamed to look like a document before anyone downloads and opens it.
/// </summary>
public static class FileSignatures
{
    public const int HeadLength = 512;

    private static readonly byte[] Pdf = "%PDF"u8.ToArray();
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] EmptyZip = [0x50, 0x4B, 0x05, 0x06];
    private static readonly byte[] OleCompound = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Id3 = "ID3"u8.ToArray();
    private static readonly byte[] FileType = "ftyp"u8.ToArray();
    private static readonly byte[] WindowsProgram = "MZ"u8.ToArray();

    /// <summary>Null when <paramref name="head"/> fits the extension; otherwise what the file should have been, in words.</summary>
    public static string? Expected(string extension, ReadOnlySpan<byte> head) => extension.ToLowerInvariant() switch
    {
        ".pdf" => head.StartsWith(Pdf) ? null : "tệp PDF",
        ".docx" or ".xlsx" or ".pptx" or ".odt" or ".ods" => IsZip(head) ? null : "tài liệu Office",
        ".zip" => IsZip(head) ? null : "tệp nén ZIP",
        ".doc" or ".xls" or ".ppt" => head.StartsWith(OleCompound) ? null : "tài liệu Office 97–2003",
        ".jpg" or ".jpeg" => head.StartsWith(Jpeg) ? null : "ảnh JPEG",
        ".png" => head.StartsWith(Png) ? null : "ảnh PNG",
        ".mp3" => head.StartsWith(Id3) || (head.Length > 1 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0) ? null : "tệp âm thanh MP3",
        ".mp4" or ".m4a" => head.Length >= 8 && head[4..8].SequenceEqual(FileType) ? null : "tệp video/âm thanh MP4",
        ".txt" or ".csv" => head.Contains((byte)0) || head.StartsWith(WindowsProgram) ? "văn bản thuần" : null,
        _ => null,
    };

    private static bool IsZip(ReadOnlySpan<byte> head) => head.StartsWith(Zip) || head.StartsWith(EmptyZip);
}
