using AnjuPortal.Infrastructure.Seed.Demo;
using AnjuPortal.Web.Tests.Hosting;
using Microsoft.Playwright;

namespace AnjuPortal.Web.Tests.Browser;

/// <summary>The portal as a county clerk sees it, in headless Chromium, on the demo data.</summary>
[Collection(HangfireCollection.Name)]
public sealed class CountyOperatorBrowserTests
{
    [Fact]
    public async Task CountyOperator_SeesOnlyOwnProjects_AfterSigningIn()
    {
        await using var factory = new PortalFactory(demo: true);
        var address = factory.UseRealServer();
        await using var browser = await BrowserSession.StartAsync(address);

        await browser.SignInAsync("nanguan", DemoAccounts.Password);
        var header = await browser.Page.Locator("[data-testid=current-jurisdiction]").InnerTextAsync();
        Assert.Contains("南关区", header, StringComparison.Ordinal);
        await browser.ScreenshotAsync("county-operator-home");

        await browser.Page.ClickAsync("a[href='projects']");
        var rows = browser.Page.Locator("[data-testid=project-row]");
        await rows.First.WaitForAsync();
        var codes = await rows.EvaluateAllAsync<string[]>("links => links.map(a => a.dataset.code)");
        var grid = await browser.Page.Locator("[data-testid=project-grid]").InnerTextAsync();
        await browser.ScreenshotAsync("county-operator-projects");

        // The demo province holds 250+ projects in every county; the county clerk sees its own and nothing else.
        Assert.NotEmpty(codes);
        Assert.All(codes, code => Assert.Contains("-220102-", code, StringComparison.Ordinal));
        Assert.DoesNotContain("宽城区", grid, StringComparison.Ordinal);
        Assert.DoesNotContain("长春市", grid.Replace("南关区", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        // A sibling county's project cannot be searched for either.
        await browser.Page.Locator("input[data-testid=project-search], [data-testid=project-search] input").First.FillAsync("220103");
        await browser.Page.Keyboard.PressAsync("Enter");
        await browser.Page.Locator("[data-testid=project-empty]").WaitForAsync();
    }

    [Fact]
    public async Task OnAPhone_TheMenuIsHiddenUntilOpened_LiesOverThePage_AndGoesAwayAfterALink()
    {
        await using var factory = new PortalFactory(demo: true);
        var address = factory.UseRealServer();
        await using var browser = await BrowserSession.StartAsync(address);
        await browser.SignInAsync("nanguan", DemoAccounts.Password);
        await browser.WaitForCircuitAsync();
        var drawer = browser.Page.Locator("[data-testid=drawer]");
        var menu = browser.Page.Locator("button[aria-label='展开或收起菜单']");

        // Wide: the menu is open beside the page; the button closes and opens it.
        Assert.True((await drawer.BoundingBoxAsync())!.X >= 0);
        await menu.ClickAsync();
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
        await menu.ClickAsync();
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));

        // A phone: hidden at first, opened over the page with a backdrop, put away after following a link.
        await browser.Page.SetViewportSizeAsync(390, 844);
        await browser.Page.ReloadAsync();
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("anju-drawer-auto"));
        Assert.True((await drawer.BoundingBoxAsync())!.X + (await drawer.BoundingBoxAsync())!.Width <= 0, "the menu is off-screen");
        await browser.ScreenshotAsync("layout-phone-closed");

        await menu.ClickAsync();
        await Assertions.Expect(browser.Page.Locator("[data-testid=drawer-backdrop]")).ToBeVisibleAsync();
        // On screen once its slide (225 ms) is over.
        await browser.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=drawer]').getBoundingClientRect().left >= 0");
        await browser.ScreenshotAsync("layout-phone-open");

        await browser.Page.ClickAsync("[data-testid=drawer] a[href='reports']");
        await Assertions.Expect(browser.Page.Locator("[data-testid=drawer-backdrop]")).ToHaveCountAsync(0);
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("anju-drawer-auto"));
        await browser.Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=drawer]').getBoundingClientRect().right <= 0");
        await browser.ScreenshotAsync("layout-phone-after-link");
    }
}
