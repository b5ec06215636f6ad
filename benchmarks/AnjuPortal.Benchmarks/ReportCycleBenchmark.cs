using System.Diagnostics;
using System.Globalization;
using System.Text;
using AnjuPortal.Application.Exports;
using AnjuPortal.Application.Reporting;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.Domain.Targets;
using AnjuPortal.Infrastructure.Auditing;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace AnjuPortal.Benchmarks;

/// <summary>
/// The monthly report cycle at the size of a large province (issue 3's benchmark): a synthetic tree of 60 cities with
/// 50 counties each (3,000 counties), 50,000 projects of the 2020 batch (5,000 of them in one county, the rest about 15
/// per county), targets for every unit, and May 2020 approved for every county. Timed, median of several runs:
/// opening a period (and the province's first completeness list of it, and the big county starting its 5,000-line
/// draft), importing a 5,000-row month for the big county (dry run, and dry run + commit), and exporting the
/// province-wide period table. Data are generated once per provider and not timed.
/// </summary>
internal static class ReportCycleBenchmark
{
    private const int Cities = 60;
    private const int CountiesPerCity = 50;
    private const int Projects = 50_000;
    private const int BigCountyProjects = 5_000;
    private const int Year = 2020;

    public sealed record Result(string Provider, string DataSize, TimeSpan Generation, List<(string Name, Stats Stats)> Timings);

    public static async Task<Result> RunAsync(string provider, Options options, Func<Task<TestDatabase>> create, Action<string> progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        // A fresh database holding the Jilin tree; the synthetic province is added beside it as a second root (tenancy by
        // path keeps the two apart).
        await using var database = await create();
        database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));
        var generation = Stopwatch.StartNew();
        var data = await GenerateAsync(database, progress);
        generation.Stop();
        progress($"{provider}: report-cycle data generated in {generation.Elapsed.TotalSeconds:F1} s");

        var province = TestUser.At(data.Root, Roles.ProvinceAdministrator);
        var county = TestUser.At(data.BigCounty, Roles.CountyOperator);
        var periods = new ReportingPeriods(database.FactoryFor(province), province, database.Clock, Microsoft.Extensions.Options.Options.Create(new ReportingOptions()));
        var completeness = new ReportingCompleteness(database.FactoryFor(province), province, database.Clock);
        var entry = new MonthlyReportEntry(database.FactoryFor(county), county, database.Clock);
        var import = new ReportImport(database.FactoryFor(county), county, database.Clock);
        var export = new ReportTableExport(database.FactoryFor(province), new AuditLog(database.SystemFactory, province, database.Clock), province, database.Clock);

        var timings = new List<(string, List<double>)>
        {
            ("ReportingPeriods.OpenAsync (one new month)", []),
            ("ReportingCompleteness.ForPeriodAsync, province, new period (3,000 counties + 60 cities)", []),
            ("MonthlyReportEntry.StartOrGetDraftAsync, big county, new period (5,000 project lines)", []),
            ("ReportImport.DryRunAsync, 5,000 project rows", []),
            ("ReportImport.CommitAsync, 5,000 project rows (check + SaveDraftAsync)", []),
            ("ReportTableExport.ExportAsync, province, May 2020 (50,000 approved lines)", []),
        };

        var template = await import.TemplateAsync(data.JuneId, data.BigCounty.Id);
        var book = ReadBook(template.Value!.Content);
        for (var run = 0; run < options.ReportRuns + 1; run++)
        {
            // Run 0 is a warm-up (JIT, connection pool, query compilation) and is not counted.
            var samples = new List<double>();
            var opened = 0;
            samples.Add(await TimeAsync(async () => opened = (await periods.OpenAsync(2021, run + 1)).Value));
            samples.Add(await TimeAsync(async () => await completeness.ForPeriodAsync(opened)));
            samples.Add(await TimeAsync(async () => await entry.StartOrGetDraftAsync(opened, data.BigCounty.Id)));

            foreach (var row in book["项目进度"])
            {
                row["累计开工（套）"] = 41 + run;
            }

            var file = WriteBook(book);
            samples.Add(await TimeAsync(async () => Check(await import.DryRunAsync(data.JuneId, data.BigCounty.Id, new MemoryStream(file)))));
            samples.Add(await TimeAsync(async () => Check(await import.CommitAsync(data.JuneId, data.BigCounty.Id, new MemoryStream(file)))));
            samples.Add(await TimeAsync(async () => await export.ExportAsync(data.MayId)));
            progress($"{provider} run {run}{(run == 0 ? " (warm-up)" : "")}: {string.Join(", ", samples.Select(s => s.ToString("F0", CultureInfo.InvariantCulture) + " ms"))}");
            if (run > 0)
            {
                for (var i = 0; i < samples.Count; i++)
                {
                    timings[i].Item2.Add(samples[i]);
                }
            }
        }

        var size = $"{Cities} cities, {Cities * CountiesPerCity:N0} counties, {Projects:N0} projects (one county with {BigCountyProjects:N0}), {Cities * CountiesPerCity:N0} approved May reports";
        return new Result(provider, size, generation.Elapsed, timings.Select(t => (t.Item1, Stats.Of(t.Item2))).ToList());
    }

    public static string Render(IReadOnlyList<Result> results, Options options)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine("### Monthly report cycle at 3,000 counties");
        s.AppendLine();
        s.AppendLine(inv, $"* Data: {results[0].DataSize}; generated once per provider (not timed)");
        s.AppendLine(inv, $"* Runs: 1 warm-up then {options.ReportRuns} timed runs per operation");
        s.AppendLine();
        s.AppendLine("| provider | operation | median ms | p95 ms | min ms | max ms |");
        s.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            foreach (var (name, stats) in r.Timings)
            {
                s.AppendLine(inv, $"| {r.Provider} | {name} | {stats.Median:F0} | {stats.P95:F0} | {stats.Min:F0} | {stats.Max:F0} |");
            }
        }

        s.AppendLine();
        foreach (var r in results)
        {
            s.AppendLine(inv, $"* {r.Provider}: data generation {r.Generation.TotalSeconds:F1} s");
        }

        return s.ToString();
    }

    private static void Check(ImportResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The benchmark's import failed: " + string.Join("; ", result.Errors.Take(5)));
        }
    }

    private static async Task<double> TimeAsync(Func<Task> operation)
    {
        var stopwatch = Stopwatch.StartNew();
        await operation();
        // Each operation as it ends: a slow one is visible before the run is over.
        Console.Error.WriteLine($"  {stopwatch.Elapsed.TotalMilliseconds:F0} ms");
        return stopwatch.Elapsed.TotalMilliseconds;
    }

    private sealed record Data(Jurisdiction Root, Jurisdiction BigCounty, int MayId, int JuneId);

    private static async Task<Data> GenerateAsync(TestDatabase database, Action<string> progress)
    {
        var random = new Random(20200727);
        var root = Jurisdiction.CreateRoot("900000", "基准省", JurisdictionLevel.Province);
        var counties = new List<Jurisdiction>();
        var cities = new List<Jurisdiction>();
        for (var c = 1; c <= Cities; c++)
        {
            var city = root.AddChild($"9{c:D2}000", $"基准市{c:D2}", JurisdictionLevel.Prefecture);
            cities.Add(city);
            for (var k = 1; k <= CountiesPerCity; k++)
            {
                counties.Add(city.AddChild($"9{c:D2}{k:D3}", $"基准市{c:D2}县{k:D3}", JurisdictionLevel.County));
            }
        }

        await using (var db = database.CreateSystemContext())
        {
            db.Jurisdictions.Add(root);
            await db.SaveChangesAsync();
        }

        progress($"tree saved: {counties.Count} counties");
        var may = ReportingPeriod.Open(Year, 5);
        may.Freeze();
        var june = ReportingPeriod.Open(Year, 6);
        var projects = new List<RenovationProject>(Projects);
        var details = new RenovationProject.Details("基准棚改项目", Year, 100, ResettlementMode.InKind, "张三", new DateOnly(Year, 3, 1), new DateOnly(Year + 2, 10, 1));
        for (var i = 0; i < BigCountyProjects; i++)
        {
            projects.Add(RenovationProject.Register($"BIG-{i:D5}", counties[0].Id, details));
        }

        for (var i = BigCountyProjects; i < Projects; i++)
        {
            projects.Add(RenovationProject.Register($"P-{i:D6}", counties[1 + ((i - BigCountyProjects) % (counties.Count - 1))].Id, details));
        }

        await SaveInChunksAsync(database, projects, (db, chunk) => db.Projects.AddRange(chunk));
        progress($"projects saved: {projects.Count:N0}");

        var targets = new List<AnnualTarget> { AnnualTarget.Create(root.Id, Year, Projects * 100, Projects * 50, 0) };
        targets.AddRange(cities.Select(c => AnnualTarget.Create(c.Id, Year, random.Next(50_000, 100_000), random.Next(20_000, 50_000), 0)));
        targets.AddRange(counties.Select(c => AnnualTarget.Create(c.Id, Year, random.Next(1_000, 2_000), random.Next(400, 1_000), 0)));
        await using (var db = database.CreateSystemContext())
        {
            db.ReportingPeriods.AddRange(may, june);
            db.AnnualTargets.AddRange(targets);
            await db.SaveChangesAsync();
        }

        var submitted = new DateTimeOffset(2020, 6, 4, 1, 0, 0, TimeSpan.Zero);
        var reports = projects.GroupBy(p => p.JurisdictionId).Select(g =>
        {
            var report = MonthlyReport.StartDraft(g.Key, may.Id);
            foreach (var p in g)
            {
                report.SetProjectLine(p.Id, new ProjectFigures(random.Next(0, 41), 0, 0m, 0, 0, []));
            }

            report.MarkApproved(submitted, submitted.AddDays(3));
            return report;
        }).ToList();
        await SaveInChunksAsync(database, reports, (db, chunk) => db.MonthlyReports.AddRange(chunk), chunkSize: 300);
        progress($"May reports saved: {reports.Count:N0}");
        return new Data(root, counties[0], may.Id, june.Id);
    }

    private static async Task SaveInChunksAsync<T>(TestDatabase database, List<T> items, Action<Infrastructure.Persistence.AppDbContext, IEnumerable<T>> add, int chunkSize = 10_000)
    {
        for (var i = 0; i < items.Count; i += chunkSize)
        {
            await using var db = database.CreateSystemContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            add(db, items.Skip(i).Take(chunkSize));
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
        }
    }

    private static Dictionary<string, List<Dictionary<string, object?>>> ReadBook(byte[] content)
    {
        using var stream = new MemoryStream(content);
        var book = new Dictionary<string, List<Dictionary<string, object?>>>();
        foreach (var sheet in MiniExcel.GetSheetNames(stream))
        {
            stream.Position = 0;
            book[sheet] = MiniExcel.Query(stream, useHeaderRow: true, sheetName: sheet)
                .Select(r => new Dictionary<string, object?>((IDictionary<string, object?>)r)).ToList();
        }

        return book;
    }

    private static byte[] WriteBook(Dictionary<string, List<Dictionary<string, object?>>> book)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(book.ToDictionary(s => s.Key, s => (object)s.Value), excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
