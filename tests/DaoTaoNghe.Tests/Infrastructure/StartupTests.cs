using System.Diagnostics;
using System.Text;
using DaoTaoNghe.Features.Users;

namespace DaoTaoNghe.Tests.Infrastructure;

public class StartupTests
{
    /// <summary>Only against hanging forever: the test waits for the process to exit or to start, however slow the machine.</summary>
    private static readonly TimeSpan SafetyNet = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Production_refuses_to_start_without_an_admin_and_says_how_to_set_one()
    {
        var database = Path.Combine(Path.GetTempPath(), $"dtn-prod-{Guid.NewGuid():N}.db");
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={database}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // The host says "Application started" when it is ready: the signal that it did not refuse.
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Logging__LogLevel__DaoTaoNghe.Startup"] = "Information";
        try
        {
            using var process = Process.Start(start)!;
            var output = new StringBuilder();
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, line) =>
            {
                if (line.Data is null) return;
                lock (output) output.AppendLine(line.Data);
                if (line.Data.Contains("Application started")) started.TrySetResult();
            };
            process.BeginOutputReadLine();
            var errors = process.StandardError.ReadToEndAsync();
            var exited = process.WaitForExitAsync();

            var first = await Task.WhenAny(exited, started.Task, Task.Delay(SafetyNet));
            if (first != exited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            var outcome = first == exited ? "exited" : first == started.Task ? "started instead of refusing" : $"neither exited nor started in {SafetyNet.TotalMinutes} minutes";
            outcome.ShouldBe("exited", $"Output:\n{output}");
            process.ExitCode.ShouldBe(1);
            (await errors).ShouldContain(AdminBootstrap.MissingAdminMessage);
            // The operator saw each step it went through before the refusal.
            var shown = output.ToString();
            shown.ShouldContain("Khởi động: cập nhật cấu trúc cơ sở dữ liệu");
            shown.ShouldMatch(@"Khởi động 1/\d+: Danh mục đơn vị hành chính trước và sau 01/7/2025…");
            shown.ShouldMatch(@"Khởi động 4/\d+: Vai trò và tài khoản quản trị đầu tiên…");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
                if (File.Exists(file)) File.Delete(file);
        }
    }
}
