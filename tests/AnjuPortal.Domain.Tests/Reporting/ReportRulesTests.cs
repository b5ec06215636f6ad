using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;

namespace AnjuPortal.Domain.Tests.Reporting;

/// <summary>Every rule of the catalogue, on both sides of its boundary.</summary>
public sealed class ReportRulesTests
{
    private const int ProjectId = 10;
    private const int CaseId = 20;

    /// <summary>Last approved: 150 started, 60 completed, 900 万元 invested, 80 signed, 70 moved out; bonds 500 received, 400 spent.</summary>
    private static readonly ProjectFigures LastApproved = new(150, 60, 900m, 80, 70, [new FundsFigures(FundingSource.SpecialBonds, 500m, 400m)]);

    /// <summary>The month before: 140 started, 50 completed, 850 万元 (increments last month: 10, 10, 50).</summary>
    private static readonly ProjectFigures ApprovedBefore = new(140, 50, 850m, 80, 70, [new FundsFigures(FundingSource.SpecialBonds, 500m, 400m)]);

    private static ProjectBaseline Project(ProjectFigures? before = null, int planned = 300, int toExpropriate = 100)
        => new(ProjectId, "NG-2020-01", "东站片区", planned, toExpropriate, LastApproved, before ?? ApprovedBefore);

    private static ProjectFigures Figures(
        int started = 150, int completed = 60, decimal investment = 900m, int signed = 80, int movedOut = 70, decimal received = 500m, decimal spent = 400m)
        => new(started, completed, investment, signed, movedOut, [new FundsFigures(FundingSource.SpecialBonds, received, spent)]);

    private static List<ReportFinding> Check(ProjectFigures figures, ProjectBaseline? baseline = null)
        => ReportRules.CheckProject(baseline ?? Project(), figures).ToList();

    private static ReportFinding Single(ProjectFigures figures, ReportRule rule, ProjectBaseline? baseline = null)
        => Assert.Single(Check(figures, baseline), f => f.Code == rule.Code);

    private static void None(ProjectFigures figures, ReportRule rule, ProjectBaseline? baseline = null)
        => Assert.DoesNotContain(Check(figures, baseline), f => f.Code == rule.Code);

    [Fact]
    public void CheckProject_FindsNothing_WhenFiguresEqualLastApproved()
        => Assert.Empty(Check(Figures()));

    [Fact]
    public void Catalogue_HasUniqueCodesWithTitlesAndMessages()
    {
        Assert.Equal(ReportRules.All.Count, ReportRules.All.Select(r => r.Code).Distinct().Count());
        Assert.All(ReportRules.All, r =>
        {
            Assert.False(string.IsNullOrWhiteSpace(r.Title));
            Assert.Contains("{0}", r.MessageTemplate, StringComparison.Ordinal);
            Assert.Equal(r.Code.StartsWith('E') ? RuleSeverity.Error : RuleSeverity.Warning, r.Severity);
        });
    }

    [Fact]
    public void StartedDecreased_NamesBothFigures_WhenStartedGoesBelowLastApproved()
    {
        var finding = Single(Figures(started: 149), ReportRules.StartedDecreased);

        Assert.Equal("项目「东站片区」累计开工 149 套，少于上月已批准的 150 套。", finding.Message);
        Assert.Equal((RuleSeverity.Error, "E101:P10", ProjectId, "UnitsStarted"), (finding.Severity, finding.Key, finding.ProjectId, finding.Field));
        None(Figures(started: 150), ReportRules.StartedDecreased);
    }

    [Fact]
    public void CompletedDecreased_IsFound_OnlyBelowLastApproved()
    {
        Assert.Equal("项目「东站片区」累计基本建成 59 套，少于上月已批准的 60 套。", Single(Figures(completed: 59), ReportRules.CompletedDecreased).Message);
        None(Figures(completed: 60), ReportRules.CompletedDecreased);
    }

    [Fact]
    public void InvestmentDecreased_IsFound_OnlyBelowLastApproved()
    {
        Assert.Equal("项目「东站片区」累计完成投资 899.99 万元，少于上月已批准的 900.00 万元。", Single(Figures(investment: 899.99m), ReportRules.InvestmentDecreased).Message);
        None(Figures(investment: 900m), ReportRules.InvestmentDecreased);
    }

    [Fact]
    public void ReceivedAndSpentDecreased_AreFoundPerSource_OnlyBelowLastApproved()
    {
        var received = Single(Figures(received: 499m, spent: 400m), ReportRules.ReceivedDecreased);
        Assert.Equal("项目「东站片区」棚改专项债券累计到位 499.00 万元，少于上月已批准的 500.00 万元。", received.Message);
        Assert.Equal(("E104:P10:SpecialBonds", "Funds.SpecialBonds.Received"), (received.Key, received.Field));
        None(Figures(received: 500m), ReportRules.ReceivedDecreased);

        var spent = Single(Figures(spent: 399m), ReportRules.SpentDecreased);
        Assert.Equal("项目「东站片区」棚改专项债券累计支出 399.00 万元，少于上月已批准的 400.00 万元。", spent.Message);
        None(Figures(spent: 400m), ReportRules.SpentDecreased);
    }

    [Fact]
    public void ReceivedDecreased_IsFound_WhenASourceOfLastMonthIsLeftOut()
    {
        var figures = new ProjectFigures(150, 60, 900m, 80, 70, []);

        Assert.Single(Check(figures), f => f.Code == ReportRules.ReceivedDecreased.Code);
        Assert.Single(Check(figures), f => f.Code == ReportRules.SpentDecreased.Code);
    }

    [Fact]
    public void SignedAndMovedOutDecreased_AreFound_OnlyBelowLastApproved()
    {
        Assert.Equal("项目「东站片区」累计签约 79 户，少于上月已批准的 80 户。", Single(Figures(signed: 79, movedOut: 60), ReportRules.SignedDecreased).Message);
        None(Figures(signed: 80), ReportRules.SignedDecreased);
        Assert.Equal("项目「东站片区」累计搬迁 69 户，少于上月已批准的 70 户。", Single(Figures(movedOut: 69), ReportRules.MovedOutDecreased).Message);
        None(Figures(movedOut: 70), ReportRules.MovedOutDecreased);
    }

    [Fact]
    public void StartedExceedsPlanned_IsFound_OnlyAbovePlannedUnits()
    {
        var baseline = Project(before: LastApproved);
        Assert.Equal("项目「东站片区」累计开工 301 套，超过计划套数 300 套。", Single(Figures(started: 301), ReportRules.StartedExceedsPlanned, baseline).Message);
        None(Figures(started: 300), ReportRules.StartedExceedsPlanned, baseline);
    }

    [Fact]
    public void CompletedExceedsStarted_IsFound_OnlyAboveStarted()
    {
        Assert.Equal("项目「东站片区」累计基本建成 151 套，超过累计开工 150 套。", Single(Figures(completed: 151), ReportRules.CompletedExceedsStarted).Message);
        None(Figures(completed: 150), ReportRules.CompletedExceedsStarted);
    }

    [Fact]
    public void SpentExceedsReceived_IsFound_OnlyAboveReceivedOfTheSameSource()
    {
        var finding = Single(Figures(received: 600m, spent: 600.01m), ReportRules.SpentExceedsReceived);
        Assert.Equal("项目「东站片区」棚改专项债券累计支出 600.01 万元，超过累计到位 600.00 万元。", finding.Message);
        Assert.Equal("Funds.SpecialBonds.Spent", finding.Field);
        None(Figures(received: 600m, spent: 600m), ReportRules.SpentExceedsReceived);
    }

    [Fact]
    public void SignedExceedsToExpropriate_IsFound_OnlyAboveHouseholdsToExpropriate()
    {
        Assert.Equal("项目「东站片区」累计签约 101 户，超过应征收 100 户。", Single(Figures(signed: 101), ReportRules.SignedExceedsToExpropriate).Message);
        None(Figures(signed: 100), ReportRules.SignedExceedsToExpropriate);
    }

    [Fact]
    public void MovedOutExceedsSigned_IsFound_OnlyAboveSigned()
    {
        Assert.Equal("项目「东站片区」累计搬迁 81 户，超过累计签约 80 户。", Single(Figures(movedOut: 81), ReportRules.MovedOutExceedsSigned).Message);
        None(Figures(movedOut: 80), ReportRules.MovedOutExceedsSigned);
    }

    [Fact]
    public void StartedPaceJump_WarnsAboveThreeTimesLastMonthsIncrement()
    {
        // Last month +10: +30 is exactly three times (no warning), +31 is more.
        var finding = Single(Figures(started: 181), ReportRules.StartedPaceJump);
        Assert.Equal("项目「东站片区」本月新增开工 31 套，超过上月新增 10 套的 3 倍，请说明原因。", finding.Message);
        Assert.Equal((RuleSeverity.Warning, "W101:P10"), (finding.Severity, finding.Key));
        None(Figures(started: 180), ReportRules.StartedPaceJump);
    }

    [Fact]
    public void CompletedAndInvestmentPaceJumps_WarnAboveThreeTimesLastMonthsIncrement()
    {
        Assert.Equal("项目「东站片区」本月新增基本建成 31 套，超过上月新增 10 套的 3 倍，请说明原因。", Single(Figures(completed: 91), ReportRules.CompletedPaceJump).Message);
        None(Figures(completed: 90), ReportRules.CompletedPaceJump);
        Assert.Equal("项目「东站片区」本月新增完成投资 150.01 万元，超过上月新增 50.00 万元的 3 倍，请说明原因。", Single(Figures(investment: 1050.01m), ReportRules.InvestmentPaceJump).Message);
        None(Figures(investment: 1050m), ReportRules.InvestmentPaceJump);
    }

    [Fact]
    public void PaceJump_IsNotJudged_WhenLastMonthDidNotMoveOrThereIsNoEarlierReport()
    {
        None(Figures(started: 290), ReportRules.StartedPaceJump, Project(before: LastApproved));
        None(Figures(started: 290), ReportRules.StartedPaceJump, new ProjectBaseline(ProjectId, "NG", "东站片区", 300, 100, LastApproved, null));
    }

    [Fact]
    public void ResolvedExceedsUnresolved_IsFound_OnlyAboveHouseholdsUnresolvedAtMonthStart()
    {
        var overdue = new CaseBaseline(CaseId, "NG-L01", "北山回迁项目", 40, 12, 5, null);

        var finding = Assert.Single(ReportRules.CheckCase(overdue, new HouseholdResolutions(5, 4, 3, 1)));
        Assert.Equal("台账项目「北山回迁项目」本月解决 13 户，超过月初尚未安置的 12 户。", finding.Message);
        Assert.Equal((RuleSeverity.Error, "E201:C20", CaseId), (finding.Severity, finding.Key, finding.CaseId));
        Assert.Empty(ReportRules.CheckCase(overdue, new HouseholdResolutions(5, 4, 3, 0)));
    }

    [Fact]
    public void ResolvedPaceJump_WarnsAboveThreeTimesLastMonth()
    {
        var overdue = new CaseBaseline(CaseId, "NG-L01", "北山回迁项目", 40, 30, 5, ResolvedLastMonth: 3);

        var finding = Assert.Single(ReportRules.CheckCase(overdue, new HouseholdResolutions(10, 0, 0, 0)));
        Assert.Equal("台账项目「北山回迁项目」本月解决 10 户，超过上月解决 3 户的 3 倍，请说明原因。", finding.Message);
        Assert.Equal(RuleSeverity.Warning, finding.Severity);
        Assert.Empty(ReportRules.CheckCase(overdue, new HouseholdResolutions(3, 3, 3, 0)));
        Assert.Empty(ReportRules.CheckCase(overdue with { ResolvedLastMonth = 0 }, new HouseholdResolutions(10, 0, 0, 0)));
    }

    [Fact]
    public void Check_OrdersErrorsBeforeWarnings_AndSkipsLinesWithoutBaseline()
    {
        var report = MonthlyReport.StartDraft(3, 1);
        report.SetProjectLine(ProjectId, Figures(started: 200, signed: 101));
        report.SetProjectLine(99, Figures(started: 0));
        var baseline = new ReportBaseline([Project()], []);

        var check = ReportRules.Check(report, baseline);

        Assert.Equal(["E114", "W101"], check.Findings.Select(f => f.Code));
        Assert.True(check.HasErrors);
        Assert.Single(check.Warnings);
    }
}
