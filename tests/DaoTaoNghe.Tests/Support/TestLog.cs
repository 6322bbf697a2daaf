using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace DaoTaoNghe.Tests.Support;

/// <summary>
/// What the app logged about refused and failed requests, migrations, queries and antiforgery, for tests of how it
/// logs them (those categories only, so it stays small).
/// </summary>
public sealed class TestLog : ILoggerProvider
{
    public sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    private static readonly string[] Categories = [
        "DaoTaoNghe.Infrastructure.Errors", "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.Antiforgery",
        "Microsoft.EntityFrameworkCore.Migrations", "Microsoft.EntityFrameworkCore.Query",
    ];

    public static ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) =>
        Categories.Any(c => categoryName.StartsWith(c, StringComparison.Ordinal)) ? new Logger(categoryName) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose() { }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) Entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
        }
    }
}
