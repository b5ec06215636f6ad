using AnjuPortal.Application.Reporting;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.TestSupport;

namespace AnjuPortal.Application.Tests.Reporting;

/// <summary>Every transition of the workflow, and the refused ones, on each real provider.</summary>
public abstract class ReportWorkflowTests : IAsyncLifetime
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

    private async Task<ReportView> EditAsync(ReportView draft, Action<ProjectLineInput> change)
    {
        var line = ProjectLineInput.From(draft.Projects.Single(p => p.ProjectId == S.ProjectId));
        change(line);
        var saved = await S.Entry(S.LongshanOperator).SaveDraftAsync(new ReportDraftInput { ReportId = draft.Id, Version = draft.Version, Projects = [line] });
        Assert.True(saved.Succeeded, saved.ToString());
        return await S.ViewAsync(draft.Id, S.LongshanOperator);
    }

    private Task<Application.Common.CommandResult<int>> SubmitAsync(ReportView report, TestUser user, string? lateReason = null, Dictionary<string, string>? explanations = null)
        => S.Workflow(user).SubmitAsync(new SubmitReportInput { ReportId = report.Id, Version = report.Version, LateReason = lateReason, Explanations = explanations ?? [] });

    [Fact]
    public async Task Submit_SubmitsOnTime_WhenTheReportIsClean()
    {
        var draft = await S.DraftAsync(S.LongshanOperator);

        var result = await SubmitAsync(draft, S.LongshanOperator);

        Assert.True(result.Succeeded, result.ToString());
        var view = await S.ViewAsync(draft.Id);
        Assert.Equal((ReportStatus.Submitted, 0, S.LongshanOperator.UserName), (view.Status, view.DaysLate, view.SubmittedBy));
        Assert.Equal(ReportingScenario.At(2020, 7, 3, 10), view.FirstSubmittedAt);
        Assert.False((await S.ViewAsync(draft.Id, S.LongshanOperator)).Can.Edit);
    }

    [Fact]
    public async Task Submit_CountsEachSavedSubmission_OnThePortalMeter()
    {
        var draft = await S.DraftAsync(S.LongshanOperator);
        long counted = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Application.Common.PortalMetrics.MeterName && instrument.Name == "anju.reports.submitted")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        // Other tests submit in parallel: count only this test's flow.
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            if (CountingHere.Value)
            {
                Interlocked.Add(ref counted, value);
            }
        });
        listener.Start();
        CountingHere.Value = true;

        var first = await SubmitAsync(draft, S.LongshanOperator);
        var again = await SubmitAsync(draft, S.LongshanOperator);

        Assert.True(first.Succeeded, first.ToString());
        Assert.False(again.Succeeded);
        Assert.Equal(1, Interlocked.Read(ref counted));
    }

    private static readonly AsyncLocal<bool> CountingHere = new();

    [Fact]
    public async Task Submit_IsRefusedWithEveryHardError_AndNothingChanges()
    {
        var draft = await EditAsync(await S.DraftAsync(S.LongshanOperator), l => (l.UnitsStarted, l.UnitsBasicallyCompleted, l.HouseholdsMovedOut) = (120, 130, 90));

        var result = await SubmitAsync(draft, S.LongshanOperator);

        Assert.False(result.Succeeded);
        Assert.StartsWith("月报有 3 处错误，改正后才能上报：", result.ErrorFor(string.Empty), StringComparison.Ordinal);
        Assert.Equal("项目「东站片区」累计开工 120 套，少于上月已批准的 150 套。", result.ErrorFor($"E101:P{S.ProjectId}"));
        Assert.Equal("项目「东站片区」累计搬迁 90 户，超过累计签约 80 户。", result.ErrorFor($"E115:P{S.ProjectId}"));
        Assert.Equal("项目「东站片区」累计基本建成 130 套，超过累计开工 120 套。", result.ErrorFor($"E112:P{S.ProjectId}"));
        Assert.Equal(ReportStatus.Draft, (await S.ViewAsync(draft.Id)).Status);
    }

    [Fact]
    public async Task Submit_NeedsAnExplanationPerWarning_WhichTheReviewerSees()
    {
        var draft = await EditAsync(await S.DraftAsync(S.LongshanOperator), l => l.UnitsStarted = 190);
        var key = $"W101:P{S.ProjectId}";

        var refused = await SubmitAsync(draft, S.LongshanOperator);
        var accepted = await SubmitAsync(draft, S.LongshanOperator, explanations: new() { [key] = "二期地块六月集中开工" });

        Assert.StartsWith("月报有 1 条提醒尚未填写情况说明", refused.ErrorFor(string.Empty), StringComparison.Ordinal);
        Assert.Equal("项目「东站片区」本月新增开工 40 套，超过上月新增 10 套的 3 倍，请说明原因。", refused.ErrorFor(key));
        Assert.True(accepted.Succeeded, accepted.ToString());
        var seenByReviewer = await S.ViewAsync(draft.Id, S.Reviewer);
        var explanation = Assert.Single(seenByReviewer.Explanations);
        Assert.Equal((key, "二期地块六月集中开工"), (explanation.Key, explanation.Text));
        Assert.Equal(ReportStatus.Submitted, seenByReviewer.Status);
    }

    [Fact]
    public async Task Submit_AfterTheDeadline_NeedsAReason_AndRecordsTheDelay()
    {
        var draft = await S.DraftAsync(S.LongshanOperator);
        S.Clock.SetUtcNow(ReportingScenario.At(2020, 7, 7, 0, 30));

        var refused = await SubmitAsync(draft, S.LongshanOperator);
        var accepted = await SubmitAsync(draft, S.LongshanOperator, lateReason: "汛期抢险，数据核对延误");

        Assert.Equal("已超过报送截止时间（2020-07-05 24:00，北京时间）2 天，请填写迟报原因后再上报。", refused.ErrorFor("LateReason"));
        Assert.True(accepted.Succeeded, accepted.ToString());
        var view = await S.ViewAsync(draft.Id);
        Assert.Equal((2, "汛期抢险，数据核对延误"), (view.DaysLate, view.LateReason));
    }

    [Fact]
    public async Task Submit_OfAnotherCountysReport_IsNotFound()
    {
        var draft = await S.DraftAsync(S.LongshanOperator);

        var sibling = await SubmitAsync(draft, S.XianOperator);
        var city = await SubmitAsync(draft, S.CityOperator);

        Assert.Equal("月报不存在，或不在您的管辖范围内。", sibling.ErrorFor(string.Empty));
        Assert.Equal("只能上报本单位的月报。", city.ErrorFor(string.Empty));
        Assert.Equal(ReportStatus.Draft, (await S.ViewAsync(draft.Id)).Status);
    }

    [Fact]
    public async Task Submit_OfTheCitysArea_WaitsForEveryCounty()
    {
        await S.SubmitAsync(S.LongshanOperator);
        await S.SubmitAsync(S.XianOperator);
        var city = await S.DraftAsync(S.CityOperator);

        var refused = await SubmitAsync(city, S.CityOperator);
        await S.SubmitAsync(TestUser.At(S.Dongfeng, Roles.CountyOperator));
        await S.SubmitAsync(TestUser.At(S.Dongliao, Roles.CountyOperator));
        var accepted = await SubmitAsync(city, S.CityOperator);

        Assert.Equal("所辖单位尚有 2 个未上报（东丰县、东辽县），全部上报后才能上报本地区月报。", refused.ErrorFor(string.Empty));
        Assert.True(accepted.Succeeded, accepted.ToString());
    }

    [Fact]
    public async Task Submit_IsRefused_OnceThePeriodIsFrozen()
    {
        var draft = await S.DraftAsync(S.LongshanOperator);
        await S.FreezeJuneAsync();

        var result = await SubmitAsync(draft, S.LongshanOperator);

        Assert.Equal("报告期“2020年6月”已冻结，月报不能再填报、上报、退回或审核。", result.ErrorFor(string.Empty));
        Assert.Equal(ReportStatus.Draft, (await S.ViewAsync(draft.Id)).Status);
    }

    [Fact]
    public async Task Submit_FromAStaleVersion_IsRefused()
    {
        var draft = await S.DraftAsync(S.LongshanOperator);
        await EditAsync(draft, l => l.UnitsStarted = 155);

        var result = await SubmitAsync(draft, S.LongshanOperator);

        Assert.StartsWith("保存失败：该月报已于", result.ErrorFor(string.Empty), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Return_ByTheCity_SendsTheReportBackToItsAuthorWithTheReason()
    {
        var submitted = await S.SubmitAsync(S.LongshanOperator);

        var result = await S.Workflow(S.CityOperator).ReturnAsync(submitted.Id, submitted.Version, "东站片区投资与形象进度不符，请核实");

        Assert.True(result.Succeeded, result.ToString());
        var seenByAuthor = await S.ViewAsync(submitted.Id, S.LongshanOperator);
        Assert.Equal((ReportStatus.Returned, "东站片区投资与形象进度不符，请核实", S.CityOperator.UserName), (seenByAuthor.Status, seenByAuthor.ReturnReason, seenByAuthor.ReturnedBy));
        Assert.True(seenByAuthor.Can.Edit);
        var edited = await EditAsync(seenByAuthor, l => l.InvestmentCompleted = 950m);
        Assert.True((await SubmitAsync(edited, S.LongshanOperator)).Succeeded);
        var history = (await S.ViewAsync(submitted.Id)).History.Select(h => h.Action);
        Assert.Equal([ReportAction.Started, ReportAction.Submitted, ReportAction.Returned, ReportAction.Submitted], history);
    }

    [Fact]
    public async Task Return_IsRefused_WithoutAReason_ByTheAuthor_ByASibling_OrByTheCityAfterItSubmittedItsArea()
    {
        var area = await S.SubmitAreaAsync();
        var county = (await S.Entry(S.Reviewer).FindAsync(S.JuneId, S.Longshan.Id))!;

        var noReason = await S.Workflow(S.Reviewer).ReturnAsync(county.Id, county.Version, " ");
        var author = await S.Workflow(S.LongshanOperator).ReturnAsync(county.Id, county.Version, "原因");
        var sibling = await S.Workflow(S.XianOperator).ReturnAsync(county.Id, county.Version, "原因");
        var cityAfterArea = await S.Workflow(S.CityOperator).ReturnAsync(county.Id, county.Version, "原因");
        var cityOwn = await S.Workflow(S.CityOperator).ReturnAsync(area.Id, area.Version, "原因");

        Assert.Equal("请填写退回原因。", noReason.ErrorFor("Reason"));
        Assert.Equal("不能退回或审核本单位的月报：月报由上级单位审核。", author.ErrorFor(string.Empty));
        Assert.Equal("月报不存在，或不在您的管辖范围内。", sibling.ErrorFor(string.Empty));
        Assert.Equal("本地区月报已上报，所辖单位的月报随之报送上级；如需退回，请联系上级审核人员。", cityAfterArea.ErrorFor(string.Empty));
        Assert.Equal("不能退回或审核本单位的月报：月报由上级单位审核。", cityOwn.ErrorFor(string.Empty));
        Assert.Equal(ReportStatus.Submitted, (await S.ViewAsync(county.Id)).Status);
    }

    [Fact]
    public async Task Approve_OfTheCitysArea_LocksEveryReportInIt_AndTheProjectsTakeTheFigures()
    {
        var draft = await EditAsync(await S.DraftAsync(S.LongshanOperator), l => (l.UnitsStarted, l.UnitsBasicallyCompleted, l.HouseholdsSigned) = (170, 70, 90));
        var area = await S.SubmitAreaAsync();

        var result = await S.Workflow(S.Reviewer).ApproveAsync(area.Id, area.Version);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(5, result.Value);
        var june = (await S.ReportsAsync()).Where(r => r.ReportingPeriodId == S.JuneId).ToList();
        Assert.Equal(5, june.Count);
        Assert.All(june, r => Assert.Equal((ReportStatus.Approved, S.Reviewer.UserName), (r.Status, r.ApprovedBy)));
        var project = await S.ProjectAsync(S.ProjectId);
        Assert.Equal((170, 70, 90, new DateOnly(2020, 6, 30)), (project.UnitsStarted, project.UnitsBasicallyCompleted, project.HouseholdsSigned, project.ProgressAsOf));
        var locked = await S.ViewAsync(draft.Id, S.LongshanOperator);
        Assert.Equal(new ReportPermissions(false, false, false, false, StartCorrection: true), locked.Can);
    }

    [Fact]
    public async Task Approve_IsRefused_BeforeEveryChildHasSubmitted()
    {
        await S.SubmitAsync(S.LongshanOperator);
        await S.SubmitAsync(S.XianOperator);
        var city = await S.DraftAsync(S.CityOperator);
        var county = (await S.Entry(S.Reviewer).FindAsync(S.JuneId, S.Longshan.Id))!;

        var area = await S.Workflow(S.Reviewer).ApproveAsync(city.Id, city.Version);
        var direct = await S.Workflow(S.Reviewer).ApproveAsync(county.Id, county.Version);

        Assert.Equal("所辖单位尚有 2 个未上报（东丰县、东辽县），全部上报后才能审核通过。", area.ErrorFor(string.Empty));
        Assert.Equal("辽源市尚未上报本地区月报，暂不能审核其所辖单位的月报。", direct.ErrorFor(string.Empty));
        Assert.DoesNotContain(await S.ReportsAsync(), r => r.ReportingPeriodId == S.JuneId && r.Status == ReportStatus.Approved);
    }

    [Fact]
    public async Task Approve_OfALockedReport_AndEditingIt_AreRefused()
    {
        var area = await S.SubmitAreaAsync();
        Assert.True((await S.Workflow(S.Reviewer).ApproveAsync(area.Id, area.Version)).Succeeded);
        var approved = await S.ViewAsync(area.Id);
        var county = (await S.Entry(S.LongshanOperator).FindAsync(S.JuneId, S.Longshan.Id))!;

        var again = await S.Workflow(S.Reviewer).ApproveAsync(approved.Id, approved.Version);
        var returned = await S.Workflow(S.Reviewer).ReturnAsync(county.Id, county.Version, "晚了");
        var edited = await S.Entry(S.LongshanOperator).SaveDraftAsync(new ReportDraftInput
        {
            ReportId = county.Id, Version = county.Version, Projects = [ProjectLineInput.From(county.Projects[0])],
        });

        Assert.Equal("该月报已审核通过并锁定，不能审核通过。如需更正，请发起更正，形成新的修订版。", again.ErrorFor(string.Empty));
        Assert.Equal("该月报已审核通过并锁定，不能退回。如需更正，请发起更正，形成新的修订版。", returned.ErrorFor(string.Empty));
        Assert.Equal("月报当前状态为“审核通过”，不能修改。", edited.ErrorFor(string.Empty));
    }

    [Fact]
    public async Task Approve_And_Return_NeedTheReviewersPermission()
    {
        var submitted = await S.SubmitAsync(S.LongshanOperator);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => S.Workflow(S.CityOperator).ApproveAsync(submitted.Id, submitted.Version));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => S.Workflow(TestUser.At(S.Province, Roles.Supervisor)).ReturnAsync(submitted.Id, submitted.Version, "原因"));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => S.Workflow(S.Reviewer).SubmitAsync(new SubmitReportInput { ReportId = submitted.Id }));
    }

    [Fact]
    public async Task Return_ByTheProvince_ReopensTheCitysArea_UntilTheCountyAndTheCitySubmitAgain()
    {
        var area = await S.SubmitAreaAsync();
        var county = (await S.Entry(S.Reviewer).FindAsync(S.JuneId, S.Longshan.Id))!;

        var result = await S.Workflow(S.Reviewer).ReturnAsync(county.Id, county.Version, "签约户数与征收台账不符");

        Assert.True(result.Succeeded, result.ToString());
        var city = await S.ViewAsync(area.Id, S.CityOperator);
        Assert.Equal(ReportStatus.Returned, city.Status);
        Assert.Equal("所辖龙山区的月报被上级退回（签约户数与征收台账不符），请其修改后重新上报，再上报本地区月报。", city.ReturnReason);
        Assert.Equal(ReportStatus.Submitted, (await S.Entry(S.Reviewer).FindAsync(S.JuneId, S.Xian.Id))!.Status);

        var cityTooEarly = await SubmitAsync(city, S.CityOperator);
        Assert.Equal("所辖单位尚有 1 个未上报（龙山区），全部上报后才能上报本地区月报。", cityTooEarly.ErrorFor(string.Empty));
        await S.SubmitAsync(S.LongshanOperator);
        var resubmitted = await S.SubmitAsync(S.CityOperator);
        Assert.True((await S.Workflow(S.Reviewer).ApproveAsync(resubmitted.Id, resubmitted.Version)).Succeeded);
        Assert.All((await S.ReportsAsync()).Where(r => r.ReportingPeriodId == S.JuneId), r => Assert.Equal(ReportStatus.Approved, r.Status));
    }

    [Fact]
    public async Task Correction_IsANewRevision_ApprovedOnItsOwn_AndTheHistoryKeepsEveryRevision()
    {
        var area = await S.SubmitAreaAsync();
        Assert.True((await S.Workflow(S.Reviewer).ApproveAsync(area.Id, area.Version)).Succeeded);
        var original = (await S.Entry(S.LongshanOperator).FindAsync(S.JuneId, S.Longshan.Id))!;

        var started = await S.Workflow(S.LongshanOperator).StartCorrectionAsync(original.Id, "六月开工数漏报二期 20 套");
        var twice = await S.Workflow(S.LongshanOperator).StartCorrectionAsync(original.Id, "再次更正");
        var byCity = await S.Workflow(S.CityOperator).StartCorrectionAsync(original.Id, "市里更正");

        Assert.True(started.Succeeded, started.ToString());
        Assert.Equal("该月报已有更正版本（第 1 版），请打开最新修订版。", twice.ErrorFor(string.Empty));
        Assert.Equal("只能更正本单位的月报。", byCity.ErrorFor(string.Empty));
        var correction = await S.ViewAsync(started.Value, S.LongshanOperator);
        Assert.Equal((1, ReportStatus.Draft, "六月开工数漏报二期 20 套"), (correction.Revision, correction.Status, correction.CorrectionReason));
        Assert.Equal(150, correction.Projects[0].Figures.UnitsStarted);

        var edited = await EditAsync(correction, l => l.UnitsStarted = 170);
        Assert.True((await SubmitAsync(edited, S.LongshanOperator)).Succeeded);
        var submitted = await S.ViewAsync(correction.Id);
        Assert.True((await S.Workflow(S.Reviewer).ApproveAsync(submitted.Id, submitted.Version)).Succeeded);

        var revisions = await S.Entry(S.LongshanOperator).RevisionsAsync(S.JuneId, S.Longshan.Id);
        Assert.Equal([(0, ReportStatus.Approved, (string?)null), (1, ReportStatus.Approved, "六月开工数漏报二期 20 套")], revisions.Select(r => (r.Revision, r.Status, r.CorrectionReason)));
        Assert.Equal(150, (await S.Entry(S.LongshanOperator).FindAsync(S.JuneId, S.Longshan.Id, revision: 0))!.Projects[0].Figures.UnitsStarted);
        var latest = (await S.Entry(S.LongshanOperator).FindAsync(S.JuneId, S.Longshan.Id))!;
        Assert.Equal((1, 170), (latest.Revision, latest.Projects[0].Figures.UnitsStarted));
        Assert.Equal(170, (await S.ProjectAsync(S.ProjectId)).UnitsStarted);

        var oldRevision = await S.Workflow(S.Reviewer).ApproveAsync(original.Id, original.Version);
        Assert.Equal("这不是该月报的最新修订版，请打开最新修订版。", oldRevision.ErrorFor(string.Empty));
    }

    [Fact]
    public async Task NextMonthsDraft_StartsFromTheLatestApprovedRevision()
    {
        var area = await S.SubmitAreaAsync();
        Assert.True((await S.Workflow(S.Reviewer).ApproveAsync(area.Id, area.Version)).Succeeded);
        var original = (await S.Entry(S.LongshanOperator).FindAsync(S.JuneId, S.Longshan.Id))!;
        var correction = await S.ViewAsync((await S.Workflow(S.LongshanOperator).StartCorrectionAsync(original.Id, "更正开工数")).Value, S.LongshanOperator);
        correction = await EditAsync(correction, l => l.UnitsStarted = 165);
        Assert.True((await SubmitAsync(correction, S.LongshanOperator)).Succeeded);
        correction = await S.ViewAsync(correction.Id);
        Assert.True((await S.Workflow(S.Reviewer).ApproveAsync(correction.Id, correction.Version)).Succeeded);
        S.Clock.SetUtcNow(ReportingScenario.At(2020, 8, 1, 9));
        var july = await S.Periods(S.Reviewer).OpenAsync(2020, 7);

        var draft = await S.DraftAsync(S.LongshanOperator, july.Value);

        Assert.Equal((165, 165), (draft.Projects[0].Figures.UnitsStarted, draft.Projects[0].LastApproved.UnitsStarted));
        Assert.Equal((5, (int?)0), (draft.Cases[0].ResolvedEarlierInYear, draft.Cases[0].ResolvedLastMonth));
    }
}

public sealed class SqliteReportWorkflowTests : ReportWorkflowTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresReportWorkflowTests(PostgresServer server) : ReportWorkflowTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}
