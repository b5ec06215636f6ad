using AnjuPortal.Application.Security;
using AnjuPortal.Application.Targets;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.TestSupport;

namespace AnjuPortal.Application.Tests.Targets;

/// <summary>Annual targets passed down the tree, on a real SQLite file; the clock stands in July 2020.</summary>
public sealed class AnnualPlanTests : IAsyncLifetime
{
    private SqliteTestDatabase _database = null!;
    private Jurisdiction _province = null!;
    private Jurisdiction _liaoyuan = null!;
    private Jurisdiction _longshan = null!;
    private Jurisdiction _xian = null!;

    public async Task InitializeAsync()
    {
        _database = await SqliteTestDatabase.CreateAsync();
        _database.Clock.SetUtcNow(new DateTimeOffset(2020, 7, 3, 2, 0, 0, TimeSpan.Zero));
        _province = await _database.JurisdictionAsync("220000");
        _liaoyuan = await _database.JurisdictionAsync("220400");
        _longshan = await _database.JurisdictionAsync("220402");
        _xian = await _database.JurisdictionAsync("220403");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private AnnualPlan PlanFor(ICurrentUser user) => new(_database.FactoryFor(user), user, _database.Clock);

    private static AnnualTargetInput Input(Jurisdiction unit, int start, int year = 2020, int version = 0)
        => new() { JurisdictionId = unit.Id, Year = year, UnitsToStart = start, UnitsToComplete = start / 2, OverdueHouseholdsToResolve = start / 10, Version = version };

    private TestUser ProvinceAdmin => TestUser.At(_province, Roles.ProvinceAdministrator);

    private TestUser City => TestUser.At(_liaoyuan, Roles.CityOperator);

    [Fact]
    public async Task SetAsync_PassesTargetsDownTheTree_AndListShowsTheChildrensSum()
    {
        Assert.True((await PlanFor(ProvinceAdmin).SetAsync(Input(_province, 18000))).Succeeded);
        Assert.True((await PlanFor(ProvinceAdmin).SetAsync(Input(_liaoyuan, 450))).Succeeded);
        Assert.True((await PlanFor(City).SetAsync(Input(_longshan, 300))).Succeeded);
        Assert.True((await PlanFor(City).SetAsync(Input(_xian, 100))).Succeeded);

        var rows = await PlanFor(City).ListAsync(2020);

        Assert.Equal("辽源市", rows[0].Name);
        Assert.Equal(new TargetFigures(450, 225, 45), rows[0].Target);
        Assert.Equal(new TargetFigures(400, 200, 40), rows[0].ChildrenSum);
        Assert.Equal(new TargetFigures(300, 150, 30), rows.Single(r => r.Name == "龙山区").Target);
        Assert.Null(rows.Single(r => r.Name == "东丰县").Target);
        Assert.DoesNotContain(rows, r => r.Name == "吉林省");
    }

    [Fact]
    public async Task SetAsync_RevisesWithTheCurrentVersion_AndRefusesAStaleOne()
    {
        var id = (await PlanFor(City).SetAsync(Input(_longshan, 300))).Value;

        var revised = await PlanFor(City).SetAsync(Input(_longshan, 320, version: 0));
        var stale = await PlanFor(City).SetAsync(Input(_longshan, 330, version: 0));

        Assert.Equal(id, revised.Value);
        Assert.StartsWith("保存失败：该目标已被其他用户修改", stale.ErrorFor(string.Empty), StringComparison.Ordinal);
        Assert.Equal((320, 1), (await PlanFor(City).ListAsync(2020, _longshan.Id)) is [var row] ? (row.Target!.UnitsToStart, row.Version) : default);
    }

    [Fact]
    public async Task SetAsync_IsRefused_ForTheOwnUnitAPastYearOrAUnitOutsideTheSubtree()
    {
        var own = await PlanFor(City).SetAsync(Input(_liaoyuan, 500));
        var county = await PlanFor(TestUser.At(_longshan, Roles.CountyOperator)).SetAsync(Input(_longshan, 500));
        var past = await PlanFor(City).SetAsync(Input(_longshan, 500, year: 2019));
        var sibling = await PlanFor(TestUser.At(_longshan, Roles.CountyOperator)).SetAsync(Input(_xian, 500));
        var negative = await PlanFor(City).SetAsync(Input(_longshan, -10));

        Assert.Equal("年度目标由上级单位下达，不能修改本单位的目标。", own.ErrorFor("JurisdictionId"));
        Assert.Equal("年度目标由上级单位下达，不能修改本单位的目标。", county.ErrorFor("JurisdictionId"));
        Assert.Equal("2019 年已经过去，年度目标不能再修改。", past.ErrorFor("Year"));
        Assert.Equal("所选辖区不存在或不在您的管辖范围内。", sibling.ErrorFor("JurisdictionId"));
        Assert.Equal("开工目标套数不能为负数（填写的是 -10）。", negative.ErrorFor("UnitsToStart"));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => PlanFor(TestUser.At(_province, Roles.ProvinceReviewer)).SetAsync(Input(_liaoyuan, 1)));
        Assert.All(await PlanFor(ProvinceAdmin).ListAsync(2020), r => Assert.Null(r.Target));
    }
}
