using AnjuPortal.Application.Security;
using AnjuPortal.Application.Supervision.Summonses;
using AnjuPortal.Domain.Supervision;
using AnjuPortal.TestSupport;

namespace AnjuPortal.Application.Tests.Supervision;

/// <summary>约谈 on each provider: the province plans and records; the summoned city sees its own, another city does not.</summary>
public abstract class SummonsRegisterTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestUser _supervisor = null!;
    private TestUser _changchun = null!;
    private TestUser _jilin = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _supervisor = TestUser.At(await _database.JurisdictionAsync("220000"), Roles.Supervisor);
        _changchun = TestUser.At(await _database.JurisdictionAsync("220100"), Roles.CityOperator);
        _jilin = TestUser.At(await _database.JurisdictionAsync("220200"), Roles.CityOperator);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private SummonsRegister Register(ICurrentUser user) => new(_database.FactoryFor(user), user, _database.Clock);

    private static readonly DateTimeOffset Scheduled = new(2020, 7, 8, 9, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task PlanAndRecord_TheCitySeesItsOwn_AnotherCityDoesNot()
    {
        var planned = await Register(_supervisor).PlanAsync(new SummonsInput(_changchun.JurisdictionId!.Value, "6月排名末位。", Scheduled, "省住建厅 301 会议室", "省住建厅 王副厅长", 2020, 6));
        Assert.True(planned.Succeeded, planned.ToString());
        var id = planned.Value;
        var version = (await Register(_supervisor).GetAsync(id))!.Version;

        var recorded = await Register(_supervisor).RecordAsync(id, version, "李四 长春市副市长\n赵六 长春市住建局局长",
            [new CommitmentInput("7月底前完成 50 户回迁", new DateOnly(2020, 7, 31)), new CommitmentInput("  ", null), new CommitmentInput("每周报送进展", null)], "会上作表态发言。");
        Assert.True(recorded.Succeeded, recorded.ToString());

        var seen = (await Register(_changchun).GetAsync(id))!;
        Assert.Equal(SummonsStatus.Held, seen.Status);
        Assert.Equal(Scheduled, seen.ScheduledAt);
        Assert.Equal(["7月底前完成 50 户回迁", "每周报送进展"], seen.Commitments.Select(c => c.Text));
        Assert.Equal(new DateOnly(2020, 7, 31), seen.Commitments[0].DueOn);
        Assert.False(seen.CanManage);
        Assert.Single(await Register(_changchun).ListAsync());
        Assert.Empty(await Register(_jilin).ListAsync());
        Assert.Null(await Register(_jilin).GetAsync(id));
    }

    [Fact]
    public async Task Cancel_NeedsReason_AndTheCityCannotPlan()
    {
        var id = (await Register(_supervisor).PlanAsync(new SummonsInput(_jilin.JurisdictionId!.Value, "事由", Scheduled, "地点", "组织人"))).Value;
        var version = (await Register(_supervisor).GetAsync(id))!.Version;

        Assert.Equal("请填写取消原因。", (await Register(_supervisor).CancelAsync(id, version, " ")).ErrorFor("CancelReason"));
        Assert.True((await Register(_supervisor).CancelAsync(id, version, "已完成整改，不再约谈。")).Succeeded);
        Assert.Equal(SummonsStatus.Cancelled, (await Register(_jilin).GetAsync(id))!.Status);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Register(_jilin).PlanAsync(new SummonsInput(_jilin.JurisdictionId!.Value, "事由", Scheduled, "地点", "组织人")));
    }
}

public sealed class SqliteSummonsRegisterTests : SummonsRegisterTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSummonsRegisterTests(PostgresServer server) : SummonsRegisterTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}
