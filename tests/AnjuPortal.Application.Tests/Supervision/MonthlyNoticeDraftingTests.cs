using AnjuPortal.Application.Dashboards;
using AnjuPortal.Application.Jobs;
using AnjuPortal.Application.Supervision;
using AnjuPortal.Application.Supervision.MonthlyNotice;
using AnjuPortal.Domain.Progress;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.Domain.Supervision;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Tests.Supervision;

/// <summary>
/// The drafting job on each real provider, on the worked example of <see cref="MonthlyNoticeRulesTests"/> written as
/// frozen statistics of May and June 2020 (plans of 1,000 units per city, so 500 units = 50.0 %): the draft's text,
/// and the once-per-month guarantee when the job runs twice, on two servers at once, and when another server saves the
/// month's draft between this one's check and its insert.
/// </summary>
public abstract class MonthlyNoticeDraftingTests : IAsyncLifetime
{
    private TestDatabase? _database;

    private TestDatabase Db => _database ?? throw new InvalidOperationException("Not initialised.");

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    // Units started at the end of June and May per city (plan 1,000 each); 通化市 has no May row; 长白山 no plan.
    private static readonly (string Code, int June, int? May)[] Started =
    [
        ("220100", 500, 430), ("220200", 450, 387), ("222400", 440, 420), ("220300", 410, 397), ("220500", 400, null),
        ("220600", 350, 350), ("220700", 290, 427), ("220400", 280, 317), ("220800", 218, 297),
    ];

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        Db.Clock.SetUtcNow(new DateTimeOffset(2020, 7, 16, 2, 0, 0, TimeSpan.Zero)); // 10:00 on 16 July in China
        await using var db = Db.CreateSystemContext();
        foreach (var month in new[] { 5, 6 })
        {
            var period = ReportingPeriod.Open(2020, month);
            period.Freeze();
            db.ReportingPeriods.Add(period);
        }

        var units = await db.Jurisdictions.AsNoTracking().ToDictionaryAsync(j => j.Code, j => j.Id);
        var at = Db.Clock.GetUtcNow();
        void Row(string code, int month, ProgressFigures figures)
        {
            var row = ProgressStat.Create(units[code], 2020, month);
            row.Set(figures, freeze: true, at);
            db.ProgressStats.Add(row);
        }

        foreach (var (code, june, may) in Started)
        {
            Row(code, 6, Figures(1000, june, 500, 100, 100, code == "220100" ? 21 : 15));
            if (may is { } m)
            {
                Row(code, 5, Figures(1000, m, 500, 80, 100, 10));
            }
        }

        Row("229900", 6, ProgressFigures.Zero);
        Row("229900", 5, ProgressFigures.Zero);
        Row("220000", 6, Figures(9000, 3338, 4500, 900, 900, 141));
        Row("220000", 5, Figures(9000, 3025, 4500, 640, 900, 80));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private static ProgressFigures Figures(int planStart, long started, int planComplete, long completed, int planHouseholds, long resolved)
        => new(planStart, planComplete, planHouseholds, 3, started, completed, 100m, resolved, 10, 1, 1);

    /// <summary>A drafting service as one server has it: its own context factory (optionally with interceptors) and options.</summary>
    private MonthlyNoticeDrafting Server(MonthlyNoticeOptions? options = null, params IInterceptor[] interceptors)
    {
        var contexts = new SystemDbContextFactory(interceptors.Length == 0 ? Db.Options : new DbContextOptionsBuilder<AppDbContext>(Db.Options).AddInterceptors(interceptors).Options);
        return new MonthlyNoticeDrafting(
            contexts, Db.Clock, Options.Create(options ?? new MonthlyNoticeOptions { DraftWithinMonths = 1 }), Options.Create(new OfficialDocumentOptions()),
            Options.Create(new DashboardOptions()), NullLogger<MonthlyNoticeDrafting>.Instance);
    }

    private async Task<List<OfficialNotice>> NoticesAsync()
    {
        await using var db = Db.CreateSystemContext();
        return await db.OfficialNotices.AsNoTracking().OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task Job_DraftsTheFrozenMonth_FromTheFinalStatistics_WithTheRulesApplied()
    {
        Assert.Equal(1, await new DraftMonthlyNoticeJob(Server()).RunAsync());

        var notice = Assert.Single(await NoticesAsync());
        Assert.Equal((NoticeKind.MonthlyCirculation, NoticeStatus.Draft, 2020, 6), (notice.Kind, notice.Status, notice.PeriodYear, notice.PeriodMonth));
        Assert.Equal((await Db.JurisdictionAsync("220000")).Id, notice.JurisdictionId);
        Assert.Equal("关于2020年6月全省棚户区改造和解决棚改逾期未安置问题工作进展情况的通报", notice.Title);
        Assert.Equal("各市（州）人民政府，长白山管委会", notice.MainRecipients);
        Assert.Equal("吉林省保障性安居工程领导小组办公室", notice.IssuingOffice);

        var lines = NoticeBody.Lines(notice.Body).Select(l => l.Text).ToList();
        Assert.Equal(
            ["一、总体进展情况", "二、各地进展排名", "三、通报表扬", "四、通报批评", "五、拟约谈", "六、下一步工作要求"],
            NoticeBody.Lines(notice.Body).Where(l => l.Kind == BodyLineKind.Heading1).Select(l => l.Text));
        // 3338 / 9000 = 37.1 %; 900 / 4500 = 20.0 %; 141 / 900 = 15.7 %; time progress 6 / 12 = 50.0 %.
        Assert.Contains(
            "截至6月底，全省棚户区改造开工3338套，完成年度计划9000套的37.1%；基本建成900套，完成年度计划4500套的20.0%；解决棚改逾期未安置问题141户，完成年度计划900户的15.7%。"
            + "按时间进度（50.0%）衡量，棚户区改造开工滞后时间进度12.9个百分点，基本建成滞后时间进度30.0个百分点，解决棚改逾期未安置问题滞后时间进度34.3个百分点。各项任务均滞后于时间进度，形势严峻。",
            lines);

        // The ranking table: header, nine ranked cities in order, 长白山管委会 (no plan) last and unranked.
        var table = Assert.IsType<BodyTable>(Assert.Single(NoticeBody.Blocks(NoticeBody.Lines(notice.Body)), b => b is BodyTable));
        Assert.Equal(["排名", "地区", "开工（套）", "开工进度", "基本建成（套）", "基本建成进度", "解决逾期未安置（户）", "解决进度"], table.Header);
        Assert.Equal(["1", "长春市", "500", "50.0%", "100", "20.0%", "21", "21.0%"], table.Rows[0]);
        Assert.Equal(["9", "白城市", "218", "21.8%", "100", "20.0%", "15", "15.0%"], table.Rows[8]);
        Assert.Equal(["—", "长白山管委会", "0", "—", "0", "—", "0", "—"], table.Rows[9]);
        Assert.Equal(["长春市", "吉林市", "延边朝鲜族自治州", "四平市", "通化市", "白山市", "松原市", "辽源市", "白城市", "长白山管委会"], table.Rows.Select(r => r[1]));

        Assert.Contains("长春市棚户区改造开工任务进度50.0%，居全省第1位，与时间进度持平。对以上地区予以通报表扬。", lines);
        Assert.Contains(
            "松原市棚户区改造开工任务进度29.0%，居全省第7位，滞后时间进度21.0个百分点；辽源市棚户区改造开工任务进度28.0%，居全省第8位，滞后时间进度22.0个百分点；"
            + "白城市棚户区改造开工任务进度21.8%，居全省第9位，滞后时间进度28.2个百分点。对以上3个地区予以通报批评。",
            lines);
        // May: time progress 41.7; 吉林 38.7 (−3.0), 四平 39.7 (−2.0), 白山 35.0 (−6.7), 辽源 31.7 (−10.0), 白城 29.7 (−12.0) behind;
        // 延边 42.0 and 松原 42.7 ahead; 通化 has no May figures.
        var summons = lines[lines.IndexOf("五、拟约谈") + 1];
        Assert.StartsWith("吉林市棚户区改造开工任务进度已连续2个月滞后于时间进度（本月滞后时间进度5.0个百分点）；四平市", summons, StringComparison.Ordinal);
        Assert.EndsWith("。拟由省保障性安居工程领导小组办公室约谈上述地区政府分管负责同志。", summons, StringComparison.Ordinal);
        Assert.Equal(["吉林市", "四平市", "白山市", "辽源市", "白城市"], new[] { "吉林市", "四平市", "白山市", "辽源市", "白城市", "延边", "通化市", "松原市" }.Where(c => summons.Contains(c, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Job_RunTwice_DraftsTheMonthOnce()
    {
        Assert.Equal(1, await new DraftMonthlyNoticeJob(Server()).RunAsync());
        Assert.Equal(0, await new DraftMonthlyNoticeJob(Server()).RunAsync());

        Assert.Single(await NoticesAsync());
        Assert.Empty(await Server().MonthsDueAsync());
    }

    [Fact]
    public async Task Job_OnTwoServersAtOnce_DraftsTheMonthOnce_AndNeitherFails()
    {
        using var start = new ManualResetEventSlim(false);
        var runs = Enumerable.Range(0, 4).Select(_ => Server()).Select(server => Task.Run(async () =>
        {
            start.Wait();
            return await new DraftMonthlyNoticeJob(server).RunAsync();
        })).ToList();
        start.Set();

        var drafted = await Task.WhenAll(runs);

        Assert.Equal(1, drafted.Sum());
        Assert.Single(await NoticesAsync());
    }

    [Fact]
    public async Task Draft_WhenAnotherServerSavesTheMonthBetweenCheckAndInsert_TheDatabaseRefusesTheSecond_AndItIsReportedAsDrafted()
    {
        // Server A has checked (no draft yet) and composed; just before A's insert, server B saves the same month.
        var other = Server();
        var race = new RaceAhead(() => other.DraftAsync(2020, 6));

        var outcome = await Server(null, race).DraftAsync(2020, 6);

        Assert.True(race.Ran);
        Assert.Equal(MonthlyDraftOutcome.AlreadyDrafted, outcome);
        Assert.Single(await NoticesAsync());
    }

    [Fact]
    public async Task Database_RefusesASecondMonthlyNoticeOfTheSameUnitAndMonth_ButNotOfAnotherMonth()
    {
        var province = (await Db.JurisdictionAsync("220000")).Id;
        var content = new NoticeContent("标题", "各市（州）人民政府", "正文。", "吉林省保障性安居工程领导小组办公室");
        await using (var db = Db.CreateSystemContext())
        {
            db.OfficialNotices.Add(OfficialNotice.DraftMonthly(province, 2020, 6, content));
            db.OfficialNotices.Add(OfficialNotice.DraftMonthly(province, 2020, 5, content));
            db.OfficialNotices.Add(OfficialNotice.Draft(province, NoticeKind.MonthlyCirculation, content)); // a hand-written one has no month
            db.OfficialNotices.Add(OfficialNotice.Draft(province, NoticeKind.MonthlyCirculation, content));
            await db.SaveChangesAsync();
        }

        await using (var db = Db.CreateSystemContext())
        {
            db.OfficialNotices.Add(OfficialNotice.DraftMonthly(province, 2020, 6, content));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(4, (await NoticesAsync()).Count);
    }

    [Fact]
    public async Task Draft_WaitsForTheMonthToBeFrozen()
    {
        await using (var db = Db.CreateSystemContext())
        {
            db.ReportingPeriods.Add(ReportingPeriod.Open(2020, 7));
            await db.SaveChangesAsync();
        }

        Assert.Equal(MonthlyDraftOutcome.NotReady, await Server().DraftAsync(2020, 7));
        Assert.Empty(await NoticesAsync());
    }

    [Fact]
    public async Task MonthsDue_AreTheRecentFrozenMonthsWithoutANotice()
    {
        Assert.Equal([(2020, 5), (2020, 6)], await Server(new MonthlyNoticeOptions { DraftWithinMonths = 2 }).MonthsDueAsync());
        Assert.Equal([(2020, 6)], await Server(new MonthlyNoticeOptions { DraftWithinMonths = 1 }).MonthsDueAsync());
        Db.Clock.SetUtcNow(new DateTimeOffset(2020, 9, 1, 2, 0, 0, TimeSpan.Zero));
        Assert.Empty(await Server(new MonthlyNoticeOptions { DraftWithinMonths = 1 }).MonthsDueAsync());
    }

    /// <summary>
    /// Runs <paramref name="ahead"/> once, just before the transaction that saves a 月通报 through the context it is
    /// attached to begins (inside it, SQLite's write lock would make the other server wait for this one).
    /// </summary>
    private sealed class RaceAhead(Func<Task<MonthlyDraftOutcome>> ahead) : DbTransactionInterceptor
    {
        public bool Ran { get; private set; }

        public override async ValueTask<InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
            System.Data.Common.DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (!Ran && eventData.Context!.ChangeTracker.Entries<OfficialNotice>().Any(e => e.State == EntityState.Added && e.Entity.PeriodYear is not null))
            {
                Ran = true;
                Assert.Equal(MonthlyDraftOutcome.Drafted, await ahead());
            }

            return await base.TransactionStartingAsync(connection, eventData, result, cancellationToken);
        }
    }
}

public sealed class SqliteMonthlyNoticeDraftingTests : MonthlyNoticeDraftingTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMonthlyNoticeDraftingTests(PostgresServer server) : MonthlyNoticeDraftingTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}
