using AnjuPortal.Application.Security;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Web.Components.Pages.Cases.Components;
using Bunit;
using MudBlazor;
using LedgerPage = AnjuPortal.Web.Components.Pages.Cases.CaseLedger;

namespace AnjuPortal.Web.Tests.Components.Pages.Cases;

/// <summary>
/// The category facts and plan sections of the case page. Dates are chosen in 2020, long before any clock this runs on,
/// so the lights are red whatever today is (a test never asserts on the wall clock's own value).
/// </summary>
public sealed class CaseStorySectionsTests : PortalTestContext
{
    private const string Nanguan = "220102";

    [Fact]
    public async Task Render_ShowsMissingFactsRedLightOverdueMilestoneAndHistory_WhenCaseWasChanged()
    {
        var caseId = await SeedCaseAsync(changed: true);
        await SignIn(Nanguan, Roles.CountyOperator);

        var cut = RenderPage<CaseStorySections>(("CaseId", caseId));

        cut.WaitForAssertion(() => cut.Find("[data-testid=case-plan-section]"));
        var alert = cut.Find("[data-testid=case-alert]");
        Assert.Equal("Red", alert.GetAttribute("data-alert"));
        Assert.Contains("红灯", alert.TextContent);
        Assert.Contains("逾期", cut.Find("[data-testid=milestone-overdue]").TextContent);
        // Now a dead knot: its backstop was given with the change, the litigation facts are kept but not shown as current.
        var facts = cut.Find("[data-testid=category-facts]").TextContent;
        Assert.Contains("直接货币补偿", facts);
        Assert.DoesNotContain("南关区人民法院", facts);
        var history = cut.Find("[data-testid=category-history-row]").TextContent;
        Assert.Contains("1 涉法涉诉", history);
        Assert.Contains("9 “死结”项目", history);
        Assert.Contains("判决后企业无力履行", history);
        Assert.NotEmpty(cut.FindAll("[data-testid=category-edit]"));
    }

    [Fact]
    public async Task Render_NamesTheMissingRequiredFacts_WhenNoneWereEntered()
    {
        var caseId = await SeedCaseAsync(changed: false);
        await SignIn(Nanguan, Roles.CountyOperator);

        var cut = RenderPage<CaseStorySections>(("CaseId", caseId));

        cut.WaitForAssertion(() => Assert.Contains("受理法院、案号、府院联动会商日期", cut.Find("[data-testid=category-missing]").TextContent));
    }

    [Fact]
    public async Task Render_HasNoEditControls_WhenUserCannotEdit()
    {
        var caseId = await SeedCaseAsync(changed: false);
        await SignIn("220000", Roles.Supervisor);

        var cut = RenderPage<CaseStorySections>(("CaseId", caseId));

        cut.WaitForAssertion(() => cut.Find("[data-testid=case-plan-section]"));
        Assert.Empty(cut.FindAll("[data-testid=category-edit]"));
        Assert.Empty(cut.FindAll("[data-testid=plan-edit]"));
        Assert.Empty(cut.FindAll("[data-testid=milestone-add]"));
    }

    [Fact]
    public async Task EditPlan_SavesMeasures_AndShowsThem()
    {
        var caseId = await SeedCaseAsync(changed: false);
        await SignIn(Nanguan, Roles.CountyOperator);
        var cut = RenderPage<CaseStorySections>(("CaseId", caseId));
        cut.WaitForAssertion(() => cut.Find("[data-testid=plan-edit]"));

        cut.Find("[data-testid=plan-edit]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=plan-form]"));
        var measures = cut.FindComponents<MudTextField<string>>().First(f => f.Instance.Lines == 4);
        await cut.InvokeAsync(() => measures.Instance.ValueChanged.InvokeAsync("倒排工期，每周调度"));
        cut.Find("[data-testid=plan-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("倒排工期，每周调度", cut.Find("[data-testid=plan-measures-text]").TextContent));
    }

    [Fact]
    public async Task Ledger_ShowsTheLightAndTheSummary_AndTheOverdueSwitchFilters()
    {
        await SeedCaseAsync(changed: false);
        await SignIn("220100", Roles.CityOperator);

        var cut = RenderPage<LedgerPage>();

        cut.WaitForAssertion(() => Assert.Equal("Red", cut.Find("[data-testid=case-grid] [data-testid=case-alert]").GetAttribute("data-alert")));
        Assert.Contains("按类别", cut.Find("[data-testid=ledger-summary]").TextContent);
        Assert.Contains("里程碑逾期 1 个", cut.Find("[data-testid=summary-overdue]").TextContent);
        var overdueSwitch = cut.FindComponents<MudSwitch<bool>>().Single();
        await cut.InvokeAsync(() => overdueSwitch.Instance.ValueChanged.InvokeAsync(true));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=case-row]")));
        Assert.Contains("overdueAsOf=", cut.Find("[data-testid=ledger-export]").GetAttribute("href"));
    }

    private async Task<int> SeedCaseAsync(bool changed)
    {
        var project = await SeedProjectAsync("NG-2016-001", Nanguan, batchYear: 2016);
        await using var db = Database.CreateSystemContext();
        db.Attach(project);
        var overdue = OverdueCase.Open(project, OverdueCategory.Litigation, new DateOnly(2020, 9, 30), "陈副区长");
        overdue.AddMilestone("召开府院联动会议", new DateOnly(2020, 5, 15));
        if (changed)
        {
            overdue.EditCategoryDetails(new CategoryDetails
            {
                CourtName = "南关区人民法院", CourtCaseNumber = "（2020）吉0102民初1号", JointMeetingDate = new DateOnly(2020, 5, 20), FallbackMethod = ResolutionMethod.Monetary,
            });
            overdue.ChangeCategory(OverdueCategory.DeadKnot, "判决后企业无力履行", new CategoryDetails { Backstop = BackstopMethod.DirectCash, BackstopPlan = "直接货币补偿" },
                "county@220102", new DateTimeOffset(2020, 7, 1, 9, 0, 0, TimeSpan.FromHours(8)));
        }

        db.OverdueCases.Add(overdue);
        await db.SaveChangesAsync();
        return overdue.Id;
    }
}
