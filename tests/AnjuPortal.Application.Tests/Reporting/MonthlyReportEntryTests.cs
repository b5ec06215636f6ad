using AnjuPortal.Application.Reporting;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Tests.Reporting;

/// <summary>Starting, reading and saving drafts, on each real provider.</summary>
public abstract class MonthlyReportEntryTests : IAsyncLifetime
{
    private ReportingScenario? _scenario;

    private ReportingScenario S => _scenario ?? throw new InvalidOperationException("Not initialised.");

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _scenario = await ReportingScenario.CreateAsync(await CreateDatabaseAsync());

    public async Task DisposeAsync()
    {
        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartOrGetDraft_StartsFromLastMonthsApprovedFigures()
    {
        var draft = await S.DraftAsync(S.LongshanOperator);

        Assert.Equal((ReportStatus.Draft, 0, "2020年6月", "龙山区"), (draft.Status, draft.Revision, draft.Period.Label, draft.JurisdictionName));
        var project = Assert.Single(draft.Projects);
        Assert.Equal(("LS-2020-01", "东站片区", 300, 100), (project.Code, project.Name, project.PlannedUnits, project.HouseholdsToExpropriate));
        AssertFigures(ReportingScenario.MayFigures, project.Figures);
        AssertFigures(ReportingScenario.MayFigures, project.LastApproved);

        var overdue = Assert.Single(draft.Cases);
        Assert.Equal(("北山回迁", 12, 7, 5, 2), (overdue.Name, overdue.Households, overdue.UnresolvedAtMonthStart, overdue.ResolvedEarlierInYear, overdue.ResolvedLastMonth));
        Assert.Equal((default(HouseholdResolutions), 5), (overdue.ThisMonth, overdue.ResolvedInYear));
        Assert.Empty(draft.Findings);
        var started = Assert.Single(draft.History);
        Assert.Equal((ReportAction.Started, S.LongshanOperator.UserName), (started.Action, started.By));
        Assert.Equal(new ReportPermissions(Edit: true, Submit: true, Return: false, Approve: false, StartCorrection: false), draft.Can);
    }

    [Fact]
    public async Task StartOrGetDraft_RecordsTheReport_AndItsCopiedLinesAsOneSummaryPerKind()
    {
        var draft = await S.DraftAsync(S.LongshanOperator);

        await using var db = S.Database.CreateSystemContext();
        var records = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AnjuPortal.Domain.Auditing.AuditAction.Create).ToListAsync();
        Assert.Single(records, r => r.EntityType == nameof(MonthlyReport) && r.EntityId == draft.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The lines copied into the draft: one summary per kind, no row records (the scenario's May lines have theirs).
        var summaries = records.Where(r => r.Note?.StartsWith("按上月审核数生成龙山区2020年6月月报草稿", StringComparison.Ordinal) == true).ToList();
        var projectLines = Assert.Single(summaries, r => r.EntityType == nameof(ProjectProgressLine));
        Assert.Null(projectLines.Changes);
        Assert.Contains("（本次写入 1 条", projectLines.Note, StringComparison.Ordinal);
        Assert.Single(summaries, r => r.EntityType == nameof(CaseProgressLine));
        Assert.Equal(records.Count(r => r.EntityType == nameof(ProjectProgressLine)) - 1, records.Count(r => r.EntityType == nameof(ProjectProgressLine) && r.Note is null));
    }

    [Fact]
    public async Task StartOrGetDraft_StartsFromTheRegister_WhenTheUnitHasNoApprovedReport()
    {
        var draft = await S.DraftAsync(S.CityOperator);

        var project = Assert.Single(draft.Projects);
        Assert.Equal(S.CityProjectId, project.ProjectId);
        AssertFigures(ProjectFigures.Zero, project.Figures);
        Assert.Empty(draft.Cases);
    }

    [Fact]
    public async Task StartOrGetDraft_ReturnsTheSameReport_WhenCalledAgainOrConcurrently()
    {
        var calls = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => S.Entry(S.LongshanOperator).StartOrGetDraftAsync(S.JuneId, S.Longshan.Id))));
        var again = await S.Entry(S.LongshanOperator).StartOrGetDraftAsync(S.JuneId, S.Longshan.Id);

        Assert.All(calls, c => Assert.True(c.Succeeded, c.ToString()));
        Assert.Single(calls.Select(c => c.Value).Append(again.Value).Distinct());
        Assert.Single(await S.ReportsAsync(), r => r.ReportingPeriodId == S.JuneId);
    }

    [Fact]
    public async Task StartOrGetDraft_IsRefused_ForAnotherUnitOrTheTopOfTheTree()
    {
        var sibling = await S.Entry(S.XianOperator).StartOrGetDraftAsync(S.JuneId, S.Longshan.Id);
        var otherCity = await S.Entry(S.TiexiOperator).StartOrGetDraftAsync(S.JuneId, S.Longshan.Id);
        var cityForCounty = await S.Entry(S.CityOperator).StartOrGetDraftAsync(S.JuneId, S.Longshan.Id);
        var top = TestUser.At(S.Province, Roles.CityOperator);
        var province = await S.Entry(top).StartOrGetDraftAsync(S.JuneId, S.Province.Id);

        Assert.Equal("单位不存在，或不在您的管辖范围内。", sibling.ErrorFor(string.Empty));
        Assert.Equal("单位不存在，或不在您的管辖范围内。", otherCity.ErrorFor(string.Empty));
        Assert.Equal("只能填报本单位的月报。", cityForCounty.ErrorFor(string.Empty));
        Assert.Equal("吉林省是最上级单位，负责审核各地区月报，本身不填报月报。", province.ErrorFor(string.Empty));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => S.Entry(S.Reviewer).StartOrGetDraftAsync(S.JuneId, S.Province.Id));
        Assert.DoesNotContain(await S.ReportsAsync(), r => r.ReportingPeriodId == S.JuneId);
    }

    [Fact]
    public async Task StartOrGetDraft_IsRefused_WhenThePeriodIsFrozen()
    {
        await S.FreezeJuneAsync();

        var result = await S.Entry(S.LongshanOperator).StartOrGetDraftAsync(S.JuneId, S.Longshan.Id);

        Assert.Equal("报告期“2020年6月”已冻结，月报不能再填报、上报、退回或审核。", result.ErrorFor(string.Empty));
    }

    [Fact]
    public async Task SaveDraft_ChangesOnlyTheGivenLines_AndReturnsTheFindings()
    {
        var draft = await S.DraftAsync(S.LongshanOperator);
        var line = ProjectLineInput.From(draft.Projects[0]);
        line.UnitsStarted = 181;
        line.Funds.Add(new FundsInput { Source = FundingSource.CentralSubsidy, Received = 50m, Spent = 60m });

        var saved = await S.Entry(S.LongshanOperator).SaveDraftAsync(new ReportDraftInput { ReportId = draft.Id, Version = draft.Version, Projects = [line] });

        Assert.True(saved.Succeeded, saved.ToString());
        Assert.Equal(["E113", "W101"], saved.Value!.Findings.Select(f => f.Code));
        Assert.True(saved.Value.Version > draft.Version);
        var view = await S.ViewAsync(draft.Id, S.LongshanOperator);
        Assert.Equal((181, 2), (view.Projects[0].Figures.UnitsStarted, view.Projects[0].Figures.Funds.Count));
        Assert.Equal(default, view.Cases[0].ThisMonth);
        Assert.Equal(saved.Value.Version, view.Version);
    }

    [Fact]
    public async Task SaveDraft_CanBeRepeated_WithTheVersionOfTheLastSave()
    {
        var draft = await S.DraftAsync(S.LongshanOperator);
        var cases = CaseLineInput.From(draft.Cases[0]);
        cases.Monetary = 2;
        var first = await S.Entry(S.LongshanOperator).SaveDraftAsync(new ReportDraftInput { ReportId = draft.Id, Version = draft.Version, Cases = [cases] });
        cases.OffSite = 1;

        var second = await S.Entry(S.LongshanOperator).SaveDraftAsync(new ReportDraftInput { ReportId = draft.Id, Version = first.Value!.Version, Cases = [cases] });
        var stale = await S.Entry(S.LongshanOperator).SaveDraftAsync(new ReportDraftInput { ReportId = draft.Id, Version = first.Value.Version, Cases = [cases] });

        Assert.True(second.Succeeded, second.ToString());
        Assert.StartsWith("保存失败：该月报已于", stale.ErrorFor(string.Empty), StringComparison.Ordinal);
        var line = (await S.ViewAsync(draft.Id)).Cases[0];
        Assert.Equal((new HouseholdResolutions(0, 2, 1, 0), 8), (line.ThisMonth, line.ResolvedInYear));
    }

    [Fact]
    public async Task SaveDraft_KeepsTheExplanationOfAWarning_ForTheReviewerToRead()
    {
        var draft = await S.DraftAsync(S.LongshanOperator);
        var line = ProjectLineInput.From(draft.Projects[0]);
        line.UnitsStarted = 190;
        var saved = await S.Entry(S.LongshanOperator).SaveDraftAsync(new ReportDraftInput
        {
            ReportId = draft.Id, Version = draft.Version, Projects = [line], Explanations = new() { ["W101:P" + S.ProjectId] = "二期地块六月集中开工" },
        });

        var explanation = Assert.Single((await S.ViewAsync(draft.Id)).Explanations);

        Assert.True(saved.Succeeded, saved.ToString());
        Assert.Equal(("W101", "二期地块六月集中开工"), (explanation.RuleCode, explanation.Text));
        Assert.Equal("项目「东站片区」本月新增开工 40 套，超过上月新增 10 套的 3 倍，请说明原因。", explanation.Message);
    }

    [Fact]
    public async Task SaveDraft_IsRefused_ForALineNotOnTheReportOrANegativeFigure()
    {
        var draft = await S.DraftAsync(S.LongshanOperator);
        var foreign = new ProjectLineInput { ProjectId = S.SiblingProjectId, UnitsStarted = 1 };
        var negative = ProjectLineInput.From(draft.Projects[0]);
        negative.HouseholdsSigned = -3;

        var notOurs = await S.Entry(S.LongshanOperator).SaveDraftAsync(new ReportDraftInput { ReportId = draft.Id, Version = draft.Version, Projects = [foreign] });
        var refused = await S.Entry(S.LongshanOperator).SaveDraftAsync(new ReportDraftInput { ReportId = draft.Id, Version = draft.Version, Projects = [negative] });

        Assert.Equal("该项目或台账项目不属于本单位本期月报。", notOurs.ErrorFor($"Projects[{S.SiblingProjectId}]"));
        Assert.Equal("累计签约户数不能为负数（填写的是 -3）。", refused.ErrorFor("HouseholdsSigned"));
        Assert.Equal(draft.Version, (await S.ViewAsync(draft.Id)).Version);
    }

    [Fact]
    public async Task Reports_AreInvisibleToOtherCounties_AndVisibleUpTheTree()
    {
        var draft = await S.DraftAsync(S.LongshanOperator);

        Assert.Null(await S.Entry(S.XianOperator).GetAsync(draft.Id));
        Assert.Null(await S.Entry(S.TiexiOperator).FindAsync(S.JuneId, S.Longshan.Id));
        Assert.Null(await S.Entry(S.SipingOperator).CheckAsync(draft.Id));
        Assert.Empty(await S.Entry(S.XianOperator).RevisionsAsync(S.JuneId, S.Longshan.Id));
        var save = await S.Entry(S.XianOperator).SaveDraftAsync(new ReportDraftInput { ReportId = draft.Id, Version = draft.Version });
        Assert.Equal("月报不存在，或不在您的管辖范围内。", save.ErrorFor(string.Empty));

        var city = await S.Entry(S.CityOperator).GetAsync(draft.Id);
        Assert.NotNull(city);
        Assert.False(city.Can.Edit);
        Assert.NotNull(await S.Entry(S.Reviewer).FindAsync(S.JuneId, S.Longshan.Id));
    }

    [Fact]
    public async Task GetAsync_ShowsAnOldApprovedReportWithItsOwnBaseline()
    {
        var may = await S.Entry(S.LongshanOperator).FindAsync(S.MayId, S.Longshan.Id);

        Assert.NotNull(may);
        Assert.Equal(ReportStatus.Approved, may.Status);
        AssertFigures(ReportingScenario.AprilFigures, may.Projects[0].LastApproved);
        AssertFigures(ReportingScenario.MayFigures, may.Projects[0].Figures);
        Assert.False(may.Can.StartCorrection); // May is frozen
    }

    private static void AssertFigures(ProjectFigures expected, ProjectFigures actual)
    {
        Assert.Equal(
            (expected.UnitsStarted, expected.UnitsBasicallyCompleted, expected.InvestmentCompleted, expected.HouseholdsSigned, expected.HouseholdsMovedOut),
            (actual.UnitsStarted, actual.UnitsBasicallyCompleted, actual.InvestmentCompleted, actual.HouseholdsSigned, actual.HouseholdsMovedOut));
        Assert.Equal(expected.Funds.Select(f => (f.Source, f.Received, f.Spent)), actual.Funds.Select(f => (f.Source, f.Received, f.Spent)));
    }
}

public sealed class SqliteMonthlyReportEntryTests : MonthlyReportEntryTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMonthlyReportEntryTests(PostgresServer server) : MonthlyReportEntryTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}
