using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Infrastructure.Time;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Residence histories: most people with records from before 1/7/2025 have the old commune they lived in
/// recorded (so 2024 shows on the old map commune by commune; the rest show as "không rõ xã cũ"), records of
/// communes that came from a single old commune lie in that one, and a few people moved this year. All through
/// the residence page's own handler, so the records are placed by the one rule.
/// </summary>
public sealed class ResidenceDemoSeeder : IDemoSeeder
{
    public int Order => 520;

    public string Title => "nơi cư trú trước 01/7/2025 và chuyển nơi ở";

    private static readonly DateOnly NewMapDay = new(2025, 7, 1);

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var provinceId = context.Province.Id;
        var handler = context.Services.GetRequiredService<Residence.Handler>();

        var predecessors = (await db.UnitSuccessions.AsNoTracking().Where(s => s.Successor.ProvinceId == provinceId && s.EffectiveOn == NewMapDay)
                .Select(s => new { s.SuccessorId, s.PredecessorId }).ToListAsync(cancellationToken))
            .GroupBy(s => s.SuccessorId).ToDictionary(g => g.Key, g => g.Select(s => s.PredecessorId).Distinct().OrderBy(id => id).ToList());
        var newMapStart = VietnamTime.StartOfDayUtc(NewMapDay);
        foreach (var (successor, olds) in predecessors.Where(p => p.Value.Count == 1))
        {
            var old = olds[0];
            await db.Learners.Where(l => l.RegisteredCommuneId == successor && l.CreatedAt < newMapStart)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.RegisteredCommuneId, old), cancellationToken);
            await db.Enrolments.Where(e => e.ResidenceCommuneId == successor && e.EnrolledOn < NewMapDay)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ResidenceCommuneId, old), cancellationToken);
            await db.EmploymentOutcomes.Where(o => o.ResidenceCommuneId == successor && o.OutcomeOn < NewMapDay)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.ResidenceCommuneId, old), cancellationToken);
        }

        var before = await db.Enrolments.AsNoTracking().Where(e => e.ProvinceId == provinceId && e.EnrolledOn < NewMapDay && e.Learner.MergedIntoId == null)
            .Select(e => new { e.LearnerId, e.Learner.CommuneId }).Distinct().OrderBy(e => e.LearnerId).ToListAsync(cancellationToken);
        foreach (var person in before.Where(p => predecessors.TryGetValue(p.CommuneId, out var olds) && olds.Count > 1))
        {
            if (random.Next(5) == 0) continue;
            var olds = predecessors[person.CommuneId];
            await handler.SetFormerAsync(person.LearnerId, new Residence.FormerCommand { CommuneId = olds[random.Next(olds.Count)] }, cancellationToken);
            db.ChangeTracker.Clear();
        }

        var communes = await db.AdministrativeUnits.AsNoTracking()
            .Where(u => u.ProvinceId == provinceId && u.Level == UnitLevel.Commune && u.ValidTo == null).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(cancellationToken);
        var movedOn = context.Today.AddMonths(-4);
        var movers = await db.Enrolments.AsNoTracking().Where(e => e.ProvinceId == provinceId && e.EnrolledOn >= movedOn && e.Learner.MergedIntoId == null)
            .Where(e => db.Enrolments.Any(o => o.LearnerId == e.LearnerId && o.EnrolledOn < movedOn))
            .Select(e => new { e.LearnerId, e.Learner.CommuneId }).Distinct().OrderBy(e => e.LearnerId).Take(6).ToListAsync(cancellationToken);
        foreach (var mover in movers)
        {
            var to = communes.Where(c => c != mover.CommuneId).ElementAt(random.Next(communes.Count - 1));
            await handler.MoveAsync(mover.LearnerId, new Residence.MoveCommand { MovedOn = movedOn, CommuneId = to }, cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
