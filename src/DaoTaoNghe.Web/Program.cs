using System.Globalization;
using System.Text.Json.Serialization;
using DaoTaoNghe.Data;
using DaoTaoNghe.Demo;
using DaoTaoNghe.Features.Imports;
using DaoTaoNghe.Features.Jobs.Public;
using DaoTaoNghe.Features.Users;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Errors;
using DaoTaoNghe.Infrastructure.Exchange;
using DaoTaoNghe.Infrastructure.Files;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Validation;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Diagnostics.HealthChecks;

var vietnamese = CultureInfo.GetCultureInfo("vi-VN");
CultureInfo.DefaultThreadCurrentCulture = vietnamese;
CultureInfo.DefaultThreadCurrentUICulture = vietnamese;
ValidationSetup.Configure();

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddHttpContextAccessor();
builder.Services.AddAppDatabase<AppDbContext>();
builder.Services.AddAppAuthentication();
builder.Services.AddFeatures();
builder.Services.AddSingleton<FileStore>();
builder.Services.AddSingleton<Menu>();
builder.Services.AddSingleton<MenuWorkCounts>();
builder.Services.AddImports();
builder.Services.AddSingleton<DaoTaoNghe.Features.Learners.CccdLookupLimit>();
DaoTaoNghe.Features.Learners.PopulationRegistrySettings.Register(builder.Services, builder.Configuration);
builder.Services.AddHttpClient(DaoTaoNghe.Features.Learners.OtherProvinces.ClientName);
builder.Services.AddPublicFormRateLimit(builder.Configuration);
builder.Services.AddReverseProxy(builder.Configuration);
builder.Services.AddRazorPages(options =>
    {
        options.RootDirectory = "/Features";
        options.Conventions.AuthorizeFolder("/");
    })
    .AddMvcOptions(options =>
    {
        options.ModelBinderProviders.Insert(0, new VietnameseBinderProvider());
        // Required fields are the validators' business, with Vietnamese messages.
        options.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
        VietnameseBinding.Messages(options.ModelBindingMessageProvider);
    });
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
{
    var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
    context.ProblemDetails.Title = ProblemTitles.For(status);
    context.ProblemDetails.Detail ??= ProblemTitles.DetailFor(status);
});
builder.Services.AddExceptionHandler<AppExceptionHandler>();
// A request the API cannot read is explained in Vietnamese, field by field (BindingErrors), in every environment.
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
builder.Services.AddApiDocument();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddOperatorMetrics();
builder.Services.AddHostedService<DaoTaoNghe.Features.Federation.ReplicationMetrics>();
builder.Services.Configure<DaoTaoNghe.Features.Notifications.SmtpSettings>(builder.Configuration.GetSection("Smtp"));
builder.Services.AddHostedService<DaoTaoNghe.Features.Reports.Reminders.ReminderService>();
builder.Services.AddHostedService<DaoTaoNghe.Features.Notifications.DigestService>();
builder.Services.AddSingleton(sp => DaoTaoNghe.Features.Indicators.MaintainedValuesOptions.From(sp.GetRequiredService<IConfiguration>()));
builder.Services.AddSingleton<DaoTaoNghe.Features.Indicators.MaintainedValuesRunner>();
builder.Services.AddSingleton(sp => DaoTaoNghe.Features.Indicators.NationalPersonCountOptions.From(sp.GetRequiredService<IConfiguration>()));
builder.Services.AddSingleton<DaoTaoNghe.Features.Indicators.NationalPersonCounter>();
// The national tier's indicator cells are the provinces' own, replicated; it never recomputes them. It counts what no
// province's cells can give: the nation's people, each once across provinces.
if (!args.Contains("--rebuild-indicators"))
{
    if (DaoTaoNghe.Infrastructure.Federation.TierSettings.From(builder.Configuration).IsNational)
        builder.Services.AddHostedService<DaoTaoNghe.Features.Indicators.NationalPersonCountWorker>();
    else
        builder.Services.AddHostedService<DaoTaoNghe.Features.Indicators.MaintainedValuesWorker>();
}
builder.Services.AddResponseCompression(options =>
{
    options.EnableForHttps = true;
    options.Providers.Add<BrotliCompressionProvider>();
    options.Providers.Add<GzipCompressionProvider>();
});
builder.Services.Configure<FormOptions>(options => options.MultipartBodyLengthLimit = 110 * 1024 * 1024);

var app = builder.Build();

try
{
    await DatabaseInitializer.InitializeAsync(app.Services, app.Configuration, app.Environment);
}
catch (StartupRefusedException refused)
{
    Console.Error.WriteLine(refused.Message);
    Environment.ExitCode = 1;
    return;
}

// `dotnet DaoTaoNghe.Web.dll --rebuild-indicators`: recomputes every maintained indicator value from the records,
// reports each difference from the values kept, and exits (3 when a difference was found).
if (args.Contains("--rebuild-indicators"))
{
    // Ctrl+C stops the rebuild through its token, so it clears its progress rather than leave every dashboard "rebuilding".
    using var stop = new CancellationTokenSource();
    Console.CancelKeyPress += (_, press) => { press.Cancel = true; stop.Cancel(); };
    var report = await app.Services.GetRequiredService<DaoTaoNghe.Features.Indicators.MaintainedValuesRunner>().RebuildAsync("dòng lệnh --rebuild-indicators", stop.Token);
    Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(report, new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine(report.FirstBuild
        ? $"Indicator values built for the first time: {report.Cells} values in {report.Seconds:0.0} s."
        : $"Indicator values rebuilt: {report.Cells} values in {report.Seconds:0.0} s, {report.Differences} differences from the values kept ({report.PendingDifferences} changes made during the run).");
    Environment.ExitCode = report.Differences > 0 && !report.FirstBuild ? 3 : 0;
    return;
}

app.UseReverseProxy();
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    ExceptionHandlingPath = "/Error",
    StatusCodeSelector = AppExceptionHandler.StatusFor,
    SuppressDiagnosticsCallback = AppExceptionHandler.SuppressDiagnostics,
});
app.UseWhen(context => context.Request.IsApi(), api => api.UseStatusCodePages());
app.UseWhen(context => !context.Request.IsApi(), pages => pages.UseStatusCodePagesWithReExecute("/Error/{0}"));
app.UseResponseCompression();
app.UseSecurityHeaders();
app.UseStaticFiles(new StaticFileOptions
{
    OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public,max-age=604800",
});
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(vietnamese),
    SupportedCultures = [vietnamese],
    SupportedUICultures = [vietnamese],
});
app.UseRouting();
app.UseOperatorMetrics(app.Configuration);
app.UseRateLimiter();
app.UseAuthentication();
app.UseApiKeyScopes();
app.UseMiddleware<DataScopeMiddleware>();
app.UseAuthorization();
app.UseFreshMenuCountsAfterChanges();
app.UseIdempotencyKeys();

app.MapRazorPages();
app.MapApiDocument();
app.MapApiReference();
app.MapHealthChecks("/health", new HealthCheckOptions
{
    ResultStatusCodes =
    {
        [HealthStatus.Healthy] = StatusCodes.Status200OK,
        [HealthStatus.Degraded] = StatusCodes.Status200OK,
        [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
    },
});
app.MapGroup("/api/v1").RequireAuthorization().WithTags("DaoTaoNghe").ProducesProblems().MapFeatureEndpoints();

app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app.Services, app.Environment));
app.Run();

/// <summary>Entry point, public so the tests can host the app.</summary>
public partial class Program;
