using System.Diagnostics;
using System.Globalization;
using System.Text;
using AnjuPortal.Application.Dashboards;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.TestSupport;
using AnjuPortal.TestSupport.National;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnjuPortal.Benchmarks;

/// <summary>
/// Issue 5's benchmark: the dashboards on the national data set (31 provinces, about 3,000 counties, 50,000 projects,
/// 5,000,000 households, 60 months). Generates the set (or reuses the cached SQLite file), rebuilds the statistics
/// (<see cref="ProgressStatistics.RefreshAllAsync"/>, timed), then renders the dashboard of the nation root, one
/// province and one city, each by a user of that unit: <c>--dashboard-renders</c> times from the stored statistics
/// (<see cref="ProgressDashboard.ForAsync"/>) and <c>--live-renders</c> times summed live from the rows
/// (<see cref="ProgressDashboard.LiveAsync"/>), after one warm-up of each. Then checks a sample: the three units and
/// 20 random others, stored against live (every figure of the unit and of its children), and fails loudly on any
/// difference. Nothing here asserts on time.
/// </summary>
internal static class DashboardBenchmark
{
    private const int SampleUnits = 20;

    /// <summary>
    /// <paramref name="Stored"/>: built from the statistics every render (no cache: what a first render costs);
    /// <paramref name="Checked"/>: through the view cache with the counter read on every render (CacheCheckSeconds 0: the
    /// worst a reused render costs); <paramref name="Reused"/>: through the view cache within the check interval.
    /// </summary>
    public sealed record Timing(string Unit, JurisdictionLevel Level, int Children, Stats Stored, int StoredRuns, Stats Live, int LiveRuns, Stats Checked, Stats Reused)
    {
        public double Ratio => Live.Median / Stored.Median;

        public double CheckedRatio => Live.Median / Checked.Median;
    }

    public sealed record Result(
        string Provider, string Version, NationalDataSetSummary Data, TimeSpan Generation, bool FromCache, TimeSpan Rebuild, int StatRows,
        List<Timing> Timings, int SampleChecked, int Figures, string LoadBefore, string LoadAfter);

    public static async Task<Result> RunAsync(string provider, Options options, PostgresServer? postgres, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var scale = options.Scale == "small" ? NationalDataSetOptions.Small : NationalDataSetOptions.National;
        var loadBefore = Machine.LoadAverage();
        var stopwatch = Stopwatch.StartNew();
        var loaded = await NationalData.LoadAsync(provider, scale, postgres, progress);
        await using var database = loaded.Database;
        progress($"{provider}: national data set ready in {stopwatch.Elapsed.TotalSeconds:F1} s ({(loaded.FromCache ? "cached" : "generated")}): {loaded.Summary.Describe()}");
        var version = await ServerVersionAsync(database);

        // The clock at the day after the last generated month: the dashboards' deadlines and "today" fall after the data.
        var (lastYear, lastMonth) = loaded.Summary.LastMonth;
        database.Clock.SetUtcNow(new DateTimeOffset(new DateOnly(lastYear, lastMonth, 1).AddMonths(1).ToDateTime(new TimeOnly(2, 0)), TimeSpan.Zero));

        var statistics = new ProgressStatistics(database.SystemFactory, database.Clock, NullLogger<ProgressStatistics>.Instance);
        var rebuild = Stopwatch.StartNew();
        var statRows = await statistics.RefreshAllAsync();
        rebuild.Stop();
        progress($"{provider}: statistics rebuilt in {rebuild.Elapsed.TotalSeconds:F1} s ({statRows:N0} rows)");

        var units = await UnitsAsync(database);
        var timings = new List<Timing>();
        foreach (var unit in units)
        {
            var dashboard = DashboardFor(database, unit);
            var children = (await dashboard.ForAsync(unit.Id))?.Children.Count ?? throw new InvalidOperationException($"No dashboard for {unit.Name}.");
            var check = DashboardFor(database, unit, new DashboardOptions { CacheCheckSeconds = 0 });
            var reuse = DashboardFor(database, unit, new DashboardOptions());
            var stored = await TimeAsync(options.DashboardRenders, () => dashboard.ForAsync(unit.Id));
            progress($"{provider} {unit.Name}: stored median {stored.Median:F1} ms, p95 {stored.P95:F1} ms ({options.DashboardRenders} renders)");
            var live = await TimeAsync(options.LiveRenders, () => dashboard.LiveAsync(unit.Id));
            progress($"{provider} {unit.Name}: live median {live.Median:F1} ms, p95 {live.P95:F1} ms ({options.LiveRenders} renders)");
            var (_, commands, wall) = await CommandProfile.RunAsync(() => dashboard.ForAsync(unit.Id));
            progress($"{provider} {unit.Name}: one built render {wall:F1} ms, {commands.Count} commands, {commands.Sum(c => c.Milliseconds):F1} ms in them ("
                + string.Join("; ", commands.Select(c => $"{c.Milliseconds:F2} ms {Flat(c.Text)}")) + ")");
            var checkedRenders = await TimeAsync(options.DashboardRenders, () => check.ForAsync(unit.Id));
            var reused = await TimeAsync(options.DashboardRenders, () => reuse.ForAsync(unit.Id));
            progress($"{provider} {unit.Name}: reused with the counter read every render: median {checkedRenders.Median:F2} ms, p95 {checkedRenders.P95:F2} ms; within the interval: median {reused.Median:F3} ms, p95 {reused.P95:F3} ms");
            timings.Add(new Timing(unit.Name, unit.Level, children, stored, options.DashboardRenders, live, options.LiveRenders, checkedRenders, reused));
        }

        var (checkedUnits, figures) = await CheckSampleAsync(database, units, loaded.Summary, progress);
        progress($"{provider}: sample checked, {checkedUnits} units, {figures:N0} figures, stored = live");
        return new Result(provider, version, loaded.Summary, loaded.Generation, loaded.FromCache, rebuild.Elapsed, statRows, timings, checkedUnits, figures, loadBefore, Machine.LoadAverage());
    }

    /// <summary>The nation root, the province with the most counties, its city with the most counties.</summary>
    private static async Task<List<Jurisdiction>> UnitsAsync(TestDatabase database)
    {
        await using var db = database.CreateSystemContext();
        var root = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.ParentId == null);
        var provinceCode = (await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.County).Select(j => j.Code).ToListAsync())
            .GroupBy(c => c[..2]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key + "0000";
        var province = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == provinceCode);
        var cityId = await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.County && j.Parent!.ParentId == province.Id)
            .GroupBy(j => j.ParentId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync();
        var city = await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Id == cityId);
        return [root, province, city];
    }

    /// <summary>A dashboard for a user of <paramref name="unit"/>; with <paramref name="cached"/> settings, through a view cache of its own.</summary>
    private static ProgressDashboard DashboardFor(TestDatabase database, Jurisdiction unit, DashboardOptions? cached = null)
    {
        var role = unit.Level switch
        {
            JurisdictionLevel.County => Roles.CountyOperator,
            JurisdictionLevel.Prefecture => Roles.CityOperator,
            _ => Roles.ProvinceAdministrator,
        };
        var user = TestUser.At(unit, role);
        var options = Microsoft.Extensions.Options.Options.Create(cached ?? new DashboardOptions());
        return new ProgressDashboard(database.FactoryFor(user), user, database.Clock, options, cached is null ? null : new DashboardViewCache(database.SystemFactory, database.Clock, options));
    }

    private static async Task<Stats> TimeAsync(int runs, Func<Task<DashboardView?>> render)
    {
        _ = await render() ?? throw new InvalidOperationException("The dashboard came back empty.");
        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            _ = await render();
            samples.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        return Stats.Of(samples);
    }

    /// <summary>
    /// Stored against live for <see cref="SampleUnits"/> random units (seeded) at the default month, and the three
    /// benchmarked units at the default month and June of the year before: the unit's own figures and each child's,
    /// every measure (plan, done, task progress, gap), waiting households, projects, investment, reporting and approved
    /// units, ranks; the chosen month and the trend too. Throws on the first difference.
    /// </summary>
    private static async Task<(int Units, int Figures)> CheckSampleAsync(TestDatabase database, List<Jurisdiction> benchmarked, NationalDataSetSummary data, Action<string> progress)
    {
        List<Jurisdiction> all;
        await using (var db = database.CreateSystemContext())
        {
            all = await db.Jurisdictions.AsNoTracking().OrderBy(j => j.Id).ToListAsync();
        }

        var random = new Random(5);
        var sample = benchmarked.Concat(all.Where(j => j.Level != JurisdictionLevel.Nation).OrderBy(_ => random.Next()).Take(SampleUnits)).ToList();
        var figures = 0;
        foreach (var unit in sample)
        {
            var dashboard = DashboardFor(database, unit);
            var (year, _) = data.LastMonth;
            // The default month for every unit of the sample; for the three benchmarked ones also June of the year before.
            var months = benchmarked.Contains(unit)
                ? new[] { (Year: (int?)null, Month: (int?)null), (year - 1, (int?)6) }
                : new[] { (Year: (int?)null, Month: (int?)null) };
            foreach (var asked in months)
            {
                var stored = await dashboard.ForAsync(unit.Id, asked.Year, asked.Month) ?? throw new InvalidOperationException($"No stored dashboard for {unit.Name}.");
                var live = await dashboard.LiveAsync(unit.Id, asked.Year, asked.Month) ?? throw new InvalidOperationException($"No live dashboard for {unit.Name}.");
                var where = $"{unit.Name} ({unit.Code}), asked {asked.Year?.ToString(CultureInfo.InvariantCulture) ?? "default"}-{asked.Month?.ToString(CultureInfo.InvariantCulture) ?? "default"}";
                Same(where, "year and month", (stored.Year, stored.Month), (live.Year, live.Month));
                Same(where, "unit", stored.Unit, live.Unit);
                Same(where, "children", stored.Children.Count, live.Children.Count);
                for (var i = 0; i < stored.Children.Count; i++)
                {
                    Same(where, $"child {stored.Children[i].Progress.Unit.Name}", stored.Children[i].Progress, live.Children[i].Progress);
                    Same(where, $"rank of {stored.Children[i].Progress.Unit.Name}", (stored.Children[i].Rank, stored.Children[i].RankLastMonth), (live.Children[i].Rank, live.Children[i].RankLastMonth));
                }

                Same(where, "trend", string.Join(";", stored.Trend), string.Join(";", live.Trend));
                figures += (1 + stored.Children.Count) * 3 * 4;
            }
        }

        progress($"sample: {sample.Count} units compared");
        return (sample.Count, figures);
    }

    /// <summary>A command's text on one line, cut to its start.</summary>
    private static string Flat(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 80 ? flat[..80] + "…" : flat;
    }

    private static void Same<T>(string where, string what, T stored, T live)
    {
        if (!EqualityComparer<T>.Default.Equals(stored, live))
        {
            throw new InvalidOperationException($"Dashboard figures differ at {where}, {what}: stored {stored}, live {live}.");
        }
    }

    private static async Task<string> ServerVersionAsync(TestDatabase database)
    {
        await using var db = database.CreateSystemContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = database.Provider == Infrastructure.Persistence.DatabaseProvider.Sqlite ? "SELECT sqlite_version()" : "SHOW server_version";
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }

    public static string Render(IReadOnlyList<Result> results, Options options)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(options);
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine("### Dashboards on the national data set");
        s.AppendLine();
        s.AppendLine(inv, $"* Data: {results[0].Data.Describe()}");
        s.AppendLine(inv, $"* Renders: 1 warm-up, then {options.DashboardRenders} stored and {options.LiveRenders} live per unit, each by a user of that unit");
        foreach (var r in results)
        {
            s.AppendLine(inv, $"* {r.Provider} {r.Version}: load average before {r.LoadBefore}, after {r.LoadAfter}; generation {r.Generation.TotalSeconds:F0} s{(r.FromCache ? " (cached file reused; the time of the run that made it)" : "")}; statistics rebuilt (`RefreshAllAsync`, {r.StatRows:N0} rows) in {r.Rebuild.TotalSeconds:F1} s; sample of {r.SampleChecked} units ({r.Figures:N0} figures): stored = live");
        }

        s.AppendLine();
        s.AppendLine("| provider | dashboard | children | built median ms | built p95 ms | reused, counter read: median ms | p95 ms | reused within interval: median ms | live median ms | live p95 ms | live ÷ built | live ÷ reused (counter read) | p95 < 100 ms | ≥ 50× |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in results)
        {
            foreach (var t in r.Timings)
            {
                s.AppendLine(inv, $"| {r.Provider} | {t.Level} {t.Unit} | {t.Children} | {t.Stored.Median:F1} | {t.Stored.P95:F1} | {t.Checked.Median:F2} | {t.Checked.P95:F2} | {t.Reused.Median:F3} | {t.Live.Median:F0} | {t.Live.P95:F0} | {t.Ratio:F0}× | {t.CheckedRatio:F0}× | {(t.Stored.P95 < 100 && t.Checked.P95 < 100 ? "yes" : "no")} | {(t.CheckedRatio >= 50 ? "yes" : "no")} |");
            }
        }

        s.AppendLine();
        foreach (var r in results)
        {
            s.AppendLine(inv, $"* {r.Provider} generation phases: {string.Join("; ", r.Data.Phases)}");
        }

        return s.ToString();
    }
}
