using System.Security.Cryptography;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.PersonalData;
using AnjuPortal.Infrastructure.Seed.Demo;
using AnjuPortal.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace AnjuPortal.Infrastructure.Tests.Seed.Demo;

/// <summary>Seeds one real SQLite file once (the seed is deterministic) and checks the figures the demo promises.</summary>
public sealed class DemoSeedFixture : IAsyncLifetime
{
    /// <summary>The clock the seeder reads: 26 November 2026, so the current year is reported up to October.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8)));

    public PersonalDataCipher Cipher { get; } = new(new EphemeralDataProtectionProvider(), new BlindIndexKey(RandomNumberGenerator.GetBytes(32)));

    public SqliteTestDatabase Database { get; private set; } = null!;

    public DemoSeedSummary Summary { get; private set; } = null!;

    /// <summary>CPU time the seed used (wall time depends on what else runs on the machine).</summary>
    public TimeSpan ProcessorTime { get; private set; }

    /// <summary>What the seeder logged (phase timings), printed by a test for the record.</summary>
    public ListLogger Log { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await SqliteTestDatabase.CreateAsync();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        Summary = await DemoDataSeeder.SeedProgrammeAsync(Database.SystemFactory, Cipher, Clock, Log)
            ?? throw new InvalidOperationException("The first seed of an empty database must add data.");
        ProcessorTime = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

public sealed class DemoDataSeederTests(DemoSeedFixture fixture, ITestOutputHelper output) : IClassFixture<DemoSeedFixture>
{
    private const string ProvinceCode = "220000";

    [Fact]
    public async Task SeedProgramme_ReproducesTheNoticeFigures_AtTheEndOfJune2020()
    {
        output.WriteLine($"Seed: {fixture.Summary}, processor time {fixture.ProcessorTime}");
        fixture.Log.Lines.ForEach(output.WriteLine);
        await using var db = fixture.Database.CreateSystemContext();
        var province = await db.Jurisdictions.SingleAsync(j => j.Code == ProvinceCode);
        var target = await db.AnnualTargets.SingleAsync(t => t.JurisdictionId == province.Id && t.Year == 2020);
        var (started, resolved) = await JuneTotalsAsync(db, province.Path);

        Assert.InRange(target.UnitsToStart, 17_900, 18_100);
        Assert.InRange(target.OverdueHouseholdsToResolve, 10_750, 10_950);
        Assert.InRange(started, 7_466, 7_476);
        Assert.InRange(resolved, 1_818, 1_828);
        Assert.InRange(100.0 * started / target.UnitsToStart, 41.2, 41.8);
        Assert.InRange(100.0 * resolved / target.OverdueHouseholdsToResolve, 16.5, 17.1);
    }

    [Fact]
    public async Task SeedProgramme_LeavesCitiesUneven_TwoFarBehindAndOneAhead()
    {
        await using var db = fixture.Database.CreateSystemContext();
        var cities = await db.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Prefecture).ToListAsync();
        var shares = new Dictionary<string, double>();
        foreach (var city in cities)
        {
            var target = await db.AnnualTargets.SingleAsync(t => t.JurisdictionId == city.Id && t.Year == 2020);
            var (started, _) = await JuneTotalsAsync(db, city.Path);
            shares[city.Name] = 100.0 * started / target.UnitsToStart;
        }

        output.WriteLine(string.Join(", ", shares.Select(s => $"{s.Key} {s.Value:0.0} %")));
        Assert.True(shares.Count(s => s.Value < 30) >= 2, "two cities should be far behind (below 30 % at the end of June)");
        Assert.Contains(shares, s => s.Value > 55);
    }

    [Fact]
    public async Task SeedProgramme_TargetsOfEveryParent_AreTheSumOfItsChildren()
    {
        await using var db = fixture.Database.CreateSystemContext();
        var nodes = await db.Jurisdictions.AsNoTracking().ToListAsync();
        var targets = await db.AnnualTargets.AsNoTracking().ToListAsync();
        var checkedParents = 0;
        foreach (var year in targets.Select(t => t.Year).Distinct())
        {
            var byNode = targets.Where(t => t.Year == year).ToDictionary(t => t.JurisdictionId);
            foreach (var parent in nodes.Where(n => n.Level < JurisdictionLevel.County))
            {
                var children = nodes.Where(n => n.ParentId == parent.Id).Select(n => byNode[n.Id]).ToList();
                Assert.Equal(children.Sum(c => c.UnitsToStart), byNode[parent.Id].UnitsToStart);
                Assert.Equal(children.Sum(c => c.UnitsToComplete), byNode[parent.Id].UnitsToComplete);
                Assert.Equal(children.Sum(c => c.OverdueHouseholdsToResolve), byNode[parent.Id].OverdueHouseholdsToResolve);
                checkedParents++;
            }
        }

        Assert.Equal(2 * 11, checkedParents); // 2020 and 2026: the province and its ten prefecture-level units
    }

    [Fact]
    public async Task SeedProgramme_HoldsAllNineCategories_AndAboutElevenThousandHouseholds()
    {
        await using var db = fixture.Database.CreateSystemContext();
        var categories = await db.OverdueCases.Select(c => c.Category).Distinct().ToListAsync();
        Assert.Equal(Enum.GetValues<OverdueCategory>().Order(), categories.Order());
        Assert.InRange(await db.OverdueHouseholds.CountAsync(), 10_500, 12_000);
        Assert.All(await db.OverdueHouseholds.Select(h => h.PromisedDate).Distinct().ToListAsync(), d => Assert.True(d.Year < 2026));
    }

    [Fact]
    public async Task SeedProgramme_GeneratesValidUniqueIdNumbers_InTheCaseCounty()
    {
        await using var db = fixture.Database.CreateSystemContext();
        var households = await db.OverdueHouseholds.AsNoTracking()
            .Select(h => new { h.IdNumberCipher, h.IdNumberIndex, h.IdNumberMasked, CountyCode = h.Jurisdiction!.Code, h.Jurisdiction.IsFunctionalZone })
            .ToListAsync();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var household in households)
        {
            var plain = fixture.Cipher.Unprotect(household.IdNumberCipher);
            Assert.True(IdCardNumber.TryParse(plain, out var id, out var error), error);
            Assert.True(seen.Add(id.Value), "ID numbers must be unique");
            Assert.Equal(id.Masked, household.IdNumberMasked);
            Assert.Equal(fixture.Cipher.BlindIndex(id.Value), household.IdNumberIndex);
            Assert.InRange(int.Parse(id.Value.AsSpan(6, 4), System.Globalization.CultureInfo.InvariantCulture), 1940, 1995);
            if (!household.IsFunctionalZone)
            {
                Assert.StartsWith(household.CountyCode, id.Value, StringComparison.Ordinal);
            }
        }

        Assert.Equal(households.Count, seen.Count);
    }

    [Fact]
    public async Task SeedProgramme_KeepsProjectsConsistent_WithTheirLatestApprovedReport()
    {
        await using var db = fixture.Database.CreateSystemContext();
        var projects = await db.Projects.AsNoTracking().Include(p => p.Funding).ToListAsync();
        var reports = await db.MonthlyReports.AsNoTracking().AsSplitQuery().Include(r => r.ReportingPeriod).ToListAsync();
        var latestLines = reports
            .SelectMany(r => r.ProjectLines.Select(l => new { l.ProjectId, r.ReportingPeriod!.Year, r.ReportingPeriod.Month, l.UnitsStarted, l.UnitsBasicallyCompleted }))
            .ToList();
        var latest = latestLines.GroupBy(l => l.ProjectId).ToDictionary(g => g.Key, g => g.OrderBy(l => l.Year * 100 + l.Month).Last());

        var lastReport = reports
            .SelectMany(r => r.ProjectLines.Select(l => (l.ProjectId, Report: r)))
            .GroupBy(x => x.ProjectId)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.Report.ReportingPeriod!.Year * 100 + x.Report.ReportingPeriod.Month).Last().Report);
        foreach (var project in projects.Where(p => p.BatchYear is 2020 or 2026))
        {
            var line = latest[project.Id];
            Assert.Equal(line.UnitsStarted, project.UnitsStarted);
            Assert.Equal(line.UnitsBasicallyCompleted, project.UnitsBasicallyCompleted);

            // The register holds the figures of the latest approved report, money and expropriation included, as an approval leaves it.
            var report = lastReport[project.Id];
            var figures = report.FiguresOf(project.Id)!;
            Assert.Equal(report.ReportingPeriod!.MonthEnd, project.ProgressAsOf);
            Assert.Equal((figures.HouseholdsSigned, figures.HouseholdsMovedOut), (project.HouseholdsSigned, project.HouseholdsMovedOut));
            Assert.Equal(
                figures.Funds.Select(f => (f.Source, f.Received, f.Spent)),
                project.Funding.OrderBy(f => f.Source).Select(f => (f.Source, f.Received, f.Spent)));
        }

        Assert.All(projects.Where(p => p.UnitsStarted > 0), p =>
        {
            Assert.True(p.Stage >= ProjectStage.UnderConstruction, p.Code);
            Assert.NotNull(p.ActualStartDate);
        });
        Assert.All(projects.SelectMany(p => p.Funding), f => Assert.True(f.Spent <= f.Received && f.Received <= f.Allocated));
        Assert.Contains(projects, p => p.BatchYear == 2026 && p.UnitsStarted > 0);
    }

    [Fact]
    public async Task SeedProgramme_OpensPeriodsUpToLastMonth_WithAReportPerCountyAndMonth()
    {
        await using var db = fixture.Database.CreateSystemContext();
        var periods = await db.ReportingPeriods.OrderBy(p => p.Year).ThenBy(p => p.Month).Select(p => new { p.Year, p.Month }).ToListAsync();
        Assert.Equal(22, periods.Count);
        Assert.Equal(new { Year = 2026, Month = 10 }, periods[^1]);
        var reportingUnits = await db.Jurisdictions.CountAsync(j => j.ParentId != null);
        Assert.Equal(reportingUnits * periods.Count, await db.MonthlyReports.CountAsync(r => r.Status == Domain.Reporting.ReportStatus.Approved));
        Assert.Equal(0, await db.MonthlyReports.CountAsync(r => r.FirstSubmittedAt == null || r.DaysLate == null));
    }

    [Fact]
    public async Task SeedProgramme_ReportsWhatTheRulesAccept_AndALateFewWithAReason()
    {
        await using var db = fixture.Database.CreateSystemContext();
        var reports = await db.MonthlyReports.AsNoTracking().AsSplitQuery().Include(r => r.ReportingPeriod).ToListAsync();
        Assert.All(reports.SelectMany(r => r.FundingLines), f => Assert.True(f.Spent <= f.Received));
        Assert.All(reports.SelectMany(r => r.ProjectLines), l => Assert.True(l.HouseholdsMovedOut <= l.HouseholdsSigned && l.UnitsBasicallyCompleted <= l.UnitsStarted));
        Assert.All(reports.SelectMany(r => r.CaseLines), l => Assert.True(l.ResolvedEarlierInYear >= 0));
        Assert.Contains(reports.SelectMany(r => r.CaseLines), l => l.ResolvedThisMonth.Monetary > 0 && l.ResolvedThisMonth.ReturnResettlement > 0);

        var late = reports.Where(r => r.DaysLate > 0).ToList();
        Assert.NotEmpty(late);
        Assert.All(late, r => Assert.False(string.IsNullOrWhiteSpace(r.LateReason)));
        Assert.All(late, r => Assert.Equal(r.ReportingPeriod!.DaysLate(r.FirstSubmittedAt!.Value), r.DaysLate));
        Assert.InRange(late.Count, 1, reports.Count / 10);

        // Every month's case lines add up: the year's cumulative figure is the months' resolutions so far.
        foreach (var unit in reports.GroupBy(r => (r.JurisdictionId, r.ReportingPeriod!.Year)))
        {
            var sums = new Dictionary<int, int>();
            foreach (var report in unit.OrderBy(r => r.ReportingPeriod!.Month))
            {
                foreach (var line in report.CaseLines)
                {
                    sums[line.CaseId] = sums.GetValueOrDefault(line.CaseId) + line.ResolvedThisMonth.Total;
                    Assert.Equal(sums[line.CaseId], line.HouseholdsResolved);
                }
            }
        }
    }

    [Fact]
    public async Task SeedProgramme_AddsNothing_WhenRunAgain()
    {
        int Count(AnjuPortal.Infrastructure.Persistence.AppDbContext db) => db.Projects.Count() + db.OverdueHouseholds.Count() + db.MonthlyReports.Count() + db.AnnualTargets.Count() + db.ReportingPeriods.Count();
        int before;
        await using (var db = fixture.Database.CreateSystemContext())
        {
            before = Count(db);
        }

        var second = await DemoDataSeeder.SeedProgrammeAsync(fixture.Database.SystemFactory, fixture.Cipher, fixture.Clock, NullLogger.Instance);

        Assert.Null(second);
        await using (var db = fixture.Database.CreateSystemContext())
        {
            Assert.Equal(before, Count(db));
        }
    }

    private static async Task<(int Started, int Resolved)> JuneTotalsAsync(AnjuPortal.Infrastructure.Persistence.AppDbContext db, string scopePath)
    {
        var june = db.MonthlyReports.AsNoTracking().Where(r =>
            r.ReportingPeriod!.Year == 2020 && r.ReportingPeriod.Month == 6
            && r.Status == Domain.Reporting.ReportStatus.Approved
            && r.Jurisdiction!.Path.StartsWith(scopePath));
        var started = await june.SelectMany(r => r.ProjectLines).SumAsync(l => l.UnitsStarted);
        var resolved = await june.SelectMany(r => r.CaseLines).SumAsync(l => l.HouseholdsResolved);
        return (started, resolved);
    }
}

/// <summary>Keeps log lines in memory so a test can print them.</summary>
public sealed class ListLogger : Microsoft.Extensions.Logging.ILogger
{
    public List<string> Lines { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => Lines.Add(formatter(state, exception));
}
