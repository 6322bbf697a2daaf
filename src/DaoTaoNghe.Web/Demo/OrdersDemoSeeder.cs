using DaoTaoNghe.Features.Institutions;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Orders;
using DaoTaoNghe.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Lai Châu's orders of rural training for 2024–2026: each institution gets two or three a year
/// for its sơ cấp and short programmes, at the programme's norm; public centres by assignment
/// (giao nhiệm vụ), the college by order (đặt hàng), private and enterprise units mostly by
/// tender (đấu thầu). Decisions of 2024 carry the Department of Labour's signature (Sở LĐTBXH),
/// later ones the Department of Education and Training's, which took the task over in 2025.
/// </summary>
public sealed class OrdersDemoSeeder : IDemoSeeder
{
    public int Order => 450;

    public string Title => "đặt hàng đào tạo";

    public static readonly int[] Years = [2024, 2025, 2026];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var provinceId = context.Province.Id;
        var programmes = await db.Programmes
            .Where(p => p.Institution.ProvinceId == provinceId && p.IsActive && (p.Level == TrainingLevel.Elementary || p.Level == TrainingLevel.ShortCourse))
            .OrderBy(p => p.InstitutionId).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.InstitutionId, p.OccupationId, p.Level,
                Norms = p.Norms.OrderBy(n => n.EffectiveFrom).Select(n => new { n.EffectiveFrom, n.CostPerLearner }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var types = await db.InstitutionProfiles.Where(p => p.ProvinceId == provinceId).ToDictionaryAsync(p => p.OrganisationId, p => p.Type, cancellationToken);
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var orders = new List<TrainingOrder>();
        var number = new Dictionary<int, int>();

        foreach (var year in Years)
        {
            foreach (var institution in programmes.GroupBy(p => p.InstitutionId))
            {
                var offered = institution.ToList();
                var count = Math.Min(offered.Count, 2 + random.Next(2));
                foreach (var programme in offered.OrderBy(_ => random.Next()).Take(count))
                {
                    var norm = programme.Norms.LastOrDefault(n => n.EffectiveFrom <= new DateOnly(year, 1, 1))?.CostPerLearner
                               ?? (programme.Level == TrainingLevel.Elementary ? 3_000_000 : 1_800_000);
                    var quota = 30 * (1 + random.Next(3)) + (random.Next(3) == 0 ? 5 : 0);
                    var kind = types.GetValueOrDefault(institution.Key) switch
                    {
                        InstitutionType.VocationalContinuingCentre => OrderKind.Assignment,
                        InstitutionType.College => OrderKind.Order,
                        _ => random.Next(3) == 0 ? OrderKind.Order : OrderKind.Tender,
                    };
                    var decided = new DateOnly(year, 1, 10).AddDays(random.Next(70));
                    number[year] = number.GetValueOrDefault(year, 40 + random.Next(30)) + 1 + random.Next(6);
                    var order = new TrainingOrder
                    {
                        ProvinceId = provinceId, InstitutionId = institution.Key, Kind = kind, Year = year, OccupationId = programme.OccupationId,
                        Level = programme.Level, Quota = quota, UnitCost = norm,
                        // Support per learner is capped by the group maxima (2–6 million đ) and the cost; meals come on top for the poorest. A few orders end short.
                        Budget = (long)Math.Round(quota * Math.Min(norm, 2_200_000) * (random.Next(4) == 0 ? 0.8 : 1.1) / 1_000_000) * 1_000_000,
                        DecisionDate = decided, CreatedAt = now,
                        Notes = kind == OrderKind.Tender ? "Lựa chọn đơn vị qua đấu thầu rộng rãi trong tỉnh." : null,
                    };
                    order.SetDecisionNumber($"{number[year]}/QĐ-{(year < 2025 ? "SLĐTBXH" : "SGDĐT")}");
                    orders.Add(order);
                }
            }
        }
        db.TrainingOrders.AddRange(orders);
        await db.SaveChangesAsync(cancellationToken);
    }
}
