using AnjuPortal.Web.Components.Pages.Dashboards.Components;
using Bunit;

namespace AnjuPortal.Web.Tests.Components.Pages.Dashboards.Components;

public sealed class EarlyWarningsTests : PortalTestContext
{
    [Fact]
    public void UnitsAtRisk_ComeFirst_LargestShortfallFirst()
    {
        var cut = Render<EarlyWarnings>(p => p.Add(c => c.View, SampleViews.ProvinceView()));

        var rows = cut.FindAll("[data-testid=warning-row]");
        // Shortfall over plan: 长春 15,002 / 18,002 = 83 %, 四平 300 / 400 = 75 %, 吉林 100 / 1,000 = 10 %.
        Assert.Equal(["220100", "220300", "220200"], rows.Select(r => r.GetAttribute("data-code")));
        Assert.All(rows, r => Assert.Contains("预计完不成", r.QuerySelector("[data-testid=warning-status]")!.TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=warnings-none]"));
    }

    [Fact]
    public void EachWarning_ShowsTheProjection_TheShortfall_AndThePaceEachRemainingMonthMustReach()
    {
        var cut = Render<EarlyWarnings>(p => p.Add(c => c.View, SampleViews.ProvinceView()));

        var siping = cut.Find("[data-testid=warning-row][data-code='220300']");
        Assert.Contains("基本建成（年底前）", siping.TextContent, StringComparison.Ordinal);
        // No construction weight in November and December: the projection is what is done, the rest spread evenly.
        Assert.Equal("100", siping.QuerySelector("[data-testid=warning-projected]")!.TextContent);
        Assert.Equal("300", siping.QuerySelector("[data-testid=warning-shortfall]")!.TextContent);
        Assert.Equal(["11月 需基本建成 150 套", "12月 需基本建成 150 套"], siping.QuerySelectorAll(".anju-pace-month").Select(s => s.TextContent));
        Assert.Equal("dashboard/4?year=2026&month=10", siping.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void NoUnitAtRisk_SaysSo()
    {
        var cut = Render<EarlyWarnings>(p => p.Add(c => c.View, SampleViews.ProvinceView() with { Warnings = [] }));

        Assert.Contains("均可按期完成", cut.Find("[data-testid=warnings-none]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void UnitsOnTrack_AreFoldedBelow_AndMonthsThatNeedNothingAreLeftOut()
    {
        var view = SampleViews.ProvinceView();
        view = view with
        {
            Warnings =
            [
                new(SampleViews.Jilin, AnjuPortal.Application.Dashboards.DashboardMeasure.UnitsStarted, AnjuPortal.Domain.Progress.Projection.For(1_000, 1_000, 10, 9, AnjuPortal.Domain.Progress.ConstructionCalendar.ColdRegion)),
                // End of September, 600 of 1,000 started, 400 to go by the year end: October carries it all (no weight after).
                new(SampleViews.Siping, AnjuPortal.Application.Dashboards.DashboardMeasure.UnitsBasicallyCompleted, AnjuPortal.Domain.Progress.Projection.For(1_000, 600, 9, 12, AnjuPortal.Domain.Progress.ConstructionCalendar.ColdRegion)),
            ],
        };

        var cut = Render<EarlyWarnings>(p => p.Add(c => c.View, view));

        var atRisk = cut.FindAll("[data-testid=warning-row]").Where(r => r.Closest("[data-testid=warnings-on-track]") is null).ToList();
        Assert.Equal(["220300"], atRisk.Select(r => r.GetAttribute("data-code")));
        Assert.Equal(["10月 需基本建成 400 套"], atRisk[0].QuerySelectorAll(".anju-pace-month").Select(s => s.TextContent));
        var folded = cut.Find("[data-testid=warnings-on-track]");
        Assert.Equal("details", folded.TagName, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("预计可按期完成的 1 项", folded.QuerySelector("summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("220200", folded.QuerySelector("[data-testid=warning-row]")!.GetAttribute("data-code"));
    }
}
