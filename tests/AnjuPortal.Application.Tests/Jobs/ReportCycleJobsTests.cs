using System.Collections.Concurrent;
using AnjuPortal.Application.Jobs;
using AnjuPortal.Application.Notifications;
using AnjuPortal.Application.Reporting;
using AnjuPortal.Application.Security;
using AnjuPortal.Application.Tests.Reporting;
using AnjuPortal.Domain.Notifications;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Tests.Jobs;

/// <summary>
/// The report-cycle jobs (reminders, late units, freezing the snapshot) on each real provider: each runs twice, and
/// four times at once, and creates nothing twice (the unique keys decide). June 2020 in 辽源市 (ReportingScenario);
/// accounts: two of 龙山区, one of 西安区, one of 辽源市, one of the province.
/// </summary>
public abstract class ReportCycleJobsTests : IAsyncLifetime
{
    private ReportingScenario? _scenario;

    private ReportingScenario S => _scenario ?? throw new InvalidOperationException("Not initialised.");

    private readonly RecordingSender _sender = new();

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _scenario = await ReportingScenario.CreateAsync(await CreateDatabaseAsync());
        await using var db = S.Database.CreateSystemContext();
        foreach (var (id, unit) in new[] { ("ls-1", S.Longshan), ("ls-2", S.Longshan), ("xa-1", S.Xian), ("ly-1", S.Liaoyuan), ("prov-1", S.Province) })
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

    private UnitMembers Members => new(S.Database.SystemFactory);

    private RemindUnsubmittedJob Reminder(int days = 2) => new(
        S.Database.SystemFactory, Members, _sender, S.Clock, NullLogger<RemindUnsubmittedJob>.Instance,
        Options.Create(new ReportingOptions { ReminderDaysBeforeDeadline = days }));

    private MarkLateUnitsJob Late() => new(S.Database.SystemFactory, Members, S.Clock, NullLogger<MarkLateUnitsJob>.Instance);

    private FreezePeriodSnapshotJob Freeze() => new(S.Database.SystemFactory, S.Clock, NullLogger<FreezePeriodSnapshotJob>.Instance);

    private async Task<List<Notification>> NotificationsAsync()
    {
        await using var db = S.Database.CreateSystemContext();
        return await db.Notifications.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
    }

    private async Task<List<PeriodSnapshotRow>> SnapshotAsync()
    {
        await using var db = S.Database.CreateSystemContext();
        return await db.PeriodSnapshotRows.AsNoTracking().ToListAsync();
    }

    private async Task<int> ReportingUnitCountAsync()
    {
        await using var db = S.Database.CreateSystemContext();
        return await db.Jurisdictions.CountAsync(j => j.ParentId != null);
    }

    private static async Task<T[]> ConcurrentlyAsync<T>(int count, Func<Task<T>> run)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = Enumerable.Range(0, count).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await run();
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(runs);
    }

    // ---- reminders

    [Fact]
    public async Task Reminder_NotifiesAccountsOfUnitsNotSubmitted_OnceWhenRunTwice()
    {
        await S.SubmitAsync(S.XianOperator);
        S.Clock.SetUtcNow(ReportingScenario.At(2020, 7, 3, 11));

        Assert.Equal(3, await Reminder().RunAsync());
        Assert.Equal(0, await Reminder().RunAsync());

        var notifications = await NotificationsAsync();
        Assert.Equal(["ls-1", "ls-2", "ly-1"], notifications.Select(n => n.RecipientUserId).Order(StringComparer.Ordinal).ToArray());
        Assert.All(notifications, n => Assert.Equal((NotificationKind.Reminder, S.JuneId, $"reminder:P{S.JuneId}"), (n.Kind, n.ReportingPeriodId, n.DeduplicationKey)));
        Assert.Contains("2020年6月月报将于 2020-07-05 24:00", notifications[0].Text, StringComparison.Ordinal);
        Assert.Equal(3, _sender.Messages.Count);
        Assert.Equal(notifications.Select(n => n.RecipientUserId).Order(StringComparer.Ordinal), _sender.Messages.Select(m => m.RecipientUserId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Reminder_CreatesEachOnce_WhenRunConcurrently()
    {
        S.Clock.SetUtcNow(ReportingScenario.At(2020, 7, 4, 9));

        var created = await ConcurrentlyAsync(4, () => Reminder().RunAsync());

        Assert.Equal(4, created.Sum());
        Assert.Equal(4, (await NotificationsAsync()).Count);
        Assert.Equal(4, _sender.Messages.Count);
    }

    [Theory]
    [InlineData(1, 2020, 7, 3, 23)]
    [InlineData(2, 2020, 7, 6, 0)]
    [InlineData(0, 2020, 7, 4, 9)]
    public async Task Reminder_DoesNothing_OutsideTheWindowInChinaTime(int days, int year, int month, int day, int hour)
    {
        S.Clock.SetUtcNow(ReportingScenario.At(year, month, day, hour));

        Assert.Equal(0, await Reminder(days).RunAsync());

        Assert.Empty(await NotificationsAsync());
        Assert.Empty(_sender.Messages);
    }

    // ---- late units

    [Fact]
    public async Task Late_DoesNothing_BeforeMidnightAfterTheDeadlineDay()
    {
        S.Clock.SetUtcNow(ReportingScenario.At(2020, 7, 5, 23, 59));

        Assert.Equal(0, await Late().RunAsync());

        Assert.Empty(await NotificationsAsync());
        Assert.Equal(PeriodStatus.Open, (await S.Periods(S.Reviewer).GetAsync(S.JuneId))!.Status);
    }

    [Fact]
    public async Task Late_NotifiesUnitAndItsCity_AndClosesThePeriod_OnceWhenRunTwice()
    {
        await S.SubmitAsync(S.XianOperator);
        S.Clock.SetUtcNow(ReportingScenario.At(2020, 7, 6, 0, 10));

        // 龙山区's two accounts; 辽源市's account: its own lateness, and that of 龙山区, 东丰县 and 东辽县 (西安区 submitted).
        Assert.Equal(6, await Late().RunAsync());
        Assert.Equal(0, await Late().RunAsync());

        var notifications = await NotificationsAsync();
        Assert.All(notifications, n => Assert.Equal(NotificationKind.Late, n.Kind));
        Assert.Equal(2, notifications.Count(n => n.DeduplicationKey == $"late:P{S.JuneId}:J{S.Longshan.Id}" && n.RecipientUserId.StartsWith("ls-", StringComparison.Ordinal)));
        var city = notifications.Where(n => n.RecipientUserId == "ly-1").Select(n => n.DeduplicationKey).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(new[] { S.Longshan.Id, S.Liaoyuan.Id, S.Dongfeng.Id, S.Dongliao.Id }.Select(id => $"late:P{S.JuneId}:J{id}").Order(StringComparer.Ordinal), city);
        Assert.Contains(notifications, n => n.RecipientUserId == "ly-1" && n.Text.StartsWith("所辖龙山区的2020年6月月报", StringComparison.Ordinal));
        Assert.DoesNotContain(notifications, n => n.RecipientUserId is "xa-1" or "prov-1");
        Assert.Equal(PeriodStatus.Closed, (await S.Periods(S.Reviewer).GetAsync(S.JuneId))!.Status);
    }

    [Fact]
    public async Task Late_CreatesEachOnce_WhenRunConcurrently()
    {
        S.Clock.SetUtcNow(ReportingScenario.At(2020, 7, 6, 0, 10));

        var created = await ConcurrentlyAsync(4, () => Late().RunAsync());

        // 龙山区 ×2, 西安区 ×1, 辽源市: own + four counties.
        Assert.Equal(8, created.Sum());
        var notifications = await NotificationsAsync();
        Assert.Equal(8, notifications.Count);
        Assert.Equal(8, notifications.Select(n => (n.RecipientUserId, n.DeduplicationKey)).Distinct().Count());
    }

    // ---- freezing the snapshot

    [Fact]
    public async Task Freeze_LeavesThePeriodOpen_WithinTheWindowWhileNotAllApproved()
    {
        S.Clock.SetUtcNow(ReportingScenario.At(2020, 7, 15, 23, 30));

        await Freeze().RunAsync();

        Assert.Equal(PeriodStatus.Open, (await S.Periods(S.Reviewer).GetAsync(S.JuneId))!.Status);
        Assert.DoesNotContain(await SnapshotAsync(), r => r.ReportingPeriodId == S.JuneId);
    }

    [Fact]
    public async Task Freeze_FreezesAtTheEndOfTheWindow_AndWritesOneRowPerUnit_OnceWhenRunTwice()
    {
        await S.SubmitAsync(S.LongshanOperator);
        S.Clock.SetUtcNow(ReportingScenario.At(2020, 7, 16, 0, 30));
        var units = await ReportingUnitCountAsync();

        // April and May were frozen before any snapshot existed: their rows are written too.
        Assert.Equal(3 * units, await Freeze().RunAsync());
        Assert.Equal(0, await Freeze().RunAsync());

        var rows = await SnapshotAsync();
        Assert.Equal(3 * units, rows.Count);
        Assert.Equal(PeriodStatus.Frozen, (await S.Periods(S.Reviewer).GetAsync(S.JuneId))!.Status);
        var may = rows.Single(r => r.ReportingPeriodId == S.MayId && r.JurisdictionId == S.Longshan.Id);
        Assert.Equal((150, 60, 900m, 500m, 400m, 80, 70, 2, 5), (may.UnitsStarted, may.UnitsBasicallyCompleted, may.InvestmentCompleted, may.FundsReceived, may.FundsSpent, may.HouseholdsSigned, may.HouseholdsMovedOut, may.HouseholdsResolvedThisMonth, may.HouseholdsResolvedInYear));
        var june = rows.Single(r => r.ReportingPeriodId == S.JuneId && r.JurisdictionId == S.Longshan.Id);
        Assert.Equal((true, 0, (int?)null, 0), (june.Submitted, june.DaysLate ?? -1, june.MonthlyReportId, june.UnitsStarted));

        // Frozen: the workflow refuses to touch the period.
        var report = (await S.ReportsAsync()).Single(r => r.ReportingPeriodId == S.JuneId && r.JurisdictionId == S.Longshan.Id);
        var returned = await S.Workflow(S.Reviewer).ReturnAsync(report.Id, report.Version, "数据有误");
        Assert.False(returned.Succeeded);
        Assert.Contains("已冻结", returned.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Freeze_WritesEachRowOnce_WhenRunConcurrently()
    {
        S.Clock.SetUtcNow(ReportingScenario.At(2020, 7, 16, 0, 30));
        var units = await ReportingUnitCountAsync();

        var written = await ConcurrentlyAsync(4, () => Freeze().RunAsync());

        Assert.Equal(3 * units, written.Sum());
        var rows = await SnapshotAsync();
        Assert.Equal(3 * units, rows.Count);
        Assert.Equal(rows.Count, rows.Select(r => (r.ReportingPeriodId, r.JurisdictionId)).Distinct().Count());
    }

    [Fact]
    public async Task Freeze_FreezesWithinTheWindow_OnceEveryUnitIsApproved()
    {
        await using (var db = S.Database.CreateSystemContext())
        {
            var june = await db.ReportingPeriods.SingleAsync(p => p.Id == S.JuneId);
            foreach (var unit in await db.Jurisdictions.Where(j => j.ParentId != null).Select(j => j.Id).ToListAsync())
            {
                var report = MonthlyReport.StartDraft(unit, june.Id);
                report.MarkApproved(ReportingScenario.At(2020, 7, 4, 9), ReportingScenario.At(2020, 7, 8, 9));
                db.MonthlyReports.Add(report);
            }

            await db.SaveChangesAsync();
        }

        S.Clock.SetUtcNow(ReportingScenario.At(2020, 7, 9, 10, 30));
        await Freeze().RunAsync();

        Assert.Equal(PeriodStatus.Frozen, (await S.Periods(S.Reviewer).GetAsync(S.JuneId))!.Status);
        Assert.All((await SnapshotAsync()).Where(r => r.ReportingPeriodId == S.JuneId), r => Assert.NotNull(r.MonthlyReportId));
    }

    private sealed class RecordingSender : INotificationSender
    {
        public ConcurrentBag<OutgoingMessage> Messages { get; } = [];

        public Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
        {
            Messages.Add(message);
            return Task.CompletedTask;
        }
    }
}

public sealed class SqliteReportCycleJobsTests : ReportCycleJobsTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresReportCycleJobsTests(PostgresServer server) : ReportCycleJobsTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}
