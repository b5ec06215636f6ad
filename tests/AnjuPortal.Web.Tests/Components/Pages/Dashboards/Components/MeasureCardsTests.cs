using AnjuPortal.Web.Components.Pages.Dashboards.Components;
using Bunit;

namespace AnjuPortal.Web.Tests.Components.Pages.Dashboards.Components;

public sealed class MeasureCardsTests : PortalTestContext
{
    [Fact]
    public void EachCard_ShowsDonePlanTaskAndTimeProgress_AndTheGapInWordsAndColour()
    {
        var cut = Render<MeasureCards>(p => p.Add(c => c.View, SampleViews.ProvinceView()));

        var started = cut.Find("[data-testid=card-UnitsStarted]");
        Assert.Equal("开工", started.QuerySelector(".anju-kpi-title")!.TextContent);
        Assert.Equal("8,711", started.QuerySelector("[data-testid=card-done]")!.TextContent);
        Assert.Equal("19,402", started.QuerySelector("[data-testid=card-plan]")!.TextContent);
        Assert.Equal("44.9%", started.QuerySelector("[data-testid=card-task]")!.TextContent);
        Assert.Equal("83.3%", started.QuerySelector("[data-testid=card-time]")!.TextContent);
        var gap = started.QuerySelector("[data-testid=card-gap]")!;
        Assert.Contains("anju-gap-behind-severe", gap.ClassList);
        Assert.Equal("落后 −38.4 个百分点", Squash(gap.TextContent));

        var households = cut.Find("[data-testid=card-HouseholdsResolved]");
        Assert.Equal("逾期未安置户解决", households.QuerySelector(".anju-kpi-title")!.TextContent);
        Assert.Equal("18.5%", households.QuerySelector("[data-testid=card-task]")!.TextContent);
        Assert.Contains("户", households.QuerySelector(".anju-kpi-plan")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_LinkToTheRowsBehindThem_ProjectsForDwellingsAndTheLedgerForHouseholds()
    {
        var cut = Render<MeasureCards>(p => p.Add(c => c.View, SampleViews.ProvinceView()));

        Assert.Equal("projects?unit=1&year=2026", cut.Find("[data-testid=card-UnitsStarted] [data-testid=card-done]").GetAttribute("href"));
        Assert.Equal("projects?unit=1&year=2026", cut.Find("[data-testid=card-UnitsBasicallyCompleted] [data-testid=card-done]").GetAttribute("href"));
        Assert.Equal("cases?unit=1", cut.Find("[data-testid=card-HouseholdsResolved] [data-testid=card-done]").GetAttribute("href"));
    }

    [Fact]
    public void AUnitAhead_IsGreenAndSaysSo()
    {
        var view = SampleViews.ProvinceView();
        var jilin = view.Children.Single(c => c.Progress.Unit.Code == "220200").Progress;

        var cut = Render<MeasureCards>(p => p.Add(c => c.View, view with { Unit = jilin }));

        var gap = cut.Find("[data-testid=card-UnitsStarted] [data-testid=card-gap]");
        Assert.Contains("anju-gap-ahead", gap.ClassList);
        Assert.Equal("超前 +6.7 个百分点", Squash(gap.TextContent));
    }

    internal static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
