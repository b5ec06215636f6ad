using AnjuPortal.Web.Components.Pages.Dashboards.Components;
using Bunit;
using MudBlazor;

namespace AnjuPortal.Web.Tests.Components.Pages.Dashboards.Components;

public sealed class TrendChartTests : PortalTestContext
{
    [Fact]
    public void Chart_HasTheThreeMeasuresAndTimeProgress_ByMonth()
    {
        var cut = Render<TrendChart>(p => p.Add(c => c.View, SampleViews.ProvinceView()));

        var chart = cut.FindComponent<MudChart<double>>().Instance;
        Assert.Equal(["开工", "基本建成", "逾期未安置户解决", "时间进度"], chart.ChartSeries.Select(s => s.Name));
        Assert.Equal(10, chart.ChartLabels.Length);
        Assert.Equal("10月", chart.ChartLabels[^1]);
        // October: 8,711 of 19,402 started = 44.9 %; time progress 83.3 %.
        Assert.Equal(44.9, chart.ChartSeries[0].Data.Values[^1], 3);
        Assert.Equal(83.3, chart.ChartSeries[3].Data.Values[^1], 3);
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
