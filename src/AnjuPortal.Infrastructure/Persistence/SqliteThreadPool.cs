using Microsoft.Extensions.Configuration;

namespace AnjuPortal.Infrastructure.Persistence;

/// <summary>
/// On SQLite, more threads in the pool from the start. Microsoft.Data.Sqlite has no asynchronous I/O: its async methods
/// run synchronously, and a writer that meets the database's one write lock waits on its thread. With the runtime's
/// minimum (one thread per core) a burst of saves — a county's autosaves at month end — holds every thread, and each
/// session's UI events wait for the pool to grow by one thread at a time (measured: p95 0.9 s with 1,000 entry-form
/// sessions on 2 cores; 38 ms with the minimum raised; docs/benchmarks.md). SQL Server and PostgreSQL are truly
/// asynchronous and keep the runtime's default. <c>Database:SqliteMinThreads</c> (default 100; 0 keeps the default).
/// </summary>
public static class SqliteThreadPool
{
    public const int DefaultMinimum = 100;

    /// <summary>The minimum of worker threads this configuration asks for; 0 when it asks for none.</summary>
    public static int MinimumFor(DatabaseSettings database, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(configuration);
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return 0;
        }

        var minimum = configuration.GetValue("Database:SqliteMinThreads", DefaultMinimum);
        return minimum switch
        {
            < 0 => throw new InvalidOperationException($"Database:SqliteMinThreads must be 0 or more, not {minimum}."),
            > 1000 => throw new InvalidOperationException($"Database:SqliteMinThreads of {minimum} is more threads than any SQLite install needs (at most 1000)."),
            _ => minimum,
        };
    }

    /// <summary>Raises the pool's minimum of worker threads to what the configuration asks for (never lowers it).</summary>
    public static void Apply(DatabaseSettings database, IConfiguration configuration)
    {
        var minimum = MinimumFor(database, configuration);
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (minimum > workers)
        {
            ThreadPool.SetMinThreads(minimum, completionPorts);
        }
    }
}
