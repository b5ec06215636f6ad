using AnjuPortal.Infrastructure.Seed.Demo;
using AnjuPortal.Web.Tests.Hosting;
using Microsoft.Playwright;

namespace AnjuPortal.Web.Tests.Browser;

/// <summary>
/// The month's notice by hand in headless Chromium on the demo data: the supervisor drafts a 月通报 and edits it, the
/// province administrator approves it (签批), the supervisor issues it (印发: the number appears), 长春市 sees it as
/// 待签收 on its home page and signs for it, and the supervisor's table shows 长春市 signed. Screenshots:
/// TestResults/screenshots/notice-*.png.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class NoticeBrowserTests
{
    private const string Title = "关于2026年10月全省棚户区改造工作进展情况的通报";

    [Fact]
    public async Task MonthlyNotice_IsDraftedEditedApprovedIssued_AndACitySignsForIt()
    {
        await using var factory = new PortalFactory(demo: true);
        var address = factory.UseRealServer();
        string noticePath;

        await using (var supervisor = await BrowserSession.StartAsync(address))
        {
            await supervisor.SignInAsync("supervisor", DemoAccounts.Password);
            await supervisor.Page.GotoAsync("supervision/notices");
            await supervisor.WaitForCircuitAsync();
            await supervisor.Page.ClickAsync("[data-testid=notice-new]");
            await supervisor.Page.Locator("[data-testid=field-title]").WaitForAsync();
            await supervisor.Page.Locator("[data-testid=field-title]").FillAsync("关于2026年10月全省棚改工作进展的通报");
            await supervisor.Page.Locator("[data-testid=field-body]").FillAsync(
                "一、总体进展情况\n截至10月底，全省棚户区改造开工12,360套，占年度任务的82.4%，比上月提高6.1个百分点。\n"
                + "（一）开工进度\n长春市、吉林市、延边州开工率超过时间进度；四平市、白城市低于全省平均水平。\n"
                + "二、存在的问题\n部分地区逾期未安置户化解进度缓慢，个别项目资金拨付滞后。\n"
                + "三、下一步工作要求\n各地要对照年度目标，倒排工期，确保按期完成任务。");
            await supervisor.Page.Locator("[data-testid=field-copyto]").FillAsync("省住房城乡建设厅、省财政厅");
            await supervisor.Page.Locator("[data-testid=field-title]").FocusAsync(); // every field has left focus once: labels settled
            await supervisor.Page.EvaluateAsync("window.scrollTo(0, 0)");
            await supervisor.Page.WaitForTimeoutAsync(300);
            await supervisor.ScreenshotAsync("notice-draft-form");
            await supervisor.Page.ClickAsync("[data-testid=notice-save]");
            await Assertions.Expect(supervisor.Page.Locator("[data-testid=notice-status]")).ToContainTextAsync("草稿");
            noticePath = new Uri(supervisor.Page.Url).AbsolutePath.TrimStart('/');

            // 编辑: the title made the formal one.
            await supervisor.Page.ClickAsync("[data-testid=notice-edit]");
            await supervisor.Page.Locator("[data-testid=field-title]").WaitForAsync();
            await supervisor.WaitForCircuitAsync();
            await supervisor.Page.Locator("[data-testid=field-title]").FillAsync(Title);
            await supervisor.Page.ClickAsync("[data-testid=notice-save]");
            await Assertions.Expect(supervisor.Page.Locator("[data-testid=notice-title]")).ToHaveTextAsync(Title);
            await supervisor.ScreenshotAsync("notice-draft");
        }

        await using (var administrator = await BrowserSession.StartAsync(address))
        {
            await administrator.SignInAsync("province.admin", DemoAccounts.Password);
            await administrator.Page.GotoAsync(noticePath);
            await administrator.WaitForCircuitAsync();
            await administrator.Page.ClickAsync("[data-testid=notice-approve]");
            await Assertions.Expect(administrator.Page.Locator("[data-testid=notice-status]")).ToContainTextAsync("已审批");
            await Assertions.Expect(administrator.Page.Locator("[data-testid=notice-approved]")).ToContainTextAsync("province.admin");
            await administrator.ScreenshotAsync("notice-approved");
        }

        await using (var supervisor = await BrowserSession.StartAsync(address))
        {
            await supervisor.SignInAsync("supervisor", DemoAccounts.Password);
            await supervisor.Page.GotoAsync(noticePath);
            await supervisor.WaitForCircuitAsync();
            await supervisor.Page.ClickAsync("[data-testid=notice-issue]");
            var confirm = supervisor.Page.GetByRole(AriaRole.Button, new() { Name = "确定印发" });
            await confirm.WaitForAsync();
            await supervisor.ScreenshotAsync("notice-issue-confirm");
            await confirm.ClickAsync();
            await Assertions.Expect(supervisor.Page.Locator("[data-testid=notice-number]")).ToContainTextAsync("吉安居办〔");
            await Assertions.Expect(supervisor.Page.Locator("[data-testid=receipt-row]")).ToHaveCountAsync(10);
            await supervisor.ScreenshotAsync("notice-issued");
        }

        await using (var city = await BrowserSession.StartAsync(address))
        {
            await city.SignInAsync("changchun", DemoAccounts.Password);
            await Assertions.Expect(city.Page.Locator("[data-testid=home-pending-notices]")).ToContainTextAsync("有 1 份公文待本单位签收");
            await city.ScreenshotAsync("notice-city-home");
            await city.Page.GotoAsync("supervision/notices");
            await city.WaitForCircuitAsync();
            await Assertions.Expect(city.Page.Locator("[data-testid=notice-inbox-pending]")).ToHaveCountAsync(1);
            await city.ScreenshotAsync("notice-city-list");
            await city.Page.ClickAsync($"[data-testid=notice-inbox-row] a");
            await city.Page.Locator("[data-testid=notice-sign]").WaitForAsync();
            await city.WaitForCircuitAsync();
            await city.Page.ClickAsync("[data-testid=notice-sign]");
            await Assertions.Expect(city.Page.Locator("[data-testid=own-receipt-signed]")).ToContainTextAsync("changchun");
            await city.ScreenshotAsync("notice-city-signed");
        }

        await using (var supervisor = await BrowserSession.StartAsync(address))
        {
            await supervisor.SignInAsync("supervisor", DemoAccounts.Password);
            await supervisor.Page.GotoAsync(noticePath);
            await supervisor.WaitForCircuitAsync();
            await Assertions.Expect(supervisor.Page.Locator("[data-testid=receipt-row][data-unit=长春市]")).ToContainTextAsync("changchun 已签收");
            await Assertions.Expect(supervisor.Page.Locator("[data-testid=receipts-summary]")).ToHaveTextAsync("已签收 1 / 10");
            await supervisor.ScreenshotAsync("notice-receipts");
        }
    }
}
