using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Jobs;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Scoping;
using DaoTaoNghe.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DaoTaoNghe.BrowserTests.Support;

/// <summary>
/// The app as the README's run command starts it (Development, SQLite file, demo province seeded),
/// on a real Kestrel port, with headless Debian Chromium driven by Playwright. Its clock starts at a
/// fixed instant (<see cref="TestClock"/>), so the demo, built relative to its "today", is the same on
/// every run. The tests share it, so each makes the records it changes (<see cref="LearnersAsync"/>,
/// <see cref="OpenCourseAsync"/>, <see cref="CompletedCourseAsync"/>) and compares numbers before and after.
/// </summary>
public sealed class DemoSite : IAsyncLifetime
{
    public const string Password = "DaoTaoNghe@2026";
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"dtn-browser-{Guid.NewGuid():N}.db");
    private SiteFactory? _factory;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => _factory!.Services;

    /// <summary>The site's clock, from <see cref="TestClock.DefaultStart"/> whatever DTN_TEST_NOW says: the demo's data was written for that year.</summary>
    public TestClock Clock { get; } = new(TestClock.DefaultStart);

    public DateOnly Today => Clock.Today;

    public async Task InitializeAsync()
    {
        _factory = new SiteFactory(_database, Clock);
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("DTN_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null, string? baseUrl = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            Locale = "vi-VN",
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
        });
        // A first request JIT-compiles pages; on a machine busy with builds that alone can pass Playwright's 30 s default.
        context.SetDefaultTimeout(90_000);
        return await context.NewPageAsync();
    }

    public async Task<IPage> SignInAsync(string userName, ViewportSize? viewport = null, string? baseUrl = null)
    {
        var page = await NewPageAsync(viewport, baseUrl);
        await page.GotoAsync("/Account/Login");
        if (await SubmitSignInAsync(page, userName)) return page;
        // Seen once in a full run: still the login form 90 s after the click, with no message and no request pending, as if
        // the click never reached the form. A refusal shows its message and fails here; only a silent form is submitted again.
        var refusal = page.Locator("[role=alert]");
        if (await refusal.CountAsync() > 0)
            throw new InvalidOperationException($"Sign-in of {userName} refused: {await refusal.First.InnerTextAsync()}");
        if (!await SubmitSignInAsync(page, userName))
            throw new TimeoutException($"Sign-in of {userName} stayed on {page.Url} after two submissions: {await page.Locator("main").InnerTextAsync()}");
        return page;
    }

    private static async Task<bool> SubmitSignInAsync(IPage page, string userName)
    {
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login"), new() { Timeout = 45_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Reads the demo database directly, as the system, to find ids a user would reach by clicking.</summary>
    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private SiteFactory? _national;

    /// <summary>
    /// The same app as the national tier (Tier:Mode = National) on its own port, over the demo's database: the province's
    /// records as a national database holds them once replicated (real replication needs two PostgreSQL clusters, which
    /// FederationTests use; this run is SQLite). As on a national database, it marks nothing to recompute and catches up
    /// on nothing: the indicator values it shows are the province's own. Returns its address.
    /// </summary>
    public string NationalUrl()
    {
        if (_national is null)
        {
            _national = new SiteFactory(_database, Clock, new()
            {
                ["Tier:Mode"] = "National",
                ["Admin:UserName"] = NationalAdmin,
                ["Admin:Password"] = Password,
                ["Indicators:CatchUpOnRead"] = "false",
            });
            _national.UseKestrel(0);
            _national.StartServer();
        }
        return _national.ClientOptions.BaseAddress.ToString().TrimEnd('/');
    }

    public const string NationalAdmin = "quantri.quocgia";

    /// <summary>A national account of <paramref name="role"/> in the ministry's organisation, made directly on the national tier.</summary>
    public async Task<string> NationalAccountAsync(string role)
    {
        NationalUrl();
        await using var scope = _national!.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<DaoTaoNghe.Features.Users.AppUser>>();
        var admin = await users.FindByNameAsync(NationalAdmin) ?? throw new InvalidOperationException("No national admin.");
        var user = new DaoTaoNghe.Features.Users.AppUser
        {
            UserName = $"bo.{Guid.NewGuid():N}"[..12], FullName = "Cán bộ Cục GDNN-GDTX", OrganisationId = admin.OrganisationId,
            CreatedAt = Clock.GetUtcNow().UtcDateTime,
        };
        (await users.CreateAsync(user, Password)).Succeeded.ShouldBeTrue();
        await users.AddToRoleAsync(user, role);
        return user.UserName;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_national is not null) await _national.DisposeAsync();
        if (_factory is not null) await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
            if (File.Exists(file)) File.Delete(file);
    }

    /// <summary>New people registered in <paramref name="commune"/> (with a CCCD and consent), arranged directly: the test's own, enrolled nowhere.</summary>
    public Task<List<Learner>> LearnersAsync(string commune, int count) => WriteAsync(async db =>
    {
        var unit = await db.AdministrativeUnits.SingleAsync(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.Name == commune && u.Province!.Code == "12");
        var now = Clock.GetUtcNow().UtcDateTime;
        var people = new List<Learner>();
        for (var i = 0; i < count; i++)
        {
            var sex = i % 2 == 0 ? Sex.Female : Sex.Male;
            var born = new DateOnly(1990 + Random.Shared.Next(12), 1 + Random.Shared.Next(12), 1 + Random.Shared.Next(28));
            string cccd;
            do cccd = $"012{(born.Year / 100 - 19) * 2 + (sex == Sex.Female ? 1 : 0)}{born.Year % 100:00}{Random.Shared.Next(1_000_000):000000}";
            while (await db.Learners.AnyAsync(l => l.Cccd == cccd));
            var learner = new Learner
            {
                BirthDate = born, Sex = sex, Cccd = cccd, CommuneId = unit.Id, RegisteredCommuneId = unit.Id, ProvinceId = unit.ProvinceId!.Value, CreatedAt = now, UpdatedAt = now,
            };
            learner.SetName($"{(sex == Sex.Female ? "Lò Thị" : "Lò Văn")} {Names[Random.Shared.Next(Names.Length)]} {Names[Random.Shared.Next(Names.Length)]}");
            learner.Consents.Add(new LearnerConsent { Purpose = "Quản lý đào tạo nghề", GivenOn = Today.AddYears(-1), RecordedBy = "thử nghiệm", RecordedAt = now });
            db.Learners.Add(learner);
            people.Add(learner);
        }
        await db.SaveChangesAsync();
        return people;
    });

    private static readonly string[] Names = ["Hoa", "Mai", "Lan", "Sơn", "Hải", "Minh", "Thanh", "Xuân", "Phương", "Dung", "Khánh", "Tùng", "Vân", "Hương"];

    /// <summary>A self-funded course of <paramref name="institution"/> open for enrolment (starting in two weeks), arranged directly: the test's own.</summary>
    public Task<Course> OpenCourseAsync(string institution, string venue) => CourseAsync(institution, venue, CourseState.Open, Today.AddDays(14), Today.AddDays(74));

    /// <summary>A course of <paramref name="institution"/> still running three days after its end date, arranged directly: the test's own.</summary>
    public Task<Course> OverdueCourseAsync(string institution, string venue) =>
        CourseAsync(institution, venue, CourseState.Running, Today.AddDays(-63), Today.AddDays(-3));

    /// <summary>
    /// A finished course of <paramref name="institution"/> that <paramref name="learners"/> (new people of <paramref name="venue"/>)
    /// completed on <paramref name="completedOn"/>, arranged directly: the test's own.
    /// </summary>
    public async Task<(Course Course, List<Learner> People)> CompletedCourseAsync(string institution, string venue, DateOnly completedOn, int learners)
    {
        var people = await LearnersAsync(venue, learners);
        var course = await CourseAsync(institution, venue, CourseState.Finished, completedOn.AddDays(-60), completedOn, people);
        return (course, people);
    }

    /// <summary>
    /// A running course of <paramref name="institution"/> keeping a daily register, <paramref name="learners"/> new people of
    /// <paramref name="venue"/> enrolled and <paramref name="days"/> days recorded (everyone present but on every fifth day),
    /// arranged directly: the test's own.
    /// </summary>
    public async Task<Course> RunningDailyCourseAsync(string institution, string venue, int learners, int days)
    {
        var people = await LearnersAsync(venue, learners);
        var course = await CourseAsync(institution, venue, CourseState.Running, Today.AddDays(-days - 2), Today.AddDays(30), mode: AttendanceMode.Daily);
        return await WriteAsync(async db =>
        {
            var now = Clock.GetUtcNow().UtcDateTime;
            var enrolments = people.Select(person => new Enrolment
            {
                CourseId = course.Id, LearnerId = person.Id, InstitutionId = course.InstitutionId, ProvinceId = course.ProvinceId, ResidenceCommuneId = person.CommuneId,
                EnrolledOn = course.StartDate.AddDays(-7), Status = EnrolmentStatus.Enrolled, CreatedAt = now,
            }).ToList();
            db.Enrolments.AddRange(enrolments);
            await db.SaveChangesAsync();
            foreach (var enrolment in enrolments)
            {
                for (var d = 0; d < days; d++)
                    db.AttendanceRecords.Add(new AttendanceRecord
                    {
                        EnrolmentId = enrolment.Id, CourseId = course.Id, InstitutionId = course.InstitutionId, Date = course.StartDate.AddDays(d), Present = d % 5 != 4,
                    });
                enrolment.DaysAttended = days - days / 5;
            }
            await db.SaveChangesAsync();
            return course;
        });
    }

    private Task<Course> CourseAsync(string institution, string venue, CourseState state, DateOnly start, DateOnly end, List<Learner>? completed = null,
        AttendanceMode mode = AttendanceMode.Summary) =>
        WriteAsync(async db =>
        {
            var programme = await db.Programmes.Where(p => p.Institution.Name == institution && p.IsActive).OrderBy(p => p.Id)
                .Select(p => new { p.Id, p.InstitutionId, p.Institution.ProvinceId, p.OccupationId, p.Level }).FirstAsync();
            var commune = await db.AdministrativeUnits.SingleAsync(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.Name == venue && u.Province!.Code == "12");
            var now = Clock.GetUtcNow().UtcDateTime;
            var course = new Course
            {
                InstitutionId = programme.InstitutionId, ProvinceId = programme.ProvinceId, ProgrammeId = programme.Id, OccupationId = programme.OccupationId,
                Level = programme.Level, VenueCommuneId = commune.Id, VenueAddress = "Nhà văn hóa bản", StartDate = start, EndDate = end, PlannedDays = 40,
                Capacity = 30, ActualUnitCost = 3_000_000, AttendanceMode = mode, State = state,
                StartedOn = state is CourseState.Finished or CourseState.Running ? start : null, FinishedOn = state == CourseState.Finished ? end : null, CreatedAt = now,
            };
            course.SetName($"Lớp thử nghiệm {Guid.NewGuid().ToString("N")[..6]}");
            foreach (var person in completed ?? [])
                course.Enrolments.Add(new Enrolment
                {
                    LearnerId = person.Id, InstitutionId = course.InstitutionId, ProvinceId = course.ProvinceId, ResidenceCommuneId = person.CommuneId,
                    EnrolledOn = start.AddDays(-7), Status = EnrolmentStatus.Completed, DaysAttended = 38, ResultOn = end, CreatedAt = now,
                });
            db.Courses.Add(course);
            await db.SaveChangesAsync();
            return course;
        });

    /// <summary>
    /// A vacancy of <paramref name="enterprise"/> and a job session <paramref name="organiser"/> holds tomorrow with that
    /// enterprise taking part, arranged directly: the test's own.
    /// </summary>
    public Task<(JobSession Session, Vacancy Vacancy)> JobSessionAsync(string organiser, string enterprise, string commune) => WriteAsync(async db =>
    {
        var organisations = await db.Organisations.Where(o => o.Name == organiser || o.Name == enterprise).ToListAsync();
        var centre = organisations.Single(o => o.Name == organiser);
        var firm = organisations.Single(o => o.Name == enterprise);
        var unit = await db.AdministrativeUnits.SingleAsync(u => u.Level == UnitLevel.Commune && u.ValidTo == null && u.Name == commune && u.Province!.Code == "12");
        var occupation = await db.Occupations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        var now = Clock.GetUtcNow().UtcDateTime;
        var marker = Guid.NewGuid().ToString("N")[..6];
        var vacancy = new Vacancy
        {
            EnterpriseId = firm.Id, ProvinceId = firm.ProvinceId, OccupationId = occupation, Quantity = 5, PlaceCommuneId = unit.Id,
            PostedOn = Today, Deadline = Today.AddDays(30), CreatedAt = now,
        };
        vacancy.SetTitle($"Công nhân hái chè {marker}", "");
        var session = new JobSession
        {
            ProvinceId = centre.ProvinceId, OrganiserId = centre.Id, Kind = SessionKind.Session, HeldOn = Today.AddDays(1), VenueCommuneId = unit.Id, CreatedAt = now,
        };
        session.SetTitle($"Phiên giao dịch việc làm thử nghiệm {marker}");
        session.Enterprises.Add(new SessionEnterprise { EnterpriseId = firm.Id, OrganiserId = centre.Id, ProvinceId = centre.ProvinceId });
        db.Vacancies.Add(vacancy);
        db.JobSessions.Add(session);
        await db.SaveChangesAsync();
        return (session, vacancy);
    });

    /// <summary>A loan to start work that <paramref name="branch"/> approved today for <paramref name="person"/>, not yet paid out, arranged directly: the test's own.</summary>
    public Task<SocialPolicyLoan> ApprovedLoanAsync(string branch, Learner person) => WriteAsync(async db =>
    {
        var bank = await db.Organisations.SingleAsync(o => o.Name == branch);
        var loan = new SocialPolicyLoan
        {
            LearnerId = person.Id, BorrowerName = person.FullName, BankBranchId = bank.Id, ProvinceId = bank.ProvinceId, Purpose = LoanPurpose.StartWork,
            Amount = 50_000_000, LoanedOn = Today, Status = LoanStatus.Approved, CreatedAt = Clock.GetUtcNow().UtcDateTime,
        };
        db.SocialPolicyLoans.Add(loan);
        await db.SaveChangesAsync();
        return loan;
    });

    private async Task<T> WriteAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<DataScopeAccessor>().Current = DataScope.System;
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private sealed class SiteFactory(string database, TimeProvider clock, Dictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Default"] = $"Data Source={database}",
                ["Files:Root"] = Path.Combine(Path.GetTempPath(), "dtn-browser-files-" + Guid.NewGuid().ToString("N")),
            }.Concat(settings ?? []).ToDictionary()));
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
            });
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DemoSiteCollection : ICollectionFixture<DemoSite>
{
    public const string Name = "Demo site";
}
