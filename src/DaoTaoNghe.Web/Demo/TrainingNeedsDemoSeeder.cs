using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.TrainingNeeds;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// The communes' surveys of training needs: tallies per commune and occupation for 2024–2027, the
/// surveys before the 2025 merger kept on the communes of the time, and the wishes of a few
/// hundred registered people for 2026 and 2027, mostly for the occupations the province teaches
/// at sơ cấp and short-course level.
/// </summary>
public sealed class TrainingNeedsDemoSeeder : IDemoSeeder
{
    public int Order => 480;

    public string Title => "nhu cầu học nghề";

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var today = context.Today;
        var provinceId = context.Province.Id;
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var occupations = await db.Programmes
            .Where(p => p.Institution.ProvinceId == provinceId && (p.Level == TrainingLevel.Elementary || p.Level == TrainingLevel.ShortCourse))
            .Select(p => p.OccupationId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
        var communes = await db.AdministrativeUnits.Where(u => u.ProvinceId == provinceId && u.Level == UnitLevel.Commune)
            .OrderBy(u => u.Code).Select(u => new { u.Id, u.ValidTo, u.Name }).ToListAsync(cancellationToken);
        var needs = new List<TrainingNeed>();

        // Each survey is taken in the autumn before the year it plans for.
        foreach (var year in new[] { 2024, 2025, 2026, 2027 })
        {
            var surveyStart = new DateOnly(year - 1, 9, 15);
            if (surveyStart > today) continue;
            var surveyed = communes.Where(c => surveyStart < UnitMappingImport.MergerDate ? c.ValidTo != null : c.ValidTo == null);
            foreach (var commune in surveyed)
            {
                var picks = occupations.OrderBy(_ => random.Next()).Take((surveyStart < UnitMappingImport.MergerDate ? 1 : 2) + random.Next(3));
                foreach (var occupation in picks)
                {
                    var on = surveyStart.AddDays(random.Next(75));
                    needs.Add(new TrainingNeed
                    {
                        CommuneId = commune.Id, ProvinceId = provinceId, Year = year, OccupationId = occupation, Count = 8 + random.Next(55),
                        PreferredTime = (PreferredTime)new[] { 1, 2, 3, 4, 5, 5, 9 }[random.Next(7)], SurveyedOn = on < today ? on : today,
                        RecordedBy = Officer(commune.Name), CreatedAt = now,
                    });
                }
            }
        }

        var people = await db.Learners.Where(l => l.ProvinceId == provinceId && l.MergedIntoId == null)
            .OrderBy(l => l.Id).Select(l => new { l.Id, l.CommuneId, Commune = l.Commune.Name }).ToListAsync(cancellationToken);
        foreach (var person in people.OrderBy(_ => random.Next()).Take(360))
        {
            var year = random.Next(2) == 0 ? 2026 : 2027;
            var on = new DateOnly(year - 1, 9, 15).AddDays(random.Next(75));
            if (on > today) on = today;
            needs.Add(new TrainingNeed
            {
                CommuneId = person.CommuneId, ProvinceId = provinceId, Year = year, OccupationId = occupations[random.Next(occupations.Count)],
                LearnerId = person.Id, Count = 1, PreferredTime = (PreferredTime)new[] { 1, 2, 3, 4, 5, 9 }[random.Next(6)], SurveyedOn = on,
                RecordedBy = Officer(person.Commune), CreatedAt = now,
            });
        }
        db.TrainingNeeds.AddRange(needs);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The commune officer's user name, in the demo accounts' pattern ("xa.binhlu").</summary>
    private static string Officer(string commune)
    {
        var name = Infrastructure.Text.TextSearch.Normalize(commune).Replace(" ", "");
        return name.StartsWith("phuong") ? "phuong." + name[6..] : name.StartsWith("thitran") ? "tt." + name[7..] : "xa." + name[2..];
    }
}
