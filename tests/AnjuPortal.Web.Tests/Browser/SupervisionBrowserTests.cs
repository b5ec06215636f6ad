using System.Text.RegularExpressions;
using AnjuPortal.Infrastructure.Seed.Demo;
using AnjuPortal.Web.Tests.Hosting;
using Microsoft.Playwright;

namespace AnjuPortal.Web.Tests.Browser;

/// <summary>
/// 督办 by hand in headless Chromium on the demo portal: the province supervisor opens an item for 长春市 on the form,
/// 长春市 reports its rectification with a PDF, the province returns it with a reason, 长春市 reports again, the province
/// closes it; the timeline shows the five steps and the list shows the item grey (已销项).
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed partial class SupervisionBrowserTests
{
    private const string Title = "长春市某棚改项目逾期未回迁问题整改";

    [Fact]
    public async Task Item_IsOpenedReportedReturnedReportedAndClosedByHand()
    {
        await using var factory = new PortalFactory(demo: true);
        var address = factory.UseRealServer();
        var evidence = Path.Combine(factory.DataFolder, "整改报告.pdf");
        await File.WriteAllTextAsync(evidence, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

        var itemPath = await OpenItemAsync(address);
        await ReportAsync(address, itemPath, "已完成 20 户回迁安置，附整改报告。", evidence, "supervision-city-report");
        await DecideAsync(address, itemPath, "supervision-return", "请补充回迁入住现场照片。", "待整改", "supervision-province-return");
        await ReportAsync(address, itemPath, "已补充回迁入住现场照片。", evidence, null);
        await DecideAsync(address, itemPath, "supervision-close", "经核查，整改到位，同意销项。", "已销项", "supervision-province-closed");

        await using var city = await BrowserSession.StartAsync(address);
        await city.SignInAsync("changchun", DemoAccounts.Password);
        await city.Page.GotoAsync(itemPath);
        await city.WaitForCircuitAsync();
        var steps = city.Page.Locator("[data-testid=supervision-step]");
        await Assertions.Expect(steps).ToHaveCountAsync(5);
        await Assertions.Expect(steps.Nth(2)).ToContainTextAsync("请补充回迁入住现场照片。");
        await Assertions.Expect(steps.Nth(1).Locator("[data-testid=supervision-attachment]")).ToContainTextAsync("整改报告.pdf");
        await Assertions.Expect(city.Page.Locator("[data-testid=supervision-report]")).ToHaveCountAsync(0);
        await city.ScreenshotAsync("supervision-timeline");

        var download = await city.Page.RunAndWaitForDownloadAsync(() => steps.Nth(1).Locator("[data-testid=supervision-attachment] a").ClickAsync());
        Assert.Equal("整改报告.pdf", download.SuggestedFilename);

        await city.Page.GotoAsync("supervision/items");
        await city.WaitForCircuitAsync();
        var row = city.Page.Locator("[data-testid=supervision-row]", new() { HasText = Title });
        await Assertions.Expect(row.Locator("[data-testid=light-chip]")).ToHaveAttributeAsync("data-light", "None");
        await city.ScreenshotAsync("supervision-list");

        // The demo's held summons of 白城市, as the province sees it: attendees and the two commitments.
        await using var province = await BrowserSession.StartAsync(address);
        await province.SignInAsync("supervisor", DemoAccounts.Password);
        await province.Page.GotoAsync("supervision/summons");
        await province.WaitForCircuitAsync();
        await province.Page.Locator("[data-testid=summons-row]", new() { HasText = "白城市" }).Locator("[data-testid=summons-row-link]").ClickAsync();
        await Assertions.Expect(province.Page.Locator("[data-testid=summons-commitments] li")).ToHaveCountAsync(2);
        await Assertions.Expect(province.Page.Locator("[data-testid=summons-status]")).ToHaveTextAsync("已约谈");
        await province.ScreenshotAsync("supervision-summons");
    }

    private static async Task<string> OpenItemAsync(Uri address)
    {
        await using var province = await BrowserSession.StartAsync(address);
        await province.SignInAsync("supervisor", DemoAccounts.Password);
        await province.Page.GotoAsync("supervision/items");
        await province.WaitForCircuitAsync();
        await province.Page.ClickAsync("[data-testid=supervision-new]");
        await province.Page.Locator("[data-testid=supervision-form]").WaitForAsync();
        await province.WaitForCircuitAsync();
        await province.Page.ClickAsync("[data-testid=supervision-form-unit]");
        await province.Page.Locator(".mud-popover-open .mud-list-item", new() { HasTextRegex = ExactChangchun() }).First.ClickAsync();
        await province.Page.Locator("[data-testid=supervision-form-title] input, input[data-testid=supervision-form-title]").First.FillAsync(Title);
        await province.Page.ClickAsync("[data-testid=supervision-form-source]");
        await province.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "国务院大督查" }).ClickAsync();
        await province.Page.Locator("[data-testid=supervision-form-reference] input, input[data-testid=supervision-form-reference]").First.FillAsync("国督问题清单第 12 项");
        await province.Page.Locator("[data-testid=supervision-form-requirements] textarea, textarea[data-testid=supervision-form-requirements]").First.FillAsync("12 月底前完成剩余 20 户回迁安置，报送整改报告和入住照片。");
        await province.ScreenshotAsync("supervision-open-form");
        await province.Page.ClickAsync("[data-testid=supervision-form-submit]");
        await Assertions.Expect(province.Page.Locator("[data-testid=supervision-item-title]")).ToHaveTextAsync(Title);
        await Assertions.Expect(province.Page.Locator("[data-testid=light-chip]")).ToHaveAttributeAsync("data-light", "Green");
        return new Uri(province.Page.Url).AbsolutePath.TrimStart('/');
    }

    private static async Task ReportAsync(Uri address, string itemPath, string text, string file, string? screenshot)
    {
        await using var city = await BrowserSession.StartAsync(address);
        await city.SignInAsync("changchun", DemoAccounts.Password);
        await city.Page.GotoAsync(itemPath);
        await city.WaitForCircuitAsync();
        await city.Page.ClickAsync("[data-testid=supervision-report]");
        await city.Page.Locator("[data-testid=supervision-text] textarea, textarea[data-testid=supervision-text]").First.FillAsync(text);
        await city.Page.Locator("[data-testid=supervision-upload] input[type=file]").SetInputFilesAsync(file);
        await Assertions.Expect(city.Page.Locator("[data-testid=supervision-file]")).ToHaveCountAsync(1);
        if (screenshot is not null)
        {
            await city.ScreenshotAsync(screenshot);
        }

        await city.Page.ClickAsync("[data-testid=supervision-submit]");
        await Assertions.Expect(city.Page.Locator("[data-testid=supervision-status]")).ToHaveTextAsync("待审核");
    }

    private static async Task DecideAsync(Uri address, string itemPath, string button, string text, string status, string screenshot)
    {
        await using var province = await BrowserSession.StartAsync(address);
        await province.SignInAsync("supervisor", DemoAccounts.Password);
        await province.Page.GotoAsync(itemPath);
        await province.WaitForCircuitAsync();
        await province.Page.ClickAsync($"[data-testid={button}]");
        await province.Page.Locator("[data-testid=supervision-text] textarea, textarea[data-testid=supervision-text]").First.FillAsync(text);
        await province.Page.ClickAsync("[data-testid=supervision-submit]");
        await Assertions.Expect(province.Page.Locator("[data-testid=supervision-status]")).ToHaveTextAsync(status);
        await province.ScreenshotAsync(screenshot);
    }

    [GeneratedRegex(@"^\s*长春市\s*$")]
    private static partial Regex ExactChangchun();
}
