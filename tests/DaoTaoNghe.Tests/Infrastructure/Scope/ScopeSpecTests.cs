using DaoTaoNghe.Infrastructure.Auth;
using Xunit.Abstractions;

namespace DaoTaoNghe.Tests.Infrastructure.Scope;

/// <summary>
/// Who reads what, approved: for each scoped entity, which worlds' records each role of world A
/// reads through the query filters (A: its own commune and organisations; B: another commune of
/// the same province; C: another province); and for each guest ("JobApplication via Session": B's
/// and C's records that point at world A's), whose guests it reads. The route matrix takes the live filters as the rule,
/// so a filter that lets everyone through would pass it; this table is what notices.
/// Changing a filter on purpose: update the entity's row (the failure prints the rows as they are now).
/// </summary>
public class ScopeSpecTests(ITestOutputHelper output)
{
    /// <summary>Roles in the order of a row: province admin, department officer, inspector, commune officer,
    /// institution staff, enterprise, employment centre, social-policy bank.</summary>
    private static readonly (string Role, string Code)[] Columns =
    [
        (Roles.ProvinceAdmin, "PA"), (Roles.DepartmentOfficer, "DO"), (Roles.Inspector, "IN"), (Roles.CommuneOfficer, "CO"),
        (Roles.InstitutionStaff, "IS"), (Roles.Enterprise, "EN"), (Roles.EmploymentCentre, "EC"), (Roles.SocialPolicyBank, "SB"),
    ];

    public static readonly IReadOnlyDictionary<string, string> Reach = new Dictionary<string, string>
    {
        ["AbroadContract"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:- EC:AB SB:-",
        ["AbroadContract via Learner"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["AggregateValue"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["AttendanceRecord"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["AttendanceRecord via Enrolment"] = "PA:BC DO:BC IN:BC CO:BC IS:BC EN:- EC:BC SB:-",
        ["Certificate"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["CommuneClassification"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["Course"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["Course via Occupation"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["Course via Order"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["Course via Programme"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["CourseTrainer"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["CourseTrainer via Course"] = "PA:BC DO:BC IN:BC CO:BC IS:BC EN:- EC:BC SB:-",
        ["CourseTrainer via Trainer"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["DataBreach"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:- EC:- SB:-",
        ["EmploymentOutcome"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:AB SB:-",
        ["EmploymentOutcome via Enrolment"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["EmploymentOutcome via Learner"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["Enrolment"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["Enrolment via Course"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["Enrolment via Learner"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["Enrolment via SupportRuleSet"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["EnterpriseProfile"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["ImportColumnMapping"] = "PA:- DO:- IN:- CO:A IS:- EN:- EC:- SB:-",
        ["ImportJob"] = "PA:AB DO:- IN:- CO:A IS:- EN:- EC:- SB:-",
        ["ImportRowError"] = "PA:AB DO:- IN:- CO:A IS:- EN:- EC:- SB:-",
        ["ImportRowError via Job"] = "PA:BC DO:- IN:- CO:BC IS:- EN:- EC:- SB:-",
        ["IndicatorTarget"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["InstitutionProfile"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["InterestLead"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:A EC:- SB:-",
        ["InterestLead via Course"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["InterestLead via Vacancy"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["JobApplication"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:A EC:AB SB:-",
        ["JobApplication via Learner"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["JobApplication via Session"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["JobApplication via Vacancy"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["JobSession"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:A EC:AB SB:-",
        ["LabourDemand"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:A EC:AB SB:-",
        ["LabourDemand via Occupation"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["Learner"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["LearnerConsent"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["LearnerConsent via Learner"] = "PA:BC DO:BC IN:BC CO:BC IS:BC EN:- EC:BC SB:-",
        ["LearnerHousehold"] = "PA:AB DO:- IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["LearnerHousehold via Learner"] = "PA:BC DO:- IN:BC CO:BC IS:- EN:- EC:- SB:-",
        ["LearnerPriority"] = "PA:AB DO:- IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["LearnerPriority via Learner"] = "PA:BC DO:BC IN:BC CO:BC IS:BC EN:- EC:BC SB:-",
        ["LearningMaterial"] = "PA:AB DO:AB IN:AB CO:- IS:A EN:- EC:- SB:-",
        ["LearningMaterial via Programme"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["LicensedOccupation"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["LicensedOccupation via Occupation"] = "PA:B DO:B IN:B CO:B IS:B EN:B EC:B SB:B",
        ["Notification"] = "PA:- DO:- IN:- CO:A IS:- EN:- EC:- SB:-",
        ["NotificationDigest"] = "PA:- DO:- IN:- CO:A IS:- EN:- EC:- SB:-",
        ["NotificationPreference"] = "PA:- DO:- IN:- CO:A IS:- EN:- EC:- SB:-",
        ["ObligationSource"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["ObligationSource via Obligation"] = "PA:B DO:B IN:B CO:B IS:B EN:B EC:B SB:B",
        ["ObligationSource via Source"] = "PA:B DO:B IN:B CO:B IS:B EN:B EC:B SB:B",
        ["Occupation"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["OutreachEvent"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["Partnership"] = "PA:AB DO:AB IN:AB CO:- IS:A EN:A EC:- SB:-",
        ["Partnership via Occupation"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["Plan"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["PlanSection"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["PlanSection via Plan"] = "PA:B DO:B IN:B CO:B IS:B EN:B EC:B SB:B",
        ["PlanTask"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["PlanTask via Plan"] = "PA:B DO:B IN:B CO:B IS:B EN:B EC:B SB:B",
        ["PlanTask via Section"] = "PA:B DO:B IN:B CO:B IS:B EN:B EC:B SB:B",
        ["LearnerResidence"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["LearnerResidence via Learner"] = "PA:BC DO:BC IN:BC CO:BC IS:BC EN:- EC:BC SB:-",
        ["PopulationCheck"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["PopulationCheck via Learner"] = "PA:BC DO:BC IN:BC CO:BC IS:BC EN:- EC:BC SB:-",
        ["Programme"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["Programme via Occupation"] = "PA:B DO:B IN:B CO:B IS:B EN:B EC:B SB:B",
        ["ProgrammeAccreditation"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["ProgrammeAccreditation via Programme"] = "PA:B DO:B IN:B CO:B IS:B EN:B EC:B SB:B",
        ["ProgrammeModule"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["ProgrammeModule via Programme"] = "PA:B DO:B IN:B CO:B IS:B EN:B EC:B SB:B",
        ["ProgrammeNorm"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["ProgrammeNorm via Programme"] = "PA:B DO:B IN:B CO:B IS:B EN:B EC:B SB:B",
        ["Report"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["Report via Obligation"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["ReportEvent"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["ReportEvent via Report"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["ReportFigure"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["ReportFigure via Report"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["ReportFigure via SourceReport"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["ReportSection"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["ReportSection via Report"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["ReportTaskLine"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["ReportTaskLine via Report"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["ReportingObligation"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["ReportingObligation via Plan"] = "PA:B DO:B IN:B CO:B IS:B EN:B EC:B SB:B",
        ["SessionEnterprise"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:A EC:AB SB:-",
        ["SessionEnterprise via Session"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["SessionSeeker"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:- EC:AB SB:-",
        ["SessionSeeker via Learner"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["SessionSeeker via Session"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
        ["SocialPolicyLoan"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:- EC:- SB:A",
        ["SocialPolicyLoan via Learner"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["SubjectRequest"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["SubjectRequest via Learner"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["SupportGroupRule"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["SupportGroupRule via RuleSet"] = "PA:BC DO:BC IN:BC CO:BC IS:BC EN:BC EC:BC SB:BC",
        ["SupportRuleSet"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["SupportTravelRule"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["SupportTravelRule via RuleSet"] = "PA:BC DO:BC IN:BC CO:BC IS:BC EN:BC EC:BC SB:BC",
        ["TaskAssignment"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["TaskAssignment via Task"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["TaskEvidence"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["TaskEvidence via Update"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["TaskParty"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["TaskParty via Task"] = "PA:B DO:B IN:B CO:B IS:B EN:B EC:B SB:B",
        ["TaskUpdate"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["TaskUpdate via Assignment"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["Trainer"] = "PA:AB DO:AB IN:AB CO:- IS:A EN:- EC:- SB:-",
        ["TrainerInstitution"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["TrainerInstitution via Trainer"] = "PA:B DO:B IN:B CO:B IS:B EN:B EC:B SB:B",
        ["TrainerOccupation"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["TrainerOccupation via Occupation"] = "PA:BC DO:BC IN:BC CO:BC IS:BC EN:BC EC:BC SB:BC",
        ["TrainerOccupation via Trainer"] = "PA:B DO:B IN:B CO:B IS:B EN:B EC:B SB:B",
        ["TrainingNeed"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["TrainingNeed via Learner"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["TrainingNeed via Occupation"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["TrainingOrder"] = "PA:AB DO:AB IN:AB CO:- IS:A EN:- EC:- SB:-",
        ["TrainingOrder via Occupation"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:- SB:-",
        ["Vacancy"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:A EC:AB SB:-",
        ["Vacancy via Occupation"] = "PA:B DO:B IN:B CO:- IS:- EN:- EC:B SB:-",
    };

    /// <summary>The row of a record: its entity, and for a guest the navigation through which it sits in world A.</summary>
    public static string RowOf(WorldRecord record) => record.Via is null ? record.Entity : $"{record.Entity} via {record.Via}";

    /// <summary>The approved reach of one role of world A: whether it reads the record (null: no row).</summary>
    public static bool? Approved(WorldRecord record, string role)
    {
        if (!Reach.TryGetValue(RowOf(record), out var row)) return null;
        var world = record.Owner.Name;
        var code = Columns.Single(c => c.Role == role).Code;
        var cell = row.Split(' ').Single(c => c.StartsWith(code + ":", StringComparison.Ordinal));
        return cell[(code.Length + 1)..].Contains(world, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_role_reads_the_records_the_approved_table_says()
    {
        var matrix = await ScopeMatrix.GetAsync();
        var live = new Dictionary<string, string>();
        var visibility = new Dictionary<string, Dictionary<string, bool>>();
        foreach (var (role, _) in Columns) visibility[role] = await matrix.LiveVisibilityAsync(matrix.A.Actors[role]);
        foreach (var row in ScopeWorlds.Records.Values.GroupBy(RowOf))
            live[row.Key] = string.Join(" ", Columns.Select(c =>
            {
                var worlds = string.Concat(row.Where(r => visibility[c.Role][r.Marker]).Select(r => r.Owner.Name).Order());
                return $"{c.Code}:{(worlds.Length == 0 ? "-" : worlds)}";
            }));

        var differences = live.Where(l => Reach.GetValueOrDefault(l.Key) != l.Value)
            .Select(l => Reach.TryGetValue(l.Key, out var approved)
                ? $"{l.Key}: approved {approved}{Environment.NewLine}{new string(' ', l.Key.Length)}  but now {l.Value}"
                : $"{l.Key}: not in the table; it reads {l.Value}")
            .Concat(Reach.Keys.Where(k => !live.ContainsKey(k)).Select(k => $"{k}: in the table but no longer a scoped entity"))
            .ToList();
        if (differences.Count > 0)
        {
            output.WriteLine("The rows as the filters are now:");
            foreach (var (entity, row) in live.OrderBy(l => l.Key, StringComparer.Ordinal)) output.WriteLine($"        [\"{entity}\"] = \"{row}\",");
        }

        differences.ShouldBeEmpty(string.Join(Environment.NewLine, differences));
    }
}
