using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.OverdueResettlement;

namespace AnjuPortal.Domain.Tests.OverdueResettlement;

public sealed class OverdueCasePlanTests
{
    private static readonly DateOnly Target = new(2020, 12, 31);

    /// <summary>
    /// Worked dates for the warning light: a milestone due 2020-06-30, not done. On 06-30 it is not overdue yet (green);
    /// on 07-01 it is 1 day overdue (amber); on 07-30, 30 days (still amber); on 07-31, 31 days (red). A case past its
    /// target date is red even without milestones; a case no longer open is green.
    /// </summary>
    [Theory]
    [InlineData("2020-06-30", CaseAlert.Green)]
    [InlineData("2020-07-01", CaseAlert.Amber)]
    [InlineData("2020-07-30", CaseAlert.Amber)]
    [InlineData("2020-07-31", CaseAlert.Red)]
    public void Alert_FollowsDaysOverdue_OfTheEarliestOpenMilestone(string today, CaseAlert expected)
    {
        var overdue = OverdueCaseCategoryTests.NewCase(target: Target);
        overdue.AddMilestone("完成主体验收", new DateOnly(2020, 6, 30));
        overdue.AddMilestone("交付钥匙", new DateOnly(2020, 10, 31));

        Assert.Equal(expected, overdue.Alert(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Alert_IsGreen_WhenTheOverdueMilestoneWasCompleted()
    {
        var overdue = OverdueCaseCategoryTests.NewCase(target: Target);
        var milestone = overdue.AddMilestone("完成主体验收", new DateOnly(2020, 6, 30));
        overdue.CompleteMilestone(milestone, new DateOnly(2020, 7, 20));

        Assert.Equal(CaseAlert.Green, overdue.Alert(new DateOnly(2020, 9, 1)));
        Assert.Equal(new DateOnly(2020, 7, 20), milestone.CompletedOn);
    }

    [Fact]
    public void Alert_IsRed_WhenTheTargetDateHasPassed_EvenWithoutMilestones()
    {
        var overdue = OverdueCaseCategoryTests.NewCase(target: Target);

        Assert.Equal(CaseAlert.Green, overdue.Alert(new DateOnly(2020, 12, 31)));
        Assert.Equal(CaseAlert.Red, overdue.Alert(new DateOnly(2021, 1, 1)));
    }

    [Theory]
    [InlineData(CaseStatus.ClosureApplied)]
    [InlineData(CaseStatus.Closed)]
    public void AlertFor_IsGreen_WhenTheCaseIsNoLongerOpen(CaseStatus status)
        => Assert.Equal(CaseAlert.Green, OverdueCase.AlertFor(status, Target, new DateOnly(2020, 1, 1), new DateOnly(2021, 6, 1)));

    [Fact]
    public void AmberThreshold_IsThirtyDays()
        => Assert.Equal(30, OverdueCase.AmberMaxDaysOverdue);

    [Fact]
    public void CompleteMilestone_RefusesASecondCompletion()
    {
        var overdue = OverdueCaseCategoryTests.NewCase();
        var milestone = overdue.AddMilestone("签订回迁协议", new DateOnly(2020, 8, 31));
        overdue.CompleteMilestone(milestone, new DateOnly(2020, 8, 1));

        var error = Assert.Throws<DomainException>(() => overdue.CompleteMilestone(milestone, new DateOnly(2020, 8, 2)));

        Assert.Equal("节点“签订回迁协议”已于 2020-08-01 完成，不能重复办结。", error.Message);
    }

    [Fact]
    public void EditPlan_SetsMeasuresAndOfficial_AndRefusesABlankOfficial()
    {
        var overdue = OverdueCaseCategoryTests.NewCase();

        overdue.EditPlan("  倒排工期，每周调度  ", "王副市长");

        Assert.Equal(("倒排工期，每周调度", "王副市长"), (overdue.Measures, overdue.ResponsibleOfficial));
        Assert.Equal("请填写包保领导。", Assert.Throws<DomainException>(() => overdue.EditPlan("x", " ")).Message);
    }

    [Fact]
    public void AddMilestone_RefusesABlankTitle()
        => Assert.Equal("请填写节点内容。", Assert.Throws<DomainException>(() => OverdueCaseCategoryTests.NewCase().AddMilestone(" ", new DateOnly(2020, 8, 1))).Message);
}
