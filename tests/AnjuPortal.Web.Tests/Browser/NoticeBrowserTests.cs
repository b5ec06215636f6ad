using AnjuPortal.Application.Jobs;
using AnjuPortal.Infrastructure.Seed.Demo;
using AnjuPortal.Web.Tests.Hosting;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnjuPortal.Web.Tests.Browser;

/// <summary>
/// The month's notice in headless Chromium on the demo data: the drafting job drafts the 月通报 of the last frozen month,
/// the supervisor edits it, the
/// province administrator approves it (签批), the supervisor issues it (印发: the number appears), 长春市 sees it as
/// 待签收 on its home page and signs for it, and the supervisor's table shows 长春市 signed. Screenshots:
/// TestResults/screenshots/notice-*.png.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class NoticeBrowserTests
{
    private const string Title = "关于全省棚户区改造和解决棚改逾期未安置问题工作进展情况的通报";

    [Fact]
    public async Task MonthlyNotice_IsDraftedEditedApprovedIssued_AndACitySignsForIt()
    {
        await using var factory = new PortalFactory(demo: true, jobs: true);
        var address = factory.UseRealServer();
        string noticePath;

        // The job service drafts the month's 月通报 from the last frozen month of the demo data (the real recurring job,
        // triggered through Hangfire as an operator would from the job dashboard). The demo seeder drafted it already, for
        // a new user to find: that draft is removed first, so what the test edits is the job's.
        await using (var db = factory.Services.GetRequiredService<AnjuPortal.Infrastructure.Persistence.SystemDbContextFactory>().Create())
        {
            db.OfficialNotices.RemoveRange(db.OfficialNotices.Where(n => n.PeriodYear != null));
            Assert.True(await db.SaveChangesAsync() > 0, "the demo seeder drafts the last frozen month's 月通报");
        }

        factory.Services.GetRequiredService<IRecurringJobManager>().Trigger(DraftMonthlyNoticeJob.RecurringJobId);

        await using (var supervisor = await BrowserSession.StartAsync(address))
        {
            await supervisor.SignInAsync("supervisor", DemoAccounts.Password);
            var drafted = supervisor.Page.Locator("[data-testid=notice-row]", new() { HasText = "月通报" });
            for (var attempt = 0; attempt < 120 && await drafted.CountAsync() == 0; attempt++)
            {
                await Task.Delay(500);
                await supervisor.Page.GotoAsync("supervision/notices");
                await supervisor.Page.Locator("[data-testid=notice-list]").WaitForAsync();
            }

            await Assertions.Expect(drafted.First).ToContainTextAsync("草稿");
            await supervisor.ScreenshotAsync("notice-drafted-by-job");
            await drafted.First.Locator("a").ClickAsync();
            await Assertions.Expect(supervisor.Page.Locator("[data-testid=notice-text]")).ToContainTextAsync("排名");
            await supervisor.WaitForCircuitAsync();
            noticePath = new Uri(supervisor.Page.Url).AbsolutePath.TrimStart('/');

            // 编辑: the supervisor makes the title the formal one, adds a requirement and the copy-to list.
            await supervisor.Page.ClickAsync("[data-testid=notice-edit]");
            await supervisor.Page.Locator("[data-testid=field-title]").WaitForAsync();
            await supervisor.WaitForCircuitAsync();
            await supervisor.Page.Locator("[data-testid=field-title]").FillAsync(Title);
            var body = await supervisor.Page.Locator("[data-testid=field-body]").InputValueAsync();
            await supervisor.Page.Locator("[data-testid=field-body]").FillAsync(body + "\n请各地于11月30日前将整改情况报省安居办。");
            await supervisor.Page.Locator("[data-testid=field-copyto]").FillAsync("省住房城乡建设厅、省财政厅");
            await supervisor.Page.Locator("[data-testid=field-title]").FocusAsync(); // every field has left focus once: labels settled
            await supervisor.Page.EvaluateAsync("window.scrollTo(0, 0)");
            await supervisor.ScreenshotAsync("notice-draft-form");
            await supervisor.Page.ClickAsync("[data-testid=notice-save]");
            await Assertions.Expect(supervisor.Page.Locator("[data-testid=notice-title]")).ToHaveTextAsync(Title);
            await Assertions.Expect(supervisor.Page.Locator("[data-testid=notice-text]")).ToContainTextAsync("请各地于11月30日前将整改情况报省安居办。");
            await Assertions.Expect(supervisor.Page.Locator("[data-testid=notice-status]")).ToContainTextAsync("草稿");
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

            // The ranking table stays on the document's paper (it ran past it on a 1,440 px screen).
            var overflow = await administrator.Page.EvaluateAsync<double>(
                "() => { const t = document.querySelector('[data-testid=notice-table]'); const paper = t.closest('.mud-paper'); return t.getBoundingClientRect().right - paper.getBoundingClientRect().right; }");
            Assert.True(overflow <= 0, $"the table runs {overflow} px past the paper");
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
