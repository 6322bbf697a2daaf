namespace DaoTaoNghe.Bench.Scale;

/// <summary>
/// A named size of synthetic data. Enrolments and follow-ups are per learner, as the national
/// figures give them (10M learners, 20M enrolments, 10M follow-ups). <see cref="ProvinceCodes"/> empty
/// means every province, each sized by its number of communes.
/// </summary>
public sealed record Scale(string Name, int Learners, string[] ProvinceCodes, double EnrolmentsPerLearner = 2.0, double FollowUpsPerLearner = 1.0)
{
    public static readonly Scale Tiny = new("tiny", 600, ["12"]);
    public static readonly Scale Province = new("province", 100_000, ["12"]);
    public static readonly Scale National = new("national", 10_000_000, []);

    public static Scale Named(string name, int? learners = null)
    {
        var scale = name switch
        {
            "tiny" => Tiny,
            "province" => Province,
            "national" => National,
            _ => throw new ArgumentException($"Unknown scale '{name}': use tiny, province or national."),
        };
        return learners is { } n ? scale with { Learners = n } : scale;
    }
}
