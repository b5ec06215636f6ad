using AnjuPortal.Web.Components.Pages.Dashboards.Components;
using Bunit;

namespace AnjuPortal.Web.Tests.Components.Pages.Dashboards.Components;

public sealed class RankingTableTests : PortalTestContext
{
    [Fact]
    public void Rows_AreInRankOrder_UnrankedLast_WithTheChangeSinceLastMonthAndTheBand()
    {
        var cut = Render<RankingTable>(p => p.Add(c => c.View, SampleViews.ProvinceView()));

        var rows = cut.FindAll("[data-testid=ranking-row]");
        Assert.Equal(["吉林市", "四平市", "长春市", "长白山管委会"], rows.Select(r => r.QuerySelector("[data-testid=ranking-unit]")!.TextContent));
        Assert.Equal(["1", "2", "3", "—"], rows.Select(r => r.QuerySelector("[data-testid=rank]")!.TextContent));
        Assert.Equal(["↑2", "—", "↓2", "—"], rows.Select(r => r.QuerySelector("[data-testid=rank-change]")!.TextContent));
        Assert.Equal("比上月上升 2 位", rows[0].QuerySelector("[data-testid=rank-change]")!.GetAttribute("title"));
        Assert.Contains("anju-rank-down", rows[2].QuerySelector("[data-testid=rank-change]")!.ClassList);
        Assert.Equal(["第二档", "第三档", "第一档", "—"], rows.Select(r => r.QuerySelector("[data-testid=band]")!.TextContent));
        Assert.Equal("1/1", rows[2].QuerySelector("[data-testid=band-rank]")!.TextContent);
        Assert.Null(rows[3].QuerySelector("[data-testid=band-rank]"));
    }

    [Fact]
    public void EachMeasure_ShowsDonePlanTaskAndGap_WithColourAndWord()
    {
        var cut = Render<RankingTable>(p => p.Add(c => c.View, SampleViews.ProvinceView()));

        var changchun = cut.Find("[data-testid=ranking-row][data-code='220100']");
        Assert.Equal("7,471 / 18,002", changchun.QuerySelector("[data-testid=done-UnitsStarted]")!.TextContent.Trim());
        Assert.Equal("41.5%", changchun.QuerySelector("[data-testid=task-UnitsStarted]")!.TextContent);
        var gap = changchun.QuerySelector("[data-testid=gap-UnitsStarted]")!;
        Assert.Contains("anju-gap-behind-severe", gap.ClassList);
        Assert.Equal("落后 −41.8", MeasureCardsTests.Squash(gap.TextContent));
        Assert.Equal("1,823 / 10,850", changchun.QuerySelector("[data-testid=done-HouseholdsResolved]")!.TextContent.Trim());
        Assert.Equal("16.8%", changchun.QuerySelector("[data-testid=task-HouseholdsResolved]")!.TextContent);
        Assert.Equal("9,027", changchun.QuerySelector("[data-testid=waiting]")!.TextContent.Trim());
        Assert.Equal("5/7", changchun.QuerySelector("[data-testid=reporting]")!.TextContent);

        var jilin = cut.Find("[data-testid=ranking-row][data-code='220200'] [data-testid=gap-UnitsStarted]");
        Assert.Contains("anju-gap-ahead", jilin.ClassList);
        Assert.Equal("超前 +6.7", MeasureCardsTests.Squash(jilin.TextContent));
    }

    [Fact]
    public void EveryFigure_LinksToTheRowsBehindIt()
    {
        var cut = Render<RankingTable>(p => p.Add(c => c.View, SampleViews.ProvinceView()));

        var changchun = cut.Find("[data-testid=ranking-row][data-code='220100']");
        Assert.Equal("dashboard/2?year=2026&month=10", changchun.QuerySelector("[data-testid=ranking-unit]")!.GetAttribute("href"));
        Assert.All(changchun.QuerySelectorAll("[data-testid=done-UnitsStarted] a"), a => Assert.Equal("projects?unit=2&year=2026", a.GetAttribute("href")));
        Assert.All(changchun.QuerySelectorAll("[data-testid=done-UnitsBasicallyCompleted] a"), a => Assert.Equal("projects?unit=2&year=2026", a.GetAttribute("href")));
        Assert.All(changchun.QuerySelectorAll("[data-testid=done-HouseholdsResolved] a"), a => Assert.Equal("cases?unit=2", a.GetAttribute("href")));
        Assert.Equal("cases?unit=2", changchun.QuerySelector("[data-testid=waiting] a")!.GetAttribute("href"));
    }
}
