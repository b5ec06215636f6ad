using AnjuPortal.Infrastructure.Seed.Demo;
using AnjuPortal.Web.Tests.Hosting;

namespace AnjuPortal.Web.Tests.Browser;

/// <summary>The portal as a county clerk sees it, in headless Chromium, on the demo data.</summary>
[Collection(HangfireCollection.Name)]
public sealed class CountyOperatorBrowserTests
{
    [Fact]
    public async Task CountyOperator_SeesOwnJurisdiction_AfterSigningIn()
    {
        await using var factory = new PortalFactory(demo: true);
        var address = factory.UseRealServer();
        await using var browser = await BrowserSession.StartAsync(address);

        await browser.SignInAsync("nanguan", DemoAccounts.Password);

        var header = await browser.Page.Locator("[data-testid=current-jurisdiction]").InnerTextAsync();
        Assert.Contains("南关区", header, StringComparison.Ordinal);
        await browser.ScreenshotAsync("county-operator-home");
    }
}
