using DaoTaoNghe.Infrastructure.Data;

namespace DaoTaoNghe.Tests.Support;

/// <summary>A test that means something only on PostgreSQL: on a SQLite run it is reported as skipped, not as passed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (TestDatabase.Provider != DatabaseProvider.Postgres)
            Skip = "PostgreSQL only: runs when DTN_TEST_DB=postgres (test.sh runs the suite on both databases).";
    }
}
