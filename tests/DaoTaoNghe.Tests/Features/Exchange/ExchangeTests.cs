using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Exchange;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Tests.Features.Indicators;
using DaoTaoNghe.Tests.Support;
using static DaoTaoNghe.Tests.Features.Indicators.IndicatorTestData;

namespace DaoTaoNghe.Tests.Features.Exchange;

/// <summary>
/// Indicator values going out in standard formats: the ADX document is valid against the IHE schema
/// the repository keeps and carries, value by value, what /api/v1/indicators/values gives; the DHIS2
/// data value set read back gives the same; both keep to the caller's scope and refuse a bad period or
/// unit in Vietnamese, naming the parameter.
/// </summary>
public class ExchangeTests
{
    private static readonly Dimension[] Breakdowns = [Dimension.Sex, Dimension.Minority, Dimension.Priority, Dimension.Level];

    [Fact]
    public async Task A_provinces_ADX_is_valid_against_the_schema_and_gives_the_values_api_numbers_for_the_province_and_each_commune()
    {
        var p = await ArrangeAsync();
        using var admin = await AdminAsync(p);

        var response = await admin.GetAsync($"/api/v1/exchange/adx?period=2026&unit={p.Province.Code}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/adx+xml");
        var xml = await response.Content.ReadAsStringAsync();

        Validate(xml).ShouldBeEmpty();
        var document = XDocument.Parse(xml);
        XNamespace adx = "urn:ihe:qrph:adx:2015";
        document.Root!.Name.ShouldBe(adx + "adx");
        DateTimeOffset.Parse(document.Root.Attribute("exported")!.Value, CultureInfo.InvariantCulture).ShouldBe(TestData.Clock.GetUtcNow(), TimeSpan.FromHours(1));
        var groups = document.Root.Elements(adx + "group").ToList();
        groups.ShouldAllBe(g => g.Attribute("period")!.Value == "2026-01-01/P1Y");
        groups.Select(g => g.Attribute("orgUnit")!.Value).ShouldBe([p.Province.Code, p.A.Code, p.B.Code], ignoreOrder: true);

        var sent = groups.SelectMany(g => g.Elements(adx + "dataValue").Select(v =>
        {
            var extra = v.Attributes().SingleOrDefault(a => a.Name.LocalName is not ("dataElement" or "value"));
            return (Key: Key(g.Attribute("orgUnit")!.Value, v.Attribute("dataElement")!.Value, extra?.Name.LocalName, extra?.Value),
                Value: decimal.Parse(v.Attribute("value")!.Value, CultureInfo.InvariantCulture));
        })).ToList();
        sent.Select(s => s.Key).Distinct().Count().ShouldBe(sent.Count);
        var expected = await ValuesApiAsync(admin, p, p.Province.Code, $"unit={p.Id}", withCommunes: true);
        Compare(sent.ToDictionary(s => s.Key, s => s.Value), expected);

        // The arranged records are there, by commune and by sex.
        expected[Key(p.Province.Code, "learners.registered", null, null)].ShouldBe(3);
        expected[Key(p.Province.Code, "learners.registered", "SEX", "Female")].ShouldBe(2);
        expected[Key(p.A.Code, "learners.registered", null, null)].ShouldBe(2);
        expected[Key(p.A.Code, "outreach.people", null, null)].ShouldBe(40);
        expected[Key(p.B.Code, "education.rural_graduates", null, null)].ShouldBe(321);
    }

    [Fact]
    public async Task A_communes_DHIS2_data_value_set_read_back_gives_the_values_api_numbers_and_other_units_are_not_found()
    {
        var p = await ArrangeAsync();
        using var officer = await SignInAsync(Roles.CommuneOfficer, p.A);

        var response = await officer.GetAsync($"/api/v1/exchange/dhis2?period=2026&unit={p.A.Code}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var set = (await response.Content.ReadFromJsonAsync<Dhis2.DataValueSet>())!;

        set.DataSet.ShouldBe(ExchangeCodes.DataSet);
        set.Period.ShouldBe("2026");
        set.OrgUnit.ShouldBe(p.A.Code);
        set.DataValues.ShouldAllBe(v => v.Period == "2026" && v.OrgUnit == p.A.Code && v.AttributeOptionCombo == "default");
        var sent = set.DataValues.ToDictionary(
            v => v.CategoryOptionCombo == "default"
                ? Key(v.OrgUnit, v.DataElement, null, null)
                : Key(v.OrgUnit, v.DataElement, v.CategoryOptionCombo.Split('_', 2)[0], v.CategoryOptionCombo.Split('_', 2)[1]),
            v => decimal.Parse(v.Value, CultureInfo.InvariantCulture));
        var expected = await ValuesApiAsync(officer, p, p.A.Code, $"unit={p.A.Id}", withCommunes: false);
        Compare(sent, expected);
        expected[Key(p.A.Code, "learners.registered", null, null)].ShouldBe(2);
        expected[Key(p.A.Code, "learners.registered", "SEX", "Male")].ShouldBe(1);

        // The officer's own unit when none is asked; the neighbouring commune and the province are not found, as on the values API.
        (await officer.Http.GetFromJsonAsync<Dhis2.DataValueSet>("/api/v1/exchange/dhis2?period=2026"))!.OrgUnit.ShouldBe(p.A.Code);
        foreach (var code in new[] { p.B.Code, p.Province.Code, "99999" })
        {
            var refused = await officer.GetAsync($"/api/v1/exchange/adx?period=2026&unit={code}");
            refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("detail").GetString()!.ShouldContain("Không tìm thấy đơn vị");
            problem.GetProperty("detail").GetString()!.ShouldNotContain(p.B.Name);
            (await officer.GetAsync($"/api/v1/exchange/dhis2?period=2026&unit={code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Roles_without_dashboards_are_refused_and_another_provinces_admin_finds_nothing()
    {
        var p = await ArrangeAsync();
        var other = await ProvinceAsync();
        using var enterprise = await SignInAsync(Roles.Enterprise, p.A);
        using var otherAdmin = await AdminAsync(other);

        (await enterprise.GetAsync($"/api/v1/exchange/adx?period=2026&unit={p.A.Code}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await otherAdmin.GetAsync($"/api/v1/exchange/adx?period=2026&unit={p.Province.Code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherAdmin.GetAsync($"/api/v1/exchange/dhis2?period=2026&unit={p.A.Code}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("adx", "period=20x6", "period", "Kỳ (period) \"20x6\" không hợp lệ")]
    [InlineData("dhis2", "period=2026-01-01/P1Y", "period", "ghi năm gồm 4 chữ số")]
    [InlineData("adx", "period=2026&unit=12;x", "unit", "Mã đơn vị (unit) \"12;x\" không hợp lệ")]
    [InlineData("dhis2", "unit=%C3%A1", "unit", "mã đơn vị hành chính")]
    public async Task A_bad_period_or_unit_is_refused_in_Vietnamese_naming_the_parameter(string format, string query, string parameter, string message)
    {
        var p = await ProvinceAsync();
        using var admin = await AdminAsync(p);

        var response = await admin.GetAsync($"/api/v1/exchange/{format}?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty(parameter)[0].GetString()!.ShouldContain(message);
    }

    [Fact]
    public void DataDictionary_in_docs_is_the_one_the_catalogue_gives()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "data-dictionary.md");
        var expected = DataDictionary.Markdown();
        var actual = File.Exists(path) ? File.ReadAllText(path) : "";
        if (actual != expected && Environment.GetEnvironmentVariable("DTN_WRITE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
            return;
        }
        actual.ShouldBe(expected, "regenerate with: DTN_WRITE_DOCS=1 dotnet test tests/DaoTaoNghe.Tests --filter DataDictionary");
        foreach (var indicator in IndicatorCatalogue.All)
            actual.ShouldContain($"| `{indicator.Code}` | {indicator.Name} |");
    }

    /// <summary>Two learners in A (a woman and a man), a woman in B, outreach in A, a hand-entered value in B; all in 2026.</summary>
    private static async Task<TestProvince> ArrangeAsync()
    {
        var p = await ProvinceAsync();
        var (_, commune) = await ActorAsync(Roles.CommuneOfficer, p.A);
        await LearnerAsync(p, p.A, Sex.Female, new DateOnly(2026, 2, 1), Hmong, [PriorityCategory.Disabled]);
        await LearnerAsync(p, p.A, Sex.Male, new DateOnly(2026, 3, 1), Kinh);
        await LearnerAsync(p, p.B, Sex.Female, new DateOnly(2026, 4, 1));
        await OutreachAsync(p.A, commune.Id, new DateOnly(2026, 3, 5), 40);
        await ValueAsync("education.rural_graduates", p.B, p.Id, 2026, 321);
        return p;
    }

    private static string Key(string unit, string indicator, string? attribute, string? key) => $"{unit}|{indicator}|{attribute}|{key}";

    /// <summary>Every non-empty value the values API gives the caller for the unit: totals, each exchanged breakdown the caller may ask, and the communes' totals.</summary>
    private static async Task<Dictionary<string, decimal>> ValuesApiAsync(TestBrowser browser, TestProvince p, string code, string unit, bool withCommunes)
    {
        var values = new Dictionary<string, decimal>();
        foreach (var indicator in (await ValuesAsync(browser, $"{unit}&period=2026")).GetProperty("indicators").EnumerateArray())
            if (Number(indicator.GetProperty("value")) is { } value)
                values[Key(code, indicator.GetProperty("code").GetString()!, null, null)] = (decimal)value;
        foreach (var dimension in Breakdowns)
        {
            var response = await browser.GetAsync($"/api/v1/indicators/values?{unit}&period=2026&by={dimension}");
            if (response.StatusCode == HttpStatusCode.Forbidden) continue;
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            foreach (var indicator in (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("indicators").EnumerateArray())
            {
                if (indicator.GetProperty("groups").ValueKind == JsonValueKind.Null) continue;
                foreach (var group in indicator.GetProperty("groups").EnumerateArray())
                    if (Number(group.GetProperty("value")) is { } value)
                    {
                        var key = group.GetProperty("key").GetString() is { Length: > 0 } k ? k : IndicatorExchange.NotRecorded;
                        values[Key(code, indicator.GetProperty("code").GetString()!, dimension.ToString().ToUpperInvariant(), key)] = (decimal)value;
                    }
            }
        }
        if (!withCommunes) return values;
        var codes = new Dictionary<int, string> { [p.A.Id] = p.A.Code, [p.B.Id] = p.B.Code };
        foreach (var indicator in (await ValuesAsync(browser, $"{unit}&period=2026&by=Commune")).GetProperty("indicators").EnumerateArray())
        {
            if (indicator.GetProperty("groups").ValueKind == JsonValueKind.Null) continue;
            foreach (var group in indicator.GetProperty("groups").EnumerateArray())
                if (group.GetProperty("unitId").ValueKind == JsonValueKind.Number && Number(group.GetProperty("value")) is { } value)
                    values[Key(codes[group.GetProperty("unitId").GetInt32()], indicator.GetProperty("code").GetString()!, null, null)] = (decimal)value;
        }
        return values;
    }

    private static void Compare(Dictionary<string, decimal> sent, Dictionary<string, decimal> expected)
    {
        sent.Keys.Except(expected.Keys).ShouldBeEmpty("sent but not in the values API");
        expected.Keys.Except(sent.Keys).ShouldBeEmpty("in the values API but not sent");
        foreach (var (key, value) in expected)
            Math.Abs(sent[key] - value).ShouldBeLessThan(0.000001m, key);
    }

    /// <summary>The schema errors of a document, by System.Xml.Schema against the repository's copy of adx_loose.xsd (no network).</summary>
    private static List<string> Validate(string xml)
    {
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        var path = Path.Combine(RepositoryRoot(), "src", "DaoTaoNghe.Web", "ReferenceData", "adx", "adx_loose.xsd");
        using (var schema = XmlReader.Create(path, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = new XmlUrlResolver() }))
            schemas.Add("urn:ihe:qrph:adx:2015", schema);
        schemas.Compile();
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationFlags |= XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity} line {e.Exception.LineNumber}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read()) { }
        return errors;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "DaoTaoNghe.slnx"))) return directory.FullName;
        throw new InvalidOperationException("DaoTaoNghe.slnx not found above the test assembly.");
    }
}
