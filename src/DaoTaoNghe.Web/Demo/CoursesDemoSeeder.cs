using DaoTaoNghe.Features.Catalogues;
using DaoTaoNghe.Features.Courses;
using DaoTaoNghe.Features.Learners;
using DaoTaoNghe.Features.Map;
using DaoTaoNghe.Features.Occupations;
using DaoTaoNghe.Features.Support;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Demo;

/// <summary>
/// Courses under the demo orders, in every state as of today: finished (a few cancelled) in 2024
/// and 2025, running, open and planned in 2026, a few self-funded ones at private centres. Courses
/// that started before 1/7/2025 sit in the communes of the time. Learners are the demo people,
/// mostly from the venue's commune, of working age, never in two courses at once; finished
/// courses have results, dropouts with reasons, days studied (a daily register for some), and
/// support worked out by the support area's calculator in the order the courses started, so a
/// person supported once under QĐ 46 gets nothing the second time.
/// </summary>
public sealed class CoursesDemoSeeder : IDemoSeeder
{
    public int Order => 460;

    public string Title => "lớp học, ghi danh, điểm danh, kết quả";

    private static readonly string[] DropReasons =
    [
        "Đi làm công nhân tại khu công nghiệp ngoài tỉnh", "Hoàn cảnh gia đình khó khăn, phải ở nhà chăm con nhỏ", "Ốm đau, điều trị dài ngày",
        "Vào mùa thu hoạch, không sắp xếp được thời gian", "Đi làm ăn xa",
    ];

    private static readonly string[] CancelReasons =
    [
        "Không đủ số học viên đăng ký theo quy định", "Sạt lở đường vào điểm học sau mưa lũ, dời sang đợt sau", "Giáo viên được điều động, lớp tổ chức lại năm sau",
    ];

    private static readonly string[] Places = ["Nhà văn hóa bản", "Hội trường UBND xã,", "Điểm trường bản", "Nhà văn hóa thôn"];

    private sealed record Person(int Id, DateOnly BirthDate, Sex Sex, int CommuneId, DateOnly RegisteredOn, bool Elderly);

    private sealed record Plan(Course Course, int? Quota);

    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var random = context.Random;
        var today = context.Today;
        var provinceId = context.Province.Id;
        var now = context.Clock.GetUtcNow().UtcDateTime;

        var orders = await db.TrainingOrders.Where(o => o.ProvinceId == provinceId).OrderBy(o => o.Year).ThenBy(o => o.DecisionDate).ThenBy(o => o.Id)
            .ToListAsync(cancellationToken);
        var programmes = await db.Programmes.Where(p => p.Institution.ProvinceId == provinceId && p.IsActive)
            .Select(p => new { p.Id, p.InstitutionId, p.OccupationId, p.Level, Occupation = p.Occupation.Name }).ToListAsync(cancellationToken);
        var institutions = await db.Organisations.Where(o => o.ProvinceId == provinceId && o.Kind == Features.Organisations.OrganisationKind.TrainingInstitution)
            .Select(o => new { o.Id, o.UnitId, Private = db.InstitutionProfiles.Any(p => p.OrganisationId == o.Id && p.Type == Features.Institutions.InstitutionType.Private) })
            .ToDictionaryAsync(o => o.Id, cancellationToken);
        var trainers = (await db.Trainers.Where(t => t.IsActive && t.Institution.ProvinceId == provinceId).Select(t => new { t.Id, t.InstitutionId })
            .ToListAsync(cancellationToken)).ToLookup(t => t.InstitutionId, t => t.Id);
        var units = await db.AdministrativeUnits.Where(u => u.ProvinceId == provinceId && u.Level == UnitLevel.Commune)
            .Select(u => new { u.Id, u.Name, u.ValidTo, u.RollUpUnitId }).ToListAsync(cancellationToken);
        var current = units.Where(u => u.ValidTo == null).ToList();
        var formerOf = units.Where(u => u.ValidTo != null).ToLookup(u => u.RollUpUnitId ?? 0);
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        var people = (await db.Learners.Where(l => l.ProvinceId == provinceId && l.MergedIntoId == null)
                .OrderBy(l => l.Id)
                .Select(l => new
                {
                    l.Id, l.BirthDate, l.Sex, l.CommuneId, l.CreatedAt,
                    Elderly = l.Priorities.Any(p => p.Category == PriorityCategory.ElderlyAbleToWork),
                })
                .ToListAsync(cancellationToken))
            .Select(l => new Person(l.Id, l.BirthDate, l.Sex, l.CommuneId, DateOnly.FromDateTime(l.CreatedAt), l.Elderly)).ToList();
        var ruleSets = (await db.SupportRuleSets.Where(r => r.ProvinceId == provinceId).Include(r => r.Groups).Include(r => r.TravelRules)
            .ToListAsync(cancellationToken)).Select(SupportQueries.ToRules).ToList();
        var facts = context.Services.GetRequiredService<LearnerSupportFacts>();

        // The courses, each under its order (or self-funded), dated, placed and in the state today gives it.
        var plans = new List<Plan>();
        var sequence = new Dictionary<(int, int), int>();
        Course NewCourse(int institutionId, int? orderId, int occupationId, TrainingLevel level, int year, long cost)
        {
            var programme = programmes.First(p => p.InstitutionId == institutionId && p.OccupationId == occupationId && p.Level == level);
            var latest = new DateOnly(year, 10, 31);
            var start = new DateOnly(year, 2, 16).AddDays(random.Next(latest.DayNumber - new DateOnly(year, 2, 16).DayNumber));
            // Some of the current year's courses are still ahead: open for enrolment, or planned further out.
            if (year == today.Year && random.Next(4) == 0 && today < new DateOnly(year, 12, 20))
                start = today.AddDays(3 + random.Next(new DateOnly(year, 12, 28).DayNumber - today.DayNumber - 2));
            var end = start.AddDays(level == TrainingLevel.Elementary ? 60 + random.Next(31) : 21 + random.Next(25));
            var plannedDays = Enumerable.Range(0, end.DayNumber - start.DayNumber + 1).Count(d => start.AddDays(d).DayOfWeek != DayOfWeek.Sunday);
            var home = institutions[institutionId].UnitId;
            var venueNow = random.Next(100) < 45 ? home : current[random.Next(current.Count)].Id;
            var formers = formerOf[venueNow].Select(u => u.Id).ToList();
            if (formers.Count == 0) formers = formerOf.SelectMany(g => g).Select(u => u.Id).ToList();
            var venue = start < UnitMappingImport.MergerDate ? formers[random.Next(formers.Count)] : venueNow;
            var state = end < today ? (random.Next(100) < 4 ? CourseState.Cancelled : CourseState.Finished)
                : start <= today ? CourseState.Running
                : start.DayNumber - today.DayNumber <= 20 ? CourseState.Open : CourseState.Planned;
            var key = (institutionId, year);
            sequence[key] = sequence.GetValueOrDefault(key) + 1;
            var course = new Course
            {
                InstitutionId = institutionId, ProvinceId = provinceId, OrderId = orderId, ProgrammeId = programme.Id, OccupationId = occupationId,
                Level = level, VenueCommuneId = venue, StartDate = start, EndDate = end, PlannedDays = plannedDays,
                Capacity = random.Next(2) == 0 ? 30 : 35, ActualUnitCost = cost, State = state, CreatedAt = now,
                VenueAddress = venue == home ? "Tại cơ sở đào tạo" : $"{Places[random.Next(Places.Length)]} {Hamlet(random)}",
                // A daily register for the running courses and a few finished ones; the rest report days studied as a summary.
                AttendanceMode = state == CourseState.Running || (state == CourseState.Finished && year == today.Year && random.Next(20) == 0)
                    ? AttendanceMode.Daily : AttendanceMode.Summary,
                StartedOn = state is CourseState.Running or CourseState.Finished ? start : null,
                FinishedOn = state == CourseState.Finished ? Min(end.AddDays(1 + random.Next(5)), today) : null,
                CancelledOn = state == CourseState.Cancelled ? start.AddDays(-1 - random.Next(10)) : null,
                CancelReason = state == CourseState.Cancelled ? CancelReasons[random.Next(CancelReasons.Length)] : null,
            };
            course.SetName($"{programme.Occupation} – {Short(names[venue])} K{sequence[key]:00}/{year}");
            foreach (var trainer in trainers[institutionId].OrderBy(_ => random.Next()).Take(1 + random.Next(2)))
                course.Trainers.Add(new CourseTrainer { TrainerId = trainer, InstitutionId = institutionId });
            return course;
        }

        foreach (var order in orders)
        {
            var count = Math.Min(3, (order.Quota + 34) / 35);
            for (var i = 0; i < count; i++)
            {
                var cost = random.Next(5) == 0 ? (long)Math.Round(order.UnitCost * (0.9 + random.NextDouble() * 0.1) / 10_000) * 10_000 : order.UnitCost;
                plans.Add(new Plan(NewCourse(order.InstitutionId, order.Id, order.OccupationId, order.Level, order.Year, cost), order.Quota / count));
            }
        }
        foreach (var institution in institutions.Values.Where(i => i.Private).OrderBy(i => i.Id))
            foreach (var year in new[] { 2025, 2026 })
            {
                var programme = programmes.Where(p => p.InstitutionId == institution.Id && p.Level is TrainingLevel.Elementary or TrainingLevel.ShortCourse)
                    .OrderBy(p => p.Id).FirstOrDefault();
                if (programme is null) continue;
                plans.Add(new Plan(NewCourse(institution.Id, null, programme.OccupationId, programme.Level, year, 2_500_000 + 100_000 * random.Next(15)), null));
            }

        // Learners, in the order the courses start, so overlaps and "supported once" are judged as they happened.
        var busy = new Dictionary<int, List<(DateOnly Start, DateOnly End)>>();
        var supported = new HashSet<int>();
        var byCommune = people.ToLookup(p => p.CommuneId);
        var attendance = new List<(Enrolment Enrolment, DateOnly Date, bool Present)>();
        foreach (var plan in plans.OrderBy(p => p.Course.StartDate).ThenBy(p => p.Course.InstitutionId))
        {
            var course = plan.Course;
            var target = course.State switch
            {
                CourseState.Finished or CourseState.Running => (int)(course.Capacity * (0.75 + random.NextDouble() * 0.25)),
                CourseState.Open => (int)(course.Capacity * (0.3 + random.NextDouble() * 0.4)),
                _ => 0,
            };
            if (plan.Quota is { } quota) target = Math.Min(target, quota);
            var venueNow = units.First(u => u.Id == course.VenueCommuneId).RollUpUnitId ?? course.VenueCommuneId;
            // Communes send people who have not had support yet before those who have; neighbours fill what the venue's commune cannot.
            var candidates = byCommune[venueNow].OrderBy(p => supported.Contains(p.Id)).ThenBy(_ => random.Next())
                .Concat(people.Where(p => p.CommuneId != venueNow && !supported.Contains(p.Id)).OrderBy(_ => random.Next()).Take(target * 4));
            foreach (var person in candidates)
            {
                if (course.Enrolments.Count >= target) break;
                if (person.RegisteredOn > course.StartDate && course.StartDate.Year < 2026) continue;
                if (WorkingAge.Refusal(person.BirthDate, person.Sex, person.Elderly, course.StartDate) is not null) continue;
                var taken = busy.TryGetValue(person.Id, out var list) ? list : busy[person.Id] = [];
                if (taken.Any(t => t.Start <= course.EndDate && course.StartDate <= t.End)) continue;
                taken.Add((course.StartDate, course.EndDate));
                course.Enrolments.Add(Enrol(random, course, person, today, now, attendance));
            }

            if (course.Enrolments.Count == 0) continue;
            var rules = SupportCalculator.InForceOn(ruleSets, course.StartDate);
            var learnerFacts = await facts.ForManyAsync(course.Enrolments.Select(e => e.LearnerId).ToList(), course.StartDate, cancellationToken);
            foreach (var enrolment in course.Enrolments)
            {
                var already = rules is { OncePerPerson: true } && supported.Contains(enrolment.LearnerId);
                EnrolmentSupport.Apply(enrolment, course, rules, learnerFacts[enrolment.LearnerId], already, now);
                if (enrolment.Tuition > 0) supported.Add(enrolment.LearnerId);
            }
        }

        var overridden = plans.Where(p => p.Course.State == CourseState.Finished && p.Course.OrderId != null)
            .SelectMany(p => p.Course.Enrolments).Where(e => e.SupportTravel > 0).Take(3).ToList();
        foreach (var enrolment in overridden)
            enrolment.SetOverride(enrolment.SupportTuition, enrolment.SupportMeals, enrolment.SupportTravel + 50_000,
                "Bổ sung tiền đi lại theo giá vé xe khách thực tế do tuyến xe buýt ngừng chạy trong thời gian học", "sogddt", now);

        // Support is paid some weeks after a course ends, on a numbered payment list; the latest finished
        // courses are still waiting, so the province sees settled and unsettled payment lists side by side.
        var finished = plans.Select(p => p.Course).Where(c => c.State == CourseState.Finished && c.OrderId != null).OrderBy(c => c.FinishedOn).ToList();
        var listNumber = 0;
        foreach (var course in finished)
        {
            var paidOn = course.FinishedOn!.Value.AddDays(20 + course.Name.Length % 40);
            if (paidOn > today) continue;
            listNumber++;
            foreach (var enrolment in course.Enrolments.Where(e => e.SupportTotal > 0))
            {
                enrolment.SettledOn = paidOn;
                enrolment.SettledAmount = enrolment.SupportTotal;
                enrolment.SettlementList = $"{listNumber:000}/DSCT-{paidOn.Year}";
            }
        }

        db.Courses.AddRange(plans.Select(p => p.Course));
        await db.SaveChangesAsync(cancellationToken);
        db.AttendanceRecords.AddRange(attendance.Select(a => new AttendanceRecord
        {
            EnrolmentId = a.Enrolment.Id, CourseId = a.Enrolment.CourseId, InstitutionId = a.Enrolment.InstitutionId, Date = a.Date, Present = a.Present,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One person's place in the course, with what became of it by today.</summary>
    private static Enrolment Enrol(Random random, Course course, Person person, DateOnly today, DateTime now, List<(Enrolment, DateOnly, bool)> attendance)
    {
        var enrolment = new Enrolment
        {
            LearnerId = person.Id, InstitutionId = course.InstitutionId, ProvinceId = course.ProvinceId, ResidenceCommuneId = person.CommuneId,
            EnrolledOn = Min(course.StartDate.AddDays(-3 - random.Next(18)), today), Status = EnrolmentStatus.Enrolled, CreatedAt = now,
            OtherPolicyPaid = random.Next(200) == 0,
        };
        if (random.Next(10) < 4)
        {
            enrolment.DistanceKm = 2 + random.Next(29);
            enrolment.TravelFare = 40_000 + 10_000 * random.Next(22);
        }
        if (course.State is not (CourseState.Finished or CourseState.Running)) return enrolment;

        var lastDay = Min(course.EndDate, today.AddDays(-1));
        var roll = random.Next(100);
        var drops = course.State == CourseState.Finished ? roll < 7 : roll < 4;
        var droppedOn = drops ? course.StartDate.AddDays(random.Next(Math.Max(1, lastDay.DayNumber - course.StartDate.DayNumber))) : (DateOnly?)null;
        if (course.AttendanceMode == AttendanceMode.Daily)
        {
            for (var day = course.StartDate; day <= lastDay; day = day.AddDays(1))
            {
                if (day.DayOfWeek == DayOfWeek.Sunday || (droppedOn is { } d && day >= d)) continue;
                var present = random.Next(100) < 93;
                attendance.Add((enrolment, day, present));
                if (present) enrolment.DaysAttended++;
            }
        }
        else
        {
            var share = droppedOn is { } d ? (double)(d.DayNumber - course.StartDate.DayNumber) / Math.Max(1, course.EndDate.DayNumber - course.StartDate.DayNumber) : 1;
            enrolment.DaysAttended = (int)(course.PlannedDays * share * (0.85 + random.NextDouble() * 0.15));
        }
        if (droppedOn is { } on)
        {
            enrolment.Status = EnrolmentStatus.DroppedOut;
            enrolment.DroppedOn = on;
            enrolment.DropReason = DropReasons[random.Next(DropReasons.Length)];
        }
        else if (course.State == CourseState.Finished)
        {
            enrolment.Status = roll < 12 ? EnrolmentStatus.Failed : EnrolmentStatus.Completed;
            enrolment.ResultOn = course.EndDate;
            if (random.Next(10) < 6) enrolment.Score = enrolment.Status == EnrolmentStatus.Failed ? 3 + random.Next(4) * 0.5 : 5 + random.Next(10) * 0.5;
        }
        return enrolment;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string Short(string commune) => commune.Replace("Xã ", "").Replace("Phường ", "P. ").Replace("Thị trấn ", "TT. ");

    private static string Hamlet(Random random) =>
        $"{LaiChauPeople.HamletFirst[random.Next(LaiChauPeople.HamletFirst.Length)]} {LaiChauPeople.HamletSecond[random.Next(LaiChauPeople.HamletSecond.Length)]}";
}
