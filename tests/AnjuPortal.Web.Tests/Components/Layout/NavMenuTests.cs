using AnjuPortal.Application.Security;
using AnjuPortal.Web.Components.Layout;
using Bunit;

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
        // MudNavLink puts the class on the item around the link.
        Assert.Equal(prominent, link.ParentElement!.ClassList.Contains("anju-nav-prominent"));
    }
}
