using System.Diagnostics;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>
/// Demo mode only: demo accounts and generated programme data. Everything is generated from a fixed seed, so every
/// demo install holds the same figures; no name, ID number or phone number belongs to a real person (see
/// <see cref="DemoPeople"/> and docs/demo-data.md). Runs once: a later start finds projects and does nothing.
/// </summary>
public static class DemoDataSeeder
{
    /// <summary>The seed of every random choice: the date of the notice 吉安居办〔2020〕18号.</summary>
    public const int RandomSeed = 20200727;

    private static readonly TimeZoneInfo ChinaStandardTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        await using (var db = provider.GetRequiredService<SystemDbContextFactory>().Create())
        {
            await DemoAccounts.SeedAsync(provider.GetRequiredService<UserManager<AppUser>>(), db, ct);
        }

        await SeedProgrammeAsync(
            provider.GetRequiredService<SystemDbContextFactory>(),
            provider.GetRequiredService<IPersonalDataCipher>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoDataSeeder)),
            ct);

        await DemoClosures.SeedAsync(
            provider.GetRequiredService<SystemDbContextFactory>(),
            provider.GetRequiredService<Application.OverdueResettlement.Closure.IEvidenceFileStore>(),
            provider.GetRequiredService<TimeProvider>(),
            ct);

        await DemoSupervision.SeedAsync(provider.GetRequiredService<SystemDbContextFactory>(), provider.GetRequiredService<TimeProvider>(), ct);

        // The dashboards read pre-aggregated statistics: sum them now rather than at the job's first run.
        await provider.GetRequiredService<Application.Dashboards.ProgressStatistics>().RefreshAllAsync(ct);

        // And the 月通报 of the last frozen month, so a new user finds the draft the job would write at its next run.
        await provider.GetRequiredService<Application.Supervision.MonthlyNotice.MonthlyNoticeDrafting>().DraftDueAsync(ct);
    }

    /// <summary>
    /// Generates 2020 (the notice's year) and the current year up to the month just ended, as the system. Returns
    /// what was added, or null when the database already holds projects (the marker that the demo data is there).
    /// </summary>
    public static async Task<DemoSeedSummary?> SeedProgrammeAsync(
        SystemDbContextFactory contexts, IPersonalDataCipher cipher, TimeProvider clock, ILogger logger, CancellationToken ct = default)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var db = contexts.Create();
        if (await db.Projects.AnyAsync(ct))
        {
            logger.LogInformation("Demo programme data already present; nothing to seed");
            return null;
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, ChinaStandardTime).DateTime);
        var (year, lastMonth) = ReportingPeriod.MonthJustEnded(today);

        var random = new Random(RandomSeed);
        var programme = new DemoProgramme(await DemoTree.LoadAsync(db, ct), random, new DemoPeople(random), cipher);
        DemoProgramme2020.Build(programme, year);
        if (year > DemoProgramme2020.Year)
        {
            DemoCurrentYear.Build(programme, year, lastMonth);
        }

        logger.LogDebug("Demo seed: generated in memory at {ElapsedMs} ms", stopwatch.ElapsedMilliseconds);

        // Bulk insert: the graphs are complete before they are added, so change detection is needed only once per save.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var existingPeriods = await db.ReportingPeriods.Select(p => new { p.Year, p.Month }).ToListAsync(ct);
        db.AnnualTargets.AddRange(programme.Targets);
        db.Projects.AddRange(programme.Projects.Select(p => p.Project));
        db.Projects.AddRange(programme.Ledger.SelectMany(b => b.Cases).Select(c => c.Project));
        db.ReportingPeriods.AddRange(DemoReports.NewPeriods(programme, existingPeriods.Select(p => (p.Year, p.Month)).ToList()));
        await SaveAsync(db, ct);
        logger.LogDebug("Demo seed: targets, projects and periods saved at {ElapsedMs} ms", stopwatch.ElapsedMilliseconds);

        var cases = programme.OpenCases();
        logger.LogDebug("Demo seed: ledger cases and households generated at {ElapsedMs} ms", stopwatch.ElapsedMilliseconds);
        db.OverdueCases.AddRange(cases);
        await SaveAsync(db, ct);
        logger.LogDebug("Demo seed: ledger saved at {ElapsedMs} ms", stopwatch.ElapsedMilliseconds);

        var periods = await db.ReportingPeriods.ToDictionaryAsync(p => (p.Year, p.Month), ct);
        var reports = DemoReports.Build(programme, periods, now);
        db.MonthlyReports.AddRange(reports);
        await SaveAsync(db, ct);

        var summary = new DemoSeedSummary(
            programme.Projects.Count + cases.Count,
            cases.Count,
            cases.Sum(c => c.Households.Count),
            reports.Count,
            stopwatch.Elapsed);
        logger.LogInformation(
            "Seeded demo programme data (2020 and {Year} to month {LastMonth}) in {ElapsedMs} ms: {Projects} projects, {Cases} ledger cases, {Households} households, {Reports} monthly reports",
            year, lastMonth, (long)summary.Elapsed.TotalMilliseconds, summary.Projects, summary.Cases, summary.Households, summary.Reports);
        return summary;
    }

    private static async Task SaveAsync(AppDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>What a demo seed added, and how long it took.</summary>
public sealed record DemoSeedSummary(int Projects, int Cases, int Households, int Reports, TimeSpan Elapsed);
