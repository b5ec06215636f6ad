using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AnjuPortal.Web.Components.Shared.Maps;

/// <summary>One prefecture-level unit drawn as SVG: its code, name, path data in the map's coordinates, and label point.</summary>
public sealed record MapShape(string Code, string Name, string Path, double LabelX, double LabelY);

/// <summary>A unit with no polygon (长白山管委会), drawn as a marker at a point.</summary>
public sealed record MapMarker(string Code, string Name, double Longitude, double Latitude);

/// <summary>
/// The province's prefecture boundaries (<c>jilin-prefectures.geojson</c>, from echarts 4.9.0, Apache-2.0: see NOTICE.md
/// beside it) as SVG paths, computed once per process. Longitude and latitude are projected equirectangularly with the
/// longitude scaled by cos(mid-latitude), which keeps the province's shape true enough at this size, into a viewBox
/// <see cref="Width"/> wide; points closer than a fraction of a unit to the previous one are dropped.
/// </summary>
public static class MapShapes
{
    public const double Width = 1000;
    private const string Resource = "AnjuPortal.Web.Maps.jilin-prefectures.geojson";
    private const double MinStep = 0.6;

    private static readonly Lazy<MapProjection> Jilin = new(Load);

    /// <summary>The 长白山管委会 marker: near 天池, on the border of 白山 and 延边 (its territory lies within both on the map).</summary>
    public static MapMarker Changbaishan { get; } = new("229900", "长白山管委会", 128.06, 42.03);

    public static IReadOnlyList<MapShape> Prefectures => Jilin.Value.Shapes;

    public static double Height => Jilin.Value.Height;

    /// <summary>A longitude/latitude in the map's coordinates.</summary>
    public static (double X, double Y) Project(double longitude, double latitude) => Jilin.Value.Project(longitude, latitude);

    private static MapProjection Load()
    {
        using var stream = typeof(MapShapes).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Embedded map {Resource} is missing.");
        using var document = JsonDocument.Parse(stream);
        var features = document.RootElement.GetProperty("features").EnumerateArray().Select(f => new
        {
            Code = f.GetProperty("properties").GetProperty("code").GetString()!,
            Name = f.GetProperty("properties").GetProperty("name").GetString()!,
            Label = f.GetProperty("properties").GetProperty("cp"),
            Polygons = Polygons(f.GetProperty("geometry")),
        }).ToList();

        var points = features.SelectMany(f => f.Polygons).SelectMany(p => p).SelectMany(r => r).ToList();
        var (minLon, maxLon) = (points.Min(p => p.Lon), points.Max(p => p.Lon));
        var (minLat, maxLat) = (points.Min(p => p.Lat), points.Max(p => p.Lat));
        var xScale = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        var scale = Width / ((maxLon - minLon) * xScale);
        var projection = new MapProjection(minLon, maxLat, xScale, scale, (maxLat - minLat) * scale);

        var shapes = features.Select(f =>
        {
            var (lx, ly) = projection.Project(f.Label[0].GetDouble(), f.Label[1].GetDouble());
            return new MapShape(f.Code, f.Name, projection.PathOf(f.Polygons), Math.Round(lx, 1), Math.Round(ly, 1));
        }).ToList();
        return projection with { Shapes = shapes };
    }

    /// <summary>Polygons of a Polygon or MultiPolygon geometry, each a list of rings of (lon, lat) points.</summary>
    private static List<List<List<(double Lon, double Lat)>>> Polygons(JsonElement geometry)
    {
        static List<List<(double, double)>> Rings(JsonElement polygon)
            => polygon.EnumerateArray().Select(ring => ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToList()).ToList();

        var coordinates = geometry.GetProperty("coordinates");
        return geometry.GetProperty("type").GetString() switch
        {
            "Polygon" => [Rings(coordinates)],
            "MultiPolygon" => coordinates.EnumerateArray().Select(Rings).ToList(),
            var other => throw new InvalidOperationException($"Unsupported geometry {other}."),
        };
    }

    private sealed record MapProjection(double MinLon, double MaxLat, double XScale, double Scale, double Height)
    {
        public IReadOnlyList<MapShape> Shapes { get; init; } = [];

        public (double X, double Y) Project(double lon, double lat) => ((lon - MinLon) * XScale * Scale, (MaxLat - lat) * Scale);

        public string PathOf(List<List<List<(double Lon, double Lat)>>> polygons)
        {
            var path = new StringBuilder();
            foreach (var ring in polygons.SelectMany(p => p))
            {
                (double X, double Y)? last = null;
                foreach (var (lon, lat) in ring)
                {
                    var point = Project(lon, lat);
                    if (last is { } l && Math.Abs(point.X - l.X) + Math.Abs(point.Y - l.Y) < MinStep)
                    {
                        continue;
                    }

                    path.Append(last is null ? 'M' : 'L')
                        .Append(point.X.ToString("0.#", CultureInfo.InvariantCulture)).Append(',')
                        .Append(point.Y.ToString("0.#", CultureInfo.InvariantCulture));
                    last = point;
                }

                path.Append('Z');
            }

            return path.ToString();
        }
    }
}
