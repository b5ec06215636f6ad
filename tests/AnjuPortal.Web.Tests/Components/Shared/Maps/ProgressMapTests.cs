using AnjuPortal.Web.Components.Shared.Maps;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AnjuPortal.Web.Tests.Components.Shared.Maps;

public sealed class ProgressMapTests : PortalTestContext
{
    private static readonly string[] PrefectureCodes = ["220100", "220200", "220300", "220400", "220500", "220600", "220700", "220800", "222400"];

    [Fact]
    public void Shapes_AreTheNinePrefectures_EachAClosedPathInsideTheViewBox()
    {
        Assert.Equal(PrefectureCodes, MapShapes.Prefectures.Select(s => s.Code).Order());
        foreach (var shape in MapShapes.Prefectures)
        {
            Assert.StartsWith("M", shape.Path, StringComparison.Ordinal);
            Assert.EndsWith("Z", shape.Path, StringComparison.Ordinal);
            Assert.InRange(shape.LabelX, 0, MapShapes.Width);
            Assert.InRange(shape.LabelY, 0, MapShapes.Height);
        }

        // Jilin is wider than high (about 1.5 : 1 once longitude is scaled by the latitude).
        Assert.InRange(MapShapes.Width / MapShapes.Height, 1.2, 1.9);
        // Simplified for display: far fewer than the source's ~19,500 points.
        Assert.InRange(MapShapes.Prefectures.Sum(s => s.Path.Count(c => c is 'L' or 'M')), 900, 15_000);
    }

    [Fact]
    public void Changbaishan_IsAMarker_BetweenBaishanAndYanbian()
    {
        var (x, y) = MapShapes.Project(MapShapes.Changbaishan.Longitude, MapShapes.Changbaishan.Latitude);
        var baishan = MapShapes.Prefectures.Single(s => s.Code == "220600");
        var yanbian = MapShapes.Prefectures.Single(s => s.Code == "222400");

        Assert.InRange(x, baishan.LabelX, yanbian.LabelX + 200);
        Assert.InRange(y, yanbian.LabelY, MapShapes.Height);
    }

    [Fact]
    public void EachUnit_IsColouredByItsBand_NamedWithItsFigure_AndGreyWithoutData()
    {
        var cut = Render<ProgressMap>(p => p
            .Add(m => m.Scale, MapScale.Gap)
            .Add(m => m.Figures, new Dictionary<string, MapFigure>
            {
                ["220100"] = new(-8.5m, "41.5%"),
                ["220200"] = new(-25m, "25.0%"),
                ["220300"] = new(3m, "53.0%"),
                ["229900"] = new(-12m, "38.0%"),
            }));

        Assert.Equal("#f9a825", Fill(cut, "220100"));
        Assert.Equal("#c62828", Fill(cut, "220200"));
        Assert.Equal("#2e7d32", Fill(cut, "220300"));
        Assert.Equal(MapScale.Gap.NoData, Fill(cut, "220400"));
        Assert.Equal("#ef6c00", cut.Find("[data-testid=map-unit-229900] circle").GetAttribute("fill"));
        Assert.Equal("长春市：41.5%", cut.Find("[data-testid=map-unit-220100]").GetAttribute("aria-label"));
        Assert.Contains("延边州", cut.Find("svg").TextContent, StringComparison.Ordinal);
        Assert.Contains("41.5%", cut.Find("svg").TextContent, StringComparison.Ordinal);
        Assert.Equal(9, cut.FindAll("path").Count);
    }

    [Fact]
    public void Legend_NamesEveryColour_AndTheBoundaryDataIsAttributed()
    {
        var cut = Render<ProgressMap>(p => p.Add(m => m.Scale, MapScale.Progress));

        var legend = cut.Find("[data-testid=map-legend]").TextContent;
        foreach (var band in MapScale.Progress.Bands)
        {
            Assert.Contains(band.Label, legend, StringComparison.Ordinal);
        }

        Assert.Contains("无数据", legend, StringComparison.Ordinal);
        Assert.Contains("echarts 4.9.0（Apache License 2.0）", cut.Find("[data-testid=map-attribution]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ClickingOrPressingEnterOnAUnit_ReportsItsCode()
    {
        var selected = new List<string>();
        var cut = Render<ProgressMap>(p => p.Add(m => m.UnitSelected, EventCallback.Factory.Create<string>(this, selected.Add)));

        cut.Find("[data-testid=map-unit-220300]").Click();
        cut.Find("[data-testid=map-unit-222400]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });
        cut.Find("[data-testid=map-unit-229900]").Click();
        cut.Find("[data-testid=map-unit-220100]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "a" });

        Assert.Equal(["220300", "222400", "229900"], selected);
    }

    [Theory]
    [InlineData(-30, "#c62828")]
    [InlineData(-20, "#ef6c00")]
    [InlineData(-10.1, "#ef6c00")]
    [InlineData(-10, "#f9a825")]
    [InlineData(-0.1, "#f9a825")]
    [InlineData(0, "#2e7d32")]
    public void GapScale_BandsAreHalfOpen_BelowEachBound(double gap, string colour)
        => Assert.Equal(colour, MapScale.Gap.ColorOf((decimal)gap));

    private static string? Fill(IRenderedComponent<ProgressMap> cut, string code)
        => cut.Find($"[data-testid=map-unit-{code}] path").GetAttribute("fill");
}
