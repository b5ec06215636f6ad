namespace AnjuPortal.Web.Components.Shared.Maps;

/// <summary>What a map shows for one unit: the number that picks its colour (none: no data) and the text beside its name.</summary>
public sealed record MapFigure(decimal? Value, string Text);

/// <summary>One colour band: values below <paramref name="Below"/> (the last band has none: everything left) take this colour.</summary>
public sealed record MapBand(decimal? Below, string Color, string Label);

/// <summary>
/// The colours of a thematic map, lowest band first, with a legend label each. Two scales: the gap between task and time
/// progress in percentage points (red far behind → green ahead), and task progress in percent. Colours are the
/// portal's palette; every band also has a text label, so the map never relies on colour alone.
/// </summary>
public sealed record MapScale(IReadOnlyList<MapBand> Bands, string NoData = "#e0e0e0")
{
    public static MapScale Gap { get; } = new(
    [
        new(-20m, "#c62828", "落后 20 个百分点以上"),
        new(-10m, "#ef6c00", "落后 10～20 个百分点"),
        new(0m, "#f9a825", "落后 10 个百分点以内"),
        new(null, "#2e7d32", "达到或超过时间进度"),
    ]);

    public static MapScale Progress { get; } = new(
    [
        new(25m, "#c62828", "25% 以下"),
        new(50m, "#ef6c00", "25%～50%"),
        new(75m, "#f9a825", "50%～75%"),
        new(100m, "#7cb342", "75%～100%"),
        new(null, "#2e7d32", "完成全年任务"),
    ]);

    /// <summary>The band a value falls in, or null when there is no value.</summary>
    public MapBand? BandOf(decimal? value)
        => value is { } v ? Bands.FirstOrDefault(b => b.Below is { } below && v < below) ?? Bands[^1] : null;

    public string ColorOf(decimal? value) => BandOf(value)?.Color ?? NoData;
}
