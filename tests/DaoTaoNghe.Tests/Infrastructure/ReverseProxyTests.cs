using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using DaoTaoNghe.Tests.Support;
using Microsoft.Data.Sqlite;

namespace DaoTaoNghe.Tests.Infrastructure;

/// <summary>nginx installed (test.sh installs it), or the test is skipped saying so; DTN_NGINX set to a missing program fails instead.</summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute()
    {
        if (ReverseProxyTests.Nginx is null && Environment.GetEnvironmentVariable("DTN_NGINX") is null)
            Skip = "nginx is not installed here (apt-get install nginx-light, or run test.sh, which installs it): the reverse-proxy test needs a real nginx.";
    }
}

/// <summary>
/// The app in Production behind a real nginx on loopback, TLS with a self-signed certificate, as the
/// README describes it. The browser is at 127.0.0.2 (nginx sees that address), nginx at 127.0.0.1 (the
/// one configured proxy); a client reaching the app without nginx cannot choose its address.
/// </summary>
public class ReverseProxyTests
{
    public static string? Nginx =>
        new[] { Environment.GetEnvironmentVariable("DTN_NGINX"), "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(p => p is not null && File.Exists(p));

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    [NginxFact]
    public async Task Behind_nginx_the_app_sends_HSTS_Secure_cookies_and_audits_the_clients_address_not_a_claimed_one()
    {
        var nginx = Nginx ?? throw new InvalidOperationException($"DTN_NGINX={Environment.GetEnvironmentVariable("DTN_NGINX")} does not exist.");
        var work = Directory.CreateTempSubdirectory("dtn-proxy-");
        var database = Path.Combine(work.FullName, "app.db");
        var (appPort, tlsPort) = (FreePort(), FreePort());
        Process? app = null, proxy = null;
        try
        {
            app = await StartAppAsync(database, appPort, tlsPort);
            proxy = await StartNginxAsync(nginx, work.FullName, appPort, tlsPort);

            using var browser = Client(from: IPAddress.Parse("127.0.0.2"));
            var login = await browser.GetAsync($"https://localhost:{tlsPort}/Account/Login");
            var html = await login.Content.ReadAsStringAsync();
            var token = WebUtility.HtmlDecode(Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Data.UserName"] = "quantri.proxy", ["Data.Password"] = "Mat-khau-proxy-2026", ["__RequestVerificationToken"] = token,
            });
            using var signIn = new HttpRequestMessage(HttpMethod.Post, $"https://localhost:{tlsPort}/Account/Login") { Content = form };
            signIn.Headers.Add("X-Forwarded-For", "203.0.113.66");
            var signedIn = await browser.SendAsync(signIn);

            using var direct = Client(from: IPAddress.Parse("127.0.0.2"));
            using var spoofed = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{appPort}/Account/Login");
            spoofed.Headers.Add("X-Forwarded-For", "203.0.113.77");
            spoofed.Headers.Add("X-Forwarded-Proto", "https");
            var redirected = await direct.SendAsync(spoofed);

            login.StatusCode.ShouldBe(HttpStatusCode.OK);
            login.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=31536000");
            signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, html);
            var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("dtn.auth=", StringComparison.Ordinal));
            cookie.ToLowerInvariant().ShouldContain("; secure");
            redirected.StatusCode.ShouldBe(HttpStatusCode.TemporaryRedirect, "plain HTTP from a client that is not the proxy is sent to HTTPS, whatever it claims");
            redirected.Headers.Location!.ToString().ShouldStartWith("https://");
            (await SignInAddressesAsync(database)).ShouldBe(["127.0.0.2"]);
        }
        finally
        {
            foreach (var process in new[] { proxy, app })
                if (process is { HasExited: false }) { process.Kill(entireProcessTree: true); await process.WaitForExitAsync(); }
            SqliteConnection.ClearAllPools();
            work.Delete(recursive: true);
        }
    }

    private static async Task<List<string>> SignInAddressesAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ip_address FROM audit_entries WHERE action = 'SignIn' AND user_name = 'quantri.proxy'";
        var addresses = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) addresses.Add(reader.GetString(0));
        return addresses;
    }

    private static HttpClient Client(IPAddress from) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        CookieContainer = new CookieContainer(),
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(from, 0));
            var port = context.DnsEndPoint.Port;
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        },
    });

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<Process> StartAppAsync(string database, int port, int tlsPort)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(database)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={database}";
        start.Environment["Files__Root"] = Path.Combine(Path.GetDirectoryName(database)!, "files");
        start.Environment["Admin__UserName"] = "quantri.proxy";
        start.Environment["Admin__Password"] = "Mat-khau-proxy-2026";
        start.Environment["Admin__ProvinceCode"] = "12";
        start.Environment["Reminders__Enabled"] = "false";
        start.Environment["ReverseProxy__KnownProxies"] = "127.0.0.1";
        start.Environment["ReverseProxy__HttpsPort"] = tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        var process = Process.Start(start)!;
        var output = new StringBuilder();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            lock (output) output.AppendLine(line.Data);
            if (line.Data.Contains("Application started")) started.TrySetResult();
        };
        process.ErrorDataReceived += (_, line) => { lock (output) output.AppendLine(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(started.Task, process.WaitForExitAsync(), Task.Delay(StartTimeout)) != started.Task)
            throw new InvalidOperationException($"The app did not start:\n{output}");
        return process;
    }

    private static async Task<Process> StartNginxAsync(string nginx, string directory, int appPort, int tlsPort)
    {
        var certificate = Path.Combine(directory, "cert.pem");
        var key = Path.Combine(directory, "key.pem");
        var openssl = Process.Start(new ProcessStartInfo("openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-keyout", key, "-out", certificate])
            { RedirectStandardError = true, RedirectStandardOutput = true })!;
        await openssl.WaitForExitAsync();
        openssl.ExitCode.ShouldBe(0, await openssl.StandardError.ReadToEndAsync());
        var config = Path.Combine(directory, "nginx.conf");
        // The README's server block, on loopback ports of the test's own.
        await File.WriteAllTextAsync(config, $$"""
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log;
            daemon off;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                server {
                    listen 127.0.0.1:{{tlsPort}} ssl;
                    server_name localhost;
                    ssl_certificate {{certificate}};
                    ssl_certificate_key {{key}};
                    client_max_body_size 110m;
                    location / {
                        proxy_pass http://127.0.0.1:{{appPort}};
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $remote_addr;
                        proxy_set_header X-Forwarded-Proto $scheme;
                    }
                }
            }
            """);
        var process = Process.Start(new ProcessStartInfo(nginx, ["-c", config, "-p", directory]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"nginx exited: {await process.StandardError.ReadToEndAsync()}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, tlsPort);
                return process;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        throw new InvalidOperationException("nginx did not listen.");
    }
}
