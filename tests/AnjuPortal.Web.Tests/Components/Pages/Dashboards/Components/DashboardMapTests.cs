using AnjuPortal.Web.Components.Pages.Dashboards.Components;
using AnjuPortal.Web.Components.Shared.Maps;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.Components.Pages.Dashboards.Components;

public sealed class DashboardMapTests : PortalTestContext
{
    [Fact]
    public void Province_DrawsItsPrefectures_ColouredByTheGapOfUnitsStarted_AndAClickOpensTheCity()
    {
        var cut = Render<DashboardMap>(p => p.Add(c => c.View, SampleViews.ProvinceView()));

        Assert.Single(cut.FindComponents<ProgressMap>());
        var changchun = cut.Find("[data-testid=map-unit-220100]");
        Assert.Equal("#c62828", changchun.QuerySelector("path")!.GetAttribute("fill"));
        Assert.Equal("长春市：41.5%", changchun.GetAttribute("aria-label"));
        Assert.Equal("#2e7d32", cut.Find("[data-testid=map-unit-220200] path").GetAttribute("fill"));
        // 长白山 has no plan: grey, "no data".
        Assert.Equal(MapScale.Gap.NoData, cut.Find("[data-testid=map-unit-229900] circle").GetAttribute("fill"));

        changchun.Click();

        Assert.EndsWith("/dashboard/2?year=2026&month=10", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void City_ShowsItsCountiesAsTiles_AndATileOpensTheCounty()
    {
        var cut = Render<DashboardMap>(p => p.Add(c => c.View, SampleViews.CityView()));

        Assert.Empty(cut.FindComponents<ProgressMap>());
        var tiles = cut.FindAll("[data-testid=tile-map] button");
        Assert.Equal(["宽城区", "南关区"], tiles.Select(t => t.QuerySelector(".anju-tile-name")!.TextContent));
        Assert.Contains("示意图", cut.Find("[data-testid=tile-note]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=tile-220102]").Click();

        Assert.EndsWith("/dashboard/12?year=2026&month=10", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }
}
