using System.ComponentModel.DataAnnotations;
using DaoTaoNghe.Infrastructure.Web;

namespace DaoTaoNghe.Features.Indicators;

public enum TargetState
{
    [Display(Name = "Chưa có số liệu")] NoData = 1,
    [Display(Name = "Đang thực hiện")] InProgress = 2,
    [Display(Name = "Đạt")] Achieved = 3,
    [Display(Name = "Không đạt")] Missed = 4,
}

/// <summary>A target that applies to a unit and year: its own year's, or a later year's it is heading for ("100% by 2030").</summary>
public sealed record AppliedTarget(double Value, TargetDirection Direction, int Year, string? Basis);

/// <summary>How a value stands against its target.</summary>
public sealed record TargetAssessment(AppliedTarget Target, TargetState State, double? Progress)
{
    public string Badge => State switch
    {
        TargetState.Achieved => "badge badge-ok",
        TargetState.Missed => "badge badge-bad",
        TargetState.InProgress => "badge badge-warn",
        _ => "badge",
    };
}

/// <summary>
/// Target rules, pure so they are tested with the plans' own numbers. "At least" is met when the
/// value reaches the target, "at most" while it stays at or under it, "about" within ±10% of it.
/// A target not met is still in progress until its year is over (a 2030 target in 2026 is in
/// progress); progress is the value as a share of the target.
/// </summary>
public static class TargetProgress
{
    public const double AboutTolerance = 0.10;

    public static TargetAssessment Assess(double? value, AppliedTarget target, DateOnly today)
    {
        var progress = value is { } v && target.Value > 0 ? v / target.Value : (double?)null;
        if (value is not { } actual) return new TargetAssessment(target, TargetState.NoData, null);
        var met = target.Direction switch
        {
            TargetDirection.AtLeast => actual >= target.Value,
            TargetDirection.AtMost => actual <= target.Value,
            // The epsilon keeps a value exactly on the ±10% edge (1,32 for 1,2) inside despite binary fractions.
            _ => Math.Abs(actual - target.Value) <= Math.Abs(target.Value) * AboutTolerance + 1e-9,
        };
        var over = today > new DateOnly(target.Year, 12, 31);
        var state = met ? TargetState.Achieved : over ? TargetState.Missed : TargetState.InProgress;
        return new TargetAssessment(target, state, progress);
    }

    /// <summary>"≥ 80%", "≤ 1,5%", "khoảng 1,2%", "11.500 người"; with "(đến năm 2030)" when the target is a later year's.</summary>
    public static string Describe(AppliedTarget target, Indicator indicator, int year)
    {
        var number = IndicatorFormat.Number(target.Value, indicator);
        var text = target.Direction switch
        {
            TargetDirection.AtLeast => indicator.Measure == IndicatorMeasure.Percent ? "≥ " + number : number,
            TargetDirection.AtMost => "≤ " + number,
            _ => "khoảng " + number,
        };
        return target.Year > year ? $"{text} (đến năm {target.Year})" : text;
    }
}

/// <summary>Indicator values as the pages print them: 1.234 người, 1.234.567 đ, 82,5%.</summary>
public static class IndicatorFormat
{
    public static string Number(double? value, Indicator indicator) => value is not { } v ? "–" : indicator.Measure switch
    {
        IndicatorMeasure.Percent => Fmt.Number(Math.Round(v, 2), 2) + "%",
        IndicatorMeasure.Money => Fmt.Money((long)Math.Round(v)),
        _ => Fmt.Number((long)Math.Round(v)),
    };

    public static string WithUnit(double? value, Indicator indicator) =>
        value is null || indicator.Measure != IndicatorMeasure.Count ? Number(value, indicator) : $"{Number(value, indicator)} {indicator.Unit}";
}
