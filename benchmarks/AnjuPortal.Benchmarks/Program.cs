using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Projects;
using AnjuPortal.Application.Security;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Infrastructure.Seed.Demo;
using AnjuPortal.Infrastructure.Tenancy;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace AnjuPortal.Benchmarks;

/// <summary>
/// Times the demo seed and the first page of the main lists on SQLite and PostgreSQL and prints a Markdown report.
/// A plain Stopwatch harness: the operations take milliseconds to seconds, so timer resolution does not matter.
/// Results go in docs/benchmarks.md; nothing here asserts on time.
/// </summary>
public static class Program
{
    private const string ProvinceCode = "220000";
    private const string SearchTerm = "棚户区";

    /// <summary>The seeder's clock, as in DemoDataSeederTests: 26 November 2026, so the data size is the documented one.</summary>
    /// In UTC: Npgsql writes only offset-0 values to timestamptz, and the seeder stamps with what its clock returns.
    private static readonly DateTimeOffset SeedClock = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is [HouseholdImportBenchmark.ChildSwitch, var mode, var file])
        {
            return await HouseholdImportBenchmark.ChildAsync(mode, file);
        }

        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync(Options.Usage);
            return 2;
        }

        var loadBefore = Machine.LoadAverage();
        var results = new List<ProviderResult>();
        var reportResults = new List<ReportCycleBenchmark.Result>();
        var householdResults = new List<HouseholdImportBenchmark.Result>();
        var dashboardResults = new List<DashboardBenchmark.Result>();
        var failures = new List<string>();
        PostgresServer? postgres = null;
        try
        {
            foreach (var provider in options.Providers)
            {
                Progress($"== {provider}");
                if (provider == "postgres" && postgres is null)
                {
                    postgres = new PostgresServer();
                    await postgres.InitializeAsync();
                }

                try
                {
                    if (options.Suites.Contains("demo"))
                    {
                        results.Add(await RunProviderAsync(provider, options, postgres));
                    }

                    if (options.Suites.Contains("households"))
                    {
                        householdResults.Add(await HouseholdImportBenchmark.RunAsync(provider, options, () => CreateDatabaseAsync(provider, postgres), Progress));
                    }

                    if (options.Suites.Contains("dashboard"))
                    {
                        dashboardResults.Add(await DashboardBenchmark.RunAsync(provider, options, postgres, Progress));
                    }

                    if (options.Suites.Contains("report"))
                    {
                        reportResults.Add(await ReportCycleBenchmark.RunAsync(provider, options, () => CreateDatabaseAsync(provider, postgres), Progress));
                    }
                }
                catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException)
                {
                    // Report the failure and go on with the other providers: a benchmark's job is to print what it found.
                    failures.Add($"{provider}: {ex.GetType().Name}: {ex.GetBaseException().Message}");
                    Progress($"{provider} failed: {ex}");
                }
            }
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }
        }

        var loadAfter = Machine.LoadAverage();
        Console.Write(Render(options, results, loadBefore, loadAfter));
        if (reportResults.Count > 0)
        {
            Console.WriteLine();
            Console.Write(ReportCycleBenchmark.Render(reportResults, options));
        }
        if (householdResults.Count > 0)
        {
            Console.WriteLine();
            Console.Write(HouseholdImportBenchmark.Render(householdResults, options));
        }

        if (dashboardResults.Count > 0)
        {
            Console.WriteLine();
            Console.Write(DashboardBenchmark.Render(dashboardResults, options));
        }

        foreach (var failure in failures)
        {
            Console.WriteLine();
            Console.WriteLine($"**Failed** {failure}");
        }

        return failures.Count == 0 ? 0 : 1;
    }

    private static async Task<ProviderResult> RunProviderAsync(string provider, Options options, PostgresServer? postgres)
    {
        var seeds = new List<SeedRun>();
        TestDatabase? seeded = null;
        string version = "";
        for (var run = 1; run <= options.SeedRuns; run++)
        {
            var database = await CreateDatabaseAsync(provider, postgres);
            version = await ServerVersionAsync(database);
            var seed = await SeedAsync(database);
            seeds.Add(seed);
            Progress($"seed {run}/{options.SeedRuns}: {seed.Wall.TotalMilliseconds:F0} ms wall, {seed.DbTime.TotalMilliseconds:F0} ms in DB commands ({seed.Commands} commands), {seed.Cpu.TotalMilliseconds:F0} ms CPU");
            if (seeded is null)
            {
                seeded = database;
            }
            else
            {
                await database.DisposeAsync();
            }
        }

        await using var _ = seeded!;
        var province = TestUser.At(await seeded!.JurisdictionAsync(ProvinceCode), Roles.ProvinceAdministrator);
        var county = TestUser.At(await seeded.JurisdictionAsync(await BusiestCountyAsync(seeded)), Roles.CountyOperator);
        var queries = new List<QueryResult>();
        foreach (var (role, user) in new[] { ("province", province), ("county", county) })
        {
            var projects = new ProjectRegister(seeded.FactoryFor(user), new NoCrossTenantChecks(), user);
            var ledger = new CaseLedger(seeded.FactoryFor(user), user);
            var label = $"{role} ({user.JurisdictionName})";
            queries.Add(await TimeAsync(label, "ProjectRegister.ListAsync, first page, unsorted", options,
                async () => (await projects.ListAsync(new ProjectFilter(), new PageRequest())).TotalCount));
            queries.Add(await TimeAsync(label, "ProjectRegister.ListAsync, first page, PlannedUnits desc", options,
                async () => (await projects.ListAsync(new ProjectFilter(), new PageRequest(SortBy: nameof(ProjectListItem.PlannedUnits), Descending: true))).TotalCount));
            queries.Add(await TimeAsync(label, $"ProjectRegister.ListAsync, first page, search \"{SearchTerm}\"", options,
                async () => (await projects.ListAsync(new ProjectFilter(Search: SearchTerm), new PageRequest())).TotalCount));
            queries.Add(await TimeAsync(label, "CaseLedger.ListAsync, first page", options,
                async () => (await ledger.ListAsync(new CaseFilter(), new PageRequest())).TotalCount));
        }

        return new ProviderResult(provider, version, seeds, queries);
    }

    /// <summary>The county with the most projects (ledger projects included): the county user's lists are not trivially empty.</summary>
    private static async Task<string> BusiestCountyAsync(TestDatabase database)
    {
        await using var db = database.CreateSystemContext();
        var id = await db.Projects.GroupBy(p => p.JurisdictionId).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync();
        return await db.Jurisdictions.Where(j => j.Id == id).Select(j => j.Code).SingleAsync();
    }

    private static async Task<TestDatabase> CreateDatabaseAsync(string provider, PostgresServer? postgres) => provider switch
    {
        "sqlite" => await SqliteTestDatabase.CreateAsync(),
        "postgres" => await postgres!.CreateDatabaseAsync(),
        _ => throw new ArgumentException($"Unknown provider {provider}"),
    };

    private static async Task<string> ServerVersionAsync(TestDatabase database)
    {
        await using var db = database.CreateSystemContext();
        var sql = database.Provider == DatabaseProvider.Sqlite ? "SELECT sqlite_version() AS \"Value\"" : "SHOW server_version";
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>
    /// One full demo seed into a fresh migrated database (jurisdiction tree only), with the host's interceptors plus one
    /// that adds up the time spent in database commands, so the report can split database time from client work
    /// (change tracking, audit capture and hash chain, encryption).
    /// </summary>
    private static async Task<SeedRun> SeedAsync(TestDatabase database)
    {
        var timing = new CommandTimingInterceptor();
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        database.Settings.Configure(builder);
        builder.AddInterceptors(new AuditStampInterceptor(database.Clock), new TenantWriteGuardInterceptor(), timing);
        var contexts = new SystemDbContextFactory(builder.Options);
        var log = new PhaseLogger();

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes();
        var stopwatch = Stopwatch.StartNew();
        var summary = await DemoDataSeeder.SeedProgrammeAsync(contexts, TestCipher.Create(), new FakeTimeProvider(SeedClock), log)
            ?? throw new InvalidOperationException("The seed of a fresh database added nothing.");
        stopwatch.Stop();
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var allocatedBytes = GC.GetTotalAllocatedBytes() - allocated;

        await using var db = database.CreateSystemContext();
        var auditRecords = await db.AuditEntries.CountAsync();
        return new SeedRun(stopwatch.Elapsed, cpuUsed, timing.Total, timing.Count, allocatedBytes, summary, auditRecords, log.Phases);
    }

    private static async Task<QueryResult> TimeAsync(string user, string name, Options options, Func<Task<int>> query)
    {
        var rows = 0;
        for (var i = 0; i < options.Warmups; i++)
        {
            rows = await query();
        }

        var samples = new List<double>(options.Runs);
        for (var i = 0; i < options.Runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            rows = await query();
            samples.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        var result = new QueryResult(user, name, rows, Stats.Of(samples));
        Progress($"{user,-8} {name}: median {result.Stats.Median:F2} ms, p95 {result.Stats.P95:F2} ms ({rows} rows in total)");
        return result;
    }

    private static string Render(Options options, List<ProviderResult> results, string loadBefore, string loadAfter)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine("## AnjuPortal benchmark");
        s.AppendLine();
        s.AppendLine(inv, $"* Date: {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz}");
        s.AppendLine(inv, $"* Machine: {Environment.ProcessorCount} logical CPUs (nproc), {Machine.CpuModel()}, {Machine.MemoryGiB():F1} GiB RAM");
        s.AppendLine(inv, $"* OS: {Machine.OsName()} ({RuntimeInformation.OSDescription}), {RuntimeInformation.FrameworkDescription}, {(Debugger.IsAttached ? "debugger attached" : "no debugger")}, {Machine.BuildConfiguration}");
        s.AppendLine(inv, $"* Load average (1, 5, 15 min) before: {loadBefore}; after: {loadAfter}");
        foreach (var r in results)
        {
            s.AppendLine(inv, $"* {r.Provider}: version {r.Version}");
        }

        if (results.Count == 0)
        {
            return s.ToString();
        }

        var first = results.SelectMany(r => r.Seeds).Select(x => x.Summary).FirstOrDefault();
        if (first is not null)
        {
            var audit = results.SelectMany(r => r.Seeds).First().AuditRecords;
            s.AppendLine(inv, $"* Data (seeder clock {SeedClock:yyyy-MM-dd}): {first.Projects:N0} projects, {first.Cases:N0} ledger cases, {first.Households:N0} households, {first.Reports:N0} monthly reports; {audit:N0} audit records after the seed");
        }

        s.AppendLine(inv, $"* Runs: seed {options.SeedRuns}× per provider (fresh database each); queries {options.Warmups} warm-ups then {options.Runs} timed runs");
        s.AppendLine();
        s.AppendLine("### Demo seed (DemoDataSeeder.SeedProgrammeAsync into a fresh migrated database)");
        s.AppendLine();
        s.AppendLine("| provider | median wall | min | max | median in DB commands | DB commands | median client CPU | allocated |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var wall = Stats.Of(r.Seeds.Select(x => x.Wall.TotalMilliseconds).ToList());
            var db = Stats.Of(r.Seeds.Select(x => x.DbTime.TotalMilliseconds).ToList());
            var cpu = Stats.Of(r.Seeds.Select(x => x.Cpu.TotalMilliseconds).ToList());
            var mib = Stats.Of(r.Seeds.Select(x => x.AllocatedBytes / 1048576.0).ToList());
            s.AppendLine(inv, $"| {r.Provider} | {Sec(wall.Median)} | {Sec(wall.Min)} | {Sec(wall.Max)} | {Sec(db.Median)} | {r.Seeds[0].Commands:N0} | {Sec(cpu.Median)} | {mib.Median:N0} MiB |");
        }

        s.AppendLine();
        s.AppendLine("Seeder phases (its own debug log, elapsed since start, run by run):");
        s.AppendLine();
        foreach (var r in results)
        {
            for (var i = 0; i < r.Seeds.Count; i++)
            {
                s.AppendLine(inv, $"* {r.Provider} run {i + 1}: {string.Join("; ", r.Seeds[i].Phases)}");
            }
        }

        s.AppendLine();
        s.AppendLine("### First page of the lists (20 rows), on the seeded database");
        s.AppendLine();
        s.AppendLine("| provider | user | query | rows matched | median ms | p95 ms | min ms | max ms |");
        s.AppendLine("|---|---|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            foreach (var q in r.Queries)
            {
                s.AppendLine(inv, $"| {r.Provider} | {q.User} | {q.Name} | {q.Rows:N0} | {q.Stats.Median:F2} | {q.Stats.P95:F2} | {q.Stats.Min:F2} | {q.Stats.Max:F2} |");
            }
        }

        return s.ToString();

        static string Sec(double ms) => (ms / 1000).ToString("F2", CultureInfo.InvariantCulture) + " s";
    }

    private static void Progress(string message) => Console.Error.WriteLine(message);

    private sealed record SeedRun(
        TimeSpan Wall, TimeSpan Cpu, TimeSpan DbTime, int Commands, long AllocatedBytes, DemoSeedSummary Summary, int AuditRecords, IReadOnlyList<string> Phases);

    private sealed record QueryResult(string User, string Name, int Rows, Stats Stats);

    private sealed record ProviderResult(string Provider, string Version, List<SeedRun> Seeds, List<QueryResult> Queries);

    /// <summary>The list queries never check across tenants; a register that tried would fail loudly here.</summary>
    private sealed class NoCrossTenantChecks : ICrossTenantChecks
    {
        public Task<bool> ProjectCodeExistsAsync(string code, int? exceptProjectId, CancellationToken cancellationToken = default)
            => throw new NotSupportedException("Not used by the benchmarked queries.");

        public Task<bool> HouseholdIdNumberExistsAsync(string idNumberBlindIndex, CancellationToken cancellationToken = default)
            => throw new NotSupportedException("Not used by the benchmarked queries.");
    }
}
