using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace DaoTaoNghe.Tests.Support;

/// <summary>LibreOffice installed (test.sh installs it), or the test is skipped saying so; DTN_SOFFICE set to a missing program fails instead.</summary>
public sealed class LibreOfficeFactAttribute : FactAttribute
{
    public LibreOfficeFactAttribute()
    {
        if (LibreOffice.Program is null && Environment.GetEnvironmentVariable("DTN_SOFFICE") is null)
            Skip = "LibreOffice is not installed here (apt-get install libreoffice-calc-nogui libreoffice-writer-nogui, or run test.sh, which installs it).";
    }
}

/// <summary>Opens a file in a real LibreOffice, headless, and prints it to PDF, as a user's "Print" would lay it out.</summary>
public static partial class LibreOffice
{
    public static string? Program =>
        new[] { Environment.GetEnvironmentVariable("DTN_SOFFICE"), "/usr/bin/soffice", "/usr/bin/libreoffice" }.FirstOrDefault(p => p is not null && File.Exists(p));

    /// <summary>Conversions run one at a time: LibreOffice instances sharing a profile refuse to start together.</summary>
    private static readonly SemaphoreSlim OneAtATime = new(1);

    public static async Task<int> PdfPagesAsync(byte[] content, string extension)
    {
        var program = Program ?? throw new InvalidOperationException($"DTN_SOFFICE={Environment.GetEnvironmentVariable("DTN_SOFFICE")} does not exist.");
        var work = Directory.CreateTempSubdirectory("dtn-soffice-");
        await OneAtATime.WaitAsync();
        try
        {
            var input = Path.Combine(work.FullName, "paper." + extension);
            await File.WriteAllBytesAsync(input, content);
            var start = new ProcessStartInfo(program)
            {
                ArgumentList =
                {
                    $"-env:UserInstallation=file://{work.FullName}/profile", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", work.FullName, input,
                },
                RedirectStandardOutput = true, RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            var pdf = Path.Combine(work.FullName, "paper.pdf");
            if (!File.Exists(pdf))
                throw new InvalidOperationException($"LibreOffice made no PDF (exit {process.ExitCode}): {await output} {await errors}");
            return PageObject().Matches(Encoding.Latin1.GetString(await File.ReadAllBytesAsync(pdf))).Count;
        }
        finally
        {
            OneAtATime.Release();
            work.Delete(recursive: true);
        }
    }

    /// <summary>A page object of the PDF ("/Type /Page", not the "/Type /Pages" tree above them).</summary>
    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageObject();
}
