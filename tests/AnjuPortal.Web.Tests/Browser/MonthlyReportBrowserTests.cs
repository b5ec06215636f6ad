using AnjuPortal.Application.Jobs;
using AnjuPortal.Application.Reporting;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Infrastructure.Seed.Demo;
using AnjuPortal.TestSupport;
using AnjuPortal.Web.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnjuPortal.Web.Tests.Browser;

/// <summary>
/// A month of 长春市 run by hand in headless Chromium on the demo data, with the submission deadline already three days
/// past: 南关区 types its figures, 宽城区 fills the month from the Excel template the portal hands out, both give a late
/// reason and submit, the city submits its area, the province returns 宽城区 (the city's area goes back with it), both
/// resubmit, and the province approves the area. The rest of the province (units without demo accounts) reports and is
/// approved through the use cases, so that once 长春市 is approved the whole month is; the freeze job then freezes the
/// period, and the province's list shows it frozen, with every unit late by its real delay and its reason.
/// </summary>
[Collection(HangfireCollection.Name)]
public sealed class MonthlyReportBrowserTests
{
    private const string Changchun = "220100";
    private const string Nanguan = "220102";
    private const string Kuancheng = "220103";

    /// <summary>The period's deadline was this many days ago (China time): whoever submits today is this late.</summary>
    private const int DaysLate = 3;
    private const string LateReason = "国庆假期后系统集中录入，延误报送。";

    [Fact]
    public async Task Month_CanBeRunByHand_CountySubmitsCitySubmitsProvinceReturnsAndApproves()
    {
        await using var factory = new PortalFactory(demo: true);
        var address = factory.UseRealServer();
        var periodId = await OpenNextPeriodAsync(factory);
        await SubmitOtherCountiesAsync(factory, periodId);
        await RunRestOfProvinceAsync(factory, periodId);

        await SubmitOwnAsync(address, "nanguan", "county-entry", editFirstCell: true);
        await SubmitOwnAsync(address, "kuancheng", "county-import", editFirstCell: false, fromExcel: true);
        await SubmitOwnAsync(address, "changchun", "city-entry", editFirstCell: false, areaUnit: Kuancheng);

        var kuancheng = await UnitIdAsync(factory, Kuancheng);
        var changchun = await UnitIdAsync(factory, Changchun);
        await using (var province = await BrowserSession.StartAsync(address))
        {
            await province.SignInAsync("province.reviewer", DemoAccounts.Password);
            await province.Page.GotoAsync($"reports?period={periodId}");
            await province.WaitForCircuitAsync();
            await province.Page.Locator("[data-testid=report-units]").WaitForAsync();
            await province.ScreenshotAsync("report-province-list");

            await province.Page.GotoAsync($"reports/{periodId}/{kuancheng}");
            await province.WaitForCircuitAsync();
            await province.Page.ClickAsync("[data-testid=report-return]");
            await province.Page.Locator("[data-testid=reason-text]").FillAsync("投资完成数与财政拨付台账不一致，请核实后重报。");
            await Assertions.Expect(province.Page.Locator("[data-testid=reason-confirm]")).ToBeEnabledAsync();
            await province.ScreenshotAsync("report-return-dialog");
            await province.Page.ClickAsync("[data-testid=reason-confirm]");
            await Assertions.Expect(province.Page.Locator("[data-testid=report-status]")).ToContainTextAsync("已退回");
        }

        await SubmitOwnAsync(address, "kuancheng", "county-returned", editFirstCell: false);
        await SubmitOwnAsync(address, "changchun", null, editFirstCell: false);

        await using (var province = await BrowserSession.StartAsync(address))
        {
            await province.SignInAsync("province.reviewer", DemoAccounts.Password);
            await province.Page.GotoAsync($"reports/{periodId}/{changchun}");
            await province.WaitForCircuitAsync();
            await province.Page.ClickAsync("[data-testid=report-approve]");
            await Assertions.Expect(province.Page.Locator("[data-testid=report-status]")).ToContainTextAsync("审核通过");
            await province.ScreenshotAsync("report-province-approved");

            await province.Page.GotoAsync($"reports/{periodId}/{kuancheng}");
            await province.WaitForCircuitAsync();
            await Assertions.Expect(province.Page.Locator("[data-testid=report-status]")).ToContainTextAsync("审核通过");
            await Assertions.Expect(province.Page.Locator("[data-testid=report-history]")).ToContainTextAsync("退回");
            await province.ScreenshotAsync("report-county-history");
        }

        // Every unit of the province is approved now: the freeze job (as Hangfire runs it) freezes the month's snapshot.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var written = await scope.ServiceProvider.GetRequiredService<FreezePeriodSnapshotJob>().RunAsync();
            Assert.True(written > 0, "the freeze job wrote no snapshot rows");
        }

        await using (var db = factory.Services.GetRequiredService<SystemDbContextFactory>().Create())
        {
            Assert.Equal(PeriodStatus.Frozen, (await db.ReportingPeriods.SingleAsync(p => p.Id == periodId)).Status);
            Assert.True(await db.PeriodSnapshotRows.AnyAsync(r => r.ReportingPeriodId == periodId));
        }

        await using (var province = await BrowserSession.StartAsync(address))
        {
            await province.SignInAsync("province.reviewer", DemoAccounts.Password);
            await province.Page.GotoAsync($"reports?period={periodId}");
            await province.WaitForCircuitAsync();
            await Assertions.Expect(province.Page.Locator("[data-testid=report-period-facts]")).ToContainTextAsync("已冻结");
            var nanguan = province.Page.Locator($"[data-testid=report-unit-{Nanguan}]");
            await Assertions.Expect(nanguan).ToContainTextAsync($"迟报 {DaysLate} 天");
            await Assertions.Expect(nanguan).ToContainTextAsync(LateReason);
            await Assertions.Expect(province.Page.Locator($"[data-testid=report-unit-{Kuancheng}]")).ToContainTextAsync($"迟报 {DaysLate} 天");
            await Assertions.Expect(province.Page.Locator("[data-testid=report-summary]")).ToContainTextAsync("未报送 0");
            await province.ScreenshotAsync("report-period-frozen");
        }
    }

    /// <summary>Signs in, opens the unit's own report from the list, optionally changes a figure, and submits (with a late reason when asked).</summary>
    private static async Task SubmitOwnAsync(Uri address, string userName, string? screenshot, bool editFirstCell, bool fromExcel = false, string? areaUnit = null)
    {
        await using var browser = await BrowserSession.StartAsync(address);
        await browser.SignInAsync(userName, DemoAccounts.Password);
        await browser.Page.ClickAsync("[data-testid=nav-reports]");
        await browser.Page.ClickAsync("[data-testid=report-own]");
        await browser.Page.Locator("[data-testid=report-status]").WaitForAsync();
        await browser.WaitForCircuitAsync();

        var cells = browser.Page.Locator("table.anju-entry input");
        if (editFirstCell && await cells.CountAsync() > 0)
        {
            // Keyboard entry: type into the first cell and press Enter to move on; the draft saves itself.
            var investment = browser.Page.Locator("table.anju-entry input[name$='.InvestmentCompleted']").First;
            var value = decimal.Parse(await investment.InputValueAsync(), System.Globalization.CultureInfo.InvariantCulture);
            await investment.FillAsync((value + 1m).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture));
            await investment.PressAsync("Enter");
            await Assertions.Expect(browser.Page.Locator("[data-testid=report-saved]")).ToContainTextAsync("已自动保存");
        }

        if (areaUnit is not null)
        {
            // A city reviews its area on its own report page: the county that just submitted is listed as submitted, late.
            var row = browser.Page.Locator($"[data-testid=report-area-{areaUnit}]");
            await Assertions.Expect(row).ToContainTextAsync("已上报");
            await Assertions.Expect(row).ToContainTextAsync($"迟报 {DaysLate} 天");
        }

        if (fromExcel)
        {
            // The unit's template, downloaded from the page, filled (here: as it comes, last month's figures carried over)
            // and chosen again: the dry run passes, the import writes the draft, the page shows the file's figures.
            // The panel opens on demand (ADR-015).
            await browser.Page.ClickAsync("[data-testid=report-import-open]");
            var download = await browser.Page.RunAndWaitForDownloadAsync(() => browser.Page.ClickAsync("[data-testid=report-import-template]"));
            var file = Path.Combine(Path.GetTempPath(), $"anju-import-{Guid.NewGuid():N}.xlsx");
            await download.SaveAsAsync(file);
            try
            {
                await browser.Page.Locator("[data-testid=report-import] input[type=file]").SetInputFilesAsync(file);
                await Assertions.Expect(browser.Page.Locator("[data-testid=report-import-ready]")).ToBeVisibleAsync();
                if (screenshot is not null)
                {
                    await browser.ScreenshotAsync($"report-{screenshot}-dry-run");
                }

                await browser.Page.ClickAsync("[data-testid=report-import-commit]");
                await Assertions.Expect(browser.Page.Locator("[data-testid=report-import-done]")).ToBeVisibleAsync();
            }
            finally
            {
                File.Delete(file);
            }
        }

        if (await browser.Page.Locator("[data-testid=report-late-reason-input]").CountAsync() > 0)
        {
            await browser.Page.Locator("[data-testid=report-late-reason-input]").FillAsync(LateReason);
        }

        foreach (var explanation in await browser.Page.Locator("textarea[data-testid^=explanation-]").AllAsync())
        {
            await explanation.FillAsync("经核实，本月集中推进，数据属实。");
        }

        if (screenshot is not null)
        {
            await browser.ScreenshotAsync($"report-{screenshot}");
        }

        await browser.Page.ClickAsync("[data-testid=report-submit]");
        await Assertions.Expect(browser.Page.Locator("[data-testid=report-status]")).ToContainTextAsync("已上报");
        if (screenshot is not null)
        {
            await browser.ScreenshotAsync($"report-{screenshot}-submitted");
        }
    }

    /// <summary>The month after the demo's latest period, opened as the job would (the demo's months are all approved), with the clock moved past its deadline.</summary>
    private static async Task<int> OpenNextPeriodAsync(PortalFactory factory)
    {
        await using var db = factory.Services.GetRequiredService<SystemDbContextFactory>().Create();
        var latest = await db.ReportingPeriods.OrderByDescending(p => p.Year).ThenByDescending(p => p.Month).FirstAsync();
        var next = new DateOnly(latest.Year, latest.Month, 1).AddMonths(1);
        var period = ReportingPeriod.Open(next.Year, next.Month);
        db.ReportingPeriods.Add(period);
        await db.SaveChangesAsync();

        // The portal's clock moves to 10:00 Beijing time, DaysLate days after the deadline, inside the approval window.
        factory.Clock.SetUtcNow(ChinaTime.StartOf(period.SubmissionDeadline.AddDays(DaysLate)).AddHours(10));
        return period.Id;
    }

    private static async Task<int> UnitIdAsync(PortalFactory factory, string code)
    {
        await using var db = factory.Services.GetRequiredService<SystemDbContextFactory>().Create();
        return await db.Jurisdictions.Where(j => j.Code == code).Select(j => j.Id).SingleAsync();
    }

    /// <summary>
    /// Every other prefecture-level unit: its counties submit, it submits its area, and the province approves it, all
    /// through the use cases, so that the month is complete once 长春市 is approved in the browser.
    /// </summary>
    private static async Task RunRestOfProvinceAsync(PortalFactory factory, int periodId)
    {
        List<AnjuPortal.Domain.Jurisdictions.Jurisdiction> all;
        await using (var db = factory.Services.GetRequiredService<SystemDbContextFactory>().Create())
        {
            all = await db.Jurisdictions.AsNoTracking().ToListAsync();
        }

        var province = all.Single(j => j.ParentId is null);
        var options = factory.Services.GetRequiredService<DbContextOptions<AppDbContext>>();
        var clock = factory.Services.GetRequiredService<TimeProvider>();
        var reviewer = TestUser.At(province, Roles.ProvinceReviewer);
        foreach (var city in all.Where(j => j.ParentId == province.Id && j.Code != Changchun))
        {
            foreach (var county in all.Where(j => j.ParentId == city.Id))
            {
                await SubmitCarriedOverAsync(options, clock, TestUser.At(county, Roles.CountyOperator), periodId, county);
            }

            var cityReport = await SubmitCarriedOverAsync(options, clock, TestUser.At(city, Roles.CityOperator), periodId, city);
            var contexts = new AppDbContextFactory(options, reviewer);
            var version = (await new MonthlyReportEntry(contexts, reviewer, clock).GetAsync(cityReport))!.Version;
            var approved = await new ReportWorkflow(contexts, reviewer, clock).ApproveAsync(cityReport, version);
            Assert.True(approved.Succeeded, $"{city.Name}: {approved}");
        }
    }

    /// <summary>Starts the unit's report from last month's figures and submits it (late, with explanations for any warning).</summary>
    private static async Task<int> SubmitCarriedOverAsync(DbContextOptions<AppDbContext> options, TimeProvider clock, TestUser user,
        int periodId, AnjuPortal.Domain.Jurisdictions.Jurisdiction unit)
    {
        var contexts = new AppDbContextFactory(options, user);
        var entry = new MonthlyReportEntry(contexts, user, clock);
        var started = await entry.StartOrGetDraftAsync(periodId, unit.Id);
        Assert.True(started.Succeeded, $"{unit.Name}: {started}");
        var view = (await entry.GetAsync(started.Value))!;
        var submitted = await new ReportWorkflow(contexts, user, clock).SubmitAsync(new SubmitReportInput
        {
            ReportId = view.Id,
            Version = view.Version,
            LateReason = "系统测试：迟报",
            Explanations = view.Findings.Where(f => f.Severity == RuleSeverity.Warning).ToDictionary(f => f.Key, _ => "系统测试：已核实"),
        });
        Assert.True(submitted.Succeeded, $"{unit.Name}: {submitted}");
        return view.Id;
    }

    /// <summary>Every county of 长春市 but the two with demo accounts submits its report as it was carried over.</summary>
    private static async Task SubmitOtherCountiesAsync(PortalFactory factory, int periodId)
    {
        List<AnjuPortal.Domain.Jurisdictions.Jurisdiction> counties;
        await using (var db = factory.Services.GetRequiredService<SystemDbContextFactory>().Create())
        {
            var city = await db.Jurisdictions.SingleAsync(j => j.Code == Changchun);
            counties = await db.Jurisdictions.Where(j => j.ParentId == city.Id && j.Code != Nanguan && j.Code != Kuancheng).ToListAsync();
        }

        var options = factory.Services.GetRequiredService<DbContextOptions<AppDbContext>>();
        var clock = factory.Services.GetRequiredService<TimeProvider>();
        foreach (var county in counties)
        {
            await SubmitCarriedOverAsync(options, clock, TestUser.At(county, Roles.CountyOperator), periodId, county);
        }
    }
}
