using AnjuPortal.Application.Security;
using AnjuPortal.Web.Components.Pages.Dashboards;
using Bunit;

namespace AnjuPortal.Web.Tests.Components.Pages.Dashboards;

public sealed class DashboardPageTests : PortalTestContext
{
    [Fact]
    public async Task AUnitOutsideTheUsersSubtree_ShowsANotice_NotItsFigures()
    {
        var jilinCity = await UnitAsync("220200");
        await SignIn("220100", Roles.CityOperator);

        var cut = RenderPage<Dashboard>((nameof(Dashboard.JurisdictionId), jilinCity.Id));

        cut.WaitForAssertion(() => Assert.Contains("不在您的管辖范围内", cut.Find("[data-testid=dashboard-empty]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=dashboard-board]"));
    }
}
