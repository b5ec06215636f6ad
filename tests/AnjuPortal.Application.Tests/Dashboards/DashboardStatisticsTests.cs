using System.Text.Json;
using AnjuPortal.Application.Dashboards;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.Infrastructure.Seed.Demo;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Tests.Dashboards;

/// <summary>
/// The demo programme (2020 with the notice's June figures, and 2026 to October; every month approved, all but October
/// frozen) seeded once per provider, its statistics summed by <see cref="ProgressStatistics"/>; the tests compare every
/// dashboard figure with the same figure computed here, independently, from the rows.
/// </summary>
/// <summary>One seeded database per test class; created on the first test's call, with the class's provider.</summary>
public sealed class DashboardStatisticsFixture : IAsyncLifetime
{
    private Task? _ready;

    public TestDatabase Database { get; private set; } = null!;

    public Task ReadyAsync(Func<Task<TestDatabase>> create) => _ready ??= SeedAsync(create);

    private async Task SeedAsync(Func<Task<TestDatabase>> create)
    {
        Database = await create();
        Database.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero)); // 10:00 in China; UTC, as PostgreSQL stores it
        _ = await DemoDataSeeder.SeedProgrammeAsync(Database.SystemFactory, TestCipher.Create(), Database.Clock, NullLogger.Instance);
        await Statistics().RefreshAllAsync();
    }

    public ProgressStatistics Statistics() => new(Database.SystemFactory, Database.Clock, NullLogger<ProgressStatistics>.Instance);

    public async Task<ICurrentUser> UserAsync(string code, string role) => TestUser.At(await Database.JurisdictionAsync(code), role);

    public ProgressDashboard Dashboard(ICurrentUser user) => new(Database.FactoryFor(user), user, Database.Clock, Options.Create(new DashboardOptions()));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_ready is not null)
        {
            await Database.DisposeAsync();
        }
    }
}

public abstract class DashboardStatisticsTests(DashboardStatisticsFixture seeded, Func<Task<TestDatabase>> create) : IAsyncLifetime
{
    private readonly DashboardStatisticsFixture fixture = seeded;

    public Task InitializeAsync() => fixture.ReadyAsync(create);

    public Task DisposeAsync() => Task.CompletedTask;

    private const string Province = "220000";
    private const string Changchun = "220100";

    [Theory]
    [InlineData(2020, 6)]
    [InlineData(2020, 12)]
    [InlineData(2026, 9)]
    [InlineData(2026, 10)]
    public async Task EveryFigure_OfTheProvinceAndEachCity_EqualsTheSameFigureSummedFromTheRows(int year, int month)
    {
        var rows = await Rows.LoadAsync(fixture.Database);
        var reviewer = await fixture.UserAsync(Province, Roles.ProvinceReviewer);
        var province = await fixture.Dashboard(reviewer).ForAsync(null, year, month);

        Assert.NotNull(province);
        Assert.Equal((year, month), (province.Year, province.Month));
        Assert.Equal(rows.ChildrenOf(Province), province.Children.Count);
        Assert.Equal(10, province.Children.Count); // nine cities and prefectures, and 长白山管委会
        AssertFigures(rows, province.Unit, year, month);
        foreach (var city in province.Children)
        {
            AssertFigures(rows, city.Progress, year, month);
            var cityView = await fixture.Dashboard(reviewer).ForAsync(city.Progress.Unit.Id, year, month);
            Assert.NotNull(cityView);
            foreach (var county in cityView.Children)
            {
                AssertFigures(rows, county.Progress, year, month);
            }
        }

        // The trend: every month up to this one, the province's cumulative figures at that month's end.
        Assert.Equal(Enumerable.Range(1, month), province.Trend.Select(t => t.Month));
        foreach (var point in province.Trend)
        {
            var expected = rows.Expected(Province, year, point.Month);
            Assert.Equal((expected.Started, expected.Completed, expected.Resolved), (point.UnitsStarted, point.UnitsBasicallyCompleted, point.HouseholdsResolved));
        }
    }

    [Fact]
    public async Task TheNoticeFigures_AtTheEndOfJune2020_AreWhatTheDashboardShows()
    {
        var reviewer = await fixture.UserAsync(Province, Roles.ProvinceReviewer);
        var june = await fixture.Dashboard(reviewer).ForAsync(null, 2020, 6);

        Assert.NotNull(june);
        Assert.Equal(50.0m, june.TimeProgress);
        Assert.InRange(june.Unit.Started.TaskProgress!.Value, 41.2m, 41.8m);
        Assert.InRange(june.Unit.Households.TaskProgress!.Value, 16.5m, 17.1m);
        Assert.True(june.Unit.Started.Gap < -8m);
    }

    [Fact]
    public async Task TheRanking_OrdersCitiesByTaskProgress_AndKnowsLastMonthsRank()
    {
        var reviewer = await fixture.UserAsync(Province, Roles.ProvinceReviewer);
        var view = await fixture.Dashboard(reviewer).ForAsync(null, 2026, 9);

        Assert.NotNull(view);
        var shares = view.Children.Select(c => c.Progress.Started.TaskProgress ?? -1m).ToList();
        Assert.Equal(shares.OrderByDescending(s => s), shares);
        Assert.Equal(1, view.Children[0].Rank);
        Assert.All(view.Children, c => Assert.NotNull(c.RankLastMonth));
        var august = await fixture.Dashboard(reviewer).ForAsync(null, 2026, 8);
        Assert.NotNull(august);
        foreach (var city in view.Children)
        {
            Assert.Equal(august.Children.Single(c => c.Progress.Unit.Id == city.Progress.Unit.Id).Rank, city.RankLastMonth);
        }
    }

    [Fact]
    public async Task ByDefault_TheLatestFrozenMonthIsShown_WithTheLiveMonthOffered()
    {
        var reviewer = await fixture.UserAsync(Province, Roles.ProvinceReviewer);
        var view = await fixture.Dashboard(reviewer).ForAsync();

        Assert.NotNull(view);
        Assert.Equal((2026, 9, true), (view.Year, view.Month, view.Frozen));
        Assert.Equal(Enumerable.Range(1, 10), view.Months.Select(m => m.Month));
        Assert.False(view.Months.Single(m => m.Month == 10).Frozen);
        // Today is 26 November 2026: 30 September passed 57 days ago, the year ends in 35 days.
        Assert.Equal(-57, view.Deadlines.Single(d => d.Measure == DashboardMeasure.UnitsStarted).DaysLeft);
        Assert.Equal(35, view.Deadlines.Single(d => d.Measure == DashboardMeasure.HouseholdsResolved).DaysLeft);
    }

    [Fact]
    public async Task TheLiveSum_BuildsExactlyTheSameDashboard_AsTheStoredStatistics()
    {
        var reviewer = await fixture.UserAsync(Province, Roles.ProvinceReviewer);
        var city = await fixture.Database.JurisdictionAsync(Changchun);
        foreach (var (unit, month) in new (int?, int)[] { (null, 9), (null, 10), (city.Id, 10) })
        {
            var stored = await fixture.Dashboard(reviewer).ForAsync(unit, 2026, month);
            var live = await fixture.Dashboard(reviewer).LiveAsync(unit, 2026, month);
            Assert.NotNull(stored);
            Assert.Equal(JsonSerializer.Serialize(stored), JsonSerializer.Serialize(live));
        }
    }

    [Fact]
    public async Task ACityUser_SeesItsOwnSubtree_AndNoOtherCity()
    {
        var changchun = await fixture.UserAsync(Changchun, Roles.CityOperator);
        var jilin = await fixture.Database.JurisdictionAsync("220200");

        var own = await fixture.Dashboard(changchun).ForAsync();
        var other = await fixture.Dashboard(changchun).ForAsync(jilin.Id);

        Assert.NotNull(own);
        Assert.Equal(Changchun, own.Unit.Unit.Code);
        Assert.Empty(own.Trail);
        Assert.Null(other);
    }

    [Fact]
    public async Task ACounty_ListsItsProjects_MostBehindFirst_AndTheyAddUpToItsFigure()
    {
        var reviewer = await fixture.UserAsync(Province, Roles.ProvinceReviewer);
        var city = await fixture.Dashboard(reviewer).ForAsync((await fixture.Database.JurisdictionAsync(Changchun)).Id, 2026, 9);
        Assert.NotNull(city);
        var countyId = city.Children.First(c => c.Progress.Projects > 0).Progress.Unit.Id;

        var county = await fixture.Dashboard(reviewer).ForAsync(countyId, 2026, 9);

        Assert.NotNull(county);
        Assert.Empty(county.Children);
        Assert.Equal(county.Unit.Projects, county.Projects.Count);
        Assert.Equal(county.Unit.Started.Done, county.Projects.Sum(p => (long)p.UnitsStarted));
        Assert.Equal(county.Projects.OrderByDescending(p => p.Lagging).ThenBy(p => p.TaskProgress ?? 0m).Select(p => p.ProjectId), county.Projects.Select(p => p.ProjectId));
        Assert.Equal(2, county.Trail.Count);
    }

    [Fact]
    public async Task ResolvingAHousehold_MovesTheLiveMonth_OfItsCountyCityAndProvince_AndNoFrozenMonth()
    {
        var province = await fixture.Database.JurisdictionAsync(Province);
        int householdId, countyId;
        await using (var db = fixture.Database.CreateSystemContext())
        {
            var household = await db.OverdueHouseholds.Where(h => h.ResolvedOn == null).OrderBy(h => h.Id).FirstAsync();
            (householdId, countyId) = (household.Id, household.JurisdictionId);
        }

        var county = await fixture.Database.CreateSystemContext().Jurisdictions.SingleAsync(j => j.Id == countyId);
        var chain = await fixture.Database.CreateSystemContext().Jurisdictions.Where(j => county.Path.StartsWith(j.Path)).Select(j => j.Id).ToListAsync();
        var before = await StatsAsync(chain);
        var clerk = TestUser.At(county, Roles.CountyOperator);
        var resolve = new HouseholdResolve(fixture.Database.FactoryFor(clerk), clerk, fixture.Database.Clock, fixture.Statistics());

        var result = await resolve.ResolveAsync(householdId, new ResolutionInput { Method = ResolutionMethod.Monetary, ResolvedOn = new DateTime(2026, 10, 20) });

        Assert.True(result.Succeeded, result.ToString());
        var after = await StatsAsync(chain);
        Assert.Equal(3, chain.Count);
        Assert.Contains(province.Id, chain);
        foreach (var id in chain)
        {
            Assert.Equal(before[(id, 10)].HouseholdsResolved + 1, after[(id, 10)].HouseholdsResolved);
            Assert.Equal(before[(id, 10)].HouseholdsWaiting - 1, after[(id, 10)].HouseholdsWaiting);
            Assert.Equal(before[(id, 9)], after[(id, 9)]);
        }
    }

    [Fact]
    public async Task TheStatisticsJob_RunTwice_WritesNoFrozenRowAgain_AndLeavesOneRowPerUnitAndMonth()
    {
        var first = await fixture.Statistics().RefreshAllAsync();
        var second = await fixture.Statistics().RefreshAllAsync();

        await using var db = fixture.Database.CreateSystemContext();
        var units = await db.Jurisdictions.CountAsync();
        var openRows = await db.ProgressStats.CountAsync(s => s.Year == 2026 && s.Month == 10);
        Assert.Equal(units, openRows);
        Assert.Equal(units, first);
        Assert.Equal(units, second);
        Assert.Equal(0, await db.ProgressStats.GroupBy(s => new { s.JurisdictionId, s.Year, s.Month }).CountAsync(g => g.Count() > 1));
        Assert.Equal(await db.ProgressStats.CountAsync() - units, await db.ProgressStats.CountAsync(s => s.Frozen));
    }

    private async Task<Dictionary<(int Unit, int Month), Domain.Progress.ProgressFigures>> StatsAsync(List<int> units)
    {
        await using var db = fixture.Database.CreateSystemContext();
        return (await db.ProgressStats.AsNoTracking().Where(s => s.Year == 2026 && units.Contains(s.JurisdictionId)).ToListAsync())
            .ToDictionary(s => (s.JurisdictionId, s.Month), s => s.Figures);
    }

    private static void AssertFigures(Rows rows, UnitProgress actual, int year, int month)
    {
        var expected = rows.Expected(actual.Unit.Code, year, month);
        Assert.Equal(expected, (
            actual.Started.Plan, actual.Started.Done, actual.Completed.Plan, actual.Completed.Done,
            actual.Households.Plan, actual.Households.Done, actual.HouseholdsWaiting, actual.Projects, actual.InvestmentCompleted));
    }

    /// <summary>The rows themselves, loaded whole, and the figures summed from them the plain way.</summary>
    private sealed class Rows
    {
        private List<Jurisdiction> _units = [];
        private Dictionary<(int Unit, int Year), (int Start, int Complete, int Households)> _targets = [];
        private List<(int Unit, int Year, int Month, int Revision, List<ProjectProgressLine> Lines)> _approved = [];
        private Dictionary<int, int> _batchYear = [];
        private List<(int Unit, DateOnly? ResolvedOn)> _households = [];

        public static async Task<Rows> LoadAsync(TestDatabase database)
        {
            await using var db = database.CreateSystemContext();
            var periods = await db.ReportingPeriods.AsNoTracking().ToDictionaryAsync(p => p.Id);
            var reports = await db.MonthlyReports.AsNoTracking().Include(r => r.ProjectLines).Where(r => r.Status == ReportStatus.Approved).ToListAsync();
            return new Rows
            {
                _units = await db.Jurisdictions.AsNoTracking().ToListAsync(),
                _targets = await db.AnnualTargets.AsNoTracking().ToDictionaryAsync(t => (t.JurisdictionId, t.Year), t => (t.UnitsToStart, t.UnitsToComplete, t.OverdueHouseholdsToResolve)),
                _approved = reports.Select(r => (r.JurisdictionId, periods[r.ReportingPeriodId].Year, periods[r.ReportingPeriodId].Month, r.Revision, r.ProjectLines.ToList())).ToList(),
                _batchYear = await db.Projects.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.BatchYear),
                _households = (await db.OverdueHouseholds.AsNoTracking().Select(h => new { h.JurisdictionId, h.ResolvedOn }).ToListAsync()).Select(h => (h.JurisdictionId, h.ResolvedOn)).ToList(),
            };
        }

        public (long Start, long Started, long Complete, long Completed, long Households, long Resolved, long Waiting, int Projects, decimal Investment) Expected(string code, int year, int month)
        {
            var unit = _units.Single(u => u.Code == code);
            var subtree = _units.Where(u => u.Path.StartsWith(unit.Path, StringComparison.Ordinal)).Select(u => u.Id).ToHashSet();
            var lines = _approved.Where(r => subtree.Contains(r.Unit) && r.Year == year && r.Month == month)
                .GroupBy(r => r.Unit).Select(g => g.OrderByDescending(r => r.Revision).First())
                .SelectMany(r => r.Lines).Where(l => _batchYear[l.ProjectId] == year).ToList();
            var monthEnd = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
            var households = _households.Where(h => subtree.Contains(h.Unit)).ToList();
            var (start, complete, toResolve) = Plan(unit, year);
            return (start, lines.Sum(l => (long)l.UnitsStarted), complete, lines.Sum(l => (long)l.UnitsBasicallyCompleted),
                toResolve, households.LongCount(h => h.ResolvedOn is { } on && on.Year == year && on <= monthEnd),
                households.LongCount(h => h.ResolvedOn is not { } on || on > monthEnd), lines.Count, lines.Sum(l => l.InvestmentCompleted));
        }

        public int ChildrenOf(string code) => _units.Count(u => u.ParentId == _units.Single(p => p.Code == code).Id);

        /// <summary>The unit's own target, or what its children plan when it has none.</summary>
        private (long, long, long) Plan(Jurisdiction unit, int year)
        {
            if (_targets.TryGetValue((unit.Id, year), out var own))
            {
                return (own.Start, own.Complete, own.Households);
            }

            var children = _units.Where(u => u.ParentId == unit.Id).Select(u => Plan(u, year)).ToList();
            return (children.Sum(c => c.Item1), children.Sum(c => c.Item2), children.Sum(c => c.Item3));
        }
    }
}

public sealed class SqliteDashboardStatisticsTests(DashboardStatisticsFixture fixture)
    : DashboardStatisticsTests(fixture, async () => await SqliteTestDatabase.CreateAsync()), IClassFixture<DashboardStatisticsFixture>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDashboardStatisticsTests(DashboardStatisticsFixture fixture, PostgresServer server)
    : DashboardStatisticsTests(fixture, async () => await server.CreateDatabaseAsync()), IClassFixture<DashboardStatisticsFixture>;
