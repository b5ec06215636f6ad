using AnjuPortal.Application.OverdueResettlement.Closure;
using AnjuPortal.Application.Security;
using AnjuPortal.Application.Supervision.Items;
using AnjuPortal.Domain.Supervision;
using AnjuPortal.Infrastructure.Files;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static AnjuPortal.Application.Tests.OverdueResettlement.Closure.EvidenceSamples;

namespace AnjuPortal.Application.Tests.Supervision;

/// <summary>
/// 督办事项 on a real database of each provider and the ledger's real local file store: the province opens items for
/// 长春市 and 吉林市, each city sees only its own, reports with evidence, the province returns and closes; the lights
/// on the list follow the test clock (2020-06-30 in China).
/// </summary>
public abstract class SupervisionItemsTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "anju-supervision-" + Guid.NewGuid().ToString("N"));
    private TestDatabase _database = null!;
    private LocalEvidenceFileStore _store = null!;
    private TestUser _supervisor = null!;
    private TestUser _changchun = null!;
    private TestUser _jilin = null!;
    private TestUser _nanguan = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private DateOnly Today => new(2020, 6, 30);

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _store = new LocalEvidenceFileStore(Options.Create(new EvidenceOptions { Directory = _folder }), "/");
        _supervisor = TestUser.At(await _database.JurisdictionAsync("220000"), Roles.Supervisor);
        _changchun = TestUser.At(await _database.JurisdictionAsync("220100"), Roles.CityOperator);
        _jilin = TestUser.At(await _database.JurisdictionAsync("220200"), Roles.CityOperator);
        _nanguan = TestUser.At(await _database.JurisdictionAsync("220102"), Roles.CountyOperator);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private SupervisionItems Items(ICurrentUser user)
    {
        var evidence = Options.Create(new EvidenceOptions { Directory = _folder });
        return new SupervisionItems(_database.FactoryFor(user), user, _database.Clock, new EvidenceTypeScanner(evidence), _store, evidence, Options.Create(new SupervisionOptions()));
    }

    private int StoredFiles => Directory.Exists(_folder) ? Directory.GetFiles(_folder, "*", SearchOption.AllDirectories).Length : 0;

    private async Task<int> OpenAsync(TestUser unit, DateOnly deadline, SupervisionSource source = SupervisionSource.ProvincialInspection, string title = "逾期未安置问题整改")
    {
        var result = await Items(_supervisor).OpenAsync(new SupervisionItemInput(unit.JurisdictionId!.Value, title, source, null, SupervisionLevel.PointGuidance, deadline, "限期完成整改并报送佐证材料。"));
        Assert.True(result.Succeeded, result.ToString());
        return result.Value;
    }

    private async Task<int> VersionAsync(int id) => (await Items(_supervisor).GetAsync(id))!.Version;

    [Fact]
    public async Task Workflow_OpenReportReturnReportClose_KeepsTheTimeline()
    {
        var id = await OpenAsync(_changchun, Today.AddDays(30));
        var raised = await Items(_supervisor).RaiseLevelAsync(id, await VersionAsync(id), SupervisionLevel.OnSite, "进展迟缓");
        Assert.True(raised.Succeeded, raised.ToString());
        _database.Clock.Advance(TimeSpan.FromDays(1));
        var reported = await Items(_changchun).ReportAsync(id, await VersionAsync(id), "已完成整改。", [Agreement("整改报告.pdf"), File("现场照片.png", Png())]);
        Assert.True(reported.Succeeded, reported.ToString());
        var returned = await Items(_supervisor).ReturnAsync(id, await VersionAsync(id), "缺少验收证明。");
        Assert.True(returned.Succeeded, returned.ToString());
        Assert.True((await Items(_changchun).ReportAsync(id, await VersionAsync(id), "已补充验收证明。", [Agreement("验收证明.pdf")])).Succeeded);
        var closed = await Items(_supervisor).CloseAsync(id, await VersionAsync(id), "整改到位，同意销项。");
        Assert.True(closed.Succeeded, closed.ToString());

        var detail = (await Items(_changchun).GetAsync(id))!;
        Assert.Equal(SupervisionStatus.Closed, detail.Status);
        Assert.Equal(SupervisionLevel.OnSite, detail.Level);
        Assert.Equal(SupervisionLight.None, detail.Light);
        Assert.Equal(
            [SupervisionStepKind.Opened, SupervisionStepKind.LevelRaised, SupervisionStepKind.Reported, SupervisionStepKind.Returned, SupervisionStepKind.Reported, SupervisionStepKind.Closed],
            detail.Steps.Select(s => s.Kind));
        Assert.Equal(["吉林省", "吉林省", "长春市", "吉林省", "长春市", "吉林省"], detail.Steps.Select(s => s.UnitName));
        Assert.Equal(["整改报告.pdf", "现场照片.png"], detail.Steps[2].Attachments.Select(a => a.FileName));
        Assert.Equal(3, StoredFiles);

        var download = await Items(_changchun).OpenAttachmentAsync(detail.Steps[2].Attachments[0].Id);
        Assert.NotNull(download);
        await using (download!.Content)
        {
            Assert.Equal("application/pdf", download.ContentType);
        }
    }

    [Fact]
    public async Task Tenancy_ACityCannotSeeAnotherCitysItems_NorTheirEvidence()
    {
        var changchunItem = await OpenAsync(_changchun, Today.AddDays(30), title: "长春事项");
        var jilinItem = await OpenAsync(_jilin, Today.AddDays(30), title: "吉林事项");
        Assert.True((await Items(_changchun).ReportAsync(changchunItem, await VersionAsync(changchunItem), "已整改。", [Agreement()])).Succeeded);
        var attachmentId = (await Items(_supervisor).GetAsync(changchunItem))!.Steps[1].Attachments[0].Id;

        Assert.Equal(["吉林事项"], (await Items(_jilin).ListAsync()).Select(r => r.Title));
        Assert.Null(await Items(_jilin).GetAsync(changchunItem));
        Assert.Null(await Items(_jilin).OpenAttachmentAsync(attachmentId));
        Assert.Equal(SupervisionItems.NotFound, (await Items(_jilin).ReportAsync(changchunItem, 1, "冒报", [Agreement()])).ErrorFor(string.Empty));
        Assert.Equal(2, (await Items(_supervisor).ListAsync()).Count);
        Assert.Empty(await Items(_nanguan).ListAsync()); // a county below Changchun does not see the city's own items
        Assert.NotNull(await Items(_changchun).GetAsync(changchunItem));
        Assert.Null(await Items(_changchun).GetAsync(jilinItem));
    }

    [Fact]
    public async Task List_GivesLights_AndFiltersByThem()
    {
        var red = await OpenAsync(_changchun, Today, title: "红");   // will pass
        var yellow = await OpenAsync(_changchun, Today.AddDays(10), title: "黄");
        var green = await OpenAsync(_jilin, Today.AddDays(30), title: "绿");
        var closed = await OpenAsync(_jilin, Today.AddDays(1), title: "销");
        Assert.True((await Items(_jilin).ReportAsync(closed, await VersionAsync(closed), "已整改。", [Agreement()])).Succeeded);
        Assert.True((await Items(_supervisor).CloseAsync(closed, await VersionAsync(closed), null)).Succeeded);

        _database.Clock.Advance(TimeSpan.FromDays(3)); // 2020-07-03 in China: 红 passed yesterday, 黄 has 7 days left
        var list = await Items(_supervisor).ListAsync();
        Assert.Equal(SupervisionLight.Red, list.Single(r => r.Id == red).Light);
        Assert.Equal(-3, list.Single(r => r.Id == red).DaysLeft);
        Assert.Equal(SupervisionLight.Yellow, list.Single(r => r.Id == yellow).Light);
        Assert.Equal(SupervisionLight.Green, list.Single(r => r.Id == green).Light);
        Assert.Equal(SupervisionLight.None, list.Single(r => r.Id == closed).Light);

        foreach (var light in new[] { SupervisionLight.Red, SupervisionLight.Yellow, SupervisionLight.Green, SupervisionLight.None })
        {
            var filtered = await Items(_supervisor).ListAsync(new SupervisionItemFilter(Light: light));
            Assert.Equal(list.Where(r => r.Light == light).Select(r => r.Id), filtered.Select(r => r.Id));
        }

        Assert.Equal(["绿", "销"], (await Items(_supervisor).ListAsync(new SupervisionItemFilter(UnitId: _jilin.JurisdictionId))).Select(r => r.Title).Order());
    }

    [Fact]
    public async Task Open_FromAComplaint_KeepsTheSourceReference()
    {
        var result = await Items(_supervisor).OpenAsync(new SupervisionItemInput(
            _nanguan.JurisdictionId!.Value, "群众反映回迁房迟迟不交付", SupervisionSource.Complaint, "TS-2020-0007", SupervisionLevel.KeyTracking, Today.AddDays(15), "核实情况并答复群众。"));

        Assert.True(result.Succeeded, result.ToString());
        var row = Assert.Single(await Items(_nanguan).ListAsync(new SupervisionItemFilter(Source: SupervisionSource.Complaint)));
        Assert.Equal(("TS-2020-0007", SupervisionLevel.KeyTracking, "南关区"), (row.SourceReference, row.Level, row.UnitName));
    }

    [Fact]
    public async Task Refusals_CityCannotOpenOrClose_NoCloseWithoutReport_BadFileStoresNothing()
    {
        var id = await OpenAsync(_changchun, Today.AddDays(30));

        await Assert.ThrowsAsync<PermissionDeniedException>(() => Items(_changchun).OpenAsync(new SupervisionItemInput(_changchun.JurisdictionId!.Value, "t", SupervisionSource.Other, null, SupervisionLevel.PointGuidance, Today, "r")));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Items(_changchun).CloseAsync(id, 1, null));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => Items(_supervisor).ReportAsync(id, 1, "x", [Agreement()]));
        Assert.Equal("责任单位尚未报送整改报告，不能退回或销项。", (await Items(_supervisor).CloseAsync(id, await VersionAsync(id), "同意")).ErrorFor(string.Empty));

        var bad = await Items(_changchun).ReportAsync(id, await VersionAsync(id), "已整改。", [Agreement(), File("照片.png", Html())]);
        Assert.Contains("照片.png」的内容与其扩展名不符", bad.ErrorFor("Evidence"), StringComparison.Ordinal);
        Assert.Equal(0, StoredFiles);

        var stale = await Items(_changchun).ReportAsync(id, (await VersionAsync(id)) - 1, "已整改。", [Agreement()]);
        Assert.Equal(SupervisionItems.Stale, stale.ErrorFor(string.Empty));

        await using var db = _database.CreateSystemContext();
        Assert.Equal(1, await db.SupervisionSteps.CountAsync(s => s.ItemId == id));
    }
}

public sealed class SqliteSupervisionItemsTests : SupervisionItemsTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSupervisionItemsTests(PostgresServer server) : SupervisionItemsTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}
