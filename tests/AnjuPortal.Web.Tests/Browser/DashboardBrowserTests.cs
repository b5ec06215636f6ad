using System.Globalization;
using System.Text.RegularExpressions;
using AnjuPortal.Infrastructure.Seed.Demo;
using AnjuPortal.Web.Tests.Hosting;
using Microsoft.Playwright;

namespace AnjuPortal.Web.Tests.Browser;

/// <summary>
/// 挂图作战 in headless Chromium on the demo data (2026 reported up to October): the province reviewer opens the
/// dashboard, picks the city most behind on the map (by the gap the ranking shows, not by a name the demo might change),
/// lands on that city's dashboard, picks its county most behind on the tile map, sees its projects with the lagging ones
/// first and opens one. Each step is kept as a screenshot.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed partial class DashboardBrowserTests
{
    [Fact]
    public async Task ProvinceReviewer_DrillsFromTheMap_ToALaggingCityCountyAndProject()
    {
        await using var factory = new PortalFactory(demo: true);
        var address = factory.UseRealServer();
        await using var browser = await BrowserSession.StartAsync(address);
        var page = browser.Page;
        await browser.SignInAsync("province.reviewer", DemoAccounts.Password);

        await page.GotoAsync("dashboard");
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(page.Locator("[data-testid=dashboard-title]")).ToContainTextAsync("吉林省");
        await Assertions.Expect(page.Locator("[data-testid=dashboard-title]")).ToContainTextAsync("挂图作战");
        await page.Locator("[data-testid=progress-map]").WaitForAsync();
        await browser.ScreenshotAsync("dashboard-1-province");

        // The city most behind time progress on units started, as the ranking prints it, clicked on the map. The click
        // is dispatched on the unit itself: a click at the centre of its box could land on a neighbour (shapes are not
        // boxes) or on a name drawn over it. Keyboard use of the map is covered by the map's bUnit tests.
        var (cityCode, cityName) = await MostBehindAsync(page);
        await page.Locator($"[data-testid=map-unit-{cityCode}]").DispatchEventAsync("click");
        // The portal navigates inside the page (history.pushState): the address is polled, not waited for as a page load,
        // which WaitForURL sometimes missed on a loaded machine although the address had changed.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/dashboard/\d+\?year=\d+&month=\d+$"));
        await Assertions.Expect(page.Locator("[data-testid=dashboard-title]")).ToContainTextAsync(cityName);
        await Assertions.Expect(page.Locator("[data-testid=breadcrumb-link]").First).ToHaveTextAsync("吉林省");
        await page.Locator("[data-testid=tile-map]").WaitForAsync();
        await browser.ScreenshotAsync("dashboard-2-city");

        var (countyCode, countyName) = await MostBehindAsync(page);
        await page.ClickAsync($"[data-testid=tile-{countyCode}]");
        await Assertions.Expect(page.Locator("[data-testid=dashboard-title]")).ToContainTextAsync(countyName);
        await page.Locator("[data-testid=project-progress-table]").WaitForAsync();
        await browser.ScreenshotAsync("dashboard-3-county");

        // Lagging projects come first: the first row is lagging whenever any is.
        var rows = page.Locator("[data-testid=project-progress-row]");
        var lagging = page.Locator("[data-testid=project-progress-row][data-lagging=true]");
        Assert.True(await rows.CountAsync() > 0, $"{countyName} shows no projects on its dashboard.");
        if (await lagging.CountAsync() > 0)
        {
            Assert.Equal("true", await rows.First.GetAttributeAsync("data-lagging"));
            await Assertions.Expect(rows.First.Locator("[data-testid=project-status]")).ToContainTextAsync("滞后");
        }

        var link = rows.First.Locator("[data-testid=project-progress-link]");
        var code = (await link.TextContentAsync())!.Trim();
        await link.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"/projects/\d+$"));
        await Assertions.Expect(page.Locator("[data-testid=project-title]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync(code);
        await browser.ScreenshotAsync("dashboard-4-project");
    }

    /// <summary>The ranked child with the lowest gap of units started (most behind), by the figures on the page.</summary>
    private static async Task<(string Code, string Name)> MostBehindAsync(IPage page)
    {
        var rows = page.Locator("[data-testid=ranking-row]");
        await rows.First.WaitForAsync();
        var candidates = new List<(string Code, string Name, decimal Gap)>();
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var row = rows.Nth(i);
            var text = await row.Locator("[data-testid=gap-UnitsStarted]").TextContentAsync() ?? string.Empty;
            var match = SignedNumber().Match(text);
            if (match.Success)
            {
                var gap = decimal.Parse(match.Value.Replace('\u2212', '-').Replace("+", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
                candidates.Add(((await row.GetAttributeAsync("data-code"))!, (await row.Locator("[data-testid=ranking-unit]").TextContentAsync())!.Trim(), gap));
            }
        }

        Assert.NotEmpty(candidates);
        var most = candidates.MinBy(c => c.Gap);
        return (most.Code, most.Name);
    }

    [GeneratedRegex(@"[\u2212+]?\d+(\.\d+)?")]
    private static partial Regex SignedNumber();
}
