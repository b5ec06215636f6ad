namespace AnjuPortal.Domain.Progress;

/// <summary>
/// Ranking of units by task progress, as the circulated tables do it: standard competition ranking, highest share
/// first, ties share a rank and the next rank skips (1, 2, 2, 4); a unit without a share (no plan) is not ranked.
/// The ministry also ranks within bands of similar task size 按任务量分档排名, so that a city with a plan of 300 units is
/// not compared with one of 5,000: <see cref="ByBand{TKey}"/> splits the units into bands by plan size and ranks inside each.
/// </summary>
public static class Ranking
{
    /// <summary>Rank of every key with a share; keys without one are absent from the result.</summary>
    public static IReadOnlyDictionary<TKey, int> Competition<TKey>(IEnumerable<(TKey Key, decimal? Share)> units)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(units);
        var shares = units.Where(u => u.Share is not null).Select(u => (u.Key, Share: u.Share!.Value)).ToList();
        var ordered = shares.Select(s => s.Share).OrderByDescending(s => s).ToList();
        // Rank = 1 + how many have a strictly higher share: the first index of the share in the descending list.
        return shares.ToDictionary(s => s.Key, s => 1 + ordered.FindIndex(o => o == s.Share));
    }

    /// <summary>
    /// Bands of similar task size: <paramref name="bands"/> groups of (nearly) equal count by plan, largest plans first
    /// (band 1 = the largest tasks); units without a plan are left out. Each unit's band and rank within its band.
    /// </summary>
    public static IReadOnlyDictionary<TKey, BandRank> ByBand<TKey>(IEnumerable<(TKey Key, long? Plan, decimal? Share)> units, int bands = 3)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        var planned = units.Where(u => u.Plan is > 0).OrderByDescending(u => u.Plan).ToList();
        var result = new Dictionary<TKey, BandRank>();
        if (planned.Count == 0)
        {
            return result;
        }

        var size = (int)Math.Ceiling(planned.Count / (double)Math.Min(bands, planned.Count));
        for (var band = 0; band * size < planned.Count; band++)
        {
            var members = planned.Skip(band * size).Take(size).ToList();
            var ranks = Competition(members.Select(m => (m.Key, m.Share)));
            foreach (var member in members)
            {
                result[member.Key] = new BandRank(band + 1, ranks.TryGetValue(member.Key, out var r) ? r : null, members.Count);
            }
        }

        return result;
    }
}

/// <summary>A unit's band (1 = the largest tasks), its rank inside the band (none without a share), and the band's size.</summary>
public sealed record BandRank(int Band, int? Rank, int BandSize);
