using System.Diagnostics;
using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Infrastructure.Text;
using DaoTaoNghe.Infrastructure.Web;
using Dapper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace DaoTaoNghe.Bench.Scale;

/// <summary>
/// Fills a PostgreSQL database with synthetic training records at a named scale, the same for the
/// same seed: the schema and reference data come from the application's own migrations, then every
/// table is written with binary COPY. Secondary indexes and foreign keys of the loaded tables are
/// dropped for the load and recreated after it (one sort per index instead of millions of inserts).
/// </summary>
public sealed class Generator(string connectionString, Scale scale, int seed, TextWriter log)
{
    /// <summary>The data's "today": fixed, so a seed gives the same records whenever it runs.</summary>
    public static readonly DateOnly Today = new(2026, 11, 15);

    /// <summary>Courses a bench can enrol into: open, self-funded, far in the future, with room for everyone.</summary>
    public const int WriteCourseCapacity = 100_000;
    public const string WriteCourseMarker = "Lớp đo tốc độ ghi danh";

    private static readonly DateOnly MergerDay = new(2025, 7, 1);
    private static readonly string[] LoadTables = ["learners", "learner_consents", "learner_households", "learner_priorities", "training_orders", "courses", "enrolments"];

    private static readonly (string Code, string Name, string Field)[] Occupations =
    [
        ("5620101", "Trồng trọt và bảo vệ thực vật", "Agriculture"), ("5620119", "Chăn nuôi gia súc, gia cầm", "Agriculture"),
        ("5620301", "Nuôi trồng thủy sản nước ngọt", "Agriculture"), ("5620114", "Trồng và chế biến chè", "Agriculture"),
        ("5620106", "Kỹ thuật trồng nấm", "Agriculture"), ("5640101", "Thú y", "Agriculture"), ("5620204", "Trồng cây ăn quả", "Agriculture"),
        ("5540204", "May thời trang", "NonAgriculture"), ("5520205", "Sửa chữa máy nông nghiệp", "NonAgriculture"),
        ("5520227", "Điện dân dụng", "NonAgriculture"), ("5520123", "Hàn", "NonAgriculture"), ("5810207", "Kỹ thuật chế biến món ăn", "NonAgriculture"),
        ("5210103", "Dệt thổ cẩm", "NonAgriculture"), ("5510216", "Sửa chữa xe máy", "NonAgriculture"), ("5480203", "Tin học văn phòng", "NonAgriculture"),
    ];

    private static readonly string[] MountainProvinces = ["04", "08", "11", "14", "15", "19", "20"];
    private static readonly (string, int)[] MountainMix =
        [(LaiChauPeople.Kinh, 35), (LaiChauPeople.Tay, 20), (LaiChauPeople.Thai, 15), (LaiChauPeople.Hmong, 15), (LaiChauPeople.Dao, 10), (LaiChauPeople.Muong, 5)];
    private static readonly (string, int)[] LowlandMix =
        [(LaiChauPeople.Kinh, 92), (LaiChauPeople.Muong, 3), (LaiChauPeople.Tay, 2), (LaiChauPeople.Thai, 3)];
    private static readonly int[] YearWeights = [10, 12, 15, 18, 20, 25]; // 2021 … 2026
    private static readonly string[] Educations = ["NoSchooling", "Primary", "LowerSecondary", "LowerSecondary", "UpperSecondary", "UpperSecondary", "Elementary"];

    private readonly Random _random = new(seed);
    private readonly Dictionary<(string, int, int), int> _cccdSerials = [];
    private readonly Dictionary<string, int> _ethnicIds = [];
    private long _followUps;
    private int _learnerId, _consentId, _householdId, _orderId, _courseId, _enrolmentId, _organisationId, _occupationId, _programmeId;

    public sealed record Counts(string Database, int Provinces, int Communes, long Learners, long Courses, long Enrolments, long Orders, long FollowUps, TimeSpan Elapsed);

    private sealed record Commune(int Id, string Name, int[] Former);

    private sealed record Province(int Id, string Code, string Name, List<Commune> Communes);

    private struct Person
    {
        public int Id;
        public int CommuneIndex;
        public int CommuneId;
        public DateTime CreatedAt;
    }

    private sealed record Institution(int Id, (int OccupationId, int ProgrammeId, string Level, string Name)[] Teaches, int VenueCommune);

    private sealed class PlannedCourse
    {
        public int Id, InstitutionId, OccupationId, ProgrammeId, VenueCommuneIndex, VenueCommuneId, Size, PlannedDays;
        public int? OrderId;
        public string Level = "", Name = "", State = "";
        public DateOnly Start, End;
        public long UnitCost;
    }

    /// <summary>Creates the database if needed, migrates it as the app does, and loads the scale's records into its empty tables.</summary>
    public async Task<Counts> RunAsync(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        await CreateDatabaseAsync(cancellationToken);
        await MigrateAsync(connectionString, cancellationToken);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM learners") > 0)
            throw new InvalidOperationException("The database already holds learners: generate into a fresh database.");
        foreach (var row in await connection.QueryAsync<(string Code, int Id)>("SELECT code, id FROM ethnic_groups"))
            _ethnicIds[row.Code] = row.Id;

        var provinces = await ProvincesAsync(connection);
        var totalCommunes = provinces.Sum(p => p.Communes.Count);
        log.WriteLine($"Scale {scale.Name}: {scale.Learners:N0} learners over {provinces.Count} province(s), {totalCommunes:N0} communes, seed {seed}");

        var restore = await DropSecondaryAsync(connection, [.. LoadTables, "employment_outcomes"]);
        long courses = 0, enrolments = 0, orders = 0;
        var left = scale.Learners;
        for (var i = 0; i < provinces.Count; i++)
        {
            var province = provinces[i];
            var learners = i == provinces.Count - 1 ? left : (int)Math.Round((double)scale.Learners * province.Communes.Count / totalCommunes);
            left -= learners;
            var done = await ProvinceAsync(connection, province, learners, cancellationToken);
            courses += done.Courses;
            enrolments += done.Enrolments;
            orders += done.Orders;
            log.WriteLine($"  {province.Name}: {learners:N0} learners, {done.Courses:N0} courses, {done.Enrolments:N0} enrolments, {_followUps:N0} follow-ups so far ({clock.Elapsed.TotalSeconds:F0} s)");
        }

        log.WriteLine("Recreating indexes and foreign keys, analysing…");
        foreach (var statement in restore)
            await connection.ExecuteAsync(statement, commandTimeout: 0);
        foreach (var table in LoadTables.Concat(["employment_outcomes", "organisations", "occupations", "programmes"]))
        {
            if (table != "learner_priorities")
                await connection.ExecuteAsync($"SELECT setval(pg_get_serial_sequence('{table}', 'id'), greatest((SELECT max(id) FROM {table}), 1))");
            await connection.ExecuteAsync($"ANALYZE {table}", commandTimeout: 0);
        }
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        return new Counts(database, provinces.Count, totalCommunes, scale.Learners, courses, enrolments, orders, _followUps, clock.Elapsed);
    }

    private async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var name = builder.Database ?? throw new ArgumentException("The connection string must name a database.");
        builder.Database = "postgres";
        await using var server = new NpgsqlConnection(builder.ConnectionString);
        await server.OpenAsync(cancellationToken);
        if (await server.ExecuteScalarAsync<int>("SELECT count(*) FROM pg_database WHERE datname = @name", new { name }) == 0)
            await server.ExecuteAsync($"CREATE DATABASE \"{name}\"");
    }

    /// <summary>What the app does at start-up before anything else: migrate, then load the official code lists.</summary>
    public static async Task MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Postgres, connectionString);
        await using var db = new AppDbContext(options.Options, new DataScopeAccessor { Current = DataScope.System });
        // An index built over millions of rows takes longer than the app's 60-second command limit.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(2));
        await db.Database.MigrateAsync(cancellationToken);
        // The start-up steps reach the areas' contributions (QĐ 46 asks Courses which rule sets enrolments use).
        await using var services = new ServiceCollection().AddSingleton(db).AddSingleton<DbContext>(db).AddSingleton(TimeProvider.System)
            .AddFeatures().BuildServiceProvider();
        await DatabaseInitializer.LoadCodeListsAsync(services, cancellationToken);
    }

    private async Task<List<Province>> ProvincesAsync(NpgsqlConnection connection)
    {
        var units = (await connection.QueryAsync<(int Id, string Code, string Name, string Level, int? ProvinceId, int? RollUp, DateOnly? ValidTo)>(
            "SELECT id, code, name, level, province_id, roll_up_unit_id, valid_to FROM administrative_units ORDER BY code")).ToList();
        var former = units.Where(u => u.Level == "Commune" && u.ValidTo is not null && u.RollUp is not null)
            .GroupBy(u => u.RollUp!.Value).ToDictionary(g => g.Key, g => g.Select(u => u.Id).ToArray());
        return units.Where(u => u.Level == "Province" && (scale.ProvinceCodes.Length == 0 || scale.ProvinceCodes.Contains(u.Code)))
            .Select(p => new Province(p.Id, p.Code, p.Name, units
                .Where(c => c.Level == "Commune" && c.ProvinceId == p.Id && c.ValidTo is null)
                .Select(c => new Commune(c.Id, c.Name, former.GetValueOrDefault(c.Id, []))).ToList()))
            .Where(p => p.Communes.Count > 0)
            .ToList();
    }

    /// <summary>Drops the loaded tables' non-key indexes and foreign keys; returns the statements that put them back.</summary>
    private static async Task<List<string>> DropSecondaryAsync(NpgsqlConnection connection, string[] tables)
    {
        var restore = new List<string>();
        var indexes = await connection.QueryAsync<(string Name, string Definition)>(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
            WHERE t.relname = ANY(@tables) AND NOT i.indisprimary
            """, new { tables });
        var foreignKeys = await connection.QueryAsync<(string Table, string Name, string Definition)>(
            """
            SELECT quote_ident(t.relname), quote_ident(c.conname), pg_get_constraintdef(c.oid)
            FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            WHERE c.contype = 'f' AND (t.relname = ANY(@tables) OR c.confrelid IN (SELECT oid FROM pg_class WHERE relname = ANY(@tables)))
            """, new { tables });
        foreach (var fk in foreignKeys)
        {
            await connection.ExecuteAsync($"ALTER TABLE {fk.Table} DROP CONSTRAINT {fk.Name}");
        }
        foreach (var index in indexes)
        {
            await connection.ExecuteAsync($"DROP INDEX {index.Name}");
            restore.Add(index.Definition);
        }
        restore.AddRange(foreignKeys.Select(fk => $"ALTER TABLE {fk.Table} ADD CONSTRAINT {fk.Name} {fk.Definition}"));
        return restore;
    }

    private async Task<(long Courses, long Enrolments, long Orders)> ProvinceAsync(NpgsqlConnection connection, Province province, int learnerCount,
        CancellationToken cancellationToken)
    {
        // Each province's rows carry its own key range, as they would in its own instance (KeyRanges).
        _learnerId = _consentId = _householdId = _orderId = _courseId = _enrolmentId = _organisationId = _occupationId = _programmeId =
            (int)KeyRanges.For(int.Parse(province.Code), typeof(int)).First - 1;
        var institutions = await InstitutionsAsync(connection, province);
        var people = PlanLearners(province, learnerCount);
        await WriteLearnersAsync(connection, province, people, cancellationToken);

        var byCommune = new List<int>[province.Communes.Count];
        for (var i = 0; i < byCommune.Length; i++) byCommune[i] = [];
        foreach (var person in people) byCommune[person.CommuneIndex].Add(person.Id - people[0].Id);

        var courses = PlanCourses(province, institutions, (long)Math.Round(learnerCount * scale.EnrolmentsPerLearner));
        var orders = await WriteOrdersAsync(connection, province, courses, cancellationToken);
        await WriteCoursesAsync(connection, province, courses, cancellationToken);
        var enrolments = await WriteEnrolmentsAsync(connection, province, courses, people, byCommune, cancellationToken);
        _followUps += await WriteFollowUpsAsync(connection, province, (long)Math.Round(learnerCount * scale.FollowUpsPerLearner), cancellationToken);
        return (courses.Count, enrolments, orders);
    }

    private async Task<List<Institution>> InstitutionsAsync(NpgsqlConnection connection, Province province)
    {
        var count = Math.Max(3, province.Communes.Count / 10);
        var occupationIds = new List<(int Id, string Name)>();
        foreach (var (code, name, field) in Occupations)
        {
            var id = ++_occupationId;
            await connection.ExecuteAsync(
                "INSERT INTO occupations (id, province_id, code, name, origin, field, is_active, search_text) VALUES (@id, @province, @code, @name, 'National', @field, true, @search)",
                new { id, province = province.Id, code, name, field, search = TextSearch.Normalize(code + " " + name) });
            occupationIds.Add((id, name));
        }
        var kinds = new[] { ("VocationalContinuingCentre", "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên"), ("College", "Trường Cao đẳng"), ("Private", "Trung tâm dạy nghề") };
        var institutions = new List<Institution>();
        for (var i = 0; i < count; i++)
        {
            var (type, prefix) = kinds[i == 1 ? 1 : i % 3 == 0 ? 0 : 2];
            var venue = _random.Next(province.Communes.Count);
            var commune = province.Communes[venue];
            var name = $"{prefix} {commune.Name.Replace("Xã ", "").Replace("Phường ", "")} {i + 1}";
            var id = ++_organisationId;
            await connection.ExecuteAsync(
                """
                INSERT INTO organisations (id, name, kind, unit_id, province_id, is_active, search_name) VALUES (@id, @name, 'TrainingInstitution', @unit, @province, true, @search);
                INSERT INTO institution_profiles (organisation_id, province_id, type, capacity) VALUES (@id, @province, @type, 2000);
                """, new { id, name, unit = commune.Id, province = province.Id, search = TextSearch.Normalize(name), type });
            var teaches = new List<(int, int, string, string)>();
            foreach (var occupation in occupationIds.OrderBy(_ => _random.Next()).Take(6))
            {
                var level = _random.Next(3) == 0 ? "Elementary" : "ShortCourse";
                var programme = ++_programmeId;
                var programmeName = $"{occupation.Name} ({(level == "Elementary" ? "sơ cấp" : "dưới 3 tháng")})";
                await connection.ExecuteAsync(
                    """
                    INSERT INTO programmes (id, institution_id, occupation_id, level, name, duration_hours, is_key, is_active, search_text)
                    VALUES (@programme, @id, @occupation, @level, @programmeName, @hours, false, true, @search)
                    """, new { programme, id, occupation = occupation.Id, level, programmeName, hours = level == "Elementary" ? 300 : 200, search = TextSearch.Normalize(programmeName) });
                teaches.Add((occupation.Id, programme, level, occupation.Name));
            }
            institutions.Add(new Institution(id, teaches.ToArray(), venue));
        }
        return institutions;
    }

    /// <summary>The province's people, in the order they were registered, so each commune's list is sorted by date too.</summary>
    private Person[] PlanLearners(Province province, int count)
    {
        var weights = province.Communes.Select(_ => 0.5 + _random.NextDouble()).ToArray();
        var cumulative = new double[weights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++) cumulative[i] = sum += weights[i];
        var from = new DateTime(2021, 1, 4, 0, 0, 0, DateTimeKind.Utc);
        var span = (Today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) - from).TotalSeconds;
        var people = new Person[count];
        for (var i = 0; i < count; i++)
        {
            var index = Array.BinarySearch(cumulative, _random.NextDouble() * sum);
            if (index < 0) index = ~index;
            // Registration grows over the years, as the programme widened.
            var created = from.AddSeconds(span * Math.Sqrt(_random.NextDouble()));
            var commune = province.Communes[Math.Min(index, weights.Length - 1)];
            var communeId = DateOnly.FromDateTime(created) < MergerDay && commune.Former.Length > 0 ? commune.Former[_random.Next(commune.Former.Length)] : commune.Id;
            people[i] = new Person { CommuneIndex = Math.Min(index, weights.Length - 1), CommuneId = communeId, CreatedAt = created };
        }
        Array.Sort(people, (a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        for (var i = 0; i < count; i++) people[i].Id = ++_learnerId;
        return people;
    }

    private (string Code, int Weight)[] MixOf(Province province, Commune commune) =>
        province.Code == "12" ? LaiChauPeople.MixOf(commune.Name).ToArray()
        : MountainProvinces.Contains(province.Code) ? MountainMix : LowlandMix;

    private async Task WriteLearnersAsync(NpgsqlConnection connection, Province province, Person[] people, CancellationToken cancellationToken)
    {
        var consents = new List<(int Learner, DateOnly On, DateTime At)>();
        var households = new List<(int Learner, string Status)>();
        var priorities = new List<(int Learner, string Category)>();
        var mixes = province.Communes.Select(c => MixOf(province, c)).ToArray();
        var cccdProvince = "0" + province.Code;
        await using (var writer = await connection.BeginBinaryImportAsync(
                         "COPY learners (id, full_name, search_name, birth_date, sex, cccd, cccd_mismatch_confirmed, ethnic_group_id, phone, commune_id, registered_commune_id, province_id, address, education_level, created_at, updated_at) FROM STDIN (FORMAT BINARY)",
                         cancellationToken))
        {
            foreach (var person in people)
            {
                var female = _random.NextDouble() < 0.52;
                var ethnic = Pick(mixes[person.CommuneIndex]);
                var pattern = LaiChauPeople.Names.GetValueOrDefault(ethnic) ?? LaiChauPeople.Names[LaiChauPeople.Kinh];
                var name = $"{Pick(pattern.Families)} {Pick(female ? pattern.FemaleMiddles : pattern.MaleMiddles)} {Pick(female ? pattern.FemaleGivens : pattern.MaleGivens)}";
                var registered = DateOnly.FromDateTime(person.CreatedAt);
                var age = 18 + (int)(37 * Math.Pow(_random.NextDouble(), 1.3));
                var birth = registered.AddYears(-age).AddDays(-_random.Next(365));
                var consent = _random.NextDouble() < 0.92;
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(person.Id, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(name, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(TextSearch.Normalize(name), NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(birth, NpgsqlDbType.Date, cancellationToken);
                await writer.WriteAsync(female ? "Female" : "Male", NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(writer, _random.NextDouble() < 0.95 ? Cccd(cccdProvince, female, birth.Year) : null, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await WriteNullableAsync(writer, consent && _ethnicIds.TryGetValue(ethnic, out var ethnicId) ? (int?)ethnicId : null, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(writer, _random.NextDouble() < 0.7 ? Pick(LaiChauPeople.PhonePrefixes) + _random.Next(1_000_000, 10_000_000) : null, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(person.CommuneId, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(person.CommuneId, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(province.Id, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync($"Bản {Pick(LaiChauPeople.HamletFirst)} {Pick(LaiChauPeople.HamletSecond)}", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(Pick(Educations), NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(person.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(person.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);

                if (consent)
                {
                    consents.Add((person.Id, registered, person.CreatedAt));
                    if (_random.NextDouble() < 0.3)
                        households.Add((person.Id, _random.NextDouble() < 0.45 ? "Poor" : _random.NextDouble() < 0.5 ? "NearPoor" : "NotPoor"));
                }
                if (_random.NextDouble() < 0.1)
                    priorities.Add((person.Id, age >= 50 ? "ElderlyAbleToWork" : Pick(new[] { "DemobilisedSoldier", "LandRecovered", "WomanLostJob", "PersonWithMerit" })));
            }
            await writer.CompleteAsync(cancellationToken);
        }

        await using (var writer = await connection.BeginBinaryImportAsync(
                         "COPY learner_consents (id, learner_id, purpose, given_on, recorded_by, recorded_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (learner, on, at) in consents)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(++_consentId, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(learner, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync("Quản lý đào tạo nghề và hỗ trợ người học", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(on, NpgsqlDbType.Date, cancellationToken);
                await writer.WriteAsync("ubnd.xa", NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(at, NpgsqlDbType.TimestampTz, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        await using (var writer = await connection.BeginBinaryImportAsync("COPY learner_households (id, learner_id, year, status) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (learner, status) in households)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(++_householdId, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(learner, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(Today.Year, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(status, NpgsqlDbType.Varchar, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
        await using (var writer = await connection.BeginBinaryImportAsync("COPY learner_priorities (learner_id, category) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var (learner, category) in priorities)
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(learner, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(category, NpgsqlDbType.Varchar, cancellationToken);
            }
            await writer.CompleteAsync(cancellationToken);
        }
    }

    /// <summary>A CCCD agreeing with sex and birth year (century-sex digit, two year digits), unique by a serial per province, sex and year.</summary>
    private string Cccd(string provinceCode, bool female, int year)
    {
        var centurySex = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
        var key = (provinceCode, centurySex, year % 100);
        var serial = _cccdSerials.GetValueOrDefault(key) + 1 + _random.Next(3);
        _cccdSerials[key] = serial;
        return $"{provinceCode}{centurySex}{year % 100:D2}{serial:D6}";
    }

    private List<PlannedCourse> PlanCourses(Province province, List<Institution> institutions, long enrolments)
    {
        var courses = new List<PlannedCourse>();
        var totalWeight = YearWeights.Sum();
        long seats = 0;
        while (seats < enrolments)
        {
            var year = 2021 + PickIndex(YearWeights, totalWeight);
            var start = new DateOnly(year, 1, 5).AddDays(_random.Next(year == Today.Year ? 340 : 330));
            var institution = institutions[_random.Next(institutions.Count)];
            var (occupationId, programmeId, level, occupationName) = institution.Teaches[_random.Next(institution.Teaches.Length)];
            var days = level == "Elementary" ? 60 + _random.Next(30) : 25 + _random.Next(30);
            var end = start.AddDays(days * 7 / 5);
            // Most classes are held in the institution's own commune or near the learners' villages.
            var venue = _random.NextDouble() < 0.4 ? institution.VenueCommune : _random.Next(province.Communes.Count);
            var commune = province.Communes[venue];
            var size = (int)Math.Min(enrolments - seats, 18 + _random.Next(18));
            courses.Add(new PlannedCourse
            {
                Id = ++_courseId, InstitutionId = institution.Id, OccupationId = occupationId, ProgrammeId = programmeId, Level = level,
                Name = $"{occupationName} – {commune.Name} {year}/{courses.Count % 9 + 1}",
                VenueCommuneIndex = venue, VenueCommuneId = start < MergerDay && commune.Former.Length > 0 ? commune.Former[_random.Next(commune.Former.Length)] : commune.Id,
                Start = start, End = end, PlannedDays = days, Size = size, UnitCost = (level == "Elementary" ? 3_000_000 : 2_000_000) + _random.Next(8) * 100_000,
                State = end < Today ? "Finished" : start <= Today ? "Running" : "Open",
                OrderId = _random.NextDouble() < 0.85 ? 0 : null,
            });
            seats += size;
        }
        // Courses a load test can enrol into without touching any quota: one per programme, as a province runs many classes at once.
        foreach (var institution in institutions)
        foreach (var (occupationId, programmeId, level, occupationName) in institution.Teaches)
        {
            var commune = province.Communes[institution.VenueCommune];
            courses.Add(new PlannedCourse
            {
                Id = ++_courseId, InstitutionId = institution.Id, OccupationId = occupationId, ProgrammeId = programmeId, Level = level,
                Name = $"{WriteCourseMarker}: {occupationName} – {commune.Name}", VenueCommuneIndex = institution.VenueCommune, VenueCommuneId = commune.Id,
                Start = new DateOnly(2030, 3, 4), End = new DateOnly(2030, 4, 26), PlannedDays = 40, Size = 0, UnitCost = 2_000_000, State = "Open",
            });
        }
        return courses;
    }

    private async Task<long> WriteOrdersAsync(NpgsqlConnection connection, Province province, List<PlannedCourse> courses, CancellationToken cancellationToken)
    {
        var orders = courses.Where(c => c.OrderId is not null)
            .GroupBy(c => (c.InstitutionId, c.Start.Year, c.OccupationId, c.Level))
            .OrderBy(g => g.Key.Year).ThenBy(g => g.Key.InstitutionId).ThenBy(g => g.Key.OccupationId).ThenBy(g => g.Key.Level)
            .ToList();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY training_orders (id, province_id, institution_id, kind, year, occupation_id, level, quota, unit_cost, budget, decision_number, decision_date, search_text, created_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var order in orders)
        {
            var id = ++_orderId;
            var quota = (int)Math.Ceiling(order.Sum(c => c.Size) * 1.1);
            var unitCost = order.Max(c => c.UnitCost);
            foreach (var course in order) course.OrderId = id;
            var number = $"{id % 900 + 100}/QĐ-UBND";
            var decided = new DateOnly(order.Key.Year, 1, 2).AddDays(_random.Next(3));
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(id, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(province.Id, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(order.Key.InstitutionId, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(_random.Next(4) == 0 ? "Assignment" : "Order", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(order.Key.Year, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(order.Key.OccupationId, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(order.Key.Level, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(quota, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(unitCost, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(quota * unitCost, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(number, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(decided, NpgsqlDbType.Date, cancellationToken);
            await writer.WriteAsync(TextSearch.Normalize(number), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(decided.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc), NpgsqlDbType.TimestampTz, cancellationToken);
        }
        await writer.CompleteAsync(cancellationToken);
        return orders.Count;
    }

    private async Task WriteCoursesAsync(NpgsqlConnection connection, Province province, List<PlannedCourse> courses, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY courses (id, institution_id, province_id, order_id, programme_id, occupation_id, level, name, search_text, venue_commune_id, start_date, end_date, planned_days, capacity, actual_unit_cost, attendance_mode, state, started_on, finished_on, created_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var c in courses)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(c.Id, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(c.InstitutionId, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(province.Id, NpgsqlDbType.Integer, cancellationToken);
            await WriteNullableAsync(writer, c.OrderId, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(c.ProgrammeId, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(c.OccupationId, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(c.Level, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(c.Name, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(TextSearch.Normalize(c.Name), NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(c.VenueCommuneId, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(c.Start, NpgsqlDbType.Date, cancellationToken);
            await writer.WriteAsync(c.End, NpgsqlDbType.Date, cancellationToken);
            await writer.WriteAsync(c.PlannedDays, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(c.Size == 0 ? WriteCourseCapacity : 35, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(c.UnitCost, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync("Summary", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(c.State, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(writer, c.State is "Running" or "Finished" ? (DateOnly?)c.Start : null, NpgsqlDbType.Date, cancellationToken);
            await WriteNullableAsync(writer, c.State == "Finished" ? (DateOnly?)c.End : null, NpgsqlDbType.Date, cancellationToken);
            await writer.WriteAsync(c.Start.AddDays(-30).ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc), NpgsqlDbType.TimestampTz, cancellationToken);
        }
        await writer.CompleteAsync(cancellationToken);
    }

    private async Task<long> WriteEnrolmentsAsync(NpgsqlConnection connection, Province province, List<PlannedCourse> courses, Person[] people,
        List<int>[] byCommune, CancellationToken cancellationToken)
    {
        long written = 0;
        var taken = new HashSet<int>();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY enrolments (id, course_id, learner_id, institution_id, province_id, residence_commune_id, enrolled_on, status, other_policy_paid, days_attended, result_on, score, dropped_on, drop_reason, support_group, support_tuition, support_meals, support_travel, support_derivation, support_computed_at, support_total, created_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var course in courses)
        {
            taken.Clear();
            for (var seat = 0; seat < course.Size; seat++)
            {
                // Most learners live in the venue's commune; some come from elsewhere in the province.
                var list = _random.NextDouble() < 0.8 ? byCommune[course.VenueCommuneIndex] : byCommune[_random.Next(byCommune.Length)];
                var registered = RegisteredBy(list, people, course.Start);
                for (var retry = 0; registered == 0 && retry < 5; retry++)
                {
                    list = byCommune[_random.Next(byCommune.Length)];
                    registered = RegisteredBy(list, people, course.Start);
                }
                if (registered == 0) continue;
                var person = people[list[_random.Next(registered)]];
                if (!taken.Add(person.Id) && !taken.Add((person = people[list[_random.Next(registered)]]).Id)) continue;

                var enrolledOn = course.Start.AddDays(-1 - _random.Next(20));
                var roll = _random.NextDouble();
                var (status, days, dropped) = course.State switch
                {
                    "Finished" => roll < 0.86 ? ("Completed", course.PlannedDays - _random.Next(4), (DateOnly?)null)
                        : roll < 0.93 ? ("DroppedOut", _random.Next(course.PlannedDays / 2), course.Start.AddDays(_random.Next(course.PlannedDays)))
                        : ("Failed", course.PlannedDays - _random.Next(10), null),
                    "Running" => roll < 0.95 ? ("Enrolled", 0, (DateOnly?)null) : ("DroppedOut", _random.Next(5), Today.AddDays(-_random.Next(10))),
                    _ => ("Enrolled", 0, (DateOnly?)null),
                };
                var supported = course.OrderId is not null;
                var tuition = supported ? course.UnitCost : 0;
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(++_enrolmentId, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(course.Id, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(person.Id, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(course.InstitutionId, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(province.Id, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(person.CommuneId, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(enrolledOn, NpgsqlDbType.Date, cancellationToken);
                await writer.WriteAsync(status, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(days, NpgsqlDbType.Integer, cancellationToken);
                await WriteNullableAsync(writer, status is "Completed" or "Failed" ? (DateOnly?)course.End : null, NpgsqlDbType.Date, cancellationToken);
                await WriteNullableAsync(writer, status == "Completed" ? 5 + _random.Next(46) / 10.0 : status == "Failed" ? (double?)(2 + _random.Next(29) / 10.0) : null,
                    NpgsqlDbType.Double, cancellationToken);
                await WriteNullableAsync(writer, dropped, NpgsqlDbType.Date, cancellationToken);
                await WriteNullableAsync(writer, dropped is null ? null : Pick(new[] { "Đi làm ăn xa", "Hoàn cảnh gia đình", "Ốm đau", "Mùa vụ" }), NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(writer, supported ? "RuralWorker" : null, NpgsqlDbType.Varchar, cancellationToken);
                await writer.WriteAsync(tuition, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(supported ? "Hỗ trợ chi phí đào tạo theo đơn giá của lớp (dữ liệu tổng hợp)" : "", NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(writer, supported ? (DateTime?)enrolledOn.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc) : null, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(tuition, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(enrolledOn.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc), NpgsqlDbType.TimestampTz, cancellationToken);
                written++;
            }
        }
        await writer.CompleteAsync(cancellationToken);
        return written;
    }

    /// <summary>
    /// Adds follow-ups to a database generated before employment outcomes existed: only that table's
    /// indexes are rebuilt. Deterministic from the seed like the rest.
    /// </summary>
    public async Task<long> AddFollowUpsAsync(CancellationToken cancellationToken = default)
    {
        await MigrateAsync(connectionString, cancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        if (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM employment_outcomes") > 0)
            throw new InvalidOperationException("The database already holds employment outcomes.");
        var provinces = await ProvincesAsync(connection);
        var learners = (await connection.QueryAsync<(int Province, long Count)>("SELECT province_id, count(*) FROM learners GROUP BY 1")).ToDictionary(r => r.Province, r => r.Count);
        var restore = await DropSecondaryAsync(connection, ["employment_outcomes"]);
        foreach (var province in provinces)
        {
            _followUps += await WriteFollowUpsAsync(connection, province, (long)Math.Round(learners.GetValueOrDefault(province.Id) * scale.FollowUpsPerLearner), cancellationToken);
            log.WriteLine($"  {province.Name}: {_followUps:N0} follow-ups so far");
        }
        foreach (var statement in restore)
            await connection.ExecuteAsync(statement, commandTimeout: 0);
        await connection.ExecuteAsync("SELECT setval(pg_get_serial_sequence('employment_outcomes', 'id'), greatest((SELECT max(id) FROM employment_outcomes), 1))");
        await connection.ExecuteAsync("ANALYZE employment_outcomes", commandTimeout: 0);
        return _followUps;
    }

    private static readonly (string Status, int Weight)[] Outcomes =
        [("EmployedByEnterprise", 24), ("SelfEmployed", 44), ("Cooperative", 8), ("WorkingAbroad", 2), ("StudyingFurther", 4), ("Unemployed", 18)];

    /// <summary>
    /// Follow-ups of the province's completions at 3, 6 and 12 months, as many as the scale asks,
    /// dated by their checkpoint and recorded by the institution; a first employed outcome is a new job.
    /// </summary>
    private async Task<long> WriteFollowUpsAsync(NpgsqlConnection connection, Province province, long target, CancellationToken cancellationToken)
    {
        var provinceId = province.Id;
        var (first, last) = KeyRanges.For(int.Parse(province.Code), typeof(int));
        var completions = (await connection.QueryAsync<(int Id, int Learner, int Institution, int Commune, DateOnly On)>(
            "SELECT id, learner_id, institution_id, residence_commune_id, result_on FROM enrolments WHERE province_id = @provinceId AND status = 'Completed' AND result_on <= @due ORDER BY id",
            new { provinceId, due = Today.AddMonths(-3) })).ToList();
        if (completions.Count == 0 || target == 0) return 0;
        // Each completion due gets its 3-month follow-up when picked; some also the 6 and 12-month ones.
        var share = Math.Min(1.0, target / (completions.Count * 1.6));
        var employedBefore = new HashSet<int>();
        long written = 0;
        var rows = new List<(int Enrolment, int Learner, int Institution, int Commune, int Checkpoint, DateOnly On, string Status, bool NewJob)>();
        foreach (var completion in completions)
        {
            if (_random.NextDouble() >= share) continue;
            foreach (var checkpoint in new[] { 3, 6, 12 })
            {
                var on = completion.On.AddMonths(checkpoint);
                if (on > Today || (checkpoint > 3 && _random.NextDouble() < 0.4)) break;
                var status = Pick(Outcomes.Select(o => (o.Status, o.Weight)).ToArray());
                var employed = status is "EmployedByEnterprise" or "SelfEmployed" or "Cooperative" or "WorkingAbroad";
                rows.Add((completion.Id, completion.Learner, completion.Institution, completion.Commune, checkpoint, on, status, employed && employedBefore.Add(completion.Id)));
            }
        }
        var outcomeId = await connection.ExecuteScalarAsync<int>("SELECT coalesce(max(id), @first) FROM employment_outcomes WHERE id BETWEEN @first AND @last", new { first = first - 1, last });
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY employment_outcomes (id, learner_id, enrolment_id, institution_id, checkpoint, outcome_on, status, employer_name, income_band, loan_helped, source, is_new_job, residence_commune_id, recorded_by_organisation_id, province_id, created_at, updated_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        var bands = new[] { "Under3", "From3To5", "From3To5", "From5To7", "From7To10", "Over10" };
        foreach (var row in rows)
        {
            var employed = row.Status is "EmployedByEnterprise" or "SelfEmployed" or "Cooperative" or "WorkingAbroad";
            var recorded = row.On.AddDays(_random.Next(20)).ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc);
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(++outcomeId, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(row.Learner, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(row.Enrolment, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(row.Institution, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(row.Checkpoint, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(row.On, NpgsqlDbType.Date, cancellationToken);
            await writer.WriteAsync(row.Status, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(writer, row.Status == "EmployedByEnterprise" ? "Công ty TNHH " + Pick(LaiChauPeople.HamletFirst) + " " + Pick(LaiChauPeople.HamletSecond) : null,
                NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(writer, employed ? Pick(bands) : null, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(employed && _random.NextDouble() < 0.2, NpgsqlDbType.Boolean, cancellationToken);
            await writer.WriteAsync("FollowUp", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(row.NewJob, NpgsqlDbType.Boolean, cancellationToken);
            await writer.WriteAsync(row.Commune, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(row.Institution, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(provinceId, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(recorded, NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(recorded, NpgsqlDbType.TimestampTz, cancellationToken);
            written++;
        }
        await writer.CompleteAsync(cancellationToken);
        return written;
    }

    /// <summary>How many of a commune's people (sorted by registration) were registered before <paramref name="date"/>.</summary>
    private static int RegisteredBy(List<int> list, Person[] people, DateOnly date)
    {
        var limit = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        int low = 0, high = list.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (people[list[middle]].CreatedAt < limit) low = middle + 1;
            else high = middle;
        }
        return low;
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) where T : struct =>
        value is { } v ? writer.WriteAsync(v, type, cancellationToken) : writer.WriteNullAsync(cancellationToken);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is not null ? writer.WriteAsync(value, type, cancellationToken) : writer.WriteNullAsync(cancellationToken);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string Pick((string Code, int Weight)[] mix)
    {
        var roll = _random.Next(mix.Sum(m => m.Weight));
        foreach (var (code, weight) in mix)
        {
            if (roll < weight) return code;
            roll -= weight;
        }
        return mix[^1].Code;
    }

    private int PickIndex(int[] weights, int total)
    {
        var roll = _random.Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i]) return i;
            roll -= weights[i];
        }
        return weights.Length - 1;
    }
}
