namespace DaoTaoNghe.Features.Reports;

/// <summary>How report states look in lists.</summary>
public static class ReportFormat
{
    public static string StateBadge(ReportState state) => state switch
    {
        ReportState.Approved => "badge badge-ok",
        ReportState.Submitted => "badge badge-warn",
        ReportState.Returned => "badge badge-bad",
        _ => "badge",
    };
}
