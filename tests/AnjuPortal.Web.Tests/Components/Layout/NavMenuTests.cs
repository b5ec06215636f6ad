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
    public async Task AGroup_FoldsAndUnfolds_ItsButtonSayingWhichAndWhetherOpen()
    {
        await SignIn("220000", Roles.ProvinceReviewer);
        var cut = Render<NavMenu>();
        var button = cut.Find("button[aria-controls=nav-reports-group]");
        Assert.Equal("true", button.GetAttribute("aria-expanded"));
        Assert.Single(cut.FindAll("#nav-reports-group [data-testid=nav-reports]"));

        button.Click();

        Assert.Equal("false", cut.Find("button[aria-controls=nav-reports-group]").GetAttribute("aria-expanded"));
        Assert.Empty(cut.FindAll("[data-testid=nav-reports]"));
        Assert.Single(cut.FindAll("[data-testid=nav-notices]"));

        cut.Find("button[aria-controls=nav-reports-group]").Click();

        Assert.Single(cut.FindAll("[data-testid=nav-reports]"));
    }
}
