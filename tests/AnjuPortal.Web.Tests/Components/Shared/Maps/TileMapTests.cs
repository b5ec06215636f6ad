using AnjuPortal.Web.Components.Shared.Maps;
using Bunit;

namespace AnjuPortal.Web.Tests.Components.Shared.Maps;

public sealed class TileMapTests : PortalTestContext
{
    private static readonly MapTile[] Counties =
    [
        new("220102", "南关区", new MapFigure(-25m, "58.3%")),
        new("220103", "宽城区", new MapFigure(-5m, "78.3%")),
        new("220104", "朝阳区", new MapFigure(2m, "85.3%")),
        new("220105", "二道区", null),
        new("220106", "绿园区", new MapFigure(-15m, "68.3%")),
    ];

    [Fact]
    public void EachTile_IsAButton_ColouredByItsBand_WithItsNameAndFigure_AndReadableText()
    {
        var cut = Render<TileMap>(p => p.Add(m => m.Tiles, Counties).Add(m => m.Title, "长春市各县区"));

        var nanguan = cut.Find("[data-testid=tile-220102]");
        Assert.Equal("button", nanguan.TagName, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("background:#c62828;color:#ffffff", nanguan.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal("南关区：58.3%", nanguan.GetAttribute("aria-label"));
        Assert.Equal("58.3%", nanguan.QuerySelector(".anju-tile-figure")!.TextContent);
        // Yellow and grey take dark text.
        Assert.Contains("background:#f9a825;color:#212121", cut.Find("[data-testid=tile-220103]").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains($"background:{MapScale.Gap.NoData};color:#212121", cut.Find("[data-testid=tile-220105]").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Equal("南关区", cut.Find("[data-testid=tile-220102] .anju-tile-name").TextContent);
        Assert.Equal("长春市各县区", cut.Find("[role=group]").GetAttribute("aria-label"));
        // Five tiles: three to a row (about as many rows as columns).
        Assert.Contains("repeat(3,", cut.Find(".anju-tiles").GetAttribute("style"), StringComparison.Ordinal);
    }

    [Fact]
    public void Legend_NamesEveryColour_AsOnTheDrawnMap()
    {
        var cut = Render<TileMap>(p => p.Add(m => m.Tiles, Counties));

        var legend = cut.Find("[data-testid=map-legend]").TextContent;
        foreach (var band in MapScale.Gap.Bands)
        {
            Assert.Contains(band.Label, legend, StringComparison.Ordinal);
        }

        Assert.Contains("无数据", legend, StringComparison.Ordinal);
    }

    [Fact]
    public void ClickingATile_ReportsItsCode()
    {
        string? selected = null;
        var cut = Render<TileMap>(p => p.Add(m => m.Tiles, Counties).Add(m => m.UnitSelected, code => selected = code));

        cut.Find("[data-testid=tile-220106]").Click();

        Assert.Equal("220106", selected);
    }

    [Fact]
    public void TilesWithPlaces_AreSetInTheGrid_InTheRegionsShape()
    {
        MapTile[] placed = [new("A", "甲", null, Row: 1, Column: 3), new("B", "乙", null, Row: 2, Column: 1)];

        var cut = Render<TileMap>(p => p.Add(m => m.Tiles, placed));

        Assert.StartsWith("grid-row:1;grid-column:3;", cut.Find("[data-testid=tile-A]").GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("repeat(3,", cut.Find(".anju-tiles").GetAttribute("style"), StringComparison.Ordinal);
    }
}
