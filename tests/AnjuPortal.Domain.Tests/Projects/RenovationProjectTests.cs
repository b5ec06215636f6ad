using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Projects;

namespace AnjuPortal.Domain.Tests.Projects;

public sealed class RenovationProjectTests
{
    private static readonly DateOnly Start = new(2020, 4, 1);
    private static readonly DateOnly End = new(2021, 10, 1);

    private static RenovationProject.Details Details(int planned = 100, DateOnly? start = null, DateOnly? end = null, string name = "南关区棚改一期", int year = 2020)
        => new(name, year, planned, ResettlementMode.InKind, "张三", start ?? Start, end ?? End);

    private static RenovationProject NewProject(int planned = 100) => RenovationProject.Register("ng-2020-01", 7, Details(planned));

    [Fact]
    public void Register_NormalizesCodeAndStartsAtApproval_WhenDetailsAreValid()
    {
        var project = RenovationProject.Register("  ng-2020-01 ", 7, Details());

        Assert.Equal("NG-2020-01", project.Code);
        Assert.Equal(7, project.JurisdictionId);
        Assert.Equal(ProjectStage.Approval, project.Stage);
        Assert.Equal("南关区棚改一期", project.Name);
        Assert.Equal(100, project.PlannedUnits);
        Assert.Null(project.ActualStartDate);
        Assert.Equal(0, project.Version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("NG1")]
    [InlineData("-NG-001")]
    [InlineData("NG 001")]
    [InlineData("南关001")]
    [InlineData("NG-0000000000000000000000000000001")]
    public void Register_ThrowsCodeMessage_WhenCodeIsMalformed(string code)
    {
        var ex = Assert.Throws<DomainException>(() => RenovationProject.Register(code, 7, Details()));

        Assert.Equal("项目编号只能包含字母、数字和连字符，长度 4–32 位。", ex.Message);
        Assert.Equal(nameof(RenovationProject.Code), ex.Field);
    }

    [Fact]
    public void Register_ThrowsNegativeMessage_WhenPlannedUnitsAreNegative()
    {
        var ex = Assert.Throws<DomainException>(() => RenovationProject.Register("NG-0001", 7, Details(planned: -1)));

        Assert.Equal("计划套数不能为负数（填写的是 -1）。", ex.Message);
        Assert.Equal(nameof(RenovationProject.PlannedUnits), ex.Field);
    }

    [Fact]
    public void Register_ThrowsDateOrderMessage_WhenCompletionIsBeforeStart()
    {
        var ex = Assert.Throws<DomainException>(() => RenovationProject.Register("NG-0001", 7, Details(start: new DateOnly(2020, 5, 1), end: new DateOnly(2020, 4, 30))));

        Assert.Equal("计划完工日期（2020-04-30）不能早于计划开工日期（2020-05-01）。", ex.Message);
        Assert.Equal(nameof(RenovationProject.PlannedCompletionDate), ex.Field);
    }

    [Fact]
    public void Register_Accepts_WhenCompletionIsOnStartDay()
        => Assert.Equal(Start, RenovationProject.Register("NG-0001", 7, Details(start: Start, end: Start)).PlannedCompletionDate);

    [Theory]
    [InlineData("", "请填写项目名称。")]
    [InlineData("   ", "请填写项目名称。")]
    public void Register_ThrowsRequiredMessage_WhenNameIsBlank(string name, string message)
        => Assert.Equal(message, Assert.Throws<DomainException>(() => RenovationProject.Register("NG-0001", 7, Details(name: name))).Message);

    [Fact]
    public void Register_ThrowsYearMessage_WhenBatchYearIsOutOfRange()
        => Assert.Equal("年度 1999 不在允许范围（2000–2100）内。", Assert.Throws<DomainException>(() => RenovationProject.Register("NG-0001", 7, Details(year: 1999))).Message);

    [Fact]
    public void AdvanceStage_MovesOneStep_WhenNextStageIsRequested()
    {
        var project = NewProject();

        project.AdvanceStage(ProjectStage.LandSupply, new DateOnly(2020, 5, 1));

        Assert.Equal(ProjectStage.LandSupply, project.Stage);
        Assert.Null(project.ActualStartDate);
    }

    [Fact]
    public void AdvanceStage_ReachesDelivery_WhenEveryStageIsTakenInOrder()
    {
        var project = NewProject();
        var day = new DateOnly(2020, 5, 1);
        foreach (var stage in Enum.GetValues<ProjectStage>().Skip(1))
        {
            project.AdvanceStage(stage, day);
            day = day.AddMonths(1);
        }

        Assert.Equal(ProjectStage.Delivered, project.Stage);
        Assert.Equal(new DateOnly(2020, 8, 1), project.ActualStartDate);
    }

    [Fact]
    public void AdvanceStage_SetsActualStartDate_WhenConstructionStarts()
    {
        var project = NewProject();
        project.AdvanceStage(ProjectStage.LandSupply, new DateOnly(2020, 4, 1));
        project.AdvanceStage(ProjectStage.Financing, new DateOnly(2020, 5, 1));
        project.AdvanceStage(ProjectStage.Expropriation, new DateOnly(2020, 6, 1));
        Assert.Null(project.ActualStartDate);

        project.AdvanceStage(ProjectStage.UnderConstruction, new DateOnly(2020, 7, 15));
        project.AdvanceStage(ProjectStage.StructureCompleted, new DateOnly(2021, 7, 15));

        Assert.Equal(new DateOnly(2020, 7, 15), project.ActualStartDate);
    }

    [Fact]
    public void AdvanceStage_ThrowsSkipMessage_WhenStageIsSkipped()
    {
        var project = NewProject();

        var ex = Assert.Throws<DomainException>(() => project.AdvanceStage(ProjectStage.UnderConstruction, new DateOnly(2020, 5, 1)));

        Assert.Equal("项目阶段只能逐级推进：当前为“立项审批”，下一阶段应为“用地供应”，不能直接跳到“开工建设”。", ex.Message);
        Assert.Equal(ProjectStage.Approval, project.Stage);
        Assert.Null(project.ActualStartDate);
    }

    [Theory]
    [InlineData(ProjectStage.LandSupply)]
    [InlineData(ProjectStage.Financing)]
    [InlineData(ProjectStage.Approval)]
    public void AdvanceStage_ThrowsBackwardsMessage_WhenStageIsSameOrEarlier(ProjectStage target)
    {
        var project = NewProject();
        project.AdvanceStage(ProjectStage.LandSupply, new DateOnly(2020, 5, 1));
        project.AdvanceStage(ProjectStage.Financing, new DateOnly(2020, 6, 1));
        if (target == ProjectStage.Financing)
        {
            // Same stage again counts as going back: a stage reached is on the record.
            Assert.Throws<DomainException>(() => project.AdvanceStage(target, new DateOnly(2020, 7, 1)));
            return;
        }

        var ex = Assert.Throws<DomainException>(() => project.AdvanceStage(target, new DateOnly(2020, 7, 1)));

        Assert.StartsWith("项目阶段不能回退（当前为“资金筹集”）", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ProjectStage.Financing, project.Stage);
    }

    [Fact]
    public void RecordProgress_StoresCumulativeFigures_WhenTheyGrow()
    {
        var project = NewProject();

        project.RecordProgress(40, 10);
        project.RecordProgress(40, 10);
        project.RecordProgress(100, 100);

        Assert.Equal((100, 100), (project.UnitsStarted, project.UnitsBasicallyCompleted));
    }

    [Fact]
    public void RecordProgress_ThrowsDecreaseMessage_WhenStartedGoesDown()
    {
        var project = NewProject();
        project.RecordProgress(40, 10);

        var ex = Assert.Throws<DomainException>(() => project.RecordProgress(39, 10));

        Assert.Equal("累计开工套数是累计数，不能小于已上报的 40（填写的是 39）。", ex.Message);
        Assert.Equal((40, 10), (project.UnitsStarted, project.UnitsBasicallyCompleted));
    }

    [Fact]
    public void RecordProgress_ThrowsDecreaseMessage_WhenCompletedGoesDown()
    {
        var project = NewProject();
        project.RecordProgress(40, 10);

        var ex = Assert.Throws<DomainException>(() => project.RecordProgress(50, 9));

        Assert.Equal(nameof(RenovationProject.UnitsBasicallyCompleted), ex.Field);
        Assert.Equal((40, 10), (project.UnitsStarted, project.UnitsBasicallyCompleted));
    }

    [Fact]
    public void RecordProgress_ThrowsExceedsPlanned_WhenStartedExceedsPlanned()
    {
        var project = NewProject(planned: 100);

        var ex = Assert.Throws<DomainException>(() => project.RecordProgress(101, 0));

        Assert.Equal("累计开工套数（101）不能超过计划套数（100）。", ex.Message);
        Assert.Equal(0, project.UnitsStarted);
    }

    [Fact]
    public void RecordProgress_ThrowsCompletedExceedsStarted_WhenCompletedExceedsStarted()
    {
        var project = NewProject();

        var ex = Assert.Throws<DomainException>(() => project.RecordProgress(10, 11));

        Assert.Equal("基本建成套数（11）不能超过开工套数（10）。", ex.Message);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    public void RecordProgress_ThrowsNegativeMessage_WhenFigureIsNegative(int started, int completed)
        => Assert.Contains("不能为负数", Assert.Throws<DomainException>(() => NewProject().RecordProgress(started, completed)).Message, StringComparison.Ordinal);

    [Fact]
    public void Revise_ThrowsExceedsPlanned_WhenPlannedDropsBelowStarted()
    {
        var project = NewProject(planned: 100);
        project.RecordProgress(80, 0);

        var ex = Assert.Throws<DomainException>(() => project.Revise(Details(planned: 79)));

        Assert.Equal(nameof(RenovationProject.PlannedUnits), ex.Field);
        Assert.Equal(100, project.PlannedUnits);
    }

    [Fact]
    public void Revise_LeavesProjectUnchanged_WhenDatesAreInWrongOrder()
    {
        var project = NewProject();

        Assert.Throws<DomainException>(() => project.Revise(Details(planned: 200, name: "改名", start: End, end: Start)));

        Assert.Equal((100, "南关区棚改一期", Start), (project.PlannedUnits, project.Name, project.PlannedStartDate));
    }

    [Fact]
    public void RecordExpropriation_Stores_WhenMovedOutAtMostSignedAtMostTotal()
    {
        var project = NewProject();

        project.RecordExpropriation(80, 60, 60);

        Assert.Equal((80, 60, 60), (project.HouseholdsToExpropriate, project.HouseholdsSigned, project.HouseholdsMovedOut));
    }

    [Theory]
    [InlineData(80, 81, 0)]
    [InlineData(80, 60, 61)]
    public void RecordExpropriation_ThrowsOrderMessage_WhenOrderIsBroken(int total, int signed, int movedOut)
    {
        var project = NewProject();

        var ex = Assert.Throws<DomainException>(() => project.RecordExpropriation(total, signed, movedOut));

        Assert.Equal($"征收户数须满足：已搬迁（{movedOut}）≤ 已签约（{signed}）≤ 应征收户数（{total}）。", ex.Message);
        Assert.Equal(0, project.HouseholdsToExpropriate);
    }

    [Fact]
    public void RecordExpropriation_ThrowsNegativeMessage_WhenFigureIsNegative()
        => Assert.Equal("应征收户数不能为负数（填写的是 -5）。", Assert.Throws<DomainException>(() => NewProject().RecordExpropriation(-5, 0, 0)).Message);

    [Fact]
    public void SetFunding_KeepsOneLinePerSource_WhenSetTwice()
    {
        var project = NewProject();

        project.SetFunding(FundingSource.SpecialBonds, 5000m, 3000m, 1000m);
        project.SetFunding(FundingSource.CentralSubsidy, 800m, 800m, 800m);
        project.SetFunding(FundingSource.SpecialBonds, 5000m, 4000m, 2500m);

        Assert.Equal(2, project.Funding.Count);
        var bonds = project.Funding.Single(f => f.Source == FundingSource.SpecialBonds);
        Assert.Equal((5000m, 4000m, 2500m), (bonds.Allocated, bonds.Received, bonds.Spent));
    }

    [Fact]
    public void SetFunding_ThrowsSpentExceedsReceived_WhenSpendingMoreThanReceived()
    {
        var project = NewProject();
        project.SetFunding(FundingSource.SpecialBonds, 5000m, 3000m, 1000m);

        var ex = Assert.Throws<DomainException>(() => project.SetFunding(FundingSource.SpecialBonds, 5000m, 3000m, 3000.01m));

        Assert.Equal("棚改专项债券：已支出（3,000.01 万元）不能超过已到位（3,000.00 万元）。", ex.Message);
        Assert.Equal(1000m, project.Funding.Single().Spent);
    }

    [Theory]
    [InlineData(-1, 0, 0, "中央财政补助下达金额不能为负数")]
    [InlineData(0, -1, 0, "中央财政补助到位金额不能为负数")]
    [InlineData(0, 0, -1, "中央财政补助支出金额不能为负数")]
    public void SetFunding_ThrowsNegativeMessage_WhenAmountIsNegative(int allocated, int received, int spent, string message)
        => Assert.StartsWith(message, Assert.Throws<DomainException>(() => NewProject().SetFunding(FundingSource.CentralSubsidy, allocated, received, spent)).Message, StringComparison.Ordinal);

    [Fact]
    public void SetFunding_AddsNoLine_WhenNewSourceIsRefused()
    {
        var project = NewProject();

        Assert.Throws<DomainException>(() => project.SetFunding(FundingSource.PolicyBankLoans, 100m, 50m, 60m));

        Assert.Empty(project.Funding);
    }

    private static readonly DateOnly June30 = new(2020, 6, 30);

    private static ProjectFigures Reported(int started, int completed, int signed = 0, int movedOut = 0, params FundsFigures[] funds)
        => new(started, completed, 0m, signed, movedOut, funds);

    [Fact]
    public void ApplyApprovedFigures_TakesOverTheReport_KeepingAllocatedMoney()
    {
        var project = NewProject(planned: 200);
        project.RecordExpropriation(120, 0, 0);
        project.SetFunding(FundingSource.SpecialBonds, 900m, 100m, 50m);

        var applied = project.ApplyApprovedFigures(June30, Reported(80, 20, 110, 100, new FundsFigures(FundingSource.SpecialBonds, 400m, 300m)));

        Assert.True(applied);
        Assert.Equal((80, 20, 110, 100, June30), (project.UnitsStarted, project.UnitsBasicallyCompleted, project.HouseholdsSigned, project.HouseholdsMovedOut, project.ProgressAsOf));
        var funds = Assert.Single(project.Funding);
        Assert.Equal((900m, 400m, 300m), (funds.Allocated, funds.Received, funds.Spent));
    }

    [Fact]
    public void ApplyApprovedFigures_AllowsACorrectionDownwards_ButNotOverALaterMonth()
    {
        var project = NewProject(planned: 200);
        project.ApplyApprovedFigures(June30, Reported(80, 20));

        Assert.True(project.ApplyApprovedFigures(June30, Reported(60, 20)));
        Assert.False(project.ApplyApprovedFigures(new DateOnly(2020, 5, 31), Reported(40, 10)));

        Assert.Equal((60, June30), (project.UnitsStarted, project.ProgressAsOf));
    }

    [Fact]
    public void ApplyApprovedFigures_ThrowsAndChangesNothing_WhenFiguresBreakTheRegister()
    {
        var project = NewProject(planned: 100);
        project.RecordExpropriation(50, 0, 0);

        Assert.Throws<DomainException>(() => project.ApplyApprovedFigures(June30, Reported(101, 0)));
        Assert.Throws<DomainException>(() => project.ApplyApprovedFigures(June30, Reported(50, 51)));
        Assert.Throws<DomainException>(() => project.ApplyApprovedFigures(June30, Reported(50, 10, signed: 51)));
        Assert.Throws<DomainException>(() => project.ApplyApprovedFigures(June30, Reported(50, 10, 40, 10, new FundsFigures(FundingSource.LocalFiscal, 10m, 11m))));

        Assert.Equal((0, 0, (DateOnly?)null), (project.UnitsStarted, project.HouseholdsSigned, project.ProgressAsOf));
        Assert.Empty(project.Funding);
    }
}
