using AnjuPortal.Web.Components.Pages.Dashboards.Components;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using static AnjuPortal.Web.Tests.Components.Pages.Dashboards.Components.MeasureCardsTests;

namespace AnjuPortal.Web.Tests.Components.Pages.Dashboards.Components;

public sealed class DashboardHeaderTests : PortalTestContext
{
    [Fact]
    public void Title_NamesUnitYearAndMonth_AndALiveMonthSaysHowManyReportsAreApproved()
    {
        var cut = Render<DashboardHeader>(p => p.Add(c => c.View, SampleViews.ProvinceView()));

        Assert.Equal("吉林省2026年10月挂图作战", cut.Find("[data-testid=dashboard-title]").TextContent);
        Assert.Equal("实时 · 已审核 40/69 个单位", Squash(cut.Find("[data-testid=dashboard-state]").TextContent));
    }

    [Fact]
    public void AFrozenMonth_IsMarkedFrozen()
    {
        var cut = Render<DashboardHeader>(p => p.Add(c => c.View, SampleViews.ProvinceView(frozen: true)));

        Assert.Equal("已冻结", Squash(cut.Find("[data-testid=dashboard-state]").TextContent));
    }

    [Fact]
    public void Breadcrumb_LeadsBackUpTheTree_ForTheSameMonth()
    {
        var cut = Render<DashboardHeader>(p => p.Add(c => c.View, SampleViews.CountyView()));

        var links = cut.FindAll("[data-testid=breadcrumb-link]");
        Assert.Equal(["吉林省", "长春市"], links.Select(a => a.TextContent));
        Assert.Equal(["dashboard/1?year=2026&month=10", "dashboard/2?year=2026&month=10"], links.Select(a => a.GetAttribute("href")));
        Assert.Equal("南关区", cut.Find("[aria-current=page]").TextContent);
    }

    [Fact]
    public void PickingAMonth_OpensThatMonthOfTheSameUnit_AndTheListMarksFrozenMonths()
    {
        var cut = Render<DashboardHeader>(p => p.Add(c => c.View, SampleViews.ProvinceView()));
        var select = cut.Find("select[data-testid=dashboard-month]");
        var options = select.QuerySelectorAll("option");
        Assert.Equal("10月（实时）", options[0].TextContent);
        Assert.Equal("9月（已冻结）", options[1].TextContent);
        Assert.True(options.Single(o => o.GetAttribute("value") == "10").HasAttribute("selected"));
        Assert.Equal("月份", cut.Find(".anju-month-select-label").TextContent);

        select.Change("9");

        Assert.EndsWith("/dashboard/1?year=2026&month=9", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void AMonthNotOffered_IsIgnored()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var before = navigation.Uri;
        var cut = Render<DashboardHeader>(p => p.Add(c => c.View, SampleViews.ProvinceView()));

        cut.Find("select[data-testid=dashboard-month]").Change("13");

        Assert.Equal(before, navigation.Uri);
    }
}
