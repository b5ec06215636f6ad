using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Supervision;
using AnjuPortal.Web.Components.Pages.Supervision.Items;
using AnjuPortal.Web.Components.Pages.Supervision.Summons;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.Components.Pages.Supervision;

/// <summary>
/// The 督办 and 约谈 pages on a real SQLite database: lights on the list (the test clock is 2020-06-30 in China), only
/// the own unit's items for a city, and the actions the use case allows each side.
/// </summary>
public sealed class SupervisionPagesTests : PortalTestContext
{
    private DateOnly Today => new(2020, 6, 30);

    [Fact]
    public async Task List_ShowsLightChips_AndACitySeesOnlyItsOwnItems()
    {
        await SeedItemAsync("220100", "长春红灯事项", Today); // red once the clock moves on
        await SeedItemAsync("220100", "长春黄灯事项", Today.AddDays(9));
        await SeedItemAsync("220100", "长春绿灯事项", Today.AddDays(40));
        await SeedItemAsync("220200", "吉林市事项", Today.AddDays(40));
        Database.Clock.Advance(TimeSpan.FromDays(2));
        await SignInOnTestClock("220100", Roles.CityOperator);

        var cut = RenderPage<SupervisionItemList>();

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=supervision-row]").Count));
        var lights = cut.FindAll("[data-testid=supervision-row]")
            .ToDictionary(r => r.QuerySelector("[data-testid=supervision-row-link]")!.TextContent, r => r.QuerySelector("[data-testid=light-chip]")!.GetAttribute("data-light"));
        Assert.Equal("Red", lights["长春红灯事项"]);
        Assert.Equal("Yellow", lights["长春黄灯事项"]);
        Assert.Equal("Green", lights["长春绿灯事项"]);
        Assert.DoesNotContain("吉林市事项", cut.Markup);
        Assert.Contains("红灯", cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=supervision-new]"));
    }

    [Fact]
    public async Task ItemPage_OffersReportToTheCity_NotClose()
    {
        var id = await SeedItemAsync("220100", "长春事项", Today.AddDays(5));
        await SignInOnTestClock("220100", Roles.CityOperator);

        var cut = RenderPage<SupervisionItemPage>(("Id", id));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=supervision-item-title]")));
        Assert.Single(cut.FindAll("[data-testid=supervision-report]"));
        Assert.Empty(cut.FindAll("[data-testid=supervision-close]"));
        Assert.Empty(cut.FindAll("[data-testid=supervision-raise]"));
        Assert.Equal("Yellow", cut.Find("[data-testid=light-chip]").GetAttribute("data-light"));
        Assert.Equal(["Opened"], cut.FindAll("[data-testid=supervision-step]").Select(s => s.GetAttribute("data-kind")));
    }

    [Fact]
    public async Task ItemPage_OffersCloseAndReturnToTheIssuer_OnceReported_WithTheEvidenceOnTheTimeline()
    {
        var id = await SeedItemAsync("220100", "长春事项", Today.AddDays(20), reported: true);
        await SignIn("220000", Roles.Supervisor);

        var cut = RenderPage<SupervisionItemPage>(("Id", id));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=supervision-close]")));
        Assert.Single(cut.FindAll("[data-testid=supervision-return]"));
        Assert.Empty(cut.FindAll("[data-testid=supervision-report]"));
        Assert.Contains("整改报告.pdf", cut.Find("[data-testid=supervision-attachment]").TextContent, StringComparison.Ordinal);
        Assert.Contains("supervision/evidence/", cut.Find("[data-testid=supervision-attachment] a").GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItemPage_ShowsNotFound_ForAnotherCitysItem()
    {
        var id = await SeedItemAsync("220200", "吉林市事项", Today.AddDays(20));
        await SignIn("220100", Roles.CityOperator);

        var cut = RenderPage<SupervisionItemPage>(("Id", id));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=supervision-item-not-found]")));
    }

    [Fact]
    public async Task SummonsPage_OffersTheRecordFormToTheIssuer_AndOnlyTheHintToTheCity()
    {
        var id = await SeedSummonsAsync("220100");

        await SignIn("220000", Roles.Supervisor);
        var issuerView = RenderPage<SummonsPage>(("Id", id));
        issuerView.WaitForAssertion(() => Assert.NotEmpty(issuerView.FindAll("[data-testid=summons-record-form]")));
        Assert.Contains("约谈长春市", issuerView.Find("[data-testid=summons-title]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummonsPage_ShowsTheCityOnlyThePlan()
    {
        var id = await SeedSummonsAsync("220100");

        await SignIn("220100", Roles.CityOperator);
        var cut = RenderPage<SummonsPage>(("Id", id));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=summons-planned]")));
        Assert.Empty(cut.FindAll("[data-testid=summons-record-form]"));
    }

    /// <summary>Signs in with the use cases reading the test clock, so the lights do not depend on today's date.</summary>
    private async Task SignInOnTestClock(string unit, string role)
    {
        await SignIn(unit, role);
        Services.AddSingleton<TimeProvider>(Database.Clock);
    }

    private async Task<int> SeedItemAsync(string unitCode, string title, DateOnly deadline, bool reported = false)
    {
        var province = await UnitAsync("220000");
        var unit = await UnitAsync(unitCode);
        var issuer = new SupervisionActor("supervisor", province.Id, province.Name, JurisdictionLevel.Province);
        var item = SupervisionItem.Open(unit.Id, unit.Level, new SupervisionItemContent(title, SupervisionSource.ProvincialInspection, null, SupervisionLevel.PointGuidance, deadline, "限期整改。"), issuer, Database.Clock.GetUtcNow());
        if (reported)
        {
            item.Report("已整改。", [new EvidenceFile(Guid.NewGuid().ToString("N"), "整改报告.pdf", EvidenceFileType.Pdf, 2048, new string('a', 64))],
                new SupervisionActor("cc", unit.Id, unit.Name, unit.Level), Database.Clock.GetUtcNow());
        }

        await using var db = Database.CreateSystemContext();
        db.SupervisionItems.Add(item);
        await db.SaveChangesAsync();
        return item.Id;
    }

    private async Task<int> SeedSummonsAsync(string unitCode)
    {
        var province = await UnitAsync("220000");
        var unit = await UnitAsync(unitCode);
        var summons = Summons.Plan(unit.Id, unit.Level, province.Id, province.Level,
            new SummonsPlan("5月排名末位。", Database.Clock.GetUtcNow().AddDays(7), "省住建厅 301 会议室", "省住建厅 王副厅长", 2020, 5));
        await using var db = Database.CreateSystemContext();
        db.Summonses.Add(summons);
        await db.SaveChangesAsync();
        return summons.Id;
    }
}
