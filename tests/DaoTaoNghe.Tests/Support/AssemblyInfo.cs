// Integration tests share one application and database per run; running them one at a time keeps
// SQLite free of writer contention and makes a failure's log readable. Each test makes its own data.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
