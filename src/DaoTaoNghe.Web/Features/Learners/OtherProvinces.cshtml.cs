using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Data;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Export;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Learners;

/// <summary>
/// The province's side of "one person, nationally" (docs/federation.md): the people the national tier has found
/// registered both here and in another province, read from the national instance's
/// <c>GET /api/v1/shared-person-cases?tinh=</c> with the API key of the province's reconciliation account on the national tier
/// (<c>Federation:NationalUrl</c>, <c>Federation:NationalApiKey</c>), so the officer can reconcile with the other
/// province. Only people whose record here the caller may see are listed. The national tier down or not
/// configured is a message, never an error: nothing here depends on it.
/// </summary>
[Authorize(Policy = LearnerPolicies.Write)]
public class OtherProvinces(OtherProvinces.Handler handler, AuditTrail audit) : PageModel
{
    public const string ClientName = "national-tier";

    public const string NotConfigured =
        "Chưa cấu hình kết nối với hệ thống cấp quốc gia (Federation:NationalUrl, Federation:NationalApiKey); hãy liên hệ quản trị hệ thống.";

    public const string Unreachable =
        "Không kết nối được hệ thống cấp quốc gia; danh sách người đã đăng ký ở tỉnh khác chưa lấy được, hãy thử lại sau.";

    public sealed class Query : PagedQuery;

    /// <summary>A person registered here (<see cref="LearnerId"/>) and in other provinces (<see cref="Elsewhere"/>).</summary>
    public sealed record Row(int LearnerId, string FullName, DateOnly BirthDate, string CommuneName, IReadOnlyList<NationalPersons.HeldRecord> Elsewhere);

    public sealed record Result(PagedList<Row> Rows, string? Problem);

    public sealed class Handler(AppDbContext db, IHttpClientFactory clients, IConfiguration configuration, ILogger<Handler> log) : IHandler
    {
        public async Task<Result> HandleAsync(Query query, CancellationToken cancellationToken = default)
        {
            var (rows, problem) = await AllAsync(cancellationToken);
            return new Result(rows.ToPagedList(query), problem);
        }

        /// <summary>Every case the caller may see, or none with the reason the national tier gave none.</summary>
        public async Task<(List<Row> Rows, string? Problem)> AllAsync(CancellationToken cancellationToken = default)
        {
            var url = configuration["Federation:NationalUrl"];
            var key = configuration["Federation:NationalApiKey"];
            if (string.IsNullOrWhiteSpace(url) || string.IsNullOrWhiteSpace(key)) return ([], NotConfigured);
            var province = KeyRanges.ProvinceCodeSetting(configuration);
            List<SharedPersonCases.Case> cases;
            try
            {
                cases = await FetchAsync(url, key, province, cancellationToken);
            }
            catch (Exception e) when ((e is HttpRequestException or TaskCanceledException or JsonException or NotSupportedException)
                                      && !cancellationToken.IsCancellationRequested)
            {
                log.LogWarning(e, "The national tier at {Url} did not answer the shared-persons list", url);
                return ([], Unreachable);
            }

            var own = cases.SelectMany(c => c.Records.Where(r => r.ProvinceCode == province).Select(r => (r.LearnerId, Case: c))).ToList();
            var ids = own.Select(o => o.LearnerId).ToList();
            // Through the caller's scope: a commune officer sees the people of their commune only.
            var visible = await db.Learners.AsNoTracking().Where(l => ids.Contains(l.Id))
                .Select(l => new { l.Id, l.FullName, l.BirthDate, Commune = l.Commune.Name })
                .ToDictionaryAsync(l => l.Id, cancellationToken);
            var rows = own.Where(o => visible.ContainsKey(o.LearnerId))
                .Select(o =>
                {
                    var l = visible[o.LearnerId];
                    return new Row(l.Id, l.FullName, l.BirthDate, l.Commune, o.Case.Records.Where(r => r.ProvinceCode != province).ToList());
                })
                .OrderBy(r => r.FullName, StringComparer.Ordinal).ThenBy(r => r.LearnerId)
                .ToList();
            return (rows, null);
        }

        private async Task<List<SharedPersonCases.Case>> FetchAsync(string url, string key, string province, CancellationToken cancellationToken)
        {
            using var http = clients.CreateClient(ClientName);
            http.BaseAddress = new Uri(url.EndsWith('/') ? url : url + "/");
            http.Timeout = TimeSpan.FromSeconds(configuration.GetValue("Federation:NationalTimeoutSeconds", 10));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var all = new List<SharedPersonCases.Case>();
            for (var page = 1; ; page++)
            {
                var answer = await http.GetFromJsonAsync<PagedList<SharedPersonCases.Case>>(
                    $"api/v1/shared-person-cases?tinh={Uri.EscapeDataString(province)}&page={page}&pageSize={PagedQuery.MaxSize}",
                    JsonSerializerOptions.Web, cancellationToken) ?? throw new JsonException("Empty answer.");
                all.AddRange(answer.Items);
                if (page >= answer.TotalPages) return all;
            }
        }
    }

    [BindProperty(SupportsGet = true)]
    public Query Filter { get; set; } = new();

    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await handler.HandleAsync(Filter, cancellationToken);
        await audit.RecordListAsync(nameof(Learner), $"Xem người đã đăng ký ở tỉnh khác, trang {Data.Rows.PageNumber}",
            Data.Rows.Items.Select(r => r.LearnerId).ToList(), cancellationToken);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var (rows, _) = await handler.AllAsync(cancellationToken);
        await audit.RecordExportAsync("Người đã đăng ký ở tỉnh khác", rows.Count, containsPersonalData: true, cancellationToken);
        using var book = new XlsxBook();
        book.AddSheet("Đăng ký ở tỉnh khác", new List<XlsxColumn<Row>>
        {
            new("Mã hồ sơ", r => r.LearnerId, XlsxFormat.Code, 12),
            new("Họ và tên", r => r.FullName, Width: 26),
            new("Ngày sinh", r => r.BirthDate, XlsxFormat.Date, 12),
            new("Xã, phường", r => r.CommuneName, Width: 20),
            new("Hồ sơ ở tỉnh khác", r => string.Join("; ", r.Elsewhere.Select(e => $"{e.ProvinceName}, {e.CommuneName}, mã {e.LearnerId}, lập ngày {Fmt.Date(e.RegisteredAt)}")), Width: 60),
        }, rows, title: "Người đã đăng ký ở tỉnh khác");
        return book.ToFileResult("nguoi-dang-ky-o-tinh-khac.xlsx");
    }
}
