using System.Globalization;
using AnjuPortal.Domain.Progress;

namespace AnjuPortal.Application.Dashboards;

/// <summary>Settings of the dashboards (section <c>Dashboards</c>).</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboards";

    /// <summary>
    /// The construction calendar 施工月历: twelve monthly weights, January first, comma-separated, any scale. Default:
    /// April–October carry the work, the winter none (a cold region). Used by the projection and the required pace.
    /// </summary>
    public string ConstructionWeights { get; set; } = "0,0,0,1,1,1,1,1,1,1,0,0";

    /// <summary>How many bands of similar task size the ranking splits the units into (分档排名).</summary>
    public int RankingBands { get; set; } = 3;

    /// <summary>
    /// Built dashboards are reused while the statistics are unchanged; this process reads the statistics counter at most
    /// this often (seconds), so a change made on another node or by the job service shows within it. 0: every render.
    /// </summary>
    public int CacheCheckSeconds { get; set; } = 2;

    /// <summary>At most this many built dashboards are kept per process (all are dropped when full); 0 keeps none.</summary>
    public int CacheMaxViews { get; set; } = 5000;

    public ConstructionCalendar Calendar()
        => new(ConstructionWeights.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(w => decimal.Parse(w, NumberStyles.Number, CultureInfo.InvariantCulture)).ToList());
}
