using System.Collections.Concurrent;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Jobs;
using AnjuPortal.Application.Notifications;
using AnjuPortal.Application.Security;
using AnjuPortal.Application.Supervision;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Notifications;
using AnjuPortal.Domain.Supervision;
using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Tests.Supervision;

/// <summary>
/// 签收 on each real provider: receipts are created at issue for every prefecture-level unit (长白山管委会 included), a
/// unit signs once (a second and a racing signing are refused), a city sees only its own receipts and the notices
/// addressed to it, and the reminder job reminds unsigned units once a day after the delay, never signed ones.
/// The notice is issued 2020-06-30 08:00 Beijing time (the test clock).
/// </summary>
public abstract class NoticeReceiptTests : IAsyncLifetime
{
    private TestDatabase? _database;
    private Jurisdiction? _province;
    private Jurisdiction? _liaoyuan;
    private Jurisdiction? _changchun;
    private readonly RecordingSender _sender = new();

    private TestDatabase Db => _database ?? throw new InvalidOperationException("Not initialised.");

    private TestUser Supervisor => TestUser.At(_province!, Roles.Supervisor);

    private TestUser Administrator => TestUser.At(_province!, Roles.ProvinceAdministrator);

    private TestUser LiaoyuanClerk => TestUser.At(_liaoyuan!, Roles.CityOperator);

    private TestUser ChangchunClerk => TestUser.At(_changchun!, Roles.CityOperator);

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _province = await Db.JurisdictionAsync("220000");
        _liaoyuan = await Db.JurisdictionAsync("220400");
        _changchun = await Db.JurisdictionAsync("220100");
        await using var db = Db.CreateSystemContext();
        foreach (var (id, unit) in new[] { ("ly-1", _liaoyuan), ("cc-1", _changchun), ("cc-2", _changchun), ("prov-1", _province) })
        {
            db.Users.Add(new AppUser { Id = id, UserName = id, NormalizedUserName = id.ToUpperInvariant(), DisplayName = id, JurisdictionId = unit.Id, SecurityStamp = id });
        }

        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private OfficialNotices Notices(ICurrentUser user) => new(Db.FactoryFor(user), user, Db.Clock, Options.Create(new OfficialDocumentOptions()));

    private NoticeReceipts Receipts(ICurrentUser user) => new(Db.FactoryFor(user), Db.SystemFactory, user, Db.Clock, Options.Create(new OfficialDocumentOptions()));

    private RemindUnsignedNoticesJob Reminder(int days = 2) => new(
        Db.SystemFactory, new UnitMembers(Db.SystemFactory), _sender, Db.Clock, NullLogger<RemindUnsignedNoticesJob>.Instance,
        Options.Create(new NoticeReceiptOptions { ReminderAfterDays = days }));

    private static DateTimeOffset Beijing(int month, int day, int hour) => new DateTimeOffset(2020, month, day, hour, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    private async Task<int> DraftAsync(string title = "关于2020年6月全省棚户区改造工作进展情况的通报")
    {
        var created = await Notices(Supervisor).CreateDraftAsync(new NoticeDraftInput(
            NoticeKind.MonthlyCirculation, title, "各市（州）人民政府，长白山管委会", "一、总体进展情况\n截至6月底，全省开工7471套。", "吉林省保障性安居工程领导小组办公室"));
        Assert.True(created.Succeeded, created.ToString());
        return created.Value;
    }

    private async Task<int> IssuedAsync(string title = "关于2020年6月全省棚户区改造工作进展情况的通报")
    {
        var id = await DraftAsync(title);
        var draft = (await Notices(Supervisor).GetAsync(id))!;
        Assert.True((await Notices(Administrator).ApproveAsync(id, draft.Version)).Succeeded);
        var approved = (await Notices(Supervisor).GetAsync(id))!;
        var issued = await Notices(Supervisor).IssueAsync(id, approved.Version);
        Assert.True(issued.Succeeded, issued.ToString());
        return id;
    }

    private async Task<List<Notification>> NotificationsAsync()
    {
        await using var db = Db.CreateSystemContext();
        return await db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task Issue_CreatesOneUnsignedReceiptPerPrefectureLevelUnit_IncludingChangbaishan()
    {
        var draft = await DraftAsync();
        Assert.Empty(await Receipts(Supervisor).ForNoticeAsync(draft)); // none before issue

        var id = await IssuedAsync();

        await using var db = Db.CreateSystemContext();
        var prefectures = await db.Jurisdictions.Where(j => j.ParentId == _province!.Id && j.Level == JurisdictionLevel.Prefecture).Select(j => j.Name).ToListAsync();
        var rows = await Receipts(Supervisor).ForNoticeAsync(id);
        Assert.Equal(10, rows.Count);
        Assert.Equal(prefectures.Order(StringComparer.Ordinal), rows.Select(r => r.UnitName).Order(StringComparer.Ordinal));
        Assert.Contains(rows, r => r.UnitName == "长白山管委会");
        Assert.All(rows, r => Assert.Equal((false, Db.Clock.GetUtcNow(), 0), (r.IsSigned, r.IssuedAt, r.DaysSinceIssue)));
        Assert.Empty(await Receipts(Supervisor).ForNoticeAsync(draft));
    }

    [Fact]
    public async Task Sign_Once_TheIssuerSeesWhoAndWhen_AndASecondSigningIsRefused()
    {
        var id = await IssuedAsync();
        Db.Clock.SetUtcNow(Beijing(7, 1, 10));

        var signed = await Receipts(LiaoyuanClerk).SignAsync(id);
        Assert.True(signed.Succeeded, signed.ToString());

        var again = await Receipts(LiaoyuanClerk with { UserName = "other@220400" }).SignAsync(id);
        Assert.False(again.Succeeded);
        Assert.Equal("本单位已由CityOperator@220400于 2020-07-01 签收该公文，无需重复签收。", again.ErrorFor(string.Empty));

        var rows = await Receipts(Supervisor).ForNoticeAsync(id);
        var liaoyuan = Assert.Single(rows, r => r.IsSigned);
        Assert.Equal(("辽源市", "CityOperator@220400", Beijing(7, 1, 10)), (liaoyuan.UnitName, liaoyuan.SignedBy, liaoyuan.SignedAt!.Value));
        Assert.All(rows.Where(r => !r.IsSigned), r => Assert.Equal(1, r.DaysSinceIssue));

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Receipts(Supervisor).SignAsync(id));
    }

    [Fact]
    public async Task Sign_TwoClerksOfTheSameCityAtOnce_ExactlyOneSucceeds()
    {
        var id = await IssuedAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clerks = new[] { ChangchunClerk with { UserName = "cc-1" }, ChangchunClerk with { UserName = "cc-2" }, ChangchunClerk with { UserName = "cc-3" } };
        var runs = clerks.Select(c => Task.Run(async () =>
        {
            await start.Task;
            return await Receipts(c).SignAsync(id);
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(runs);

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains("无需重复签收", r.ErrorFor(string.Empty), StringComparison.Ordinal));
        await using var db = Db.CreateSystemContext();
        var receipt = await db.NoticeReceipts.SingleAsync(r => r.NoticeId == id && r.JurisdictionId == _changchun!.Id);
        Assert.Equal(1, receipt.Version);
    }

    [Fact]
    public async Task Tenancy_ACitySeesOnlyItsOwnReceipt_AndNoticesAddressedToIt_AndCannotSignForAnother()
    {
        var id = await IssuedAsync();
        var draft = await DraftAsync("尚未印发的通报");

        var mine = await Receipts(LiaoyuanClerk).MineAsync();
        var only = Assert.Single(mine);
        Assert.Equal(("辽源市", id, "吉安居办〔2020〕1号"), (only.Receipt.UnitName, only.Notice.Id, only.Notice.Number));

        // The notice belongs to the province: not in the city's own list, but readable through the city's receipt.
        Assert.Empty(await Notices(LiaoyuanClerk).ListAsync());
        Assert.Null(await Notices(LiaoyuanClerk).GetAsync(id));
        Assert.Equal("辽源市", (await Receipts(LiaoyuanClerk).AddressedAsync(id))!.Receipt.UnitName);
        Assert.Null(await Receipts(LiaoyuanClerk).AddressedAsync(draft)); // a draft is addressed to no one yet
        Assert.Empty(await Receipts(LiaoyuanClerk).ForNoticeAsync(id)); // the issuer's table is not the city's

        await using (var db = Db.CreateContext(LiaoyuanClerk))
        {
            Assert.Equal([_liaoyuan!.Id], await db.NoticeReceipts.Select(r => r.JurisdictionId).ToListAsync());
        }

        // A county under 辽源市 has no receipt of its own: it cannot sign the city's.
        var county = TestUser.At(await Db.JurisdictionAsync("220402"), Roles.CountyOperator);
        Assert.Equal("该公文未发给本单位，或已撤回，不能签收。", (await Receipts(county).SignAsync(id)).ErrorFor(string.Empty));
        Assert.Null(await Receipts(county).AddressedAsync(id));

        Assert.True((await Receipts(LiaoyuanClerk).SignAsync(id)).Succeeded);
        var changchun = (await Receipts(ChangchunClerk).AddressedAsync(id))!;
        Assert.False(changchun.Receipt.IsSigned); // 辽源市's signature signed nothing for 长春市
        Assert.Equal(1, await Receipts(ChangchunClerk).PendingCountAsync());
        Assert.Equal(0, await Receipts(LiaoyuanClerk).PendingCountAsync());
    }

    [Fact]
    public async Task Reminder_NotBeforeTheDelay_ThenOnceADayToUnsignedUnitsOnly_AndTheIssuerGetsTheList()
    {
        var id = await IssuedAsync();
        Assert.True((await Receipts(LiaoyuanClerk).SignAsync(id)).Succeeded);

        Db.Clock.SetUtcNow(Beijing(7, 1, 9)); // one day after issue
        Assert.Equal(0, await Reminder().RunAsync());

        Db.Clock.SetUtcNow(Beijing(7, 2, 9)); // two days after issue
        Assert.Equal(3, await Reminder().RunAsync()); // cc-1, cc-2 (长春市 has not signed) and the province's list
        Assert.Equal(0, await Reminder().RunAsync()); // the same day again: nothing

        var notifications = await NotificationsAsync();
        Assert.DoesNotContain(notifications, n => n.RecipientUserId == "ly-1"); // 辽源市 signed
        Assert.Equal(["cc-1", "cc-2", "prov-1"], notifications.Select(n => n.RecipientUserId).Order(StringComparer.Ordinal));
        Assert.All(notifications, n => Assert.Equal((NotificationKind.NoticeReceipt, NoticeLinks.Notice(id)), (n.Kind, n.Link)));
        var remind = notifications.First(n => n.RecipientUserId == "cc-1");
        Assert.Equal($"notice-remind:N{id}:20200702", remind.DeduplicationKey);
        Assert.Contains("吉安居办〔2020〕1号", remind.Text, StringComparison.Ordinal);
        Assert.Contains("尚未签收", remind.Text, StringComparison.Ordinal);
        var list = notifications.Single(n => n.RecipientUserId == "prov-1");
        Assert.Contains("尚有 9 个单位未签收", list.Text, StringComparison.Ordinal);
        Assert.Contains("长春市", list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("辽源市", list.Text, StringComparison.Ordinal);
        Assert.Equal(3, _sender.Messages.Count);

        // The next day: once more, and not to 长春市 once it has signed.
        Db.Clock.SetUtcNow(Beijing(7, 3, 9));
        Assert.True((await Receipts(ChangchunClerk).SignAsync(id)).Succeeded);
        Assert.Equal(1, await Reminder().RunAsync()); // only the province's list (8 units left, none with accounts here)
        Assert.Contains("尚有 8 个单位未签收", (await NotificationsAsync()).Last().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminder_RunConcurrently_CreatesEachOnce()
    {
        await IssuedAsync();
        Db.Clock.SetUtcNow(Beijing(7, 3, 9));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await Reminder().RunAsync();
        })).ToArray();
        start.SetResult();
        var created = await Task.WhenAll(runs);

        Assert.Equal(4, created.Sum()); // ly-1, cc-1, cc-2 and the province's list
        Assert.Equal(4, (await NotificationsAsync()).Count);
        Assert.Equal(4, _sender.Messages.Count);
    }

    private sealed class RecordingSender : INotificationSender
    {
        public ConcurrentQueue<OutgoingMessage> Messages { get; } = new();

        public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
        {
            Messages.Enqueue(message);
            return Task.CompletedTask;
        }
    }
}

public sealed class SqliteNoticeReceiptTests : NoticeReceiptTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresNoticeReceiptTests(PostgresServer server) : NoticeReceiptTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}
