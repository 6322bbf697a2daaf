using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace DaoTaoNghe.Bench.Scale;

/// <summary>
/// Drives a running DaoTaoNghe over HTTP as a province admin, scenario after scenario, from many
/// concurrent clients, and times the same answer read by hand-written SQL on the same database (the
/// floor). Every scenario first checks that the app's answer equals the floor's.
/// </summary>
public sealed class Bench(Func<HttpClient> newClient, string connectionString, string provinceCode, BenchOptions options, TextWriter log)
{
    public sealed record Row(string Scenario, Timing App, Timing? Floor, long? PeakRssMb, string Answer)
    {
        public double? RatioP50 => Floor is null ? null : App.P50 / Floor.P50;
        public double? RatioP95 => Floor is null ? null : App.P95 / Floor.P95;
    }

    public sealed record Report(IReadOnlyList<Row> Rows, double? FreshnessSeconds, string FreshnessWhat, long? RssAfterStartMb, long? PeakRssMb,
        DateTime StartedUtc, string LoadAtStart, string LoadAtEnd, long Learners, string Floors, Connections? Connections = null);

    /// <summary>
    /// The app's PostgreSQL connections to the bench database (pg_stat_activity, the bench's own left out) sampled every second
    /// while the users scenario ran and then while the app stood idle, beside the server's limit.
    /// </summary>
    public sealed record Connections(int ServerMaxConnections, int PeakDuringRun, double MeanDuringRun, int PeakActiveDuringRun, int AtEndOfRun,
        int AfterIdle, double IdleSeconds, IReadOnlyList<ConnectionSample> Samples);

    /// <summary>Seconds since the users scenario started; the app's connections, those running a query, those idle.</summary>
    public sealed record ConnectionSample(double Seconds, int Total, int Active, int Idle);

    /// <summary>What each floor times, written beside the figures (results JSON, docs/performance.md).</summary>
    public const string FloorDescription =
        "Dashboards and indicator by commune: the best hand-written SQL over the maintained aggregate table indicator_cells " +
        "(one query for all cells of the unit and years, plus hand-entered figures and targets); every answer is first checked against " +
        "SQL over the records. Learner searches: the same count and first page by hand-written SQL over learners.";

    /// <summary>The system's load averages (1, 5, 15 minutes): the machine is shared, so every figure carries them.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";

    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private HttpClient[] _clients = [];
    private NpgsqlDataSource _database = null!;
    private int _provinceId;
    private int _communeId;
    private int[] _communeAndFormer = [];
    private int _year;
    private long _learners;

    public async Task<Report> RunAsync(int? appPid, CancellationToken cancellationToken = default)
    {
        _database = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = Math.Max(options.Clients + 5, 30), ApplicationName = BenchApplication,
        }.ConnectionString);
        var startedUtc = DateTime.UtcNow;
        var loadAtStart = LoadAverage();
        await using var memory = new MemoryWatch(appPid);
        var afterStart = memory.Current;
        _year = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Vietnam).Year;
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken))
        {
            _provinceId = await connection.ExecuteScalarAsync<int>("SELECT id FROM administrative_units WHERE level = 'Province' AND code = @provinceCode", new { provinceCode });
            // The commune with the most learners: its dashboard is the heaviest of a commune's.
            _communeId = await connection.ExecuteScalarAsync<int>(
                """
                SELECT coalesce(u.roll_up_unit_id, u.id) FROM learners l JOIN administrative_units u ON u.id = l.commune_id
                WHERE l.province_id = @_provinceId GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
                """, new { _provinceId });
            _communeAndFormer = (await connection.QueryAsync<int>("SELECT id FROM administrative_units WHERE id = @_communeId OR roll_up_unit_id = @_communeId", new { _communeId })).ToArray();
            _learners = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM learners WHERE province_id = @_provinceId AND merged_into_id IS NULL", new { _provinceId });
        }
        await WaitForMaintainedValuesAsync(cancellationToken);

        _clients = new HttpClient[options.Clients];
        for (var i = 0; i < _clients.Length; i++)
        {
            _clients[i] = newClient();
            await SignInAsync(_clients[i], cancellationToken);
        }

        // `--only writes,name` reruns some scenarios while working on them; the results file then lists only those.
        bool Runs(string key) => options.Only is null || options.Only.Split(',').Contains(key);
        await WarmUpAsync(Runs, cancellationToken);
        var rows = new List<Row>();
        memory.TakePeak();
        if (Runs("name")) rows.Add(await SearchByNameAsync(memory, cancellationToken));
        if (Runs("cccd")) rows.Add(await SearchByCccdAsync(memory, cancellationToken));
        // A ministry officer has no unit of their own: they open the province's dashboard by its id.
        var provinceDashboard = options.National ? $"/Indicators?don-vi={_provinceId}&nam={_year}" : $"/Indicators?nam={_year}";
        if (Runs("province")) rows.Add(await DashboardAsync("province dashboard", provinceDashboard, null, memory, cancellationToken));
        if (Runs("commune")) rows.Add(await DashboardAsync("commune dashboard", $"/Indicators?don-vi={_communeId}&nam={_year}", _communeAndFormer, memory, cancellationToken));
        if (Runs("indicator")) rows.Add(await IndicatorByCommuneAsync(memory, cancellationToken));
        if (Runs("writes")) rows.Add(await EnrolmentWritesAsync(memory, cancellationToken));
        Connections? connections = null;
        // Not part of a full run: `--only users --clients 200 --seconds 120`.
        if (options.Only?.Split(',').Contains("users") == true)
        {
            var (users, sampled) = await UsersAsync(memory, cancellationToken);
            rows.AddRange(users);
            connections = sampled;
        }
        // Not part of a province's run either: only a ministry officer on the national tier opens it (`--tier National --only nation`).
        if (options.Only?.Split(',').Contains("nation") == true) rows.Add(await NationalComparisonAsync(memory, cancellationToken));
        // The national tier takes no writes: its runs have no freshness to measure.
        var (fresh, what) = Runs("freshness") ? await FreshnessAsync(cancellationToken) : (null, "not measured in this run");
        foreach (var client in _clients) client.Dispose();
        await _database.DisposeAsync();
        return new Report(rows, fresh, what, afterStart, memory.HighWaterMark, startedUtc, loadAtStart, LoadAverage(), _learners, FloorDescription, connections);
    }

    /// <summary>
    /// A server runs for days, but a freshly started app spends its first minute compiling: the JIT's tiers took 36–46 % of
    /// its CPU then, and a page cost twice its later CPU (docs/performance.md, "CPU per dashboard page"). So before anything
    /// is timed every client reads the run's kinds of page – the dashboards, the indicator by commune, a name and a CCCD
    /// search – untimed, for `--warmup` seconds. Writes are not warmed: they would add enrolments before the write scenario.
    /// </summary>
    private async Task WarmUpAsync(Func<string, bool> runs, CancellationToken cancellationToken)
    {
        if (options.WarmUp <= TimeSpan.Zero) return;
        string? cccd;
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken))
            cccd = await connection.ExecuteScalarAsync<string?>(
                "SELECT cccd FROM learners WHERE province_id = @_provinceId AND cccd IS NOT NULL AND merged_into_id IS NULL ORDER BY id LIMIT 1", new { _provinceId });
        var pages = new (string Scenario, string? Url)[]
        {
            ("province", options.National ? $"/Indicators?don-vi={_provinceId}&nam={_year}" : $"/Indicators?nam={_year}"),
            ("commune", $"/Indicators?don-vi={_communeId}&nam={_year}"),
            ("indicator", $"/api/v1/indicators/values?indicator={options.Indicator}&unit={_provinceId}&period={_year}&by=commune"),
            ("name", "/api/v1/learners?q=nguyen%20van"),
            ("cccd", cccd is null ? null : "/api/v1/learners?q=" + cccd),
            ("nation", $"/Indicators/Provinces?ma=training.completed&nam={_year}"),
        };
        // The comparison runs only when asked for by name (`--only nation`), like its scenario.
        var urls = pages.Where(p => p.Url is not null && (p.Scenario == "nation" ? options.Only?.Split(',').Contains("nation") == true : runs(p.Scenario)))
            .Select(p => p.Url!).ToArray();
        if (urls.Length == 0) return;
        var warm = await Load.RunAsync(options.Clients, options.WarmUp, async (client, call) =>
        {
            using var response = await _clients[client].GetAsync(urls[(client + call) % urls.Length], cancellationToken);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
        });
        log.WriteLine($"Warmed up for {options.WarmUp.TotalSeconds:F0} s, untimed: {warm.Count:N0} requests over {urls.Length} kinds of page, {warm.Errors} errors.");
    }

    /// <summary>
    /// The dashboards read the maintained values only once built (`--rebuild-indicators` after generating), and the floors
    /// read them: the timing starts when a rebuild in progress and the marks waiting are done.
    /// </summary>
    private async Task WaitForMaintainedValuesAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            await using var connection = await _database.OpenConnectionAsync(cancellationToken);
            var state = await connection.QuerySingleAsync<(bool Built, bool Busy)>(
                """
                SELECT coalesce((SELECT built_at IS NOT NULL FROM indicator_cells_states WHERE id = 1), false),
                       coalesce((SELECT progress IS NOT NULL OR rebuild_requested_at IS NOT NULL FROM indicator_cells_states WHERE id = 1), false)
                       OR EXISTS (SELECT 1 FROM indicator_marks)
                """);
            if (state.Built && !state.Busy) break;
            if (!state.Built && !state.Busy)
                throw new InvalidOperationException("The maintained indicator values are not built: run the app once with --rebuild-indicators.");
            if (clock.Elapsed > TimeSpan.FromMinutes(30)) throw new InvalidOperationException("The maintained indicator values were still being built after 30 minutes.");
            await Task.Delay(500, cancellationToken);
        }
        if (clock.Elapsed > TimeSpan.FromSeconds(1)) log.WriteLine($"  waited {clock.Elapsed.TotalSeconds:F0} s for the app to apply its indicator changes");
    }

    private async Task SignInAsync(HttpClient client, CancellationToken cancellationToken)
    {
        var page = await client.GetStringAsync("/Account/Login", cancellationToken);
        var token = WebUtility.HtmlDecode(Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Data.UserName"] = options.UserName, ["Data.Password"] = options.Password, ["__RequestVerificationToken"] = token,
        }), cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found)
            throw new InvalidOperationException($"Sign-in as {options.UserName} failed: {(int)response.StatusCode}.");
    }

    private (DateTime From, DateTime To) YearUtc(int year) =>
        (TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, 1, 1), Vietnam), TimeZoneInfo.ConvertTimeToUtc(new DateTime(year + 1, 1, 1), Vietnam));

    // ---------------------------------------------------------------- learner search

    private sealed record Page(List<PageItem> Items, int Total);

    private sealed record PageItem(int Id, string FullName);

    private const string LearnerPageSql =
        """
        SELECT l.id, l.full_name, l.birth_date, l.sex, l.cccd, u.name, l.address, l.phone, l.education_level, e.name,
               (SELECT h.status FROM learner_households h WHERE h.learner_id = l.id AND h.year = @year LIMIT 1),
               ARRAY(SELECT p.category FROM learner_priorities p WHERE p.learner_id = l.id ORDER BY p.category)
        FROM learners l JOIN administrative_units u ON u.id = l.commune_id LEFT JOIN ethnic_groups e ON e.id = l.ethnic_group_id
        WHERE l.province_id = @province AND l.merged_into_id IS NULL AND {0}
        ORDER BY l.search_name || '', l.id LIMIT 25
        """;

    private async Task<(int Count, List<int> Ids)> LearnerFloorAsync(string condition, object parameters)
    {
        await using var connection = await _database.OpenConnectionAsync();
        using var grid = await connection.QueryMultipleAsync(
            // The list counts up to 1,000 and then says "hơn 1.000 kết quả".
            $"SELECT least(count(*), 1000)::int FROM (SELECT 1 FROM learners l WHERE l.province_id = @province AND l.merged_into_id IS NULL AND {condition} LIMIT 1001) c;"
            + string.Format(CultureInfo.InvariantCulture, LearnerPageSql, condition),
            parameters);
        var count = await grid.ReadSingleAsync<int>();
        var ids = (await grid.ReadAsync()).Select(r => (int)((IDictionary<string, object>)r)["id"]).ToList();
        return (count, ids);
    }

    private async Task<Row> SearchByNameAsync(MemoryWatch memory, CancellationToken cancellationToken)
    {
        // People type a name as they hear it, without diacritics: the full name, or family and given name.
        List<string> names;
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken))
            names = (await connection.QueryAsync<string>(
                "SELECT search_name FROM learners WHERE province_id = @_provinceId AND merged_into_id IS NULL ORDER BY md5(id::text) LIMIT 200", new { _provinceId })).ToList();
        var queries = names.Select((n, i) => i % 2 == 0 ? n : string.Join(' ', n.Split(' ')[^2..])).ToList();
        return await LearnerSearchAsync("learner search by name (no diacritics)", queries,
            q => ("to_tsvector('simple', l.search_name) @@ to_tsquery('simple', @words)", new { province = _provinceId, year = _year, words = WordPrefixes(q) }),
            memory, cancellationToken);
    }

    /// <summary>Each word of a name as a prefix query, split as the app splits it (on anything but letters and digits).</summary>
    private static string WordPrefixes(string q) =>
        string.Join(" & ", System.Text.RegularExpressions.Regex.Split(q, @"[^\p{L}\p{Nd}]+").Where(w => w.Length > 0).Distinct().Select(w => w + ":*"));

    private async Task<Row> SearchByCccdAsync(MemoryWatch memory, CancellationToken cancellationToken)
    {
        List<string> numbers;
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken))
            numbers = (await connection.QueryAsync<string>(
                "SELECT cccd FROM learners WHERE province_id = @_provinceId AND cccd IS NOT NULL AND merged_into_id IS NULL ORDER BY md5(id::text) LIMIT 200", new { _provinceId })).ToList();
        return await LearnerSearchAsync("learner search by CCCD", numbers, q => ("l.cccd = @cccd", new { province = _provinceId, year = _year, cccd = q }), memory, cancellationToken);
    }

    private async Task<Row> LearnerSearchAsync(string name, List<string> queries, Func<string, (string Condition, object Parameters)> floor, MemoryWatch memory,
        CancellationToken cancellationToken)
    {
        string Url(string q) => "/api/v1/learners?q=" + Uri.EscapeDataString(q);
        // The answer: the same count and the same first page as the floor, for a handful of queries.
        foreach (var q in queries.Take(options.Checks))
        {
            var page = await _clients[0].GetFromJsonAsync<Page>(Url(q), Json, cancellationToken) ?? throw new InvalidOperationException("Empty answer.");
            var (condition, parameters) = floor(q);
            var (count, ids) = await LearnerFloorAsync(condition, parameters);
            if (page.Total != count || !page.Items.Select(i => i.Id).SequenceEqual(ids))
                throw new InvalidOperationException($"{name} '{q}': app found {page.Total} ({string.Join(",", page.Items.Take(5).Select(i => i.Id))}…), SQL {count} ({string.Join(",", ids.Take(5))}…).");
        }
        memory.TakePeak();
        var app = await Load.RunAsync(options.Clients, options.Duration, async (client, call) =>
        {
            using var response = await _clients[client].GetAsync(Url(queries[(client * 7919 + call) % queries.Count]), cancellationToken);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
        });
        var peak = memory.TakePeak();
        var floorTiming = await Load.RunAsync(options.Clients, options.Duration, async (client, call) =>
        {
            var (condition, parameters) = floor(queries[(client * 7919 + call) % queries.Count]);
            await LearnerFloorAsync(condition, parameters);
        });
        return Print(new Row(name, app, floorTiming, peak, $"count and first page equal SQL for {Math.Min(options.Checks, queries.Count)} queries"));
    }

    // ---------------------------------------------------------------- dashboards and indicators

    private string UnitCondition(int[]? communes) => communes is null ? "l.province_id = @province" : "l.registered_commune_id = ANY(@communes)";

    /// <summary>Learners registered in the year, per today's commune (a former commune counts toward its successor).</summary>
    private async Task<Dictionary<int, long>> RegisteredByCommuneAsync(NpgsqlConnection connection, int[]? communes)
    {
        var (from, to) = YearUtc(_year);
        var rows = await connection.QueryAsync<(int Commune, long Count)>(
            $"""
             SELECT coalesce(u.roll_up_unit_id, u.id), count(*) FROM learners l JOIN administrative_units u ON u.id = l.registered_commune_id
             WHERE l.province_id = @province AND {UnitCondition(communes)} AND l.merged_into_id IS NULL AND l.created_at >= @from AND l.created_at < @to
             GROUP BY 1
             """, new { province = _provinceId, communes, from, to });
        return rows.ToDictionary(r => r.Commune, r => r.Count);
    }

    /// <summary>
    /// The dashboard's floor over the aggregate table: every computation's yearly totals of the unit for the three years,
    /// commune by commune for the province, with its hand-entered figures and targets, in one round trip. Returns the
    /// year's registered learners, which the caller checks against the records.
    /// </summary>
    private async Task<long> DashboardFloorAsync(int[]? communes)
    {
        await using var connection = await _database.OpenConnectionAsync();
        var unit = communes is null ? _provinceId : _communeId;
        using var grid = await connection.QueryMultipleAsync(
            $"""
             SELECT c.computation, c.year, {(communes is null ? "CASE WHEN c.year = @year THEN coalesce(u.roll_up_unit_id, u.id) END" : "NULL::int")} AS commune, sum(c.value) AS value
             FROM indicator_cells c {(communes is null ? "JOIN administrative_units u ON u.id = c.commune_id WHERE u.province_id = @province" : "WHERE c.commune_id = ANY(@communes)")}
               AND c.year BETWEEN @first AND @year AND c.month = 0 AND c.dimension IS NULL
             GROUP BY 1, 2, 3;
             SELECT element_code, value FROM aggregate_values WHERE unit_id = @unit AND year BETWEEN @first AND @year;
             SELECT indicator_code, value FROM indicator_targets WHERE unit_id = @unit AND year = @year;
             """, new { province = _provinceId, communes, unit, first = _year - 2, year = _year });
        var cells = (await grid.ReadAsync<(string Computation, int Year, int? Commune, long Value)>()).ToList();
        await grid.ReadAsync();
        await grid.ReadAsync();
        return cells.Where(c => c.Computation == "learners.registered" && c.Year == _year).Sum(c => c.Value);
    }

    /// <summary>The indicator commune by commune over the aggregate table (its computation is named like the indicator in the catalogue).</summary>
    private async Task<Dictionary<int, long>> IndicatorByCommuneFloorAsync(NpgsqlConnection connection)
    {
        var rows = await connection.QueryAsync<(int Commune, long Value)>(
            """
            SELECT coalesce(u.roll_up_unit_id, u.id), sum(c.value) FROM indicator_cells c JOIN administrative_units u ON u.id = c.commune_id
            WHERE u.province_id = @province AND c.computation = @computation AND c.year = @year AND c.month = 0 AND c.dimension IS NULL
            GROUP BY 1
            """, new { province = _provinceId, computation = options.Indicator, year = _year });
        return rows.ToDictionary(r => r.Commune, r => r.Value);
    }

    private async Task<Row> DashboardAsync(string name, string url, int[]? communes, MemoryWatch memory, CancellationToken cancellationToken)
    {
        long total;
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken))
            total = (await RegisteredByCommuneAsync(connection, communes)).Values.Sum();
        var fromCells = await DashboardFloorAsync(communes);
        if (fromCells != total)
            throw new InvalidOperationException($"{name}: the maintained values count {fromCells} learners registered in {_year}, the records {total}.");
        var html = await _clients[0].GetStringAsync(url, cancellationToken);
        var shown = total.ToString("#,0", CultureInfo.GetCultureInfo("vi-VN"));
        if (!html.Contains(">" + shown + "<", StringComparison.Ordinal) && !html.Contains(">" + shown + " ", StringComparison.Ordinal))
            throw new InvalidOperationException($"{name}: the page does not show the year's {shown} registered learners that SQL counts.");
        memory.TakePeak();
        var app = await GetFromEveryClientAsync(url, cancellationToken);
        var peak = memory.TakePeak();
        var floor = await Load.RunAsync(options.Clients, options.Duration, (_, _) => DashboardFloorAsync(communes));
        return Print(new Row(name, app, floor, peak, $"page shows the {shown} learners registered in {_year} that SQL counts"));
    }

    /// <summary>Every client reads <paramref name="url"/> again and again for the scenario's time, each answer read whole.</summary>
    private Task<Timing> GetFromEveryClientAsync(string url, CancellationToken cancellationToken) =>
        Load.RunAsync(options.Clients, options.Duration, async (client, _) =>
        {
            using var response = await _clients[client].GetAsync(url, cancellationToken);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(cancellationToken);
        });

    private sealed record ValuesResult(List<IndicatorValue> Indicators);

    private sealed record IndicatorValue(string Code, double? Value, List<GroupValue>? Groups);

    private sealed record GroupValue(string? Key, double? Value, int? UnitId);

    private async Task<Row> IndicatorByCommuneAsync(MemoryWatch memory, CancellationToken cancellationToken)
    {
        var url = $"/api/v1/indicators/values?indicator={options.Indicator}&unit={_provinceId}&period={_year}&by=commune";
        Dictionary<int, long> expected;
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken))
            expected = await RegisteredByCommuneAsync(connection, null);
        var answer = await _clients[0].GetFromJsonAsync<ValuesResult>(url, Json, cancellationToken);
        var groups = answer!.Indicators.Single().Groups ?? [];
        foreach (var group in groups.Where(g => g.UnitId is not null))
            if ((long)(group.Value ?? 0) != expected.GetValueOrDefault(group.UnitId!.Value))
                throw new InvalidOperationException($"{options.Indicator} by commune: unit {group.UnitId} app {group.Value}, SQL {expected.GetValueOrDefault(group.UnitId!.Value)}.");
        if (expected.Values.Sum() != (long)groups.Where(g => g.UnitId is not null).Sum(g => g.Value ?? 0))
            throw new InvalidOperationException($"{options.Indicator} by commune: the app's communes do not add up to SQL's {expected.Values.Sum()}.");
        memory.TakePeak();
        var app = await GetFromEveryClientAsync(url, cancellationToken);
        var peak = memory.TakePeak();
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken))
        {
            var cells = await IndicatorByCommuneFloorAsync(connection);
            if (options.Indicator == "learners.registered" && (cells.Count != expected.Count || cells.Any(c => expected.GetValueOrDefault(c.Key) != c.Value)))
                throw new InvalidOperationException($"{options.Indicator} by commune: the maintained values differ from the records.");
        }
        var floor = await Load.RunAsync(options.Clients, options.Duration, async (_, _) =>
        {
            await using var connection = await _database.OpenConnectionAsync(cancellationToken);
            await IndicatorByCommuneFloorAsync(connection);
        });
        return Print(new Row($"indicator {options.Indicator} by commune", app, floor, peak, $"{groups.Count} communes equal SQL, total {expected.Values.Sum():N0}"));
    }

    // ---------------------------------------------------------------- many users at once

    /// <summary>The bench's own connections, left out of the app's count.</summary>
    private const string BenchApplication = "ScaleBench";

    /// <summary>
    /// Every client (its own cookie) loops over what an official does: the province dashboard, a search of the learners list
    /// by name, a learner's record, the public jobs page; each page timed apart, a request over 30 s counted as an error.
    /// Meanwhile the app's PostgreSQL connections are sampled every second, then while the app stands idle until its pool
    /// has let them go (Npgsql closes a connection idle for Connection Idle Lifetime, 300 s by default) or IdleSeconds pass.
    /// </summary>
    private async Task<(List<Row> Rows, Connections Connections)> UsersAsync(MemoryWatch memory, CancellationToken cancellationToken)
    {
        List<string> names;
        List<int> learners;
        int limit;
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken))
        {
            // Family and given name as people type them, without diacritics; and people to open.
            names = (await connection.QueryAsync<string>(
                "SELECT search_name FROM learners WHERE province_id = @_provinceId AND merged_into_id IS NULL ORDER BY md5(id::text) LIMIT 400", new { _provinceId }))
                .Select(n => string.Join(' ', n.Split(' ')[^2..])).ToList();
            learners = (await connection.QueryAsync<int>(
                "SELECT id FROM learners WHERE province_id = @_provinceId AND merged_into_id IS NULL ORDER BY md5(id::text || 'u') LIMIT 2000", new { _provinceId })).ToList();
            limit = int.Parse(await connection.ExecuteScalarAsync<string>("SHOW max_connections") ?? "0", CultureInfo.InvariantCulture);
        }
        var pages = new (string Name, Func<int, int, string> Url)[]
        {
            ("users: province dashboard /Indicators", (_, _) => $"/Indicators?nam={_year}"),
            ("users: learner list search /Learners?q=", (client, call) => "/Learners?q=" + Uri.EscapeDataString(names[(client * 7919 + call) % names.Count])),
            ("users: learner record /Learners/Details/{id}", (client, call) => $"/Learners/Details/{learners[(client * 104729 + call) % learners.Count]}"),
            ("users: public jobs /viec-lam", (_, _) => "/viec-lam"),
        };
        // Each page answers as a signed-in official sees it before the load starts (a sign-in page would be a silent success).
        var check = new List<string>();
        foreach (var (name, url) in pages)
        {
            using var response = await _clients[0].GetAsync(url(0, 0), cancellationToken);
            var html = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK || html.Contains("name=\"Data.Password\"", StringComparison.Ordinal))
                throw new InvalidOperationException($"{name}: {(int)response.StatusCode} before the load.");
            check.Add(name);
        }

        var samples = new List<ConnectionSample>();
        var clock = Stopwatch.StartNew();
        using var stopSampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stopSampling.IsCancellationRequested)
            {
                samples.Add(await SampleConnectionsAsync(clock.Elapsed.TotalSeconds));
                try { await Task.Delay(1000, stopSampling.Token); } catch (OperationCanceledException) { }
            }
        });
        memory.TakePeak();
        var timings = await MixedLoad.RunAsync(options.Clients, options.Duration, pages.Length, async (client, call, kind) =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                using var response = await _clients[client].GetAsync(pages[kind].Url(client, call), timeout.Token);
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{(int)response.StatusCode} {pages[kind].Url(client, call)}");
                await response.Content.ReadAsByteArrayAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"no answer within 30 s: {pages[kind].Url(client, call)}");
            }
        });
        var peak = memory.TakePeak();
        await stopSampling.CancelAsync();
        await sampler;
        var during = samples.ToList();
        var atEnd = await SampleConnectionsAsync(clock.Elapsed.TotalSeconds);
        samples.Add(atEnd);

        // Idle: nothing but the app's own worker (every second) until the pool has closed what it opened for the load.
        var idle = Stopwatch.StartNew();
        var after = atEnd;
        while (idle.Elapsed < options.IdleWait)
        {
            await Task.Delay(10_000, cancellationToken);
            after = await SampleConnectionsAsync(clock.Elapsed.TotalSeconds);
            samples.Add(after);
            log.WriteLine($"  idle {idle.Elapsed.TotalSeconds:F0} s: the app holds {after.Total} connections ({after.Active} active)");
            if (after.Total <= 2) break;
        }
        var rows = pages.Select((p, i) => Print(new Row(p.Name, timings[i], null, peak, $"{options.Clients} signed-in clients, each through the whole mix; 200 OK before the load"))).ToList();
        var connections = new Connections(limit, during.Count == 0 ? 0 : during.Max(s => s.Total), during.Count == 0 ? 0 : Math.Round(during.Average(s => s.Total), 1),
            during.Count == 0 ? 0 : during.Max(s => s.Active), atEnd.Total, after.Total, Math.Round(idle.Elapsed.TotalSeconds), samples);
        log.WriteLine($"  app connections: peak {connections.PeakDuringRun} (mean {connections.MeanDuringRun}, at most {connections.PeakActiveDuringRun} running a query) " +
                      $"of the server's {limit}; {atEnd.Total} at the end, {after.Total} after {connections.IdleSeconds:F0} s idle");
        return (rows, connections);
    }

    private async Task<ConnectionSample> SampleConnectionsAsync(double seconds)
    {
        await using var connection = await _database.OpenConnectionAsync();
        var (total, active, idle) = await connection.QuerySingleAsync<(int, int, int)>(
            """
            SELECT count(*)::int, count(*) FILTER (WHERE state = 'active')::int, count(*) FILTER (WHERE state LIKE 'idle%')::int
            FROM pg_stat_activity WHERE datname = current_database() AND application_name <> @BenchApplication AND backend_type = 'client backend'
            """, new { BenchApplication });
        return new ConnectionSample(Math.Round(seconds, 1), total, active, idle);
    }

    // ---------------------------------------------------------------- the national tier

    /// <summary>
    /// The ministry's comparison of the provinces (<c>/Indicators/Provinces</c>) for the headline indicator, people trained: every
    /// province's value from the maintained values and its target, and the nation's value, each person once across provinces,
    /// as the national tier's worker last counted it (national_person_counts). The run first waits for the worker's start-up
    /// counts (the page says "đang được tính" until then), so that it times the page rather than the counting beside it.
    /// Its floor: one query per part (the provinces' cells, their targets, the stored count). The nation's value is checked once
    /// against SQL over the records: the distinct CCCDs (or records without one) with a completion in the year, which is what
    /// the rule's "first completion of the year" leaves for a whole year.
    /// </summary>
    private async Task<Row> NationalComparisonAsync(MemoryWatch memory, CancellationToken cancellationToken)
    {
        var url = $"/Indicators/Provinces?ma=training.completed&nam={_year}";
        var waited = Stopwatch.StartNew();
        string html;
        double? seconds;
        while (true)
        {
            html = await _clients[0].GetStringAsync(url, cancellationToken);
            await using var connection = await _database.OpenConnectionAsync(cancellationToken);
            var pending = await connection.QuerySingleAsync<long>("SELECT count(*) FROM national_person_counts WHERE persons IS NULL");
            seconds = await connection.QuerySingleOrDefaultAsync<double?>(
                "SELECT seconds FROM national_person_counts WHERE computation = 'training.completed' AND year = @_year AND persons IS NOT NULL", new { _year });
            if (seconds is not null && pending == 0) break;
            if (waited.Elapsed > TimeSpan.FromMinutes(30))
                throw new InvalidOperationException($"national comparison: after 30 minutes the nation's people are still being counted ({pending} counts waiting).");
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
        Console.WriteLine($"  the worker's counts were ready {waited.Elapsed.TotalSeconds:0} s after the run began; people trained in {_year} took {seconds:0.0} s to count");
        html = await _clients[0].GetStringAsync(url, cancellationToken);
        var nation = await NationalPersonsTrainedAsync();
        var provinces = await NationalComparisonFloorAsync();
        var row = Regex.Match(html, "<tr id=\"nation\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;
        var shown = nation.ToString("#,0", CultureInfo.GetCultureInfo("vi-VN"));
        if (!row.Contains(">" + shown + " ", StringComparison.Ordinal) && !row.Contains(">" + shown + "<", StringComparison.Ordinal))
            throw new InvalidOperationException($"national comparison: the nation's row does not show the {shown} people trained in {_year} that SQL counts.");
        memory.TakePeak();
        var app = await GetFromEveryClientAsync(url, cancellationToken);
        var peak = memory.TakePeak();
        var floor = await Load.RunAsync(options.Clients, options.Duration, (_, _) => NationalComparisonFloorAsync());
        return Print(new Row("national comparison of the provinces (/Indicators/Provinces, people trained)", app, floor, peak,
            $"the nation's {shown} people trained in {_year} (each CCCD once, counted by the worker in {seconds:0.0} s) equal SQL; {provinces} provinces with values"));
    }

    private async Task<int> NationalComparisonFloorAsync()
    {
        await using var connection = await _database.OpenConnectionAsync();
        using var grid = await connection.QueryMultipleAsync(
            """
            SELECT coalesce(u.province_id, u.id) AS province, sum(c.value) AS value FROM indicator_cells c JOIN administrative_units u ON u.id = c.commune_id
            WHERE c.computation = 'training.completed' AND c.year = @year AND c.month = 0 AND c.dimension IS NULL GROUP BY 1;
            SELECT unit_id, value FROM indicator_targets WHERE indicator_code = 'training.completed' AND year = @year;
            SELECT persons, counted_at FROM national_person_counts WHERE computation = 'training.completed' AND year = @year;
            """, new { year = _year });
        var provinces = (await grid.ReadAsync<(int Province, long Value)>()).Count();
        await grid.ReadAsync();
        await grid.ReadAsync();
        return provinces;
    }

    private async Task<long> NationalPersonsTrainedAsync()
    {
        var (from, to) = (new DateTime(_year, 1, 1), new DateTime(_year + 1, 1, 1));
        await using var connection = await _database.OpenConnectionAsync();
        return await connection.QuerySingleAsync<long>(
            """
            SELECT count(DISTINCT coalesce(l.cccd, '#' || l.id)) FROM enrolments e JOIN courses c ON c.id = e.course_id JOIN learners l ON l.id = e.learner_id
            WHERE e.status = 'Completed' AND e.result_on >= @from::date AND e.result_on < @to::date AND c.state <> 'Cancelled'
            """, new { from, to }, commandTimeout: 600);
    }

    // ---------------------------------------------------------------- writes and freshness

    private async Task<Row> EnrolmentWritesAsync(MemoryWatch memory, CancellationToken cancellationToken)
    {
        List<int> courses;
        List<int> learners;
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken))
        {
            courses = (await connection.QueryAsync<int>("SELECT id FROM courses WHERE province_id = @_provinceId AND name LIKE @marker ORDER BY id",
                new { _provinceId, marker = Generator.WriteCourseMarker + "%" })).ToList();
            // People of working age when those courses start, not yet in any of them.
            learners = (await connection.QueryAsync<int>(
                """
                SELECT l.id FROM learners l
                WHERE l.province_id = @_provinceId AND l.merged_into_id IS NULL AND l.birth_date BETWEEN '1980-01-01' AND '2005-12-31'
                  AND NOT EXISTS (SELECT 1 FROM enrolments e WHERE e.learner_id = l.id AND e.course_id = ANY(@courses))
                ORDER BY md5(l.id::text) LIMIT @limit
                """, new { _provinceId, courses, limit = options.MaxWrites })).ToList();
        }
        if (courses.Count == 0) throw new InvalidOperationException("No course to enrol into: generate the data with ScaleBench.");
        var next = -1;
        memory.TakePeak();
        var appCpu = memory.CpuSeconds;
        var databaseCpu = await BackendsCpuAsync(cancellationToken);
        var app = await Load.RunAsync(options.Clients, options.Duration, async (client, _) =>
        {
            var index = Interlocked.Increment(ref next);
            if (index >= learners.Count) throw new InvalidOperationException("No learner left to enrol: raise MaxWrites.");
            var course = courses[index % courses.Count];
            using var response = await _clients[client].PostAsJsonAsync($"/api/v1/courses/{course}/enrolments", new { learnerId = learners[index] }, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"Enrolment of {learners[index]} in {course}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        });
        var peak = memory.TakePeak();
        var cpu = $"; CPU per write: app {(memory.CpuSeconds - appCpu) * 1000 / Math.Max(app.Count, 1):F1} ms, PostgreSQL (this database's backends) "
                  + $"{Spent(databaseCpu, await BackendsCpuAsync(cancellationToken)) * 1000 / Math.Max(app.Count, 1):F1} ms";
        var written = Math.Min(next + 1, learners.Count);
        long stored;
        await using (var connection = await _database.OpenConnectionAsync(cancellationToken))
            stored = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM enrolments WHERE learner_id = ANY(@ids) AND course_id = ANY(@courses)",
                new { ids = learners.Take(written).ToArray(), courses });
        if (stored != app.Count)
            throw new InvalidOperationException($"Enrolment writes: {app.Count} answered 201 but {stored} are stored.");
        return Print(new Row("enrolment writes (POST /api/v1/courses/{id}/enrolments)", app, null, peak, $"{stored:N0} enrolments stored, one per 201, over {courses.Count} courses{(appCpu is null ? "" : cpu)}"));
    }

    /// <summary>
    /// The CPU seconds of each server process serving this database (a local server only: read from /proc), so a
    /// scenario's database cost per request can be told apart from the other work on a shared machine.
    /// </summary>
    private async Task<Dictionary<int, double>> BackendsCpuAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenConnectionAsync(cancellationToken);
        var pids = await connection.QueryAsync<int>("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        return pids.Select(pid => (pid, cpu: MemoryWatch.ProcessCpuSeconds(pid))).Where(p => p.cpu is not null).ToDictionary(p => p.pid, p => p.cpu!.Value);
    }

    /// <summary>CPU spent between two readings; a backend that started in between counts whole, one that ended is lost (the app's pool keeps them).</summary>
    private static double Spent(Dictionary<int, double> before, Dictionary<int, double> after) =>
        after.Sum(p => p.Value - before.GetValueOrDefault(p.Key));

    /// <summary>
    /// Registers a person through the API and polls the commune's figure until it counts them: how long
    /// after the write returns the indicators show it.
    /// </summary>
    private async Task<(double? Seconds, string What)> FreshnessAsync(CancellationToken cancellationToken)
    {
        var client = _clients[0];
        var url = $"/api/v1/indicators/values?indicator=learners.registered&unit={_communeId}&period={_year}";
        async Task<double> ValueAsync() => (await client.GetFromJsonAsync<ValuesResult>(url, Json, cancellationToken))!.Indicators.Single().Value ?? 0;
        var before = await ValueAsync();
        var response = await client.PostAsJsonAsync("/api/v1/learners", new
        {
            fullName = "Lò Văn Đo Tốc Độ", birthDate = "1990-05-17", sex = "Male", communeId = _communeId, confirmNotDuplicate = true,
            consentGiven = false,
        }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Registering a learner: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (await ValueAsync() >= before + 1)
            {
                var seconds = clock.Elapsed.TotalSeconds;
                log.WriteLine($"  a new learner counted in learners.registered {seconds:F3} s after the write returned");
                return (seconds, "a learner registered through the API, counted in learners.registered of their commune");
            }
            await Task.Delay(50, cancellationToken);
        }
        return (null, "a learner registered through the API was not counted within 60 s");
    }

    private Row Print(Row row)
    {
        log.WriteLine($"  {row.Scenario}: p50 {row.App.P50:F1} ms, p95 {row.App.P95:F1} ms, p99 {row.App.P99:F1} ms, {row.App.PerSecond:F0}/s, {row.App.Errors} errors" +
                      (row.Floor is { } f ? $"; SQL floor p50 {f.P50:F1} ms, p95 {f.P95:F1} ms (×{row.RatioP50:F1} / ×{row.RatioP95:F1})" : "") +
                      (row.PeakRssMb is { } m ? $"; peak RSS {m} MB" : "") + (row.App.FirstError is { } e ? $"; first error: {e}" : ""));
        return row;
    }
}

public sealed record BenchOptions(int Clients, TimeSpan Duration, string UserName, string Password, string Indicator = "learners.registered", int Checks = 5, int MaxWrites = 200_000, string? Only = null,
    bool National = false)
{
    /// <summary>How long the users scenario waits, at most, for the app's pool to close its idle connections after the load.</summary>
    public TimeSpan IdleWait { get; init; } = TimeSpan.FromSeconds(330);

    /// <summary>How long the clients read the run's pages, untimed, before the first timed scenario (`--warmup`, seconds; 30 from the command line).</summary>
    public TimeSpan WarmUp { get; init; }
}
