namespace DaoTaoNghe.Tests.Support;

/// <summary>
/// A long test that no date can change (a start-up, a data migration): it runs on the ordinary SQLite and
/// PostgreSQL runs and is reported as skipped on the dated runs, which exist for tests that read the clock.
/// </summary>
public sealed class UndatedFactAttribute : FactAttribute
{
    public UndatedFactAttribute()
    {
        if (Environment.GetEnvironmentVariable(TestClock.Variable) is not null)
            Skip = "Not about dates: the dated runs skip this start-up test (it runs on the ordinary SQLite and PostgreSQL runs).";
    }
}
