using AnjuPortal.Application.Dashboards;
using AnjuPortal.Web.Components.Pages.Dashboards.Components;
using Bunit;
using static AnjuPortal.Web.Tests.Components.Pages.Dashboards.Components.MeasureCardsTests;

namespace AnjuPortal.Web.Tests.Components.Pages.Dashboards.Components;

public sealed class DeadlineCardsTests : PortalTestContext
{
    [Fact]
    public void EachDeadline_ShowsWhatRemains_AndTheDaysLeft_OrThatItHasPassed()
    {
        var cut = Render<DeadlineCards>(p => p.Add(c => c.View, SampleViews.ProvinceView()));

        var start = cut.Find("[data-testid=deadline-UnitsStarted]");
        Assert.Contains("9月30日前全部开工", start.TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-09-30", start.TextContent, StringComparison.Ordinal);
        Assert.Equal("10,691", start.QuerySelector("[data-testid=deadline-remaining]")!.TextContent);
        Assert.Equal("已过截止日期", start.QuerySelector("[data-testid=deadline-days]")!.TextContent);
        Assert.Contains("anju-deadline-passed", start.ClassList);

        var yearEnd = cut.Find("[data-testid=deadline-HouseholdsResolved]");
        Assert.Contains("年底前逾期未安置户全部解决", yearEnd.TextContent, StringComparison.Ordinal);
        Assert.Equal("9,087", yearEnd.QuerySelector("[data-testid=deadline-remaining]")!.TextContent);
        Assert.Equal("距截止 61 天", yearEnd.QuerySelector("[data-testid=deadline-days]")!.TextContent);
        Assert.Contains("尚余 9,087 户", Squash(yearEnd.TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public void ADeadlineMet_SaysDone_WithoutDaysLeft()
    {
        var view = SampleViews.ProvinceView();
        view = view with { Deadlines = [new DeadlineStatus(DashboardMeasure.UnitsStarted, new DateOnly(2026, 9, 30), 100, 100, 0, -31)] };

        var cut = Render<DeadlineCards>(p => p.Add(c => c.View, view));

        Assert.Equal("已完成", cut.Find("[data-testid=deadline-days]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=deadline-remaining]"));
    }

    [Fact]
    public void ADeadlineBeforeTheMonthsEnd_HasPassed_EvenWhenTheDaysLeftAreCountedAsNone()
    {
        var view = SampleViews.ProvinceView() with
        {
            Deadlines = [new DeadlineStatus(DashboardMeasure.UnitsStarted, new DateOnly(2026, 9, 30), 8_900, 8_734, 166, 0)],
        };

        var cut = Render<DeadlineCards>(p => p.Add(c => c.View, view));

        Assert.Equal("已过截止日期", cut.Find("[data-testid=deadline-days]").TextContent);
    }

    [Fact]
    public void ADeadlineOnTheDashboardsDay_SaysItIsToday()
    {
        var view = SampleViews.ProvinceView() with
        {
            Month = 9,
            Deadlines = [new DeadlineStatus(DashboardMeasure.UnitsStarted, new DateOnly(2026, 9, 30), 8_900, 8_651, 249, 0)],
        };

        var cut = Render<DeadlineCards>(p => p.Add(c => c.View, view));

        Assert.Equal("今日截止", cut.Find("[data-testid=deadline-days]").TextContent);
        Assert.Equal("249", cut.Find("[data-testid=deadline-remaining]").TextContent);
    }

    [Fact]
    public void AUnitWithoutAPlan_SaysSo_NotDone()
    {
        var view = SampleViews.ProvinceView() with
        {
            Deadlines = [new DeadlineStatus(DashboardMeasure.UnitsStarted, new DateOnly(2026, 9, 30), 0, 0, 0, 0)],
        };

        var cut = Render<DeadlineCards>(p => p.Add(c => c.View, view));

        Assert.Equal("无计划", cut.Find("[data-testid=deadline-days]").TextContent);
        Assert.DoesNotContain("anju-deadline-met", cut.Find("[data-testid=deadline-UnitsStarted]").ClassList);
    }
}
