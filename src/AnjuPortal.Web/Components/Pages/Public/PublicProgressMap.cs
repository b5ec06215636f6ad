using AnjuPortal.Application.Supervision.Complaints;
using AnjuPortal.Web.Components.Shared.Maps;

namespace AnjuPortal.Web.Components.Pages.Public;

/// <summary>
/// The public page's schematic of Jilin: one tile per prefecture-level unit, placed on a 5×4 grid in the province's
/// shape (白城、松原 in the north-west; 四平、长春、吉林、延边 across the middle; 辽源、通化 south; 白山、长白山 in the
/// south-east). No boundaries: published maps with boundaries need map review, a schematic does not claim any.
/// A unit not listed here (another province's tree) takes the next free place in order.
/// </summary>
public static class PublicProgressMap
{
    private static readonly Dictionary<string, (int Row, int Column)> Places = new(StringComparer.Ordinal)
    {
        ["220800"] = (1, 1), // 白城市
        ["220700"] = (1, 2), // 松原市
        ["220300"] = (2, 2), // 四平市
        ["220100"] = (2, 3), // 长春市
        ["220200"] = (2, 4), // 吉林市
        ["222400"] = (2, 5), // 延边朝鲜族自治州
        ["220400"] = (3, 3), // 辽源市
        ["220500"] = (3, 4), // 通化市
        ["220600"] = (4, 4), // 白山市
        ["229900"] = (4, 5), // 长白山管委会 (locally assigned code)
    };

    public static IReadOnlyList<MapTile> Tiles(IReadOnlyList<PublicProgressRow> cities, Func<PublicProgressRow, string> text)
    {
        ArgumentNullException.ThrowIfNull(cities);
        ArgumentNullException.ThrowIfNull(text);
        var allPlaced = cities.All(c => Places.ContainsKey(c.Code));
        return cities.Select(c =>
        {
            var figure = new MapFigure(ProgressGap(c), text(c));
            return allPlaced ? new MapTile(c.Code, ShortName(c.Name), figure, Places[c.Code].Row, Places[c.Code].Column) : new MapTile(c.Code, ShortName(c.Name), figure);
        }).ToList();
    }

    /// <summary>What colours a tile (on <see cref="MapScale.Progress"/>): the task progress of units started.</summary>
    private static decimal? ProgressGap(PublicProgressRow row) => row.StartedProgress;

    /// <summary>延边朝鲜族自治州 is long for a tile: 延边州.</summary>
    public static string ShortName(string name) => name == "延边朝鲜族自治州" ? "延边州" : name;
}
