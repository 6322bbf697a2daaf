using DaoTaoNghe.Infrastructure.Auth;
using Xunit.Abstractions;

namespace DaoTaoNghe.Tests.Infrastructure.Scope;

/// <summary>
/// Who reads what, approved: for each scoped entity, which worlds' records each role of world A
/// reads through the query filters (A: its own commune and organisations; B: another commune of
/// the same province; C: another province). The route matrix takes the live filters as the rule,
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
        ["AggregateValue"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["AttendanceRecord"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["Certificate"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["CommuneClassification"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["Course"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["CourseTrainer"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["EmploymentOutcome"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:AB SB:-",
        ["Enrolment"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["EnterpriseProfile"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["ImportColumnMapping"] = "PA:- DO:- IN:- CO:A IS:- EN:- EC:- SB:-",
        ["ImportJob"] = "PA:AB DO:- IN:- CO:A IS:- EN:- EC:- SB:-",
        ["ImportRowError"] = "PA:AB DO:- IN:- CO:A IS:- EN:- EC:- SB:-",
        ["IndicatorTarget"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["InstitutionProfile"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["InterestLead"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:A EC:- SB:-",
        ["JobApplication"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:A EC:AB SB:-",
        ["JobSession"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:A EC:AB SB:-",
        ["LabourDemand"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:A EC:AB SB:-",
        ["Learner"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["LearnerConsent"] = "PA:AB DO:AB IN:AB CO:A IS:A EN:- EC:AB SB:-",
        ["LearnerHousehold"] = "PA:AB DO:- IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["LearnerPriority"] = "PA:AB DO:- IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["LearningMaterial"] = "PA:AB DO:AB IN:AB CO:- IS:A EN:- EC:- SB:-",
        ["LicensedOccupation"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["Notification"] = "PA:- DO:- IN:- CO:A IS:- EN:- EC:- SB:-",
        ["ObligationSource"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["Occupation"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["OutreachEvent"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["Partnership"] = "PA:AB DO:AB IN:AB CO:- IS:A EN:A EC:- SB:-",
        ["Plan"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["PlanSection"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["PlanTask"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["Programme"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["ProgrammeAccreditation"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["ProgrammeModule"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["ProgrammeNorm"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["Report"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["ReportEvent"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["ReportFigure"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["ReportSection"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["ReportTaskLine"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["ReportingObligation"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["SessionEnterprise"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:A EC:AB SB:-",
        ["SessionSeeker"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:- EC:AB SB:-",
        ["SocialPolicyLoan"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:- EC:- SB:A",
        ["SupportGroupRule"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["SupportRuleSet"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["SupportTravelRule"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["TaskAssignment"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["TaskEvidence"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["TaskParty"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["TaskUpdate"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["Trainer"] = "PA:AB DO:AB IN:AB CO:- IS:A EN:- EC:- SB:-",
        ["TrainerInstitution"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["TrainerOccupation"] = "PA:AB DO:AB IN:AB CO:AB IS:AB EN:AB EC:AB SB:AB",
        ["TrainingNeed"] = "PA:AB DO:AB IN:AB CO:A IS:- EN:- EC:- SB:-",
        ["TrainingOrder"] = "PA:AB DO:AB IN:AB CO:- IS:A EN:- EC:- SB:-",
        ["Vacancy"] = "PA:AB DO:AB IN:AB CO:- IS:- EN:A EC:AB SB:-",
    };

    /// <summary>The approved reach of one role of world A: whether it reads world <paramref name="world"/>'s record of the entity (null: no row).</summary>
    public static bool? Approved(string entity, string role, string world)
    {
        if (!Reach.TryGetValue(entity, out var row)) return null;
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
        foreach (var entity in ScopeWorlds.Entities.Select(e => e.DisplayName()))
            live[entity] = string.Join(" ", Columns.Select(c =>
            {
                var worlds = string.Concat(matrix.Worlds.Where(w => ScopeMatrix.Sees(visibility[c.Role], w, entity)).Select(w => w.Name));
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
