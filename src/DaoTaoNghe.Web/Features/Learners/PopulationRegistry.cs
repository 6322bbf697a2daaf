using System.ComponentModel.DataAnnotations;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace DaoTaoNghe.Features.Learners;

/// <summary>What the national population database (CSDL quốc gia về dân cư) answered about a CCCD, name and birth date.</summary>
public enum PopulationCheckResult
{
    [Display(Name = "Khớp (số CCCD, họ tên, ngày sinh)")] Match = 1,
    [Display(Name = "Họ tên không khớp")] NameMismatch = 2,
    [Display(Name = "Ngày sinh không khớp")] BirthDateMismatch = 3,
    [Display(Name = "Không có số CCCD này")] NotFound = 4,
    [Display(Name = "Không kết nối được")] Unreachable = 5,
}

/// <summary>What is asked: the number and what the record says of the person.</summary>
public sealed record PopulationQuestion(string Cccd, string FullName, DateOnly BirthDate);

/// <summary>
/// The national population database as this app uses it. No API is published for third parties, so
/// the contract is ours (docs/population-registry.md): an answer per question, never an exception —
/// a service down, slow or answering nonsense is <see cref="PopulationCheckResult.Unreachable"/>.
/// </summary>
public interface IPopulationRegistry
{
    /// <summary>Where the answer comes from, as stored with each check and shown on the record.</summary>
    string Source { get; }

    Task<PopulationCheckResult> CheckAsync(PopulationQuestion question, CancellationToken cancellationToken = default);
}

/// <summary>The "PopulationRegistry" settings section.</summary>
public sealed class PopulationRegistrySettings
{
    public const string Section = "PopulationRegistry";

    /// <summary>Off: no check is made, the button is not shown, registration does not ask.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>"Simulator" (the local simulator; tests and the demo) or "Http" (the adapter, at <see cref="BaseUrl"/>).</summary>
    public string Mode { get; set; } = "Simulator";

    public string? BaseUrl { get; set; }

    /// <summary>How long an answer is awaited before the check is stored as unreachable.</summary>
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>The simulator answers "unreachable" for a CCCD matching this pattern.</summary>
    public string SimulatedUnreachable { get; set; } = "99$";

    public bool UsesHttp => string.Equals(Mode, "Http", StringComparison.OrdinalIgnoreCase);

    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(Section).Get<PopulationRegistrySettings>() ?? new PopulationRegistrySettings();
        services.AddSingleton(settings);
        if (settings.UsesHttp)
        {
            services.AddHttpClient<IPopulationRegistry, HttpPopulationRegistry>(client =>
            {
                client.BaseAddress = new Uri(settings.BaseUrl ?? throw new InvalidOperationException($"{Section}:BaseUrl is required when {Section}:Mode is Http."));
                client.Timeout = TimeSpan.FromSeconds(settings.TimeoutSeconds);
            });
        }
        else services.AddSingleton<IPopulationRegistry, SimulatedPopulationRegistry>();
    }
}

/// <summary>
/// The adapter for our contract: POST {BaseUrl}/v1/citizen-checks with
/// <c>{"citizenId","fullName","birthDate"}</c>, answered 200 with <c>{"result": "match" | "name_mismatch" |
/// "birth_date_mismatch" | "not_found"}</c>. A timeout, a network error, another status or another
/// answer is "unreachable": the caller stores it and goes on.
/// </summary>
public sealed class HttpPopulationRegistry(HttpClient http, PopulationRegistrySettings settings, ILogger<HttpPopulationRegistry> log) : IPopulationRegistry
{
    public string Source => $"CSDL quốc gia về dân cư ({http.BaseAddress?.Host})";

    private sealed record Request(string CitizenId, string FullName, DateOnly BirthDate);

    private sealed record Answer([property: JsonPropertyName("result")] string? Result);

    public async Task<PopulationCheckResult> CheckAsync(PopulationQuestion question, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(settings.TimeoutSeconds));
        try
        {
            using var response = await http.PostAsJsonAsync("v1/citizen-checks", new Request(question.Cccd, question.FullName, question.BirthDate), timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                log.LogWarning("Population registry answered {Status}", (int)response.StatusCode);
                return PopulationCheckResult.Unreachable;
            }
            var answer = await response.Content.ReadFromJsonAsync<Answer>(timeout.Token);
            return answer?.Result switch
            {
                "match" => PopulationCheckResult.Match,
                "name_mismatch" => PopulationCheckResult.NameMismatch,
                "birth_date_mismatch" => PopulationCheckResult.BirthDateMismatch,
                "not_found" => PopulationCheckResult.NotFound,
                var other => Unexpected(other),
            };
        }
        catch (Exception e) when ((e is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException or NotSupportedException)
                                   && !cancellationToken.IsCancellationRequested)
        {
            log.LogWarning(e, "Population registry not reachable");
            return PopulationCheckResult.Unreachable;
        }
    }

    private PopulationCheckResult Unexpected(string? result)
    {
        log.LogWarning("Population registry answered an unknown result {Result}", result);
        return PopulationCheckResult.Unreachable;
    }
}

/// <summary>
/// The local simulator (tests, the demo, a province without a connection yet): the answer follows
/// from the CCCD alone, so a test or a trainer picks it by the number — matching
/// <see cref="PopulationRegistrySettings.SimulatedUnreachable"/> (default: ends in 99): unreachable;
/// otherwise by the last digit, 0: not found, 1: name mismatch, 2: birth date mismatch, else a match.
/// </summary>
public sealed class SimulatedPopulationRegistry(PopulationRegistrySettings settings) : IPopulationRegistry
{
    private readonly Regex _unreachable = new(settings.SimulatedUnreachable, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    public string Source => "Mô phỏng CSDL quốc gia về dân cư (chạy cục bộ)";

    public Task<PopulationCheckResult> CheckAsync(PopulationQuestion question, CancellationToken cancellationToken = default) =>
        Task.FromResult(_unreachable.IsMatch(question.Cccd) ? PopulationCheckResult.Unreachable : question.Cccd[^1] switch
        {
            '0' => PopulationCheckResult.NotFound,
            '1' => PopulationCheckResult.NameMismatch,
            '2' => PopulationCheckResult.BirthDateMismatch,
            _ => PopulationCheckResult.Match,
        });
}
