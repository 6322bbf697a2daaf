using System.Diagnostics;
using DaoTaoNghe.Features.Users;

namespace DaoTaoNghe.Tests.Infrastructure;

public class StartupTests
{
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
        try
        {
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            await process.WaitForExitAsync(timeout.Token);

            await output;
            process.ExitCode.ShouldBe(1);
            (await errors).ShouldContain(AdminBootstrap.MissingAdminMessage);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
                if (File.Exists(file)) File.Delete(file);
        }
    }
}
