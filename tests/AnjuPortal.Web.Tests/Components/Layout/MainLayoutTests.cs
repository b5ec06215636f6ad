using AnjuPortal.Application.Security;
using AnjuPortal.Web.Components.Layout;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.Components.Layout;

/// <summary>
/// The layout's drawer without MudDrawer (ADR-015): open by default (app.css hides it on narrow screens), the menu
/// button flips what the user sees on a wide or a narrow screen, and a drawer opened on a narrow screen lies over the
/// page with a backdrop and goes away after a link is followed.
/// </summary>
public sealed class MainLayoutTests : PortalTestContext
{
    [Fact]
    public async Task OnAWideScreen_TheDrawerStartsOpen_AndEachClickFlipsIt()
    {
        var layout = await RenderLayoutAsync();

        Assert.Contains("anju-drawer-auto", Drawer(layout), StringComparison.Ordinal);
        Assert.Contains("mud-drawer--open", Drawer(layout), StringComparison.Ordinal);
        Assert.Equal("true", MenuButton(layout).GetAttribute("aria-expanded"));

        await ToggleAsync(layout, narrow: false);
        Assert.Contains("mud-drawer--closed", Drawer(layout), StringComparison.Ordinal);
        Assert.Contains("mud-drawer-close-responsive-md-left", layout.Find(".mud-layout").ClassName, StringComparison.Ordinal);
        Assert.Equal("false", MenuButton(layout).GetAttribute("aria-expanded"));

        await ToggleAsync(layout, narrow: false);
        Assert.Contains("mud-drawer--open", Drawer(layout), StringComparison.Ordinal);
        Assert.DoesNotContain("anju-drawer-auto", Drawer(layout), StringComparison.Ordinal);
        Assert.Empty(layout.FindAll("[data-testid=drawer-backdrop]"));
    }

    [Fact]
    public async Task OnANarrowScreen_TheFirstClickOpensTheHiddenDrawer_OverABackdrop_AndNavigatingPutsItAway()
    {
        var layout = await RenderLayoutAsync();

        await ToggleAsync(layout, narrow: true);

        Assert.Contains("mud-drawer--open", Drawer(layout), StringComparison.Ordinal);
        Assert.DoesNotContain("anju-drawer-auto", Drawer(layout), StringComparison.Ordinal);
        Assert.NotNull(layout.Find("[data-testid=drawer-backdrop]"));

        Services.GetRequiredService<NavigationManager>().NavigateTo("reports");

        layout.WaitForAssertion(() => Assert.Contains("anju-drawer-auto", Drawer(layout), StringComparison.Ordinal));
        Assert.Empty(layout.FindAll("[data-testid=drawer-backdrop]"));

        // Opened again, the backdrop closes it too.
        await ToggleAsync(layout, narrow: true);
        layout.Find("[data-testid=drawer-backdrop]").Click();
        Assert.Contains("anju-drawer-auto", Drawer(layout), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnAWideScreen_FollowingALink_LeavesTheDrawerAsTheUserSetIt()
    {
        var layout = await RenderLayoutAsync();
        await ToggleAsync(layout, narrow: false);

        Services.GetRequiredService<NavigationManager>().NavigateTo("reports");

        Assert.Contains("mud-drawer--closed", Drawer(layout), StringComparison.Ordinal);
    }

    private async Task<IRenderedComponent<MainLayout>> RenderLayoutAsync()
    {
        await SignIn("220102", Roles.CountyOperator);
        Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        RenderFragment body = b => b.AddMarkupContent(0, "<p>页面</p>");
        return Render<MainLayout>(p => p.Add(l => l.Body, body));
    }

    private static string Drawer(IRenderedComponent<MainLayout> layout) => layout.Find("[data-testid=drawer]").ClassName ?? string.Empty;

    private static AngleSharp.Dom.IElement MenuButton(IRenderedComponent<MainLayout> layout) => layout.Find("button[aria-label='展开或收起菜单']");

    private static Task ToggleAsync(IRenderedComponent<MainLayout> layout, bool narrow)
        => MenuButton(layout).TriggerEventAsync("onmenutoggle", new MenuToggleEventArgs { Narrow = narrow });
}
