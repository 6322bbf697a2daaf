using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Certificates;
using DaoTaoNghe.Infrastructure.Audit;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using static DaoTaoNghe.Tests.Features.Courses.TrainingTestData;

namespace DaoTaoNghe.Tests.Features.Courses;

public class CertificatesTests
{
    [Fact]
    public async Task Concurrent_issuing_numbers_each_institution_year_without_gaps_or_reuse()
    {
        var setup = await InstitutionAsync();
        var (_, enrolments) = await CompletedCourseAsync(setup, 12);
        using var first = await TestBrowser.SignedInAsync(setup.Staff);
        using var second = await TestBrowser.SignedInAsync(setup.Staff);

        // Every learner is issued twice at once, from two sessions: one issue wins, the other is refused and gives its number back.
        var attempts = enrolments.SelectMany(id => new[] { first, second }.Select(browser =>
            browser.PostJsonAsync("/api/v1/certificates", new { enrolmentId = id, issuedOn = "2026-06-05" }))).ToList();
        var responses = await Task.WhenAll(attempts);

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(12);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(12);
        var issued = await TestData.WithDbAsync(db => db.Certificates.AsNoTracking().Where(c => c.InstitutionId == setup.Institution.Id).ToListAsync());
        issued.Select(c => c.Sequence).Order().ShouldBe(Enumerable.Range(1, 12));
        issued.Select(c => c.EnrolmentId).Distinct().Count().ShouldBe(12);
        issued.Select(c => c.Number).Distinct().Count().ShouldBe(12);
        issued.Select(c => c.VerificationCode).Distinct().Count().ShouldBe(12);
        issued.ShouldAllBe(c => c.Year == 2026 && c.Number.EndsWith($"/2026/{c.Sequence:0000}"));
        (await TestData.WithDbAsync(db => db.CertificateCounters.AsNoTracking().SingleAsync(c => c.InstitutionId == setup.Institution.Id && c.Year == 2026)))
            .LastNumber.ShouldBe(12);

        // A revoked certificate's number is never reused; the learner may be issued a new one under the next number.
        var revokedId = issued.Single(c => c.Sequence == 5).Id;
        (await first.PostJsonAsync($"/api/v1/certificates/{revokedId}/revoke", new { reason = "Sai ngày sinh" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var reissued = await first.PostJsonAsync("/api/v1/certificates", new { enrolmentId = issued.Single(c => c.Sequence == 5).EnrolmentId, issuedOn = "2026-06-08" });
        reissued.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await reissued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var fresh = await TestData.WithDbAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.Id == id));
        fresh.Sequence.ShouldBe(13);
        fresh.Year.ShouldBe(2026);
    }

    [Fact]
    public async Task Each_institution_has_its_own_series_and_only_completed_learners_are_certified()
    {
        var a = await InstitutionAsync();
        var b = await InstitutionAsync();
        var (courseA, _) = await CompletedCourseAsync(a, 2);
        var (courseB, enrolmentsB) = await CompletedCourseAsync(b, 3);
        using var browserA = await TestBrowser.SignedInAsync(a.Staff);
        using var browserB = await TestBrowser.SignedInAsync(b.Staff);
        await TestData.WithDbAsync(async db =>
        {
            var failed = await db.Enrolments.SingleAsync(e => e.Id == enrolmentsB[0]);
            failed.Status = DaoTaoNghe.Features.Courses.EnrolmentStatus.Failed;
            await db.SaveChangesAsync();
        });

        (await browserA.PostJsonAsync($"/api/v1/courses/{courseA}/certificates", new { issuedOn = "2026-06-01" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browserB.PostJsonAsync($"/api/v1/courses/{courseB}/certificates", new { issuedOn = "2026-06-01" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var notCompleted = await browserB.PostJsonAsync("/api/v1/certificates", new { enrolmentId = enrolmentsB[0] });
        var foreign = await browserA.PostJsonAsync($"/api/v1/courses/{courseB}/certificates", new { });

        var numbers = await TestData.WithDbAsync(db => db.Certificates.AsNoTracking()
            .Where(c => c.InstitutionId == a.Institution.Id || c.InstitutionId == b.Institution.Id)
            .Select(c => new { c.InstitutionId, c.Sequence }).ToListAsync());
        numbers.Where(n => n.InstitutionId == a.Institution.Id).Select(n => n.Sequence).Order().ShouldBe([1, 2]);
        numbers.Where(n => n.InstitutionId == b.Institution.Id).Select(n => n.Sequence).Order().ShouldBe([1, 2]);
        notCompleted.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await notCompleted.Content.ReadAsStringAsync()).ShouldContain("chưa hoàn thành khóa học");
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_certificate_names_the_person_who_issued_it_not_their_account()
    {
        var setup = await InstitutionAsync();
        var (course, _) = await CompletedCourseAsync(setup, 1);
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        (await browser.PostJsonAsync($"/api/v1/courses/{course}/certificates", new { issuedOn = "2026-06-01" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var certificate = await TestData.WithDbAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.InstitutionId == setup.Institution.Id));
        var fullName = await TestData.PersonNameAsync(setup.Staff);

        var page = await browser.GetHtmlAsync($"/Certificates/Details/{certificate.Id}");

        var text = TestBrowser.HtmlText(page);
        text.ShouldContain($"người cấp: {fullName}");
        System.Net.WebUtility.HtmlDecode(page).ShouldContain($"title=\"Tài khoản {setup.Staff}\"");
        TestBrowser.HtmlText(page).ShouldNotContain(setup.Staff);
    }

    [Fact]
    public async Task The_certificate_prints_as_html_and_docx_with_a_QR_code_and_every_view_is_audited()
    {
        var setup = await InstitutionAsync();
        var (course, _) = await CompletedCourseAsync(setup, 1);
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        (await browser.PostJsonAsync($"/api/v1/courses/{course}/certificates", new { issuedOn = "2026-06-01" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var certificate = await TestData.WithDbAsync(db => db.Certificates.AsNoTracking().SingleAsync(c => c.InstitutionId == setup.Institution.Id));

        var print = await browser.GetHtmlAsync($"/Certificates/Print/{certificate.Id}");
        var docx = await browser.GetAsync($"/Certificates/Details/{certificate.Id}?handler=Docx");
        var qr = await browser.GetAsync($"/api/v1/certificates/{certificate.Id}/qr.png");

        print.ShouldContain("src=\"data:image/png;base64,");
        TestBrowser.HtmlText(print).ShouldContain(TestApp.PublicBaseUrl + "/xac-minh/" + certificate.VerificationCode);
        TestBrowser.HtmlText(print).ShouldContain("CHỨNG CHỈ SƠ CẤP");
        TestBrowser.HtmlText(print).ShouldContain(certificate.HolderName);
        TestBrowser.HtmlText(print).ShouldContain("Số hiệu: " + certificate.Number);
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        docx.Content.Headers.ContentType!.MediaType.ShouldBe(CertificateDocx.ContentType);
        using (var document = WordprocessingDocument.Open(new MemoryStream(await docx.Content.ReadAsByteArrayAsync()), false))
        {
            var text = document.MainDocumentPart!.Document.Body!.InnerText;
            text.ShouldContain(certificate.HolderName);
            text.ShouldContain(certificate.Number);
            text.ShouldContain(TestApp.PublicBaseUrl + "/xac-minh/" + certificate.VerificationCode);
            document.MainDocumentPart.ImageParts.Count().ShouldBe(1);
            new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).ShouldBeEmpty();
        }
        (await qr.Content.ReadAsByteArrayAsync()).Take(4).ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47 });
        var views = await TestData.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditAction.View && e.EntityType == "Certificate" && e.EntityId == certificate.Id.ToString()).CountAsync());
        views.ShouldBe(3);
    }

    [Fact]
    public async Task Only_the_issuing_institution_or_the_province_admin_revokes_and_a_reason_is_required()
    {
        var setup = await InstitutionAsync();
        var other = await InstitutionAsync();
        var (course, _) = await CompletedCourseAsync(setup, 1);
        using var browser = await TestBrowser.SignedInAsync(setup.Staff);
        (await browser.PostJsonAsync($"/api/v1/courses/{course}/certificates", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var id = await TestData.WithDbAsync(db => db.Certificates.Where(c => c.InstitutionId == setup.Institution.Id).Select(c => c.Id).SingleAsync());
        var (department, _) = await TestData.ProvinceActorAsync(Roles.DepartmentOfficer);
        var (admin, _) = await TestData.ProvinceActorAsync(Roles.ProvinceAdmin);
        using var otherBrowser = await TestBrowser.SignedInAsync(other.Staff);
        using var departmentBrowser = await TestBrowser.SignedInAsync(department);
        using var adminBrowser = await TestBrowser.SignedInAsync(admin);

        (await otherBrowser.PostJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = "Không hợp lệ" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await departmentBrowser.PostJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = "Không hợp lệ" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var empty = await adminBrowser.PostJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = "" });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("Vui lòng nhập lý do thu hồi.");
        (await TestData.WithDbAsync(db => db.Certificates.SingleAsync(c => c.Id == id))).RevokedOn.ShouldBeNull();

        (await adminBrowser.PostJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = "Hồ sơ học viên không hợp lệ" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var again = await browser.PostJsonAsync($"/api/v1/certificates/{id}/revoke", new { reason = "Thu hồi lần hai" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var revoked = await TestData.WithDbAsync(db => db.Certificates.SingleAsync(c => c.Id == id));
        revoked.RevocationReason.ShouldBe("Hồ sơ học viên không hợp lệ");
        revoked.RevokedBy.ShouldBe(admin);
    }
}
