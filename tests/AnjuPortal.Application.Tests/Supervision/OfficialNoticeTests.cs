using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Application.Supervision;
using AnjuPortal.Domain.Supervision;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Tests.Supervision;

/// <summary>
/// Official notices on each real provider: draft → approve → issue, and the number register: notices issued at the
/// same moment from separate contexts get serials 1..n with no gap and no duplicate; an issue that fails after taking
/// its number gives it back.
/// </summary>
public abstract class OfficialNoticeTests : IAsyncLifetime
{
    private TestDatabase? _database;
    private TestUser? _supervisor;
    private TestUser? _administrator;

    private TestDatabase Db => _database ?? throw new InvalidOperationException("Not initialised.");

    private TestUser Supervisor => _supervisor!;

    private TestUser Administrator => _administrator!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        var province = await Db.JurisdictionAsync("220000");
        _supervisor = TestUser.At(province, Roles.Supervisor);
        _administrator = TestUser.At(province, Roles.ProvinceAdministrator);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private OfficialNotices Notices(ICurrentUser user, IAppDbContextFactory? contexts = null)
        => new(contexts ?? Db.FactoryFor(user), user, Db.Clock, Options.Create(new OfficialDocumentOptions()));

    private static NoticeDraftInput Draft(string title = "关于2020年6月全省棚户区改造工作进展情况的通报")
        => new(NoticeKind.MonthlyCirculation, title, "各市（州）人民政府，长白山管委会", "一、总体进展情况\n截至6月底，全省开工7471套。", "吉林省保障性安居工程领导小组办公室", "省住房城乡建设厅、省财政厅");

    private async Task<(int Id, int Version)> ApprovedAsync(string title = "通报")
    {
        var created = await Notices(Supervisor).CreateDraftAsync(Draft(title));
        Assert.True(created.Succeeded, created.ToString());
        var draft = (await Notices(Supervisor).GetAsync(created.Value))!;
        var approved = await Notices(Administrator).ApproveAsync(draft.Id, draft.Version);
        Assert.True(approved.Succeeded, approved.ToString());
        var view = (await Notices(Supervisor).GetAsync(created.Value))!;
        Assert.Equal(NoticeStatus.Approved, view.Status);
        return (view.Id, view.Version);
    }

    [Fact]
    public async Task Issue_TwentyAtOnceFromSeparateContexts_SerialsOneToTwentyWithoutGapOrDuplicate()
    {
        var notices = new List<(int Id, int Version)>();
        for (var i = 0; i < 20; i++)
        {
            notices.Add(await ApprovedAsync($"通报{i}"));
        }

        using var start = new ManualResetEventSlim(false);
        var issues = notices.Select(n => Task.Run(async () =>
        {
            start.Wait();
            return await Notices(Supervisor).IssueAsync(n.Id, n.Version);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(issues);

        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        await using var db = Db.CreateSystemContext();
        var serials = await db.OfficialNotices.Select(n => n.NumberSerial!.Value).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 20), serials.Order());
        Assert.True(Enumerable.Range(1, 20).Select(i => $"吉安居办〔2020〕{i}号").ToHashSet().SetEquals(results.Select(r => r.Value!)));
        Assert.Equal(20, (await db.DocumentSerials.SingleAsync()).Last);
    }

    [Fact]
    public async Task Issue_FailingAfterTheNumberIsTaken_GivesTheNumberBack()
    {
        var first = await ApprovedAsync("一");
        var failing = await ApprovedAsync("二");
        var third = await ApprovedAsync("三");
        Assert.Equal("吉安居办〔2020〕1号", (await Notices(Supervisor).IssueAsync(first.Id, first.Version)).Value);

        // The save of the issued notice fails (as a lost connection or a full disk would), after the counter's UPDATE.
        var broken = new FailingContextFactory(Db, Supervisor);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Notices(Supervisor, broken).IssueAsync(failing.Id, failing.Version));
        Assert.True(broken.Failed);

        Assert.Equal("吉安居办〔2020〕2号", (await Notices(Supervisor).IssueAsync(third.Id, third.Version)).Value);
        Assert.Equal("吉安居办〔2020〕3号", (await Notices(Supervisor).IssueAsync(failing.Id, failing.Version)).Value);
    }

    [Fact]
    public async Task Issue_WithAStaleVersion_IsRefusedAndTheNumberIsNotUsed()
    {
        var notice = await ApprovedAsync();

        var stale = await Notices(Supervisor).IssueAsync(notice.Id, notice.Version - 1);
        Assert.False(stale.Succeeded);
        Assert.Equal(OfficialNotices.Stale, stale.ErrorFor(string.Empty));

        Assert.Equal("吉安居办〔2020〕1号", (await Notices(Supervisor).IssueAsync(notice.Id, notice.Version)).Value);
    }

    [Fact]
    public async Task Issue_WithoutApproval_IsRefused_AndAnIssuedNoticeCannotBeEdited()
    {
        var created = await Notices(Supervisor).CreateDraftAsync(Draft());
        var draft = (await Notices(Supervisor).GetAsync(created.Value))!;
        var refused = await Notices(Supervisor).IssueAsync(draft.Id, draft.Version);
        Assert.Equal("公文未经审批，不能印发。", refused.ErrorFor(string.Empty));

        await Notices(Administrator).ApproveAsync(draft.Id, draft.Version);
        var approved = (await Notices(Supervisor).GetAsync(draft.Id))!;
        Assert.True((await Notices(Supervisor).IssueAsync(approved.Id, approved.Version)).Succeeded);
        var issued = (await Notices(Supervisor).GetAsync(draft.Id))!;
        Assert.Equal(NoticeStatus.Issued, issued.Status);
        Assert.Equal(new DateOnly(2020, 6, 30), issued.DocumentDate); // 成文日期 defaults to the day of issue, China time

        var edit = await Notices(Supervisor).EditAsync(issued.Id, issued.Version, Draft("改过的标题"));
        Assert.Equal("公文已印发，不能再修改。", edit.ErrorFor(string.Empty));
        Assert.Equal("吉安居办〔2020〕1号", (await Notices(Supervisor).GetAsync(draft.Id))!.Number);
    }

    [Fact]
    public async Task Approve_ByASupervisor_IsDenied_AndEditingAnApprovedNoticeVoidsTheApproval()
    {
        var created = await Notices(Supervisor).CreateDraftAsync(Draft());
        var draft = (await Notices(Supervisor).GetAsync(created.Value))!;
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Notices(Supervisor).ApproveAsync(draft.Id, draft.Version));

        await Notices(Administrator).ApproveAsync(draft.Id, draft.Version);
        var approved = (await Notices(Supervisor).GetAsync(draft.Id))!;
        var edited = await Notices(Supervisor).EditAsync(approved.Id, approved.Version, Draft("关于2020年6月进展情况的通报"));
        Assert.True(edited.Succeeded, edited.ToString());
        var back = (await Notices(Supervisor).GetAsync(draft.Id))!;
        Assert.Equal((NoticeStatus.Draft, (string?)null), (back.Status, back.ApprovedBy));
    }

    [Fact]
    public async Task Issue_OnNewYearsDayInChina_StartsTheNewYearAtOne()
    {
        var notice = await ApprovedAsync();
        Db.Clock.SetUtcNow(new DateTimeOffset(2020, 12, 31, 17, 0, 0, TimeSpan.Zero)); // 2021-01-01 01:00 Beijing time

        Assert.Equal("吉安居办〔2021〕1号", (await Notices(Supervisor).IssueAsync(notice.Id, notice.Version)).Value);
    }

    [Fact]
    public async Task CreateDraft_WithoutTitleOrWithAnUnknownOffice_SaysWhichField()
    {
        var noTitle = await Notices(Supervisor).CreateDraftAsync(Draft() with { Title = " " });
        Assert.Equal("请填写标题。", noTitle.ErrorFor(nameof(OfficialNotice.Title)));

        var office = await Notices(Supervisor).CreateDraftAsync(Draft() with { IssuingOffice = "某某办公室" });
        Assert.Contains("未登记发文机关代字", office.ErrorFor(nameof(OfficialNotice.IssuingOffice)), StringComparison.Ordinal);

        var city = TestUser.At(await Db.JurisdictionAsync("220400"), Roles.CityOperator);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Notices(city).CreateDraftAsync(Draft()));
    }

    [Fact]
    public async Task Document_OfAnIssuedNotice_CarriesTheOfficesHeaderTheNumberAndTheRecordBlock()
    {
        var notice = await ApprovedAsync("关于2020年6月全省棚户区改造工作进展情况的通报");
        await Notices(Supervisor).IssueAsync(notice.Id, notice.Version);
        var renderer = new CapturingRenderer();

        var file = await new OfficialNotices(Db.FactoryFor(Supervisor), Supervisor, Db.Clock, Options.Create(new OfficialDocumentOptions()), renderer)
            .DocumentAsync(notice.Id, NoticeFileFormat.Docx);

        Assert.Equal("吉安居办〔2020〕1号.docx", file!.FileName);
        var document = renderer.Last!;
        Assert.Equal(("吉林省保障性安居工程领导小组办公室文件", "吉安居办〔2020〕1号"), (document.Header, document.Number));
        Assert.Equal(["省住房城乡建设厅", "省财政厅"], document.CopyTo);
        Assert.Equal(BodyLineKind.Heading1, document.Body[0].Kind);
        Assert.Equal((new DateOnly(2020, 6, 30), new DateOnly(2020, 6, 30)), (document.DocumentDate, document.PrintDate));
        Assert.Equal("2020年6月30日", OfficialDocument.ChineseDate(document.DocumentDate));
    }

    private sealed class CapturingRenderer : IOfficialDocumentRenderer
    {
        public OfficialDocument? Last { get; private set; }

        public byte[] RenderDocx(OfficialDocument document)
        {
            Last = document;
            return [1];
        }

        public Task<byte[]> RenderPdfAsync(OfficialDocument document, CancellationToken ct = default) => Task.FromResult(RenderDocx(document));
    }

    /// <summary>Contexts whose save fails once a notice is being issued: after the register's UPDATE, before the commit.</summary>
    private sealed class FailingContextFactory(TestDatabase database, ICurrentUser user) : IAppDbContextFactory
    {
        private readonly FailOnIssue _interceptor = new();

        public bool Failed => _interceptor.Failed;

        public Task<IAppDbContext> CreateAsync(CancellationToken cancellationToken = default)
        {
            var options = new DbContextOptionsBuilder<AppDbContext>(database.Options).AddInterceptors(_interceptor).Options;
            return Task.FromResult<IAppDbContext>(new AppDbContext(options, user));
        }

        private sealed class FailOnIssue : SaveChangesInterceptor
        {
            public bool Failed { get; private set; }

            public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
            {
                if (eventData.Context!.ChangeTracker.Entries<OfficialNotice>().Any(e => e.Entity.Status == NoticeStatus.Issued && e.State == EntityState.Modified))
                {
                    Failed = true;
                    throw new InvalidOperationException("Simulated failure after the number was taken.");
                }

                return base.SavingChangesAsync(eventData, result, cancellationToken);
            }
        }
    }
}

public sealed class SqliteOfficialNoticeTests : OfficialNoticeTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresOfficialNoticeTests(PostgresServer server) : OfficialNoticeTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}
