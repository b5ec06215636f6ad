using AnjuPortal.Infrastructure.Seed.Demo;
using AnjuPortal.Web.Tests.Hosting;

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
}
