namespace DaoTaoNghe.Features.Plans;

/// <summary>How task statuses look in lists.</summary>
public static class PlanFormat
{
    public static string StatusBadge(AssignmentStatus status) => status switch
    {
        AssignmentStatus.Completed => "badge badge-ok",
        AssignmentStatus.Behind => "badge badge-bad",
        AssignmentStatus.InProgress => "badge badge-warn",
        _ => "badge",
    };
}
