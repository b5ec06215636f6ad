using System.Diagnostics;
using System.Globalization;
using System.Text;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.Tenancy;
using AnjuPortal.TestSupport;
using MiniExcelLibs;

namespace AnjuPortal.Benchmarks;

/// <summary>
/// Issue 4's benchmark: importing 100,000 overdue households from one .xlsx (dry run, and dry run + commit), as the
/// province administrator, into 100 ledger cases across Jilin's counties. Every run gets a fresh database (the commit
/// writes the people; a second commit of the same file would be refused as province duplicates). Timed: wall clock;
/// memory: the process's working set and the managed heap sampled every 10 ms during the operation (peak), plus
/// bytes allocated. Median of the timed runs after one warm-up.
/// </summary>
internal static class HouseholdImportBenchmark
{
    /// <summary>100,000 (issue 4); <c>HOUSEHOLD_ROWS</c> overrides it for a quick look at where time goes.</summary>
    private static readonly int Rows = int.TryParse(Environment.GetEnvironmentVariable("HOUSEHOLD_ROWS"), CultureInfo.InvariantCulture, out var rows) ? rows : 100_000;
    private const int Cases = 100;

    public sealed record Result(string Provider, string DataSize, long FileBytes, List<(string Name, Stats Time, Stats PeakWorkingSetMiB, Stats PeakHeapMiB, Stats AllocatedMiB, Stats BaseWorkingSetMiB, Stats CpuSeconds)> Timings,
        List<(string Name, Stats BeforeMiB, Stats PeakMiB, Stats Ms)> FreshProcess);

    /// <summary>The child's command line: <c>--import-child dry|commit FILE</c>, with the database in the environment (see <see cref="ChildAsync"/>).</summary>
    public const string ChildSwitch = "--import-child";

    public static async Task<Result> RunAsync(string provider, Options options, Func<Task<TestDatabase>> create, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        var file = BuildFile(out var codes);
        progress($"{provider}: households file {file.Length / 1024.0 / 1024.0:F1} MiB, {Rows:N0} rows");
        var samples = new[] { (Name: "HouseholdImport.DryRunAsync, 100,000 rows", Runs: new List<Sample>()), (Name: "HouseholdImport.CommitAsync, 100,000 rows (check + encrypt + insert)", Runs: new List<Sample>()) };
        var runs = Math.Max(1, Math.Min(options.ReportRuns, 3));
        var filePath = Path.Combine(Path.GetTempPath(), $"anju-households-{Environment.ProcessId}.xlsx");
        await File.WriteAllBytesAsync(filePath, file);
        var fresh = new[] { (Name: "dry run", Runs: new List<ChildSample>()), (Name: "commit", Runs: new List<ChildSample>()) };
        for (var run = 0; run <= runs; run++)
        {
            await using var database = await create();
            database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));
            await SeedCasesAsync(database, codes);
            var user = TestUser.At(await database.JurisdictionAsync("220000"), Roles.ProvinceAdministrator);
            var import = new HouseholdImport(database.FactoryFor(user), new ProvincialHouseholdIndex(database.Clock), TestCipher.Create(), user, database.Clock,
                Microsoft.Extensions.Options.Options.Create(new HouseholdImportOptions { SaveChunk = int.TryParse(Environment.GetEnvironmentVariable("HOUSEHOLD_CHUNK"), CultureInfo.InvariantCulture, out var chunk) ? chunk : new HouseholdImportOptions().SaveChunk }));

            var clock = Stopwatch.StartNew();
            var stages = new Progress<ImportProgress>(p => { if (Environment.GetEnvironmentVariable("HOUSEHOLD_TRACE") is not null) { progress($"  {clock.ElapsedMilliseconds,7} ms {p.Stage} {p.Done}/{p.Total}"); } });
            var dry = await MeasureAsync(async () => Check(await import.DryRunAsync(new MemoryStream(file), stages)));
            clock.Restart();
            var commit = await MeasureAsync(async () => Check(await import.CommitAsync(new MemoryStream(file), stages)));
            progress($"{provider} run {run}{(run == 0 ? " (warm-up)" : "")}: dry run {dry.Ms:F0} ms / CPU {dry.CpuMs:F0} ms / WS {dry.BaseWorkingSet / 1048576.0:F0} -> peak {dry.PeakWorkingSet / 1048576.0:F0} MiB; commit {commit.Ms:F0} ms / CPU {commit.CpuMs:F0} ms / WS {commit.BaseWorkingSet / 1048576.0:F0} -> peak {commit.PeakWorkingSet / 1048576.0:F0} MiB");
            if (run > 0)
            {
                samples[0].Runs.Add(dry);
                samples[1].Runs.Add(commit);
            }

            // The same file in a fresh process that does nothing else (another fresh database): what the import needs
            // with the runtime and the EF model, without this harness's own baseline (its data, its three providers).
            if (Environment.GetEnvironmentVariable("HOUSEHOLD_FRESH") == "0")
            {
                continue; // e.g. while profiling the harness
            }

            await using var freshDatabase = await create();
            await SeedCasesAsync(freshDatabase, codes);
            for (var m = 0; m < fresh.Length; m++)
            {
                var child = await RunChildAsync(freshDatabase, m == 0 ? "dry" : "commit", filePath);
                progress($"{provider} run {run} fresh process {fresh[m].Name}: {child.Ms:F0} ms, working set before {child.BeforeKiB / 1024.0:F0} MiB, peak {child.PeakKiB / 1024.0:F0} MiB");
                if (run > 0)
                {
                    fresh[m].Runs.Add(child);
                }
            }
        }

        File.Delete(filePath);

        return new Result(provider, $"{Rows:N0} rows (each with name, ID number, phone, promised date; 1 in 5 resolved with an agreement) into {Cases} cases", file.Length,
            samples.Select(s => (s.Name, Stats.Of(s.Runs.Select(r => r.Ms).ToList()), Stats.Of(s.Runs.Select(r => r.PeakWorkingSet / 1048576.0).ToList()),
                Stats.Of(s.Runs.Select(r => r.PeakHeap / 1048576.0).ToList()), Stats.Of(s.Runs.Select(r => r.Allocated / 1048576.0).ToList()),
                Stats.Of(s.Runs.Select(r => r.BaseWorkingSet / 1048576.0).ToList()), Stats.Of(s.Runs.Select(r => r.CpuMs / 1000).ToList()))).ToList(),
            fresh.Where(f => f.Runs.Count > 0).Select(f => (f.Name, Stats.Of(f.Runs.Select(r => r.BeforeKiB / 1024.0).ToList()), Stats.Of(f.Runs.Select(r => r.PeakKiB / 1024.0).ToList()),
                Stats.Of(f.Runs.Select(r => r.Ms).ToList()))).ToList());
    }

    private sealed record ChildSample(double Ms, long BeforeKiB, long PeakKiB);

    /// <summary>Runs this program again as <see cref="ChildSwitch"/> on <paramref name="database"/> and reads its one result line.</summary>
    private static async Task<ChildSample> RunChildAsync(TestDatabase database, string mode, string file)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (!Environment.ProcessPath!.EndsWith("AnjuPortal.Benchmarks", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(HouseholdImportBenchmark).Assembly.Location); // run through dotnet: the dll first
        }

        foreach (var a in new[] { ChildSwitch, mode, file })
        {
            start.ArgumentList.Add(a);
        }

        // The portal's own GC (the Web SDK builds it with the server GC, which adapts its heaps to the load: DATAS);
        // HOUSEHOLD_CHILD_GC=workstation runs the child as this harness runs.
        start.Environment["DOTNET_gcServer"] = Environment.GetEnvironmentVariable("HOUSEHOLD_CHILD_GC") == "workstation" ? "0" : "1";
        start.Environment["ANJU_BENCH_PROVIDER"] = database.Provider.ToString();
        start.Environment["ANJU_BENCH_CONNECTION"] = database.Settings.ConnectionString;
        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEndAsync();
        var errors = child.StandardError.ReadToEndAsync();
        await child.WaitForExitAsync();
        var line = (await output).Split('\n').LastOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The import child failed ({child.ExitCode}): {await errors}");
        }

        var parts = line.Split(' ');
        return new ChildSample(double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture), long.Parse(parts[3], CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The child: opens the database named by ANJU_BENCH_PROVIDER / ANJU_BENCH_CONNECTION as the province administrator,
    /// touches it once (the EF model built, the connection pool warm, as in a running portal), then imports FILE and prints
    /// "RESULT ms working-set-before-KiB peak-working-set-KiB" (the peak from the kernel's VmHWM: the whole life of the process).
    /// </summary>
    public static async Task<int> ChildAsync(string mode, string file)
    {
        var settings = new Infrastructure.Persistence.DatabaseSettings(Enum.Parse<Infrastructure.Persistence.DatabaseProvider>(Environment.GetEnvironmentVariable("ANJU_BENCH_PROVIDER")!),
            Environment.GetEnvironmentVariable("ANJU_BENCH_CONNECTION")!, MigrateOnStartup: false);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));
        var options = TestDatabase.BuildOptions(settings, clock);
        Domain.Jurisdictions.Jurisdiction province;
        await using (var db = new Infrastructure.Persistence.AppDbContext(options, SystemUser.Instance))
        {
            province = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Jurisdictions, j => j.Code == "220000");
        }

        var user = TestUser.At(province, Roles.ProvinceAdministrator);
        var import = new HouseholdImport(new ChildContexts(options, user), new ProvincialHouseholdIndex(clock), TestCipher.Create(), user, clock,
            Microsoft.Extensions.Options.Options.Create(new HouseholdImportOptions()));
        var bytes = await File.ReadAllBytesAsync(file);
        GC.Collect();
        var before = ProcStatusKiB("VmRSS");
        var stopwatch = Stopwatch.StartNew();
        var result = mode == "dry" ? await import.DryRunAsync(new MemoryStream(bytes)) : await import.CommitAsync(new MemoryStream(bytes));
        stopwatch.Stop();
        Check(result);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {stopwatch.Elapsed.TotalMilliseconds:F0} {before} {ProcStatusKiB("VmHWM")}"));
        return 0;
    }

    private static long ProcStatusKiB(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private sealed class ChildContexts(Microsoft.EntityFrameworkCore.DbContextOptions<Infrastructure.Persistence.AppDbContext> options, ICurrentUser user) : Application.Common.IAppDbContextFactory
    {
        public Task<Application.Common.IAppDbContext> CreateAsync(CancellationToken cancellationToken = default)
            => Task.FromResult<Application.Common.IAppDbContext>(new Infrastructure.Persistence.AppDbContext(options, user));
    }

    public static string Render(IReadOnlyList<Result> results, Options options)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine("### Household import at 100,000 rows");
        s.AppendLine();
        s.AppendLine(inv, $"* Data: {results[0].DataSize}; file {results[0].FileBytes / 1048576.0:F1} MiB");
        s.AppendLine(inv, $"* Runs: 1 warm-up then {Math.Max(1, Math.Min(options.ReportRuns, 3))} timed runs, each on a fresh database");
        s.AppendLine("* Memory: peak of the process working set and of the managed heap, sampled every 10 ms during the operation (the working set includes the runtime, EF model and test harness: see the working set before)");
        s.AppendLine();
        s.AppendLine("* Working set before: the process's working set just before the operation (after a full GC); process CPU: user + system time of this process during the operation (on PostgreSQL the server's own CPU is not in it)");
        s.AppendLine();
        s.AppendLine("| provider | operation | median s | min s | max s | process CPU s (median) | working set before MiB | peak working set MiB (median) | peak managed heap MiB (median) | allocated MiB (median) |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            foreach (var (name, time, ws, heap, allocated, baseWs, cpu) in r.Timings)
            {
                s.AppendLine(inv, $"| {r.Provider} | {name} | {time.Median / 1000:F2} | {time.Min / 1000:F2} | {time.Max / 1000:F2} | {cpu.Median:F1} | {baseWs.Median:F0} | {ws.Median:F0} | {heap.Median:F0} | {allocated.Median:F0} |");
            }
        }

        if (results.All(r => r.FreshProcess.Count == 0))
        {
            return s.ToString();
        }

        s.AppendLine();
        s.AppendLine("The same file imported by a fresh process that does only that (on another fresh database): working set after opening the database, and the process's peak (VmHWM)");
        s.AppendLine();
        s.AppendLine("| provider | operation | median s | working set before MiB (median) | peak working set MiB (median) | max peak MiB |");
        s.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            foreach (var (name, before, peak, ms) in r.FreshProcess)
            {
                s.AppendLine(inv, $"| {r.Provider} | {name} | {ms.Median / 1000:F2} | {before.Median:F0} | {peak.Median:F0} | {peak.Max:F0} |");
            }
        }

        return s.ToString();
    }

    private sealed record Sample(double Ms, long PeakWorkingSet, long PeakHeap, long Allocated, long BaseWorkingSet, double CpuMs);

    private static async Task<Sample> MeasureAsync(Func<Task> operation)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var baseWs = process.WorkingSet64;
        var cpu = process.TotalProcessorTime;
        long peakWs = 0;
        long peakHeap = 0;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peakWs = Math.Max(peakWs, process.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(10, stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
        var allocated = GC.GetTotalAllocatedBytes();
        var stopwatch = Stopwatch.StartNew();
        await operation();
        stopwatch.Stop();
        var allocatedBytes = GC.GetTotalAllocatedBytes() - allocated;
        await stop.CancelAsync();
        await sampler;
        process.Refresh();
        return new Sample(stopwatch.Elapsed.TotalMilliseconds, peakWs, peakHeap, allocatedBytes, baseWs, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    private static void Check(HouseholdImportResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The benchmark's file was refused: " + string.Join("; ", result.Errors.Take(5).Select(e => e.Text)));
        }
    }

    private static async Task SeedCasesAsync(TestDatabase database, List<(string Code, string County)> codes)
    {
        await using var db = database.CreateSystemContext();
        var units = db.Jurisdictions.Where(j => j.Level == Domain.Jurisdictions.JurisdictionLevel.County).ToDictionary(j => j.Code, j => j.Id);
        foreach (var (code, county) in codes)
        {
            var project = RenovationProject.Register(code, units[county], new RenovationProject.Details(
                $"基准测试棚改项目{code}", 2016, 2000, ResettlementMode.InKind, "张建国", new DateOnly(2016, 4, 1), new DateOnly(2018, 10, 31)));
            db.Projects.Add(project);
            db.OverdueCases.Add(OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2020, 12, 31), "陈副区长"));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>The file: 100,000 made-up households (valid check characters, distinct numbers) spread over 100 cases.</summary>
    private static byte[] BuildFile(out List<(string Code, string County)> codes)
    {
        string[] counties = ["220102", "220103", "220104", "220105", "220106", "220202", "220203", "220204", "220211", "220302"];
        codes = Enumerable.Range(0, Cases).Select(i => ($"BM-2016-{i:000}", counties[i % counties.Length])).ToList();
        var rows = new List<Dictionary<string, object?>>(Rows);
        var birth = new DateOnly(1940, 1, 1);
        for (var i = 0; i < Rows; i++)
        {
            var id = TestIdNumbers.Make("220102", birth.AddDays(i / 1000).ToString("yyyyMMdd", CultureInfo.InvariantCulture), i % 1000);
            var resolved = i % 5 == 0;
            rows.Add(new Dictionary<string, object?>
            {
                [HouseholdImport.ColCode] = codes[i % Cases].Code,
                [HouseholdImport.ColName] = $"户主{i}",
                [HouseholdImport.ColId] = id,
                [HouseholdImport.ColPhone] = $"139{i:00000000}",
                [HouseholdImport.ColPromised] = new DateTime(2019, 12, 31),
                [HouseholdImport.ColMethod] = resolved ? "回迁安置" : null,
                [HouseholdImport.ColResolvedOn] = resolved ? new DateTime(2020, 8, 1) : null,
                [HouseholdImport.ColAgreementKind] = resolved ? "回迁安置协议" : null,
                [HouseholdImport.ColAgreementNumber] = resolved ? $"HQ-{i}" : null,
                [HouseholdImport.ColSignedOn] = resolved ? new DateTime(2020, 7, 1) : null,
                [HouseholdImport.ColOwed] = resolved ? 12000 : null,
                [HouseholdImport.ColPaid] = resolved ? 9000 : null,
            });
        }

        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: HouseholdImport.SheetName);
        return stream.ToArray();
    }
}
