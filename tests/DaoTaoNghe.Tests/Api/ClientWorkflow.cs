// Compiled by GeneratedClient (not by the test project) with the client NSwag generates from the live
// document: it names the generated types and methods, so a change of the document that breaks a client
// breaks this file's compilation, and the test says where.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Shouldly;

namespace DaoTaoNghe.Client;

/// <summary>Who calls, each through the test server's HttpClient with an API key of their own.</summary>
public sealed record Actors(HttpClient Commune, HttpClient Province, HttpClient Institution, HttpClient Bank, HttpClient Centre);

/// <summary>What the province already has: the commune, the institution with its occupation, programme and trainer.</summary>
public sealed record Setting(int CommuneId, int InstitutionId, int OccupationId, int ProgrammeId, int TrainerId,
    string TraineeCccd, string BorrowerCccd, string WorkerCccd, string DecisionNumber);

/// <summary>
/// The whole path of a rural worker, and two jobs found outside a course, through nothing but the
/// generated client: the commune registers people, the province orders the training and issues the
/// order, the institution opens a course, enrols, keeps attendance, records the result, finishes and
/// certifies, the commune follows the person up, the bank records a loan and the employment centre a
/// contract abroad; the indicators of the commune and the institution move by exactly what was done.
/// </summary>
public static class ClientWorkflow
{
    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(Actors actors, Setting setting)
    {
        var commune = new DaoTaoNgheClient(actors.Commune);
        var province = new DaoTaoNgheClient(actors.Province);
        var institution = new DaoTaoNgheClient(actors.Institution);
        var bank = new DaoTaoNgheClient(actors.Bank);
        var centre = new DaoTaoNgheClient(actors.Centre);

        // Who the keys belong to.
        (await institution.GetMeAsync()).OrganisationId.ShouldBe(setting.InstitutionId);

        var before = await IndicatorsAsync(province, setting);

        // The commune registers three people, with their consent.
        var trainee = await RegisterAsync(commune, setting, "Lò Thị Mai", setting.TraineeCccd, Day(1995, 4, 12));
        var borrower = await RegisterAsync(commune, setting, "Tòng Văn Hùng", setting.BorrowerCccd, Day(1990, 8, 3), CataloguesSex.Male);
        var worker = await RegisterAsync(commune, setting, "Lù Thị Hoa", setting.WorkerCccd, Day(1998, 2, 27));
        (await commune.GetLearnersByIdAsync(trainee)).FullName.ShouldBe("Lò Thị Mai");

        // The province orders the training (planned), then issues the order to the institution.
        var order = (await province.PostOrdersAsync(new OrdersCreateCommand
        {
            InstitutionId = setting.InstitutionId, Kind = OrdersOrderKind.Order, Year = 2026, OccupationId = setting.OccupationId,
            Level = OccupationsTrainingLevel.Elementary, Quota = 30, UnitCost = 3_500_000, Budget = 105_000_000,
            DecisionNumber = setting.DecisionNumber, DecisionDate = Day(2026, 1, 20), Planned = true,
        })).Id;
        (await province.GetOrdersByIdAsync(order)).State.ShouldBe(OrdersOrderState.Planned);
        await province.PostOrdersByIdIssueAsync(order);
        (await institution.GetOrdersByIdAsync(order)).State.ShouldBe(OrdersOrderState.Open);

        // The institution opens a course under the order, enrols the person by CCCD and birth date, starts it.
        var course = (await institution.PostCoursesAsync(new CoursesCreateCommand
        {
            InstitutionId = setting.InstitutionId, OrderId = order, ProgrammeId = setting.ProgrammeId, Name = "Lớp trồng chè bản Nà Đon",
            VenueCommuneId = setting.CommuneId, VenueAddress = "Nhà văn hóa bản Nà Đon", StartDate = Day(2026, 9, 7), EndDate = Day(2026, 11, 13),
            PlannedDays = 45, Capacity = 30, ActualUnitCost = 3_500_000, AttendanceMode = CoursesAttendanceMode.Daily, TrainerIds = [setting.TrainerId],
        })).Id;
        await institution.PostCoursesByIdOpenAsync(course);
        var enrolled = await institution.PostCoursesByIdEnrolmentsAsync(course, new CoursesEnrolCommand { Cccd = setting.TraineeCccd, BirthDate = Day(1995, 4, 12) });
        enrolled.LearnerName.ShouldBe("Lò Thị Mai");
        enrolled.SupportTotal.ShouldBeGreaterThan(0);
        await institution.PostCoursesByIdStartAsync(course);

        // Attendance and results.
        await institution.PutCoursesByIdAttendanceByDateAsync(course, Day(2026, 9, 7), new CoursesCoursesApiAttendanceDay { Present = [enrolled.EnrolmentId] });
        (await institution.GetCoursesByIdAttendanceAsync(course, Day(2026, 9, 7))).ShouldNotBeNull();
        var results = new CoursesAssessmentCommand
        {
            OnDate = Day(2026, 11, 13),
            Rows = [new CoursesAssessmentRow { EnrolmentId = enrolled.EnrolmentId, Outcome = CoursesResultOutcome.Passed, Score = 8.5 }],
        };
        // One day of 45 on the roll: "passed" needs a reason, and the refusal is a typed ProblemDetails the client reads.
        var refused = await Should.ThrowAsync<ApiException<HttpValidationProblemDetails>>(() => institution.PutCoursesByIdResultsAsync(course, results));
        refused.StatusCode.ShouldBe(400);
        refused.Result.Errors.SelectMany(e => e.Value).ShouldContain(m => m.Contains("dưới 80 % số ngày theo kế hoạch"));
        results.Rows.Single().PassReason = "Học bù tại lớp ghép, có biên bản";
        await institution.PutCoursesByIdResultsAsync(course, results);
        (await institution.GetEnrolmentsByIdAsync(enrolled.EnrolmentId)).Status.ShouldBe(CoursesEnrolmentStatus.Completed);

        // Finish, and the certificate.
        await institution.PostCoursesByIdFinishAsync(course);
        (await institution.GetCoursesByIdAsync(course)).State.ShouldBe(CoursesCourseState.Finished);
        var issued = await institution.PostCoursesByIdCertificatesAsync(course, new CertificatesIssueCommand { IssuedOn = Day(2026, 11, 20) });
        var certificate = await institution.GetCertificatesByIdAsync(issued.Ids.ShouldHaveSingleItem());
        certificate.HolderName.ShouldBe("Lò Thị Mai");
        certificate.Number.ShouldContain("/2026/");
        (await new DaoTaoNgheClient(actors.Bank).GetCertificatesVerifyByCodeAsync(certificate.VerificationCode)).Valid.ShouldBeTrue();

        // The commune follows the person up: working for herself.
        var outcome = (await commune.PostFollowUpsOutcomesAsync(new FollowUpsRecordFollowUpsCommand
        {
            EnrolmentId = enrolled.EnrolmentId, Checkpoint = 3, Status = FollowUpsEmploymentStatus.SelfEmployed, OutcomeOn = Day(2026, 11, 19),
        })).Id;
        (await commune.GetFollowUpsOutcomesByIdAsync(outcome)).Status.ShouldBe(FollowUpsEmploymentStatus.SelfEmployed);

        // The bank lends to start work; the employment centre sends a worker abroad.
        var loan = (await bank.PostLoansAsync(new JobsLoansCreateCommand
        {
            Cccd = setting.BorrowerCccd, Purpose = JobsLoanPurpose.StartWork, Amount = 50_000_000, LoanedOn = Day(2026, 5, 10), Status = JobsLoanStatus.Disbursed,
        })).Id;
        (await bank.GetLoansAsync(nam: 2026)).Items.Select(l => l.Id).ShouldContain(loan);
        var contract = (await centre.PostAbroadContractsAsync(new JobsAbroadCreateCommand
        {
            Cccd = setting.WorkerCccd, Country = "Nhật Bản", ReceivingCompany = "Công ty Nông sản Kagoshima",
            SendingAgency = "Công ty CP Cung ứng nhân lực quốc tế", DepartureOn = Day(2026, 4, 2), ReturnOn = Day(2029, 4, 1),
        })).Id;
        (await centre.GetAbroadContractsAsync(nuoc: "Nhật Bản")).Items.Select(c => c.Id).ShouldContain(contract);

        // The indicators moved by exactly what was done.
        var after = await IndicatorsAsync(province, setting);
        (after["training.completed"] - before["training.completed"]).ShouldBe(1, "the course's one completion, where the person lives");
        (after["employment.employed"] - before["employment.employed"]).ShouldBe(1, "the follow-up found her working");
        (after["jobs.loans"] - before["jobs.loans"]).ShouldBe(1, "the loan to start work");
        (after["jobs.abroad"] - before["jobs.abroad"]).ShouldBe(1, "the contract abroad");
        (after["institution:training.completed"] - before["institution:training.completed"]).ShouldBe(1, "the institution's own figure");
    }

    private static async Task<int> RegisterAsync(DaoTaoNgheClient commune, Setting setting, string name, string cccd, DateTimeOffset born,
        CataloguesSex sex = CataloguesSex.Female) =>
        (await commune.PostLearnersAsync(new LearnersCreateCommand
        {
            FullName = name, BirthDate = born, Sex = sex, Cccd = cccd, CommuneId = setting.CommuneId, Address = "Bản Nà Bó",
            Phone = "0912 345 678", EducationLevel = LearnersEducationLevel.LowerSecondary,
            ConsentGiven = true, ConsentDate = Day(2025, 6, 1), ConsentPurpose = "Quản lý đào tạo nghề", ConsentMethod = LearnersConsentMethod.SignedForm,
            ConfirmNotDuplicate = true,
        })).Id;

    /// <summary>The commune's figures for 2026 (and the institution's own), read as any client reads them.</summary>
    private static async Task<Dictionary<string, double>> IndicatorsAsync(DaoTaoNgheClient province, Setting setting)
    {
        var figures = new Dictionary<string, double>();
        foreach (var code in new[] { "training.completed", "employment.employed", "jobs.loans", "jobs.abroad" })
        {
            var values = await province.GetIndicatorsValuesAsync(indicator: code, unit: setting.CommuneId, period: "2026");
            values.Unit.Id.ShouldBe(setting.CommuneId);
            figures[code] = values.Indicators.ShouldHaveSingleItem().Value ?? 0;
        }
        var own = await province.GetIndicatorsValuesAsync(indicator: "training.completed", institution: setting.InstitutionId, period: "2026");
        figures["institution:training.completed"] = own.Indicators.ShouldHaveSingleItem().Value ?? 0;
        return figures;
    }
}
