using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Infrastructure.Seed.Demo;
using AnjuPortal.TestSupport;
using AnjuPortal.Web.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnjuPortal.Web.Tests.Browser;

/// <summary>
/// 销号 by hand in headless Chromium, on the demo data: on a case of 南关区 with one household left, 长春市 resolves it on
/// the case page (货币化安置), applies with a PDF, the province returns it, 长春市 applies again, the province closes it,
/// and the case's timeline shows the four steps, each with its text.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class CaseClosureBrowserTests
{
    private const string Nanguan = "220102";

    [Fact]
    public async Task Case_IsClosedByHand_CityAppliesProvinceReturnsCityAppliesAgainProvinceCloses()
    {
        await using var factory = new PortalFactory(demo: true);
        var address = factory.UseRealServer();
        var caseId = await SeedCaseWithOneHouseholdLeftAsync(factory);
        await ResolveLastHouseholdAsync(address, caseId);
        var evidence = Path.Combine(factory.DataFolder, "回迁安置协议.pdf");
        await File.WriteAllTextAsync(evidence, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

        await ApplyAsync(address, caseId, "全部 2 户已安置（1 户回迁、1 户货币化），附安置协议。", evidence, "closure-city-apply");
        await DecideAsync(address, caseId, "closure-return", "请补充刘淑芬户的货币补偿协议签字页。", "已退回", "closure-province-return");
        await ApplyAsync(address, caseId, "已补充刘淑芬户货币补偿协议签字页。", evidence, null);
        await DecideAsync(address, caseId, "closure-close", "经核验，协议齐全，同意销号。", "已销号", "closure-province-closed");

        await using var city = await BrowserSession.StartAsync(address);
        await city.SignInAsync("changchun", DemoAccounts.Password);
        await city.Page.GotoAsync($"cases/{caseId}");
        await city.WaitForCircuitAsync();
        var steps = city.Page.Locator("[data-testid=closure-step]");
        await Assertions.Expect(steps).ToHaveCountAsync(4);
        await Assertions.Expect(steps.Locator("[data-testid=closure-step-kind]")).ToHaveTextAsync(["申请销号", "退回", "申请销号", "核验销号"]);
        await Assertions.Expect(steps.Nth(1)).ToContainTextAsync("请补充刘淑芬户的货币补偿协议签字页。");
        await Assertions.Expect(steps.Nth(3)).ToContainTextAsync("经核验，协议齐全，同意销号。");
        await Assertions.Expect(steps.Nth(0).Locator("[data-testid=closure-attachment-link]")).ToContainTextAsync("回迁安置协议.pdf");
        await Assertions.Expect(city.Page.Locator("[data-testid=closure-status]")).ToHaveTextAsync("已销号");
        await Assertions.Expect(city.Page.Locator("[data-testid=closure-apply]")).ToHaveCountAsync(0);
        await city.ScreenshotAsync("closure-timeline");

        // The download is an attachment: the browser saves it, it does not render it.
        var download = await city.Page.RunAndWaitForDownloadAsync(() => steps.Nth(0).Locator("[data-testid=closure-attachment-link]").ClickAsync());
        Assert.Equal("回迁安置协议.pdf", download.SuggestedFilename);
    }

    private static async Task ApplyAsync(Uri address, int caseId, string statement, string file, string? screenshot)
    {
        await using var city = await BrowserSession.StartAsync(address);
        await city.SignInAsync("changchun", DemoAccounts.Password);
        await city.Page.GotoAsync($"cases/{caseId}");
        await city.WaitForCircuitAsync();
        await city.Page.ClickAsync("[data-testid=closure-apply]");
        await city.Page.Locator("[data-testid=closure-text]").FillAsync(statement);
        await city.Page.Locator("[data-testid=closure-upload] input[type=file]").SetInputFilesAsync(file);
        await Assertions.Expect(city.Page.Locator("[data-testid=closure-file]")).ToHaveCountAsync(1);
        if (screenshot is not null)
        {
            await city.ScreenshotAsync(screenshot);
        }

        await city.Page.ClickAsync("[data-testid=closure-submit]");
        await Assertions.Expect(city.Page.Locator("[data-testid=closure-status]")).ToHaveTextAsync("已申请销号");
    }

    private static async Task DecideAsync(Uri address, int caseId, string button, string text, string status, string screenshot)
    {
        await using var province = await BrowserSession.StartAsync(address);
        await province.SignInAsync("province.reviewer", DemoAccounts.Password);
        await province.Page.GotoAsync($"cases/{caseId}");
        await province.WaitForCircuitAsync();
        await province.Page.ClickAsync($"[data-testid={button}]");
        await province.Page.Locator("[data-testid=closure-text]").FillAsync(text);
        await province.Page.ClickAsync("[data-testid=closure-submit]");
        await Assertions.Expect(province.Page.Locator("[data-testid=closure-status]")).ToHaveTextAsync(status == "已退回" ? "推进中" : status);
        await province.ScreenshotAsync(screenshot);
    }

    private static async Task<int> SeedCaseWithOneHouseholdLeftAsync(PortalFactory factory)
    {
        var cipher = factory.Services.GetRequiredService<IPersonalDataCipher>();
        await using var db = factory.Services.GetRequiredService<SystemDbContextFactory>().Create();
        var nanguan = await db.Jurisdictions.SingleAsync(j => j.Code == Nanguan);
        var project = RenovationProject.Register("BRWS-NG-0901", nanguan.Id, new RenovationProject.Details(
            "南关区销号演练项目", 2016, 40, ResettlementMode.InKind, "张建国", new DateOnly(2016, 4, 1), new DateOnly(2018, 10, 31)));
        db.Projects.Add(project);
        var overdue = OverdueCase.Open(project, OverdueCategory.Started, new DateOnly(2021, 12, 31), "陈副区长");
        var first = overdue.AddHousehold("王桂兰", TestIdNumbers.Parse("220102", "19580101", 901), null, new DateOnly(2019, 6, 30), cipher);
        overdue.AddHousehold("刘淑芬", TestIdNumbers.Parse("220102", "19600315", 902), null, new DateOnly(2019, 6, 30), cipher);
        overdue.ResolveHousehold(first, ResolutionMethod.ReturnResettlement, new DateOnly(2020, 9, 1));
        db.OverdueCases.Add(overdue);
        await db.SaveChangesAsync();
        return overdue.Id;
    }

    /// <summary>The city resolves the case's last household on the case page: 货币化安置 (no agreement kind needed), a past date.</summary>
    private static async Task ResolveLastHouseholdAsync(Uri address, int caseId)
    {
        await using var city = await BrowserSession.StartAsync(address);
        await city.SignInAsync("changchun", DemoAccounts.Password);
        await city.Page.GotoAsync($"cases/{caseId}");
        await city.WaitForCircuitAsync();
        // One household unresolved: the application is not open yet, and the panel says why.
        await Assertions.Expect(city.Page.Locator("[data-testid=closure-apply]")).ToBeDisabledAsync();
        await Assertions.Expect(city.Page.Locator("[data-testid=closure-unresolved]")).ToBeVisibleAsync();
        await city.Page.ClickAsync("[data-testid=household-resolve]");
        await city.Page.Locator("[data-testid=resolve-dialog]").WaitForAsync();
        await city.Page.ClickAsync("[data-testid=resolve-method]");
        await city.Page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "货币化安置" }).ClickAsync();
        var date = city.Page.Locator("input[data-testid=resolve-date], [data-testid=resolve-date] input").First;
        await date.FillAsync("2020-11-20");
        await date.PressAsync("Tab");
        await city.ScreenshotAsync("closure-resolve-dialog");
        await city.Page.ClickAsync("[data-testid=resolve-save]");
        await Assertions.Expect(city.Page.Locator("[data-testid=resolve-dialog]")).ToHaveCountAsync(0);
        await Assertions.Expect(city.Page.Locator("[data-testid=household-resolve]")).ToHaveCountAsync(0);
        await Assertions.Expect(city.Page.Locator("[data-testid=case-households]")).ToContainTextAsync("货币化安置");
        // Every household resolved: the city may now apply.
        await city.Page.ReloadAsync();
        await city.WaitForCircuitAsync();
        await Assertions.Expect(city.Page.Locator("[data-testid=closure-apply]")).ToBeEnabledAsync();
        await Assertions.Expect(city.Page.Locator("[data-testid=closure-unresolved]")).ToHaveCountAsync(0);
    }
}
