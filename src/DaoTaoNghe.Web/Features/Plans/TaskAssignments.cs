using DaoTaoNghe.Data;
using DaoTaoNghe.Features.Notifications;
using DaoTaoNghe.Features.Organisations;
using DaoTaoNghe.Infrastructure;
using DaoTaoNghe.Infrastructure.Data;
using DaoTaoNghe.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace DaoTaoNghe.Features.Plans;

/// <summary>
/// Turns a task's parties into assignments, one per organisation: a named body gets its own, a
/// group ("UBND các xã, phường") one for each active member at the time, so every commune sees and
/// reports its own copy. A body that is both lead and coordinating leads. Run again after the
/// parties change or new bodies join a group: missing assignments are added, and assignments of
/// bodies no longer named are removed unless they already reported progress (their history stays).
/// </summary>
[AreaContract]
public sealed class TaskAssignments(AppDbContext db, Notifier notifier, TimeProvider clock) : IHandler
{
    /// <summary>
    /// Tells each body its assignments on these tasks, once per assignment (the notification's key is
    /// the assignment), so saving a task again tells only the bodies newly given it.
    /// </summary>
    public async Task TellAsync(IReadOnlyCollection<int> taskIds, CancellationToken cancellationToken)
    {
        var given = await db.TaskAssignments.AsNoTracking().Where(a => taskIds.Contains(a.TaskId))
            .Select(a => new { a.Id, a.OrganisationId, a.Role, a.TaskId, a.Task.Number, SectionCode = a.Task.Section != null ? a.Task.Section.Code : null,
                a.Task.Content, PlanNumber = a.Task.Plan.Number ?? a.Task.Plan.Title, a.Task.TimeFrame, a.Task.FromYear, a.Task.ToYear })
            .ToListAsync(cancellationToken);
        await notifier.NotifyAsync(given.Select(a => new OrganisationMessage(a.OrganisationId, $"nhiem-vu-giao:{a.Id}",
                $"Nhiệm vụ được giao ({(a.Role == PartyRole.Lead ? "chủ trì" : "phối hợp")}): {(a.SectionCode is null ? a.Number : a.SectionCode + "." + a.Number)} – {Cut(a.Content, 150)}",
                $"Kế hoạch {a.PlanNumber}: {a.Content}" + ((a.ToYear ?? a.FromYear) is { } year && a.TimeFrame != TimeFrameKind.Yearly ? $" Thời hạn: năm {year}." : ""),
                $"/Plans/TaskDetails/{a.TaskId}", NotificationKind.Task)).ToList(),
            clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    public static IReadOnlyList<OrganisationKind> KindsOf(PartyGroup group) => group switch
    {
        PartyGroup.Departments => [OrganisationKind.Department, OrganisationKind.Inspectorate],
        PartyGroup.CommuneGovernments => [OrganisationKind.CommuneGovernment],
        _ => [OrganisationKind.TrainingInstitution],
    };

    /// <summary>Organisation → role for the given parties, among the active bodies of the province.</summary>
    public async Task<Dictionary<int, PartyRole>> ExpandAsync(IReadOnlyCollection<TaskParty> parties, int provinceId, CancellationToken cancellationToken)
    {
        var kinds = parties.Where(p => p.Group is not null).Select(p => p.Group!.Value).Distinct()
            .ToDictionary(g => g, g => KindsOf(g));
        var wantedKinds = kinds.Values.SelectMany(k => k).Distinct().ToList();
        var members = wantedKinds.Count == 0
            ? []
            : await OrganisationDirectory.Visible(db).AsNoTracking()
                .Where(o => o.ProvinceId == provinceId && o.IsActive && wantedKinds.Contains(o.Kind))
                .Select(o => new { o.Id, o.Kind })
                .ToListAsync(cancellationToken);

        var roles = new Dictionary<int, PartyRole>();
        void Add(int organisationId, PartyRole role)
        {
            if (!roles.TryGetValue(organisationId, out var existing) || (existing == PartyRole.Coordinating && role == PartyRole.Lead))
                roles[organisationId] = role;
        }
        foreach (var party in parties)
        {
            if (party.OrganisationId is { } organisationId) Add(organisationId, party.Role);
            if (party.Group is { } group)
                foreach (var member in members.Where(m => kinds[group].Contains(m.Kind)))
                    Add(member.Id, party.Role);
        }
        return roles;
    }

    /// <summary>Brings the tracked <paramref name="task"/>'s assignments (loaded) in line with its parties; the caller saves. Returns how many were added.</summary>
    public async Task<int> SyncAsync(PlanTask task, CancellationToken cancellationToken)
    {
        var wanted = await ExpandAsync(task.Parties, task.ProvinceId, cancellationToken);
        var reported = task.Id == 0
            ? []
            : await db.TaskUpdates.Where(u => u.Assignment.TaskId == task.Id).Select(u => u.AssignmentId).Distinct().ToListAsync(cancellationToken);
        foreach (var assignment in task.Assignments.ToList())
        {
            if (wanted.TryGetValue(assignment.OrganisationId, out var role)) assignment.Role = role;
            else if (!reported.Contains(assignment.Id))
            {
                task.Assignments.Remove(assignment);
                db.TaskAssignments.Remove(assignment);
            }
        }
        var added = 0;
        foreach (var (organisationId, role) in wanted)
            if (task.Assignments.All(a => a.OrganisationId != organisationId))
            {
                task.Assignments.Add(new TaskAssignment { OrganisationId = organisationId, ProvinceId = task.ProvinceId, Role = role });
                added++;
            }
        return added;
    }
}
