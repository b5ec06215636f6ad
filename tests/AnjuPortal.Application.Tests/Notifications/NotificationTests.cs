using AnjuPortal.Application.Notifications;
using AnjuPortal.Application.Reporting;
using AnjuPortal.Application.Security;
using AnjuPortal.Application.Tests.Reporting;
using AnjuPortal.Domain.Notifications;
using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Tests.Notifications;

/// <summary>
/// Returns and approvals notify the accounts of the report's unit, in the workflow's own save; each user reads and
/// marks only their own notifications. June 2020 in 辽源市 (ReportingScenario), on each real provider.
/// </summary>
public abstract class NotificationTests : IAsyncLifetime
{
    private ReportingScenario? _scenario;

    private ReportingScenario S => _scenario ?? throw new InvalidOperationException("Not initialised.");

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _scenario = await ReportingScenario.CreateAsync(await CreateDatabaseAsync());
        await using var db = S.Database.CreateSystemContext();
        // Accounts whose ids are the test users' ids (TestUser.UserId is its user name), plus a second 龙山区 account.
        foreach (var (id, unit) in new[]
                 {
                     (S.LongshanOperator.UserId!, S.Longshan), ("ls-2", S.Longshan), (S.XianOperator.UserId!, S.Xian),
                     (S.CityOperator.UserId!, S.Liaoyuan), (S.Reviewer.UserId!, S.Province),
                 })
        {
            db.Users.Add(new AppUser { Id = id, UserName = id, NormalizedUserName = id.ToUpperInvariant(), DisplayName = id, JurisdictionId = unit.Id, SecurityStamp = id });
        }

        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }

    private ReportWorkflow Workflow(ICurrentUser user)
        => new(S.Database.FactoryFor(user), user, S.Clock, new ReportNotifier(new UnitMembers(S.Database.SystemFactory)));

    private MyNotifications Mine(ICurrentUser user) => new(S.Database.FactoryFor(user), user, S.Clock);

    [Fact]
    public async Task Return_NotifiesEveryAccountOfTheUnit_WithTheReason()
    {
        var report = await S.SubmitAsync(S.LongshanOperator);

        var returned = await Workflow(S.Reviewer).ReturnAsync(report.Id, report.Version, "投资数据与财政口径不一致");

        Assert.True(returned.Succeeded, returned.ToString());
        var mine = await Mine(S.LongshanOperator).LatestAsync();
        var item = Assert.Single(mine);
        Assert.Equal(NotificationKind.Returned, item.Kind);
        Assert.Equal("龙山区的2020年6月月报被退回：投资数据与财政口径不一致", item.Text);
        Assert.Equal($"/reports/{report.Period.Id}/{report.JurisdictionId}", item.Link);
        Assert.Equal(1, await Mine(S.LongshanOperator).UnreadCountAsync());
        await using var db = S.Database.CreateSystemContext();
        Assert.Equal(new[] { "ls-2", S.LongshanOperator.UserId! }.Order(StringComparer.Ordinal), (await db.Notifications.Select(n => n.RecipientUserId).ToListAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReturnTwice_NotifiesTwice_OncePerReturn()
    {
        var report = await S.SubmitAsync(S.LongshanOperator);
        Assert.True((await Workflow(S.Reviewer).ReturnAsync(report.Id, report.Version, "第一次")).Succeeded);
        var again = await S.SubmitAsync(S.LongshanOperator);
        Assert.True((await Workflow(S.Reviewer).ReturnAsync(again.Id, again.Version, "第二次")).Succeeded);

        Assert.Equal(2, await Mine(S.LongshanOperator).UnreadCountAsync());
    }

    [Fact]
    public async Task ApproveArea_NotifiesEveryApprovedUnit_AndNoOneElse()
    {
        var area = await S.SubmitAreaAsync();

        var approved = await Workflow(S.Reviewer).ApproveAsync(area.Id, area.Version);

        Assert.True(approved.Succeeded, approved.ToString());
        Assert.Equal(NotificationKind.Approved, Assert.Single(await Mine(S.CityOperator).LatestAsync()).Kind);
        Assert.Equal("西安区的2020年6月月报已审核通过。", Assert.Single(await Mine(S.XianOperator).LatestAsync()).Text);
        Assert.Empty(await Mine(S.Reviewer).LatestAsync());
    }

    [Fact]
    public async Task MarkRead_MarksOnlyTheUsersOwn()
    {
        var report = await S.SubmitAsync(S.LongshanOperator);
        Assert.True((await Workflow(S.Reviewer).ReturnAsync(report.Id, report.Version, "请核实")).Succeeded);
        int othersId;
        await using (var db = S.Database.CreateSystemContext())
        {
            othersId = await db.Notifications.Where(n => n.RecipientUserId == "ls-2").Select(n => n.Id).SingleAsync();
        }

        // Same unit, another account: invisible and not markable.
        Assert.False(await Mine(S.LongshanOperator).MarkReadAsync(othersId));
        var own = Assert.Single(await Mine(S.LongshanOperator).LatestAsync());
        Assert.True(await Mine(S.LongshanOperator).MarkReadAsync(own.Id));

        Assert.Equal(0, await Mine(S.LongshanOperator).UnreadCountAsync());
        Assert.Equal(S.Clock.GetUtcNow(), (await Mine(S.LongshanOperator).LatestAsync()).Single().ReadAt);
        await using var check = S.Database.CreateSystemContext();
        Assert.Null((await check.Notifications.SingleAsync(n => n.Id == othersId)).ReadAt);
    }

    [Fact]
    public async Task MarkAllRead_MarksEveryUnreadOfTheUser_AndLatestListsNewestFirstUpToTen()
    {
        await using (var db = S.Database.CreateSystemContext())
        {
            for (var i = 0; i < 12; i++)
            {
                db.Notifications.Add(Notification.Create(S.CityOperator.UserId!, S.Liaoyuan.Id, NotificationKind.Reminder, S.JuneId, $"第{i}条", null, $"test:{i}"));
            }

            db.Notifications.Add(Notification.Create(S.XianOperator.UserId!, S.Xian.Id, NotificationKind.Reminder, S.JuneId, "西安区的", null, "test:x"));
            await db.SaveChangesAsync();
        }

        var latest = await Mine(S.CityOperator).LatestAsync();
        Assert.Equal(10, latest.Count);
        Assert.Equal("第11条", latest[0].Text);
        Assert.Equal(12, await Mine(S.CityOperator).UnreadCountAsync());

        Assert.Equal(12, await Mine(S.CityOperator).MarkAllReadAsync());

        Assert.Equal(0, await Mine(S.CityOperator).UnreadCountAsync());
        Assert.Equal(1, await Mine(S.XianOperator).UnreadCountAsync());
    }

    [Fact]
    public async Task Notifications_AreEmpty_ForAnonymous()
    {
        Assert.Equal(0, await Mine(TestUser.Anonymous).UnreadCountAsync());
        Assert.Empty(await Mine(TestUser.Anonymous).LatestAsync());
        Assert.Equal(0, await Mine(TestUser.Anonymous).MarkAllReadAsync());
    }
}

public sealed class SqliteNotificationTests : NotificationTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresNotificationTests(PostgresServer server) : NotificationTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}
