using AnjuPortal.Web.Tests.Hosting;
using Microsoft.Playwright;

namespace AnjuPortal.Web.Tests.Browser;

/// <summary>
/// 信息公开 in headless Chromium on the demo data, signed out: the progress figures and the tile map render, a complaint
/// with HTML in it is submitted and a receipt number shown, and the complainant looks up its status. Screenshots:
/// public-1-page.png, public-2-receipt.png, public-3-lookup.png.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class PublicPageBrowserTests
{
    [Fact]
    public async Task Citizen_SeesProgress_SubmitsAComplaint_AndLooksItUp()
    {
        await using var factory = new PortalFactory(demo: true);
        var address = factory.UseRealServer();
        await using var browser = await BrowserSession.StartAsync(address);
        var page = browser.Page;

        await page.GotoAsync("Account/Login");
        await page.ClickAsync("[data-testid=public-link]");
        await page.WaitForURLAsync("**/public");
        await page.Locator("[data-testid=tile-map]").WaitForAsync();
        await Assertions.Expect(page.Locator("[data-testid=public-table] tbody tr")).ToHaveCountAsync(10);
        await page.Mouse.MoveAsync(0, 0); // the pointer left over a tile would draw its hover outline into the screenshot
        await browser.ScreenshotAsync("public-1-page");

        await page.SelectOptionAsync("[data-testid=complaint-unit]", new SelectOptionValue { Label = "南关区" });
        await page.SelectOptionAsync("[data-testid=complaint-category]", "OverdueResettlement");
        await page.FillAsync("[data-testid=complaint-text]", "<script>alert('x')</script> 某小区2019年承诺回迁，至今仍未安置。");
        await page.FillAsync("[data-testid=complaint-contact]", "13904311234");
        await page.ClickAsync("[data-testid=complaint-submit]");
        var receipt = page.Locator("[data-testid=receipt-number]");
        await receipt.WaitForAsync();
        var number = (await receipt.TextContentAsync())!.Trim();
        Assert.Matches(@"^TS-\d{4}-\d{6}$", number);
        await browser.ScreenshotAsync("public-2-receipt");

        await page.GotoAsync("public/receipt");
        await page.FillAsync("[data-testid=receipt-number-input]", number);
        await page.FillAsync("[data-testid=receipt-last4]", "1234");
        await page.ClickAsync("[data-testid=receipt-submit]");
        await Assertions.Expect(page.Locator("[data-testid=receipt-status]")).ToHaveTextAsync("待处理");
        await browser.ScreenshotAsync("public-3-lookup");
    }
}
