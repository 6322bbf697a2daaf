using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Indicators;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Features.Outreach;
using DaoTaoNghe.Infrastructure.Auth;
using DaoTaoNghe.Infrastructure.Time;
using DaoTaoNghe.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Tests.Features.Indicators;

/// <summary>
/// A province of the test's own, so no other test's records move its numbers: today's communes A
/// and B; before 1/7/2025 a district with communes A1 and A2 (merged into A) and B1 (merged into B).
/// </summary>
public sealed record TestProvince(
    AdministrativeUnit Province, AdministrativeUnit District, AdministrativeUnit A, AdministrativeUnit B,
    AdministrativeUnit FormerA1, AdministrativeUnit FormerA2, AdministrativeUnit FormerB1)
{
    public int Id => Province.Id;
}

/// <summary>Arranges indicator tests' records directly, as the system, inside a fresh province.</summary>
public static class IndicatorTestData
{
    public static readonly DateOnly MergerDay = new(2025, 7, 1);

    public static Task<TestProvince> ProvinceAsync() =>
        TestData.WithDbAsync(async db =>
        {
            var code = "T" + TestData.Unique()[..6].ToUpperInvariant();
            var province = Unit($"Tỉnh Thử {code}", code, UnitLevel.Province, UnitType.Province);
            db.AdministrativeUnits.Add(province);
            await db.SaveChangesAsync();

            var district = Unit($"Huyện Cũ {code}", code + "D", UnitLevel.District, UnitType.District, province, province, validTo: MergerDay.AddDays(-1));
            var a = Unit($"Xã An {code}", code + "A", UnitLevel.Commune, UnitType.Commune, province, province, validFrom: MergerDay);
            var b = Unit($"Phường Bình {code}", code + "B", UnitLevel.Commune, UnitType.Ward, province, province, validFrom: MergerDay);
            db.AdministrativeUnits.AddRange(district, a, b);
            await db.SaveChangesAsync();

            var a1 = Unit($"Xã An Thượng {code}", code + "A1", UnitLevel.Commune, UnitType.Commune, district, province, validTo: MergerDay.AddDays(-1), rollUp: a);
            var a2 = Unit($"Xã An Hạ {code}", code + "A2", UnitLevel.Commune, UnitType.Commune, district, province, validTo: MergerDay.AddDays(-1), rollUp: a);
            var b1 = Unit($"Thị trấn Bình Cũ {code}", code + "B1", UnitLevel.Commune, UnitType.Township, district, province, validTo: MergerDay.AddDays(-1), rollUp: b);
            db.AdministrativeUnits.AddRange(a1, a2, b1);
            await db.SaveChangesAsync();
            db.UnitSuccessions.AddRange(
                new UnitSuccession { PredecessorId = a1.Id, SuccessorId = a.Id, EffectiveOn = MergerDay },
                new UnitSuccession { PredecessorId = a2.Id, SuccessorId = a.Id, EffectiveOn = MergerDay },
                new UnitSuccession { PredecessorId = b1.Id, SuccessorId = b.Id, EffectiveOn = MergerDay });
            await db.SaveChangesAsync();
            return new TestProvince(province, district, a, b, a1, a2, b1);
        });

    private static AdministrativeUnit Unit(string name, string code, UnitLevel level, UnitType type, AdministrativeUnit? parent = null,
        AdministrativeUnit? province = null, DateOnly? validFrom = null, DateOnly? validTo = null, AdministrativeUnit? rollUp = null)
    {
        var unit = new AdministrativeUnit
        {
            Code = code, Level = level, Type = type, ParentId = parent?.Id, ProvinceId = province?.Id, ValidFrom = validFrom, ValidTo = validTo,
            RollUpUnitId = rollUp?.Id,
        };
        unit.SetName(name);
        return unit;
    }

    /// <summary>A user of <paramref name="role"/> in a new organisation on <paramref name="unit"/>.</summary>
    public static Task<(string UserName, Organisation Organisation)> ActorAsync(string role, AdministrativeUnit unit) => TestData.ActorAsync(role, unit);

    public static async Task<TestBrowser> SignInAsync(string role, AdministrativeUnit unit) =>
        await TestBrowser.SignedInAsync((await TestData.ActorAsync(role, unit)).UserName);

    public static Task OutreachAsync(AdministrativeUnit commune, int organisationId, DateOnly heldOn, int participants) =>
        TestData.WithDbAsync(async db =>
        {
            var outreach = new OutreachEvent { CommuneId = commune.Id, OrganisationId = organisationId, HeldOn = heldOn, Channel = OutreachChannel.Meeting, Participants = participants };
            outreach.SetTitle("Tuyên truyền học nghề " + TestData.Unique());
            db.OutreachEvents.Add(outreach);
            await db.SaveChangesAsync();
        });

    /// <summary>A learner registered at a local date and hour, resident in a commune of the province.</summary>
    public static Task<int> LearnerAsync(TestProvince province, AdministrativeUnit commune, Sex sex, DateOnly registeredOn, string? ethnicCode = null,
        PriorityCategory[]? categories = null, int hour = 9, int? mergedInto = null) =>
        TestData.WithDbAsync(async db =>
        {
            var at = VietnamTime.StartOfDayUtc(registeredOn).AddHours(hour);
            var learner = new Learner
            {
                BirthDate = new DateOnly(1995, 3, 4), Sex = sex, CommuneId = commune.Id, ProvinceId = province.Id, CreatedAt = at, UpdatedAt = at,
                EthnicGroupId = ethnicCode is null ? null : await db.EthnicGroups.Where(e => e.Code == ethnicCode).Select(e => e.Id).SingleAsync(),
                MergedIntoId = mergedInto, MergedAt = mergedInto is null ? null : at, MergedBy = mergedInto is null ? null : "thử",
            };
            // Registered where the residence rule places them on that day (a 2024 registration in today's B lies in old B1).
            learner.RegisteredCommuneId = (await Residences.HistoryAsync(db, commune.Id, [])).CommuneOn(registeredOn);
            learner.SetName("Người Học Thử " + string.Concat(TestData.Unique().Select(c => (char)('a' + c % 26))));
            learner.Priorities.AddRange((categories ?? []).Select(c => new LearnerPriority { Category = c }));
            db.Learners.Add(learner);
            await db.SaveChangesAsync();
            return learner.Id;
        });

    public static Task ValueAsync(string element, AdministrativeUnit unit, int provinceId, int year, double value) =>
        TestData.WithDbAsync(async db =>
        {
            db.AggregateValues.Add(new AggregateValue
            {
                ElementCode = element, UnitId = unit.Id, ProvinceId = provinceId, Year = year,
                Value = IndicatorCatalogue.FindElement(element)!.ToStored(value), EnteredBy = "thử", EnteredAt = TestData.Clock.UtcNow,
            });
            await db.SaveChangesAsync();
        });

    public static Task TargetAsync(string code, AdministrativeUnit unit, int provinceId, int year, double value, TargetDirection direction) =>
        TestData.WithDbAsync(async db =>
        {
            db.IndicatorTargets.Add(new IndicatorTarget
            {
                IndicatorCode = code, UnitId = unit.Id, ProvinceId = provinceId, Year = year, Value = value, Direction = direction,
                UpdatedBy = "thử", UpdatedAt = TestData.Clock.UtcNow,
            });
            await db.SaveChangesAsync();
        });

    /// <summary>GET /api/v1/indicators/values with the query given; fails the test unless it answers 200.</summary>
    public static async Task<JsonElement> ValuesAsync(TestBrowser browser, string query)
    {
        var response = await browser.GetAsync("/api/v1/indicators/values?" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static JsonElement Indicator(JsonElement result, string code) =>
        result.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);

    public static double? Value(JsonElement result, string code) => Number(Indicator(result, code).GetProperty("value"));

    /// <summary>The groups of a breakdown, by key, with their value.</summary>
    public static Dictionary<string, double?> Groups(JsonElement result, string code) =>
        Indicator(result, code).GetProperty("groups").EnumerateArray()
            .ToDictionary(g => g.GetProperty("key").GetString() ?? "", g => Number(g.GetProperty("value")));

    public static double? Number(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetDouble();

    public static Task<int> EthnicGroupIdAsync(string code) =>
        TestData.WithDbAsync(db => db.EthnicGroups.Where(e => e.Code == code).Select(e => e.Id).SingleAsync());

    public const string Kinh = EthnicGroup.KinhCode;
    public const string Thai = "03";
    public const string Hmong = "08";

    public static Task<TestBrowser> AdminAsync(TestProvince province) => SignInAsync(Roles.ProvinceAdmin, province.Province);
}
