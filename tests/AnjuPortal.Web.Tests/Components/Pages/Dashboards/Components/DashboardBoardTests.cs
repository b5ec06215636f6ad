using AnjuPortal.Web.Components.Pages.Dashboards.Components;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.Components.Pages.Dashboards.Components;

public sealed class DashboardBoardTests : PortalTestContext
{
    [Fact]
    public void AUnitWithChildren_ShowsMapAndRanking_NotProjects()
    {
        var cut = Render<DashboardBoard>(p => p.Add(c => c.View, SampleViews.ProvinceView()));
        cut.WaitForElement("[data-testid=warnings]");

        Assert.Single(cut.FindAll("[data-testid=measure-cards]"));
        Assert.Single(cut.FindAll("[data-testid=deadline-cards]"));
        Assert.Single(cut.FindAll("[data-testid=dashboard-map]"));
        Assert.Single(cut.FindAll("[data-testid=ranking-table]"));
        Assert.Single(cut.FindAll("[data-testid=trend]"));
        Assert.Single(cut.FindAll("[data-testid=warnings]"));
        Assert.Empty(cut.FindAll("[data-testid=project-progress]"));
    }

    [Fact]
    public void ACounty_ShowsItsProjects_NoMapNoRanking()
    {
        var cut = Render<DashboardBoard>(p => p.Add(c => c.View, SampleViews.CountyView()));
        cut.WaitForElement("[data-testid=warnings]");

        Assert.Single(cut.FindAll("[data-testid=project-progress]"));
        Assert.Empty(cut.FindAll("[data-testid=dashboard-map]"));
        Assert.Empty(cut.FindAll("[data-testid=ranking-table]"));
        Assert.Equal("南关区2026年10月挂图作战", cut.Find("[data-testid=dashboard-title]").TextContent);
    }

    [Fact]
    public async Task ThePartsWithoutEvents_AreRenderedOncePerView_AndSharedByEverySessionShowingIt()
    {
        var view = SampleViews.ProvinceView();
        var first = Render<DashboardBoard>(p => p.Add(c => c.View, view));
        var second = Render<DashboardBoard>(p => p.Add(c => c.View, view));
        first.WaitForElement("[data-testid=warnings]");
        second.WaitForElement("[data-testid=warnings]");

        var markup = Services.GetRequiredService<DashboardMarkup>();
        Assert.Same((await markup.RenderAsync<RankingTable>(view)).Value, (await markup.RenderAsync<RankingTable>(view)).Value);
        Assert.Equal(first.Find("[data-testid=ranking-table]").OuterHtml, second.Find("[data-testid=ranking-table]").OuterHtml);
        // The map stays a live component (it is clicked); the ranking is markup inside the board.
        Assert.Single(first.FindComponents<DashboardMap>());
        Assert.Empty(first.FindComponents<RankingTable>());
    }

    [Fact]
    public void NoEnglishReachesTheScreen()
    {
        var cut = Render<DashboardBoard>(p => p.Add(c => c.View, SampleViews.ProvinceView()));
        cut.WaitForElement("[data-testid=warnings]");

        // Every visible word is Chinese: no resource key or English label left in the text. The boundary data's licence
        // (echarts, Apache License) is named as its licence requires.
        var text = cut.Find("[data-testid=dashboard-board]").TextContent.Replace(cut.Find("[data-testid=map-attribution]").TextContent, string.Empty, StringComparison.Ordinal);
        var english = System.Text.RegularExpressions.Regex.Matches(text, "[A-Za-z]{3,}").Select(m => m.Value).Distinct().ToList();
        Assert.True(english.Count == 0, string.Join(", ", english));
    }
}
