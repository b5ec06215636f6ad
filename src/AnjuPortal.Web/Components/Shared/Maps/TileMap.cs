namespace AnjuPortal.Web.Components.Shared.Maps;

/// <summary>
/// One tile of a schematic map: a unit by its code and name, its figure (none: no data), and optionally its place in the
/// grid (1-based row and column) for a layout in the region's shape; tiles without a place fill the rows in order.
/// </summary>
public sealed record MapTile(string Code, string Name, MapFigure? Figure, int? Row = null, int? Column = null);

/// <summary>Colours of the text on a tile: dark on the light bands (yellow, grey), white on the dark ones.</summary>
public static class TileColors
{
    public static string TextOn(string background)
    {
        if (background.Length != 7 || background[0] != '#')
        {
            return "#212121";
        }

        var r = Convert.ToInt32(background[1..3], 16);
        var g = Convert.ToInt32(background[3..5], 16);
        var b = Convert.ToInt32(background[5..7], 16);
        // Perceived brightness (ITU-R BT.601): light backgrounds take dark text.
        return (0.299 * r) + (0.587 * g) + (0.114 * b) > 150 ? "#212121" : "#ffffff";
    }
}
