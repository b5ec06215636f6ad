namespace AnjuPortal.Domain.Common;

/// <summary>
/// China Standard Time 北京时间 (UTC+8), the clock every deadline of the portal is set in. China has kept UTC+8 without
/// daylight saving since 1991, so a fixed offset is exact for every date the portal handles and needs no time-zone
/// database (the domain references nothing).
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The calendar day in China at <paramref name="instant"/> (01:00 on the 6th in Changchun is still the 5th in UTC).</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>Midnight at the start of <paramref name="day"/> in China.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), Offset);
}
