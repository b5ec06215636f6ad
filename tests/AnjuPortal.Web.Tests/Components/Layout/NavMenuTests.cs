using AnjuPortal.Application.Security;
using AnjuPortal.Web.Components.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.Components.Layout;

public sealed class NavMenuTests : PortalTestContext
{
    [Theory]
    [InlineData(Roles.SystemAdministrator, true)]
    [InlineData(Roles.ProvinceAdministrator, false)]
    [InlineData(Roles.CityOperator, false)]
    public async Task UserAdministrationLink_IsShown_OnlyWithAdminister(string role, bool shown)
    {
        await SignIn("220000", role);

        var cut = Render<NavMenu>();

        Assert.Equal(shown, cut.FindAll("a[href='admin/users']").Count == 1);
        Assert.Equal(shown, cut.Markup.Contains("用户管理", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("220000", Roles.ProvinceReviewer, true)]
    [InlineData("220100", Roles.CityOperator, true)]
    [InlineData("220102", Roles.CountyOperator, false)]
    public async Task DashboardLink_IsShownToEveryViewer_AndStandsOutForProvinceAndCityOffices(string unit, string role, bool prominent)
    {
        await SignIn(unit, role);

        var cut = Render<NavMenu>();

        var link = cut.Find("[data-testid=nav-dashboard]");
        Assert.Contains("挂图作战", link.TextContent, StringComparison.Ordinal);
        // The class sits on the item around the link, as MudNavLink put it.
        Assert.Equal(prominent, link.ParentElement!.ClassList.Contains("anju-nav-prominent"));
    }

    [Fact]
    public async Task TheLinkOfThePageShown_IsMarkedActive_AndFollowsNavigation()
    {
        await SignIn("220000", Roles.ProvinceReviewer);
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Render<NavMenu>();
        Assert.Equal("page", cut.Find("a[href='']").GetAttribute("aria-current"));

        navigation.NavigateTo("reports/2026-10/220000?tab=lines");

        cut.WaitForAssertion(() =>
        {
            var reports = cut.Find("[data-testid=nav-reports]");
            Assert.Contains("active", reports.ClassList);
            Assert.Equal("page", reports.GetAttribute("aria-current"));
            Assert.DoesNotContain("active", cut.Find("a[href='']").ClassList);
            Assert.Single(cut.FindAll("a.active"));
        });

        // "supervision/items" is not under "supervision/items-archive" or the like: only whole path segments count.
        navigation.NavigateTo("supervision/itemsx");
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("a.active")));
    }

    [Fact]
    public async Task EachGroup_FoldsInTheBrowser_OpenAtFirst_ItsSummaryNamingIt()
    {
        await SignIn("220000", Roles.ProvinceReviewer);
        var cut = Render<NavMenu>();

        var groups = cut.FindAll("details.mud-nav-group");
        Assert.Equal(["棚户区改造", "月报", "逾期未安置", "督查督办"], groups.Select(g => g.QuerySelector("summary .mud-nav-link-text")!.TextContent));
        Assert.All(groups, g => Assert.True(g.HasAttribute("open")));
        var reports = groups[1];
        Assert.Equal("nav-reports-group", reports.QuerySelector("summary")!.GetAttribute("aria-controls"));
        Assert.NotNull(reports.QuerySelector("#nav-reports-group [data-testid=nav-reports]"));
    }

    [Fact]
    public async Task UsersWithTheSameEntriesAndPage_ShareOneDrawnMenu_AndTheJobsLinkOpensApart()
    {
        await SignIn("220000", Roles.SystemAdministrator);
        var first = Render<NavMenu>();
        var second = Render<NavMenu>();

        Assert.Equal(first.Markup, second.Markup);
        var jobs = first.Find("a[href=hangfire]");
        Assert.Equal("_blank", jobs.GetAttribute("target"));
        Assert.Equal("noopener", jobs.GetAttribute("rel"));
    }
}
