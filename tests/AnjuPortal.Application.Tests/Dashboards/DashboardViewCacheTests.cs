using AnjuPortal.Application.Dashboards;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Progress;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Tests.Dashboards;

/// <summary>
/// The built-dashboard cache (ADR-013) on the seeded demo programme: a view is reused while the statistics are
/// unchanged, dropped at once by a statistics write of the same process, noticed within the check interval when
/// another process wrote, and never handed to a user of another scope. Each "process" here is its own
/// <see cref="DashboardViewCache"/> with the <see cref="ProgressStatistics"/> that drops it, on one database.
/// </summary>
public abstract class DashboardViewCacheTests(DashboardStatisticsFixture seeded, Func<Task<TestDatabase>> create) : IAsyncLifetime
{
    private const string Province = "220000";
    private const string Changchun = "220100";
    private const string Jilin = "220200";
    private readonly DashboardStatisticsFixture fixture = seeded;

    public Task InitializeAsync() => fixture.ReadyAsync(create);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ARenderAgain_ReusesTheView_UntilThisProcessWritesStatistics_ThenShowsTheNewFigure()
    {
        var node = Node();
        var reviewer = await fixture.UserAsync(Province, Roles.ProvinceReviewer);
        var first = await node.Dashboard(reviewer).ForAsync(null, 2026, 10);
        var again = await node.Dashboard(reviewer).ForAsync(null, 2026, 10);
        Assert.NotNull(first);
        Assert.Same(first, again);

        await ResolveOneHouseholdAsync(node.Statistics);

        var after = await node.Dashboard(reviewer).ForAsync(null, 2026, 10);
        Assert.NotNull(after);
        Assert.NotSame(first, after);
        Assert.Equal(first.Unit.Households.Done + 1, after.Unit.Households.Done);
        Assert.Equal(first.Unit.HouseholdsWaiting - 1, after.Unit.HouseholdsWaiting);
    }

    [Fact]
    public async Task AWriteByAnotherProcess_ShowsOnceTheCheckIntervalHasPassed()
    {
        var settings = new DashboardOptions { CacheCheckSeconds = 5 };
        var (webNode, jobNode) = (Node(settings), Node(settings));
        var reviewer = await fixture.UserAsync(Province, Roles.ProvinceReviewer);
        var before = await webNode.Dashboard(reviewer).ForAsync(null, 2026, 10);
        Assert.NotNull(before);

        await ResolveOneHouseholdAsync(jobNode.Statistics);

        // Within the interval the web node still serves what it built (the documented delay)...
        fixture.Database.Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Same(before, await webNode.Dashboard(reviewer).ForAsync(null, 2026, 10));

        // ...and after it reads the counter again, sees the other process's write, and builds afresh.
        fixture.Database.Clock.Advance(TimeSpan.FromSeconds(2));
        var after = await webNode.Dashboard(reviewer).ForAsync(null, 2026, 10);
        Assert.NotNull(after);
        Assert.Equal(before.Unit.Households.Done + 1, after.Unit.Households.Done);
    }

    [Fact]
    public async Task AViewBuiltForOneScope_IsNeverGivenToAUserOfAnother()
    {
        var node = Node();
        var reviewer = await fixture.UserAsync(Province, Roles.ProvinceReviewer);
        var changchun = await fixture.Database.JurisdictionAsync(Changchun);
        var forTheProvince = await node.Dashboard(reviewer).ForAsync(changchun.Id);
        Assert.NotNull(forTheProvince);
        Assert.NotEmpty(forTheProvince.Trail);

        // 吉林市 cannot see 长春市, cached or not; 长春市's own clerk gets its own view (no way up past its own unit).
        Assert.Null(await node.Dashboard(await fixture.UserAsync(Jilin, Roles.CityOperator)).ForAsync(changchun.Id));
        var own = await node.Dashboard(await fixture.UserAsync(Changchun, Roles.CityOperator)).ForAsync(changchun.Id);
        Assert.NotNull(own);
        Assert.NotSame(forTheProvince, own);
        Assert.Empty(own.Trail);
        Assert.Equal(forTheProvince.Unit, own.Unit);
    }

    [Fact]
    public async Task EveryStatisticsWrite_RaisesTheGeneration_InTheSameSave()
    {
        var before = await GenerationAsync();
        await Node().Statistics.RefreshPeriodAsync(2026, 10, freeze: false);
        Assert.Equal(before + 1, await GenerationAsync());
    }

    [Fact]
    public async Task WithNoRoomForViews_NothingIsKept_AndAFullCacheStartsAgain()
    {
        var reviewer = await fixture.UserAsync(Province, Roles.ProvinceReviewer);
        var off = Node(new DashboardOptions { CacheMaxViews = 0 });
        Assert.NotSame(await off.Dashboard(reviewer).ForAsync(), await off.Dashboard(reviewer).ForAsync());
        Assert.Equal(0, off.Cache.Count);

        var one = Node(new DashboardOptions { CacheMaxViews = 1 });
        var changchun = await fixture.Database.JurisdictionAsync(Changchun);
        _ = await one.Dashboard(reviewer).ForAsync();
        _ = await one.Dashboard(reviewer).ForAsync(changchun.Id);
        Assert.Equal(1, one.Cache.Count);
    }

    private (DashboardViewCache Cache, ProgressStatistics Statistics, Func<ICurrentUser, ProgressDashboard> Dashboard) Node(DashboardOptions? settings = null)
    {
        var options = Options.Create(settings ?? new DashboardOptions());
        var cache = new DashboardViewCache(fixture.Database.SystemFactory, fixture.Database.Clock, options);
        var statistics = new ProgressStatistics(fixture.Database.SystemFactory, fixture.Database.Clock, NullLogger<ProgressStatistics>.Instance, cache);
        return (cache, statistics, user => new ProgressDashboard(fixture.Database.FactoryFor(user), user, fixture.Database.Clock, options, cache));
    }

    private async Task ResolveOneHouseholdAsync(ProgressStatistics statistics)
    {
        int householdId, countyId;
        await using (var db = fixture.Database.CreateSystemContext())
        {
            var household = await db.OverdueHouseholds.Where(h => h.ResolvedOn == null).OrderBy(h => h.Id).FirstAsync();
            (householdId, countyId) = (household.Id, household.JurisdictionId);
        }

        var county = await fixture.Database.CreateSystemContext().Jurisdictions.SingleAsync(j => j.Id == countyId);
        var clerk = TestUser.At(county, Roles.CountyOperator);
        var result = await new HouseholdResolve(fixture.Database.FactoryFor(clerk), clerk, fixture.Database.Clock, statistics)
            .ResolveAsync(householdId, new ResolutionInput { Method = ResolutionMethod.Monetary, ResolvedOn = new DateTime(2026, 10, 20) });
        Assert.True(result.Succeeded, result.ToString());
    }

    private async Task<long> GenerationAsync()
    {
        await using var db = fixture.Database.CreateSystemContext();
        return await db.StatisticsGenerations.Where(g => g.Id == StatisticsGeneration.SingletonId).Select(g => g.Value).SingleAsync();
    }
}

public sealed class SqliteDashboardViewCacheTests(DashboardStatisticsFixture fixture)
    : DashboardViewCacheTests(fixture, async () => await SqliteTestDatabase.CreateAsync()), IClassFixture<DashboardStatisticsFixture>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDashboardViewCacheTests(DashboardStatisticsFixture fixture, PostgresServer server)
    : DashboardViewCacheTests(fixture, async () => await server.CreateDatabaseAsync()), IClassFixture<DashboardStatisticsFixture>;
