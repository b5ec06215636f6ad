using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AnjuPortal.Benchmarks;

/// <summary>
/// Command-line options: <c>--runs N</c>, <c>--seed-runs N</c>, <c>--warmups N</c>, <c>--providers sqlite,postgres</c>,
/// <c>--suites demo,report,households,dashboard</c> (the demo seed and lists; the report cycle at 3,000 counties; the
/// household import; the dashboards on the national data set), <c>--report-runs N</c>, <c>--dashboard-renders N</c>,
/// <c>--live-renders N</c>, <c>--scale national|small</c>.
/// </summary>
internal sealed record Options(int Runs, int SeedRuns, int Warmups, IReadOnlyList<string> Providers, IReadOnlyList<string> Suites, int ReportRuns)
{
    public const string Usage = "Usage: AnjuPortal.Benchmarks [--runs 20] [--seed-runs 3] [--warmups 2] [--providers sqlite,postgres] [--suites demo,report,households,dashboard] [--report-runs 5] [--dashboard-renders 50] [--live-renders 10] [--scale national|small]";

    /// <summary>Dashboard suite: timed renders of the stored dashboard per unit.</summary>
    public int DashboardRenders { get; init; } = 50;

    /// <summary>Dashboard suite: timed renders of the live (summed from the rows) dashboard per unit.</summary>
    public int LiveRenders { get; init; } = 10;

    /// <summary>Dashboard suite: the national data set, or the tests' small one (to try the suite quickly).</summary>
    public string Scale { get; init; } = "national";

    public static Options Parse(string[] args)
    {
        var options = new Options(20, 3, 2, ["sqlite", "postgres"], ["demo", "report"], 5);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--runs" => options with { Runs = Positive(value, args[i]) },
                "--seed-runs" => options with { SeedRuns = Positive(value, args[i]) },
                "--warmups" => options with { Warmups = int.Parse(value, CultureInfo.InvariantCulture) },
                "--providers" => options with { Providers = ParseProviders(value) },
                "--suites" => options with { Suites = ParseSuites(value) },
                "--report-runs" => options with { ReportRuns = Positive(value, args[i]) },
                "--dashboard-renders" => options with { DashboardRenders = Positive(value, args[i]) },
                "--live-renders" => options with { LiveRenders = Positive(value, args[i]) },
                "--scale" => options with { Scale = value is "national" or "small" ? value : throw new ArgumentException($"--scale takes national or small, not {value}.") },
                _ => throw new ArgumentException($"Unknown argument {args[i]}."),
            };
            i++;
        }

        return options;
    }

    private static int Positive(string value, string name)
        => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} takes a positive whole number, not {value}.");

    private static string[] ParseSuites(string value)
    {
        var suites = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToLowerInvariant() is "demo" or "report" or "households" or "dashboard" ? p.ToLowerInvariant() : throw new ArgumentException($"Unknown suite {p}: demo, report, households or dashboard."))
            .Distinct()
            .ToArray();
        return suites.Length > 0 ? suites : throw new ArgumentException("--suites names no suite.");
    }

    private static string[] ParseProviders(string value)
    {
        var providers = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.ToLowerInvariant() switch
            {
                "sqlite" => "sqlite",
                "postgres" or "postgresql" => "postgres",
                _ => throw new ArgumentException($"Unknown provider {p}: sqlite or postgres."),
            })
            .Distinct()
            .ToArray();
        return providers.Length > 0 ? providers : throw new ArgumentException("--providers names no provider.");
    }
}

/// <summary>Median, nearest-rank 95th percentile, min and max of a sample in milliseconds.</summary>
internal sealed record Stats(double Median, double P95, double Min, double Max)
{
    public static Stats Of(IReadOnlyList<double> samples)
    {
        var sorted = samples.OrderBy(x => x).ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        var p95 = sorted[Math.Clamp((int)Math.Ceiling(0.95 * n) - 1, 0, n - 1)];
        return new Stats(median, p95, sorted[0], sorted[^1]);
    }
}

/// <summary>What the report says about the machine, read from /proc and /etc on Linux.</summary>
internal static class Machine
{
#if DEBUG
    public const string BuildConfiguration = "Debug build (numbers not representative: run with -c Release)";
#else
    public const string BuildConfiguration = "Release build";
#endif

    public static string CpuModel() => ReadField("/proc/cpuinfo", "model name", ':') ?? "unknown CPU";

    public static double MemoryGiB()
    {
        var kib = ReadField("/proc/meminfo", "MemTotal", ':')?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return kib is not null && long.TryParse(kib, CultureInfo.InvariantCulture, out var value) ? value / 1048576.0 : 0;
    }

    public static string OsName() => ReadField("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? "unknown OS";

    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string? ReadField(string file, string key, char separator)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        return File.ReadLines(file)
            .Select(line => line.Split(separator, 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim() == key)
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();
    }
}

/// <summary>
/// Adds up the time spent in database commands: for readers from execution to disposal (so an insert batch that
/// returns generated keys counts whole), for other commands the execution.
/// </summary>
internal sealed class CommandTimingInterceptor : DbCommandInterceptor
{
    private long _ticks;
    private int _count;

    public TimeSpan Total => TimeSpan.FromTicks(Interlocked.Read(ref _ticks));

    public int Count => _count;

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        Add(eventData.Duration);
        return result;
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Add(eventData.Duration);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Add(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Add(eventData.Duration);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Add(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    private void Add(TimeSpan duration)
    {
        Interlocked.Add(ref _ticks, duration.Ticks);
        Interlocked.Increment(ref _count);
    }
}

/// <summary>Keeps the seeder's log lines (its phase timings) to print in the report.</summary>
internal sealed class PhaseLogger : ILogger
{
    private readonly ConcurrentQueue<string> _phases = new();

    public IReadOnlyList<string> Phases => [.. _phases];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => _phases.Enqueue(formatter(state, exception).Replace("Demo seed: ", "", StringComparison.Ordinal));
}
