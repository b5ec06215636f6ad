using AnjuPortal.Web.Components.Pages.Dashboards.Components;
using Bunit;

namespace AnjuPortal.Web.Tests.Components.Pages.Dashboards.Components;

public sealed class TrendChartTests : PortalTestContext
{
    [Fact]
    public void Chart_HasTheThreeMeasuresAndTimeProgress_ByMonth()
    {
        var cut = Render<TrendChart>(p => p.Add(c => c.View, SampleViews.ProvinceView()));

        var series = cut.FindAll("[data-testid=trend-chart] g[data-series]");
        Assert.Equal(["开工", "基本建成", "逾期未安置户解决", "时间进度"], series.Select(s => s.GetAttribute("data-series")));
        var labels = cut.FindAll("[data-testid=trend-chart] text").Select(t => t.TextContent).Where(t => t.EndsWith('月')).ToList();
        Assert.Equal(10, labels.Count);
        Assert.Equal("10月", labels[^1]);
        // October: 8,711 of 19,402 started = 44.9 %; time progress 83.3 %; one point per month on each line.
        Assert.Equal("44.9", series[0].GetAttribute("data-values")!.Split(' ')[^1]);
        Assert.Equal("83.3", series[3].GetAttribute("data-values")!.Split(' ')[^1]);
        Assert.All(series, s => Assert.Equal(10, s.QuerySelectorAll("circle").Length));
        Assert.Equal(["开工", "基本建成", "逾期未安置户解决", "时间进度"], cut.FindAll(".anju-trend-legend li").Select(li => li.TextContent));
    }

    [Fact]
    public void TableBeneath_GivesTheExactFigures_ForScreenReaders()
    {
        var cut = Render<TrendChart>(p => p.Add(c => c.View, SampleViews.ProvinceView()));

        var rows = cut.FindAll("[data-testid=trend-row]");
        Assert.Equal(10, rows.Count);
        var october = rows[^1].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["10月 实时", "8,711", "44.9%", "3,600", "18.6%", "2,063", "18.5%", "83.3%"], october);
        Assert.Equal("1月", rows[0].QuerySelector("td")!.TextContent.Trim());
    }
}
