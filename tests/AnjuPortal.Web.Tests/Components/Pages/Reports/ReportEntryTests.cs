using AnjuPortal.Application.Reporting;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.TestSupport;
using AnjuPortal.Web.Components.Pages.Reports;
using Bunit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.Components.Pages.Reports;

/// <summary>
/// The entry page of a monthly report on a real database: June 2020 for 南关区, whose project 东站片区 was approved in April
/// (140 started) and May (150 started, so last month's pace is 10), with a ledger case of three unresolved households.
/// The clock stands at 10:00 on 3 July 2020, Beijing time, before the deadline of the 5th.
/// </summary>
public sealed class ReportEntryTests : PortalTestContext
{
    private const string Nanguan = "220102";
    private const string Kuancheng = "220103";
    private const string ProjectName = "东站片区棚户区改造项目";

    private static readonly ProjectFigures April = new(140, 50, 850m, 80, 70, [new FundsFigures(FundingSource.SpecialBonds, 500m, 400m)]);
    private static readonly ProjectFigures May = new(150, 60, 900m, 80, 70, [new FundsFigures(FundingSource.SpecialBonds, 500m, 400m)]);

    private int _juneId;
    private int _projectId;
    private int _caseId;
    private int _nanguanId;

    [Fact]
    public async Task Start_ShowsProjectAndCaseLines_FromLastApprovedFigures()
    {
        await SeedAsync();
        await SignInAsCounty(Nanguan);
        var cut = RenderEntry();

        cut.Find("[data-testid='report-start']").Click();

        cut.WaitForAssertion(() => Assert.Equal("150", cut.Find($"input[name='P{_projectId}.UnitsStarted']").GetAttribute("value")));
        Assert.Contains(ProjectName, cut.Find("[data-testid='report-projects']").TextContent);
        Assert.Equal("500.00", cut.Find($"input[name='P{_projectId}.Funds.SpecialBonds.Received']").GetAttribute("value"));
        Assert.NotNull(cut.Find($"[data-testid='case-row-{_caseId}']"));
        Assert.Equal("150", cut.Find("[data-testid='total-UnitsStarted']").TextContent.Trim());
        Assert.Contains("草稿", cut.Find("[data-testid='report-status']").TextContent);

        // The figures carry no handlers of their own: the tables take their edits (ADR-015).
        var inputs = cut.FindAll("table.anju-entry input");
        Assert.Equal(11, inputs.Count);
        Assert.All(inputs, input => Assert.DoesNotContain(input.Attributes, a => a.Name.StartsWith("blazor:on", StringComparison.Ordinal)));
        Assert.All(cut.FindAll("table.anju-entry"), table => Assert.NotNull(table.GetAttribute("blazor:onentrycellchange")));
    }

    [Fact]
    public async Task ChangingACell_SavesTheDraft_AndHighlightsTheChange()
    {
        await SeedAsync();
        var user = await SignInAsCounty(Nanguan);
        var reportId = await StartDraftAsync(user);
        var cut = RenderEntry();

        await TypeIntoAsync(cut, $"P{_projectId}.UnitsStarted", "165");

        cut.WaitForAssertion(() => Assert.Contains("已自动保存", cut.Find("[data-testid='report-saved']").TextContent));
        var stored = await Services.GetRequiredService<MonthlyReportEntry>().GetAsync(reportId);
        Assert.Equal(165, stored!.Projects.Single().Figures.UnitsStarted);
        var cell = cut.Find($"input[name='P{_projectId}.UnitsStarted']").ParentElement!;
        Assert.Contains("anju-changed", cell.ClassName);
        Assert.Contains("上月 150", cell.TextContent);
        Assert.Equal("165", cut.Find("[data-testid='total-UnitsStarted']").TextContent.Trim());
    }

    [Fact]
    public async Task Submit_IsRefusedWithTheRuleMessage_WhenAFigureBreaksAHardRule()
    {
        await SeedAsync();
        var user = await SignInAsCounty(Nanguan);
        var reportId = await StartDraftAsync(user);
        var cut = RenderEntry();

        await TypeIntoAsync(cut, $"P{_projectId}.UnitsStarted", "120");
        cut.WaitForAssertion(() => Assert.Contains("累计开工 120 套，少于上月已批准的 150 套", cut.Find("[data-testid='finding-E101']").TextContent));
        Assert.Contains("anju-cell-error", cut.Find($"input[name='P{_projectId}.UnitsStarted']").ParentElement!.ClassName);

        cut.Find("[data-testid='report-submit']").Click();

        cut.WaitForAssertion(() => Assert.Contains("改正后才能上报", cut.Find("[data-testid='report-error']").TextContent));
        var stored = await Services.GetRequiredService<MonthlyReportEntry>().GetAsync(reportId);
        Assert.Equal(ReportStatus.Draft, stored!.Status);
    }

    [Fact]
    public async Task Submit_NeedsAnExplanation_WhenAWarningIsRaised()
    {
        await SeedAsync();
        var user = await SignInAsCounty(Nanguan);
        var reportId = await StartDraftAsync(user);
        var cut = RenderEntry();

        // 50 more than May, where May moved 10 on April: a jump of more than three times the pace.
        await TypeIntoAsync(cut, $"P{_projectId}.UnitsStarted", "200");
        cut.WaitForAssertion(() => Assert.Contains("请说明原因", cut.Find("[data-testid='finding-W101']").TextContent));

        cut.Find("[data-testid='report-submit']").Click();
        cut.WaitForAssertion(() => Assert.Contains("尚未填写情况说明", cut.Find("[data-testid='report-error']").TextContent));
        Assert.Equal(ReportStatus.Draft, (await Services.GetRequiredService<MonthlyReportEntry>().GetAsync(reportId))!.Status);

        cut.Find($"[data-testid='explanation-W101:P{_projectId}']").Change("东区安置楼集中开工，已报市政府同意。");
        cut.WaitForAssertion(() => Assert.Contains("已自动保存", cut.Find("[data-testid='report-saved']").TextContent));
        cut.Find("[data-testid='report-submit']").Click();

        cut.WaitForAssertion(() => Assert.Contains("已上报", cut.Find("[data-testid='report-status']").TextContent));
        var stored = await Services.GetRequiredService<MonthlyReportEntry>().GetAsync(reportId);
        Assert.Equal(ReportStatus.Submitted, stored!.Status);
        Assert.Equal("东区安置楼集中开工，已报市政府同意。", Assert.Single(stored.Explanations).Text);
        Assert.Empty(cut.FindAll("table.anju-entry input"));
    }

    [Fact]
    public async Task ApprovedReport_IsReadOnly_WithACorrectionButton()
    {
        await SeedAsync(juneApproved: true);
        await SignInAsCounty(Nanguan);
        var cut = RenderEntry();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='report-locked']")));
        Assert.Empty(cut.FindAll("table.anju-entry input"));
        Assert.Empty(cut.FindAll("[data-testid='report-submit']"));
        Assert.Empty(cut.FindAll("[data-testid='report-save']"));
        Assert.NotNull(cut.Find("[data-testid='report-correct']"));
        Assert.Equal("150", cut.Find($"[data-testid='cell-P{_projectId}.UnitsStarted']").TextContent.Trim());
    }

    [Fact]
    public async Task ATextThatIsNotAFigure_MarksTheCell_AndChangesNothingStored()
    {
        await SeedAsync();
        var user = await SignInAsCounty(Nanguan);
        var reportId = await StartDraftAsync(user);
        var cut = RenderEntry();
        var name = $"P{_projectId}.InvestmentCompleted";

        File.WriteAllText("/tmp/entry.html", cut.Markup);
        await TypeIntoAsync(cut, name, "-5");

        var cell = cut.Find($"input[name='{name}']");
        Assert.Contains("anju-cell-invalid", cell.ParentElement!.ClassName);
        Assert.Equal("-5", cell.GetAttribute("value"));
        Assert.Contains("有未保存的修改", cut.Find("[data-testid='report-saved']").TextContent, StringComparison.Ordinal);
        Assert.Equal(900m, (await Services.GetRequiredService<MonthlyReportEntry>().GetAsync(reportId))!.Projects.Single().Figures.InvestmentCompleted);

        // Corrected: the mark goes and the figure is saved.
        await TypeIntoAsync(cut, name, "912.5");
        cut.WaitForAssertion(() => Assert.Contains("已自动保存", cut.Find("[data-testid='report-saved']").TextContent));
        Assert.DoesNotContain("anju-cell-invalid", cut.Find($"input[name='{name}']").ParentElement!.ClassName);
        Assert.Equal(912.5m, (await Services.GetRequiredService<MonthlyReportEntry>().GetAsync(reportId))!.Projects.Single().Figures.InvestmentCompleted);
    }

    [Fact]
    public async Task AnEditNamingNoCellOfTheReport_IsIgnored()
    {
        await SeedAsync();
        var user = await SignInAsCounty(Nanguan);
        var reportId = await StartDraftAsync(user);
        var cut = RenderEntry();
        var before = (await Services.GetRequiredService<MonthlyReportEntry>().GetAsync(reportId))!.Version;
        var table = cut.Find("[data-testid='report-projects']");

        // A forged event (another project's id, a field that does not exist): nothing is taken, nothing saved.
        await table.TriggerEventAsync("onentrycellchange", new EntryCellEventArgs { Name = $"P{_projectId + 1000}.UnitsStarted", Value = "1" });
        await cut.Find("[data-testid='report-projects']").TriggerEventAsync("onentrycellchange", new EntryCellEventArgs { Name = $"P{_projectId}.Funds.7.Received", Value = "1" });

        Assert.Equal("填写后自动保存", cut.Find("[data-testid='report-saved']").TextContent.Trim());
        var stored = await Services.GetRequiredService<MonthlyReportEntry>().GetAsync(reportId);
        Assert.Equal(150, stored!.Projects.Single().Figures.UnitsStarted);
        Assert.Equal(before, stored.Version);
    }

    [Fact]
    public async Task TypingACaseFigure_UpdatesTheRowAndTotals_AndTheDraftSavesItself()
    {
        await SeedAsync();
        var user = await SignInAsCounty(Nanguan);
        var reportId = await StartDraftAsync(user);
        var cut = RenderEntry();

        // Typing (input events, no change yet): the row's total follows at once, the save comes after the pause.
        await TypeIntoAsync(cut, $"C{_caseId}.Monetary", "2", "onentrycellinput");

        Assert.Equal("2", cut.Find($"[data-testid='case-total-{_caseId}']").TextContent.Trim());
        cut.WaitForAssertion(() => Assert.Contains("已自动保存", cut.Find("[data-testid='report-saved']").TextContent), TimeSpan.FromSeconds(10));
        var line = (await Services.GetRequiredService<MonthlyReportEntry>().GetAsync(reportId))!.Cases.Single();
        Assert.Equal(2, line.ThisMonth.Monetary);
    }

    [Fact]
    public async Task TheImportPanel_OpensOnDemand_AndACountyHasNoAreaPanel()
    {
        await SeedAsync();
        await SignInAsCounty(Nanguan);
        var cut = RenderEntry();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='report-import-open']")));
        Assert.Empty(cut.FindAll("[data-testid='report-import']"));
        Assert.Empty(cut.FindAll("[data-testid='report-area']"));

        cut.Find("[data-testid='report-import-open']").Click();

        Assert.NotNull(cut.Find("[data-testid='report-import-template']"));
        Assert.Empty(cut.FindAll("[data-testid='report-import-open']"));
    }

    [Fact]
    public async Task AnotherCounty_GetsNotFound_AndSeesNoneOfTheReport()
    {
        await SeedAsync(juneApproved: true);
        await SignInAsCounty(Kuancheng);
        var cut = RenderEntry();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid='report-not-found']")));
        Assert.DoesNotContain(ProjectName, cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid='report-page']"));
    }

    /// <summary>
    /// What the browser sends when a figure is typed and the cell left: its change event, which bubbles to the table's
    /// handler as an entry-cell change with the cell's name (report-entry.js).
    /// </summary>
    private static Task TypeIntoAsync(IRenderedComponent<ReportEntry> cut, string name, string value, string eventName = "onentrycellchange")
        => cut.Find($"input[name='{name}']").TriggerEventAsync(eventName, new EntryCellEventArgs { Name = name, Value = value });

    private IRenderedComponent<ReportEntry> RenderEntry()
        => RenderPage<ReportEntry>((nameof(ReportEntry.PeriodId), _juneId), (nameof(ReportEntry.JurisdictionId), _nanguanId));

    private async Task<TestUser> SignInAsCounty(string code)
    {
        var user = await SignIn(code, Roles.CountyOperator);
        Services.AddSingleton<TimeProvider>(Database.Clock);
        // ReportingPeriods reads its deadline days from configuration; the defaults are enough here.
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        return user;
    }

    private async Task<int> StartDraftAsync(TestUser user)
    {
        var entry = new MonthlyReportEntry(Database.FactoryFor(user), user, Database.Clock);
        var started = await entry.StartOrGetDraftAsync(_juneId, _nanguanId);
        Assert.True(started.Succeeded, started.ToString());
        return started.Value;
    }

    private async Task SeedAsync(bool juneApproved = false)
    {
        Database.Clock.SetUtcNow(new DateTimeOffset(2020, 7, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        var nanguan = await UnitAsync(Nanguan);
        _nanguanId = nanguan.Id;
        await using var db = Database.CreateSystemContext();
        var april = ReportingPeriod.Open(2020, 4);
        var may = ReportingPeriod.Open(2020, 5);
        var june = ReportingPeriod.Open(2020, 6);
        april.Freeze();
        may.Freeze();
        db.ReportingPeriods.AddRange(april, may, june);

        var project = RenovationProject.Register("CC-NG-2020-01", nanguan.Id, new RenovationProject.Details(
            ProjectName, 2020, 300, ResettlementMode.InKind, "张建国", new DateOnly(2020, 4, 1), new DateOnly(2021, 10, 31)));
        project.RecordExpropriation(100, 0, 0);
        project.SetFunding(FundingSource.SpecialBonds, 1000m, 0m, 0m);
        db.Projects.Add(project);
        await db.SaveChangesAsync();

        var overdue = OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2020, 12, 31), "张建国");
        var cipher = TestCipher.Create();
        for (var i = 0; i < 3; i++)
        {
            overdue.AddHousehold($"户主{i}", TestIdNumbers.Parse(Nanguan, "19600101", i), null, new DateOnly(2019, 6, 30), cipher);
        }

        db.OverdueCases.Add(overdue);
        await db.SaveChangesAsync();

        db.MonthlyReports.Add(Approved(nanguan.Id, april, project.Id, April, overdue.Id));
        db.MonthlyReports.Add(Approved(nanguan.Id, may, project.Id, May, overdue.Id));
        if (juneApproved)
        {
            db.MonthlyReports.Add(Approved(nanguan.Id, june, project.Id, May, overdue.Id));
        }

        project.ApplyApprovedFigures(may.MonthEnd, May);
        await db.SaveChangesAsync();
        (_juneId, _projectId, _caseId) = (june.Id, project.Id, overdue.Id);
    }

    private static MonthlyReport Approved(int unitId, ReportingPeriod period, int projectId, ProjectFigures figures, int caseId)
    {
        var report = MonthlyReport.StartDraft(unitId, period.Id);
        report.SetProjectLine(projectId, figures);
        report.SetCaseLine(caseId, default, 0);
        var submitted = new DateTimeOffset(period.SubmissionDeadline.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8)).ToUniversalTime();
        report.MarkApproved(submitted, submitted.AddDays(3));
        return report;
    }
}
