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
}
