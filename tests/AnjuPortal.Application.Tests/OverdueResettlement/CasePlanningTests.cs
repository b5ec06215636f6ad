using AnjuPortal.Application.Exports;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.Auditing;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Tests.OverdueResettlement;

/// <summary>
/// Category facts, category changes, the plan and its milestones through the use cases on a real SQLite file (the test
/// clock reads 2020-06-30 China time): permissions, tenancy, versions, what is stored, the ledger's lights and summary,
/// and the provincial-layout export read back.
/// </summary>
public sealed class CasePlanningTests : IAsyncLifetime
{
    private static readonly CategoryDetails DeadKnot = new() { Backstop = BackstopMethod.DirectCash, BackstopPlan = "按评估价直接货币补偿" };

    private SqliteTestDatabase _database = null!;
    private Jurisdiction _province = null!;
    private Jurisdiction _changchun = null!;
    private Jurisdiction _nanguan = null!;
    private Jurisdiction _kuancheng = null!;
    private int _nanguanCase;
    private int _kuanchengCase;

    public async Task InitializeAsync()
    {
        _database = await SqliteTestDatabase.CreateAsync();
        _province = await _database.JurisdictionAsync("220000");
        _changchun = await _database.JurisdictionAsync("220100");
        _nanguan = await _database.JurisdictionAsync("220102");
        _kuancheng = await _database.JurisdictionAsync("220103");
        await using var db = _database.CreateSystemContext();
        var nanguan = Case("NG-0001", _nanguan, OverdueCategory.Litigation, new DateOnly(2020, 9, 30));
        var kuancheng = Case("KC-0001", _kuancheng, OverdueCategory.Started, new DateOnly(2020, 12, 31));
        // 2020-05-15 is 46 days before the test clock's 2020-06-30: red. 2020-06-20 is 10 days before: amber.
        nanguan.AddMilestone("召开府院联动会议", new DateOnly(2020, 5, 15));
        kuancheng.AddMilestone("主体封顶", new DateOnly(2020, 6, 20));
        kuancheng.EditPlan("=倒排工期，每周调度", "李四");
        db.OverdueCases.AddRange(nanguan, kuancheng);
        await db.SaveChangesAsync();
        (_nanguanCase, _kuanchengCase) = (nanguan.Id, kuancheng.Id);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static OverdueCase Case(string code, Jurisdiction place, OverdueCategory category, DateOnly target)
    {
        var project = RenovationProject.Register(code, place.Id, new RenovationProject.Details(
            $"{place.Name}棚改项目", 2016, 100, ResettlementMode.InKind, "张三", new DateOnly(2016, 4, 1), new DateOnly(2018, 10, 1)));
        return OverdueCase.Open(project, category, target, "李四");
    }

    private CasePlanning PlanningFor(ICurrentUser user) => new(_database.FactoryFor(user), user, _database.Clock);

    private TestUser NanguanCounty => TestUser.At(_nanguan, Roles.CountyOperator);

    [Fact]
    public async Task ChangeCategoryAsync_StoresTheChangeAndKeepsOldFacts_WhenCountyChangesItsOwnCase()
    {
        var planning = PlanningFor(NanguanCounty);
        var story = (await planning.StoryAsync(_nanguanCase))!;
        var saved = await planning.EditCategoryDetailsAsync(_nanguanCase, story.Version, new CategoryDetails
        {
            CourtName = "南关区人民法院", CourtCaseNumber = "（2020）吉0102民初1号", JointMeetingDate = new DateOnly(2020, 6, 1), FallbackMethod = ResolutionMethod.Transitional,
        });
        Assert.True(saved.Succeeded, saved.ToString());

        var changed = await planning.ChangeCategoryAsync(_nanguanCase, saved.Value, OverdueCategory.DeadKnot, "判决后企业无力履行", DeadKnot);
        Assert.True(changed.Succeeded, changed.ToString());

        var after = (await planning.StoryAsync(_nanguanCase))!;
        Assert.Equal(OverdueCategory.DeadKnot, after.Category);
        var history = Assert.Single(after.CategoryChanges);
        Assert.Equal((OverdueCategory.Litigation, OverdueCategory.DeadKnot, "判决后企业无力履行", NanguanCounty.UserName),
            (history.From, history.To, history.Reason, history.ChangedBy));
        Assert.Equal("南关区人民法院", after.Details.CourtName);
        Assert.Equal(BackstopMethod.DirectCash, after.Details.Backstop);
        Assert.Empty(after.MissingFields);
    }

    [Fact]
    public async Task EditCategoryDetailsAsync_ReturnsTheDomainMessage_WhenARequiredFieldIsMissing()
    {
        var planning = PlanningFor(NanguanCounty);
        var story = (await planning.StoryAsync(_nanguanCase))!;

        var result = await planning.EditCategoryDetailsAsync(_nanguanCase, story.Version, new CategoryDetails { CourtName = "南关区人民法院" });

        Assert.Equal("请填写案号。", result.ErrorFor(nameof(CategoryDetails.CourtCaseNumber)));
        Assert.Equal([nameof(CategoryDetails.CourtName), nameof(CategoryDetails.CourtCaseNumber), nameof(CategoryDetails.JointMeetingDate), nameof(CategoryDetails.FallbackMethod)],
            (await planning.StoryAsync(_nanguanCase))!.MissingFields);
    }

    [Fact]
    public async Task Commands_ReportNotFound_WhenCountyEditsAnotherCountysCase()
    {
        var planning = PlanningFor(NanguanCounty);

        Assert.Null(await planning.StoryAsync(_kuanchengCase));
        var results = new[]
        {
            await planning.EditCategoryDetailsAsync(_kuanchengCase, 1, new CategoryDetails { ConstructionProgress = "x", ExpectedDeliveryDate = new DateOnly(2020, 9, 1) }),
            await planning.ChangeCategoryAsync(_kuanchengCase, 1, OverdueCategory.DeadKnot, "原因", DeadKnot),
            await planning.EditPlanAsync(_kuanchengCase, 1, "措施", "王五"),
            await planning.AddMilestoneAsync(_kuanchengCase, 1, "节点", new DateOnly(2020, 8, 1)),
        };

        Assert.All(results, r => Assert.Equal(CasePlanning.CaseNotFound, r.ErrorFor(string.Empty)));
        await using var db = _database.CreateSystemContext();
        var untouched = await db.OverdueCases.SingleAsync(c => c.Id == _kuanchengCase);
        Assert.Equal((OverdueCategory.Started, "李四", 1), (untouched.Category, untouched.ResponsibleOfficial, untouched.Milestones.Count));
    }

    [Fact]
    public async Task Commands_AreRefused_WhenTheUserHasNoEditPermission()
    {
        var supervisor = PlanningFor(TestUser.At(_province, Roles.Supervisor));

        await Assert.ThrowsAsync<PermissionDeniedException>(() => supervisor.EditPlanAsync(_nanguanCase, 1, "措施", "王五"));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => supervisor.ChangeCategoryAsync(_nanguanCase, 1, OverdueCategory.DeadKnot, "原因", DeadKnot));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => supervisor.AddMilestoneAsync(_nanguanCase, 1, "节点", new DateOnly(2020, 8, 1)));
        Assert.NotNull(await supervisor.StoryAsync(_nanguanCase));
    }

    [Fact]
    public async Task EditPlanAsync_RefusesAStaleVersion()
    {
        var planning = PlanningFor(NanguanCounty);
        var story = (await planning.StoryAsync(_nanguanCase))!;
        Assert.True((await planning.EditPlanAsync(_nanguanCase, story.Version, "第一次", "王五")).Succeeded);

        var stale = await planning.EditPlanAsync(_nanguanCase, story.Version, "第二次", "王五");

        Assert.StartsWith("保存失败", stale.ErrorFor(string.Empty), StringComparison.Ordinal);
        Assert.Equal("第一次", (await planning.StoryAsync(_nanguanCase))!.Measures);
    }

    [Fact]
    public async Task Milestones_TurnTheLightRedThenGreen_WhenAddedAndCompleted()
    {
        var planning = PlanningFor(NanguanCounty);
        var story = (await planning.StoryAsync(_nanguanCase))!;
        Assert.Equal(CaseAlert.Red, story.Alert);
        Assert.Equal(46, Assert.Single(story.Milestones).DaysOverdue);

        var done = await planning.CompleteMilestoneAsync(_nanguanCase, story.Version, story.Milestones[0].Id, new DateOnly(2020, 6, 29));
        Assert.True(done.Succeeded, done.ToString());
        Assert.Equal(CaseAlert.Green, (await planning.StoryAsync(_nanguanCase))!.Alert);

        var added = await planning.AddMilestoneAsync(_nanguanCase, done.Value, "法院判决", new DateOnly(2020, 6, 10));
        Assert.True(added.Succeeded, added.ToString());
        Assert.Equal(CaseAlert.Amber, (await planning.StoryAsync(_nanguanCase))!.Alert);
    }

    [Fact]
    public async Task LedgerViews_GiveLightsAndSummary_AndTheOverdueFilterKeepsOnlyOverdueCases()
    {
        var city = TestUser.At(_changchun, Roles.CityOperator);
        var views = new LedgerViews(_database.FactoryFor(city), city, _database.Clock);

        var alerts = await views.AlertsAsync([_nanguanCase, _kuanchengCase]);
        Assert.Equal(CaseAlert.Red, alerts[_nanguanCase]);
        Assert.Equal(CaseAlert.Amber, alerts[_kuanchengCase]);

        var summary = await views.SummaryAsync();
        Assert.Equal((1, 1, 2), (summary.Red, summary.Amber, summary.WithOverdueMilestones));
        Assert.Equal(1, summary.ByCategory.Single(c => c.Key == OverdueCategory.Litigation).Cases);
        var changchun = Assert.Single(summary.ByCity);
        Assert.Equal((_changchun.Id, "长春市", 2), (changchun.Key, changchun.Label, changchun.Cases));

        var ledger = new CaseLedger(_database.FactoryFor(city), city);
        var overdueOn0601 = await ledger.ListAsync(new CaseFilter(OverdueAsOf: new DateOnly(2020, 6, 1)), new Common.PageRequest());
        Assert.Equal(["NG-0001"], overdueOn0601.Items.Select(c => c.ProjectCode));
    }

    [Fact]
    public async Task LedgerExport_WritesTheProvincialLayout_AndOneAuditRecord()
    {
        var city = TestUser.At(_changchun, Roles.CityOperator);
        var export = new LedgerExport(_database.FactoryFor(city), new AuditLog(_database.SystemFactory, city, _database.Clock), city, _database.Clock);

        var file = XlsxFile.Read((await export.ExportAsync(new CaseFilter())).Content);

        Assert.Equal(["序号", "市州", "县（市、区）", "项目名称", "类别", "逾期户数", "已安置户数", "未安置户数", "包保领导", "化解措施", "计划完成时限", "状态（预警灯）"], file.Headers);
        Assert.Equal(["1", "2"], file.Column("序号"));
        Assert.Equal(["长春市", "长春市"], file.Column("市州"));
        Assert.Equal(["南关区", "宽城区"], file.Column("县（市、区）"));
        Assert.Equal(["1 涉法涉诉", "2 已开工"], file.Column("类别"));
        Assert.Equal(["推进中（红灯）", "推进中（黄灯）"], file.Column("状态（预警灯）"));
        // A measure typed with a leading "=" is written as inert text, never a formula.
        Assert.Equal("'=倒排工期，每周调度", file.Column("化解措施")[1]);
        Assert.Equal(0, file.FormulaCount);
        Assert.Equal(XlsxCellKind.Number, file.Rows[0]["逾期户数"].Kind);

        await using var db = _database.CreateSystemContext();
        var record = Assert.Single(await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.Export).ToListAsync());
        Assert.Equal(LedgerExport.EntityType, record.EntityType);
        Assert.Contains("共 2 个项目", record.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LedgerExport_IsRefused_WithoutExportPermission()
    {
        var county = NanguanCounty;
        var export = new LedgerExport(_database.FactoryFor(county), new AuditLog(_database.SystemFactory, county, _database.Clock), county, _database.Clock);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => export.ExportAsync(new CaseFilter()));
    }
}
