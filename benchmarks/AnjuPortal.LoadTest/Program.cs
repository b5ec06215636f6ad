using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using AnjuPortal.LoadTest.Circuit;

namespace AnjuPortal.LoadTest;

/// <summary>
/// Load test of live Blazor Server sessions (issue #8): opens many concurrent circuits with the headless circuit
/// client, and measures the portal's memory per idle session (RSS from /proc, before and after, divided by the
/// sessions), the UI round trip of events (p50/p95), and month-end throughput (monthly reports submitted per minute,
/// over one or more portal processes). Prints a Markdown table; asserts nothing. Results go in docs/benchmarks.md.
/// </summary>
public static class Program
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    public static async Task<int> Main(string[] args)
    {
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

        var portals = new List<PortalProcess>();
        var dataFolder = options.DataFolder ?? Directory.CreateTempSubdirectory("anju-load-").FullName;
        try
        {
            var target = await TargetAsync(options, dataFolder, portals);
            var results = new List<SessionResult>();
            foreach (var page in options.Pages)
            {
                foreach (var count in options.Sessions)
                {
                    results.Add(await RunSessionsAsync(options, target, page, count));
                }
            }

            MonthEndResult? monthEnd = null;
            if (options.MonthEnd > 0 && target.PeriodId is not null)
            {
                monthEnd = await RunMonthEndAsync(options, target, portals);
            }

            Console.WriteLine(Report(options, target, results, monthEnd));
            return 0;
        }
        finally
        {
            foreach (var portal in portals)
            {
                await portal.DisposeAsync();
            }

            if (options.DataFolder is null)
            {
                TryDelete(dataFolder);
            }
        }
    }

    /// <summary>The portal to drive: started here (with load-test accounts and an open period) or given by URL.</summary>
    private static async Task<Target> TargetAsync(Options options, string dataFolder, List<PortalProcess> portals)
    {
        if (options.Url is not null)
        {
            var identity = await PortalSignIn.SignInAsync(options.Url, options.User!, options.Password!);
            return new Target([options.Url], options.Pid, [identity], null, [], "given URL");
        }

        var webDll = options.WebDll ?? DefaultWebDll();
        Progress($"starting the portal ({webDll}) with demo data in {dataFolder}");
        var settings = options.Gc is { } gc ? new Dictionary<string, string> { ["DOTNET_gcServer"] = gc == "server" ? "1" : "0" } : new Dictionary<string, string>();
        var first = await PortalProcess.StartAsync(webDll, dataFolder, settings, TimeSpan.FromMinutes(10));
        portals.Add(first);
        Progress($"portal pid {first.ProcessId} serving at {first.Address}; preparing load-test accounts and a new period");
        var (periodId, units) = await LoadData.PrepareAsync(dataFolder, Math.Max(options.MonthEnd, 20));
        for (var n = 1; n < options.Nodes; n++)
        {
            // The first node seeded the demo data; the others only serve (seeding is not meant to run twice at once).
            var node = await PortalProcess.StartAsync(webDll, dataFolder, new Dictionary<string, string>(settings) { ["Demo:Enabled"] = "false" }, TimeSpan.FromMinutes(5));
            portals.Add(node);
            Progress($"node {n + 1}: pid {node.ProcessId} at {node.Address}");
        }

        // One sign-in per account, shared by that account's sessions (like browser tabs): the sign-in form is rate limited.
        var identities = new List<PortalSignIn>();
        foreach (var unit in units)
        {
            identities.Add(await PortalSignIn.SignInAsync(first.Address, unit.UserName, LoadData.Password));
        }

        Progress($"{units.Count} county accounts signed in; period {periodId} open");
        return new Target(portals.Select(p => p.Address).ToList(), first.ProcessId, identities, periodId, units, $"{units.Count} county units");
    }

    private static async Task<SessionResult> RunSessionsAsync(Options options, Target target, string page, int count)
    {
        var reportPage = page == "report";
        if (reportPage && target.PeriodId is null)
        {
            throw new InvalidOperationException("The report page needs the driver to start the portal (it opens a period for the run).");
        }

        // Warm-up: one session (JIT, caches, the drafts of the report page), closed before the baseline.
        await using (var warm = target.Identities[0].NewCircuit())
        {
            await OpenAsync(warm, target, 0, reportPage);
        }

        if (reportPage)
        {
            for (var i = 1; i < Math.Min(count, target.Identities.Count); i++)
            {
                await using var draft = target.Identities[i].NewCircuit();
                await OpenAsync(draft, target, i, reportPage);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        var before = await MemoryAsync(target);
        await GcDumpAsync(options, target, $"{page}-{count}-before");
        var load = ProcStatus.LoadAverage();
        Progress($"{page}: opening {count} sessions (RSS before {Mb(before)})");
        var clients = new ConcurrentBag<BlazorCircuitClient>();
        var failures = new ConcurrentBag<string>();
        var openWatch = Stopwatch.StartNew();
        using (var gate = new SemaphoreSlim(options.StartConcurrency))
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var identity = target.Identities[i % target.Identities.Count];
                    var client = identity.NewCircuit();
                    clients.Add(client);
                    await OpenAsync(client, target, i % target.Identities.Count, reportPage);
                }
                catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or IOException)
                {
                    failures.Add(ex.Message);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        var openTime = openWatch.Elapsed;
        var open = count - failures.Count;
        Progress($"{page}: {open} of {count} sessions open in {openTime.TotalSeconds:0.0} s; settling");
        await Task.Delay(TimeSpan.FromSeconds(10));
        var after = await MemoryAsync(target);
        await GcDumpAsync(options, target, $"{page}-{count}-after");

        var latencies = new ConcurrentBag<double>();
        var eventFailures = 0;
        if (options.Events > 0)
        {
            Progress($"{page}: {options.Events} UI events per session, think time up to {options.ThinkMs} ms");
            await Task.WhenAll(clients.Where(c => c.Error is null).Select(async (client, i) =>
            {
                var random = new Random(i);
                for (var e = 0; e < options.Events; e++)
                {
                    await Task.Delay(random.Next(options.ThinkMs + 1));
                    try
                    {
                        var elapsed = reportPage ? await PortalPages.TypeInFirstCellAsync(client) : await PortalPages.ToggleMenuAsync(client);
                        latencies.Add(elapsed.TotalMilliseconds);
                    }
                    catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
                    {
                        Interlocked.Increment(ref eventFailures);
                    }
                }
            }));
        }

        var loadAfter = ProcStatus.LoadAverage();
        var lost = clients.Count(c => c.Error is not null);
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        if (!failures.IsEmpty)
        {
            Progress($"{page}: first failure: {failures.First()}");
        }

        return new SessionResult(page, count, open, openTime, before, after, [.. latencies], eventFailures, lost, load, loadAfter);
    }

    private static Task OpenAsync(BlazorCircuitClient client, Target target, int unitIndex, bool reportPage)
    {
        var identity = target.Identities[unitIndex];
        return reportPage
            ? OpenReportAndDraftAsync(client, identity, target.PeriodId!.Value, target.Units[unitIndex].JurisdictionId)
            : PortalPages.OpenDashboardAsync(client, identity);
    }

    private static async Task OpenReportAndDraftAsync(BlazorCircuitClient client, PortalSignIn identity, int periodId, int jurisdictionId)
    {
        await PortalPages.OpenReportAsync(client, identity, periodId, jurisdictionId);
        await PortalPages.StartDraftIfNeededAsync(client);
    }

    /// <summary>
    /// Month end: every unit's operator opens the unit's report (spread over the nodes), types a figure, and submits,
    /// all at once. Throughput is reports confirmed per minute of wall time.
    /// </summary>
    private static async Task<MonthEndResult> RunMonthEndAsync(Options options, Target target, List<PortalProcess> portals)
    {
        var units = Math.Min(options.MonthEnd, target.Units.Count);
        Progress($"month end: {units} units submit at once over {target.Addresses.Count} node(s)");
        var identities = new List<PortalSignIn>();
        for (var i = 0; i < units; i++)
        {
            var address = target.Addresses[i % target.Addresses.Count];
            identities.Add(address == target.Addresses[0] ? target.Identities[i] : await PortalSignIn.SignInAsync(address, target.Units[i].UserName, LoadData.Password));
        }

        var load = ProcStatus.LoadAverage();
        var submitted = 0;
        var errors = new ConcurrentBag<string>();
        var latencies = new ConcurrentBag<double>();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, units).Select(async i =>
        {
            await using var client = identities[i].NewCircuit();
            try
            {
                await OpenReportAndDraftAsync(client, identities[i], target.PeriodId!.Value, target.Units[i].JurisdictionId);
                latencies.Add((await PortalPages.TypeInFirstCellAsync(client)).TotalMilliseconds);
                var submit = Stopwatch.StartNew();
                if (await PortalPages.SubmitAsync(client))
                {
                    Interlocked.Increment(ref submitted);
                }
                else
                {
                    errors.Add(PortalPages.ReportError(client) ?? "refused");
                }

                latencies.Add(submit.Elapsed.TotalMilliseconds);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException)
            {
                errors.Add(ex.Message);
            }
        }));
        var elapsed = watch.Elapsed;
        if (!errors.IsEmpty)
        {
            Progress($"month end: {errors.Count} not submitted; first: {errors.First()}");
        }

        var rss = portals.Sum(p => p.ResidentBytes());
        return new MonthEndResult(units, submitted, elapsed, [.. latencies], target.Addresses.Count, load, ProcStatus.LoadAverage(), rss);
    }

    /// <summary>The portal's resident memory after a full GC induced through its diagnostics port (null without a pid).</summary>
    /// <summary>With <c>--gcdump</c>: a heap snapshot of the portal named <paramref name="label"/> (the collection itself runs a full GC).</summary>
    private static async Task GcDumpAsync(Options options, Target target, string label)
    {
        if (options.GcDumpFolder is not { } folder || target.Pid is not { } pid)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var start = new ProcessStartInfo("dotnet-gcdump") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", Path.Combine(folder, label + ".gcdump") })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var tool = Process.Start(start)!;
            var output = tool.StandardOutput.ReadToEndAsync();
            var errors = tool.StandardError.ReadToEndAsync();
            await tool.WaitForExitAsync();
            Progress(tool.ExitCode == 0 ? $"heap snapshot {label} written" : $"dotnet-gcdump failed ({tool.ExitCode}): {await errors}{await output}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Progress($"dotnet-gcdump not found ({ex.Message}): install it with `dotnet tool install -g dotnet-gcdump`");
        }
    }

    private static async Task<long?> MemoryAsync(Target target)
    {
        if (target.Pid is not { } pid)
        {
            return null;
        }

        if (!await RemoteGc.CollectAsync(pid))
        {
            Progress("could not induce a GC in the portal (diagnostics off?): memory includes uncollected garbage");
        }

        return ProcStatus.ResidentBytes(pid);
    }

    private static string Report(Options options, Target target, List<SessionResult> results, MonthEndResult? monthEnd)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"## Live sessions ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, {target.Description})");
        s.AppendLine();
        s.AppendLine("| page | sessions | opened | open time | RSS before | RSS after | per idle session | UI events | p50 | p95 | max | failed events | circuits lost | load avg (before → after) |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var perSession = r.Before is { } b && r.After is { } a && r.Opened > 0 ? $"{(a - b) / 1024.0 / r.Opened:0} KB" : "n/a";
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Page} | {r.Sessions} | {r.Opened} | {r.OpenTime.TotalSeconds:0.0} s | {Mb(r.Before)} | {Mb(r.After)} | {perSession} | {r.Latencies.Length} | {Percentile(r.Latencies, 0.50)} | {Percentile(r.Latencies, 0.95)} | {Percentile(r.Latencies, 1.0)} | {r.EventFailures} | {r.Lost} | {r.LoadBefore} → {r.LoadAfter} |");
        }

        if (monthEnd is { } m)
        {
            s.AppendLine();
            s.AppendLine("| month end | nodes | units | submitted | wall time | reports / minute | type + submit p50 | p95 | RSS after (all nodes) | load avg (before → after) |");
            s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
            s.AppendLine(CultureInfo.InvariantCulture,
                $"| all units at once | {m.Nodes} | {m.Units} | {m.Submitted} | {m.Elapsed.TotalSeconds:0.0} s | {m.Submitted / m.Elapsed.TotalMinutes:0} | {Percentile(m.Latencies, 0.5)} | {Percentile(m.Latencies, 0.95)} | {Mb(m.ResidentBytes)} | {m.LoadBefore} → {m.LoadAfter} |");
        }

        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Options: sessions {string.Join(',', options.Sessions)}, events {options.Events} per session, think time up to {options.ThinkMs} ms, start concurrency {options.StartConcurrency}, portal GC {options.Gc ?? "as built (server)"}; RSS read after a full GC induced in the portal.");
        return s.ToString();
    }

    private static string Percentile(double[] values, double q)
    {
        if (values.Length == 0)
        {
            return "n/a";
        }

        var sorted = values.Order().ToArray();
        var index = Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1);
        return $"{sorted[index]:0} ms";
    }

    private static string Mb(long? bytes) => bytes is { } b ? $"{b / 1024.0 / 1024.0:0} MB" : "n/a";

    private static string DefaultWebDll()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AnjuPortal.sln")))
        {
            directory = directory.Parent;
        }

        var dll = directory is null ? null : Path.Combine(directory.FullName, "src", "AnjuPortal.Web", "bin", "Release", "net10.0", "AnjuPortal.Web.dll");
        return dll is not null && File.Exists(dll)
            ? dll
            : throw new InvalidOperationException("Build the portal first (dotnet build src/AnjuPortal.Web -c Release) or pass --web-dll.");
    }

    private static void Progress(string message)
        => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Clock.Elapsed.TotalSeconds,7:0.0}s] {message}"));

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleanup.
        }
    }

    private sealed record Target(IReadOnlyList<Uri> Addresses, int? Pid, IReadOnlyList<PortalSignIn> Identities, int? PeriodId, IReadOnlyList<LoadData.Unit> Units, string Description);

    private sealed record SessionResult(
        string Page, int Sessions, int Opened, TimeSpan OpenTime, long? Before, long? After, double[] Latencies, int EventFailures, int Lost, string LoadBefore, string LoadAfter);

    private sealed record MonthEndResult(int Units, int Submitted, TimeSpan Elapsed, double[] Latencies, int Nodes, string LoadBefore, string LoadAfter, long ResidentBytes);
}
