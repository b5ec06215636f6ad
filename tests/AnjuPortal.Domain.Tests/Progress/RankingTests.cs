using AnjuPortal.Domain.Progress;

namespace AnjuPortal.Domain.Tests.Progress;

public sealed class RankingTests
{
    [Fact]
    public void Competition_HighestFirst_TiesShareARank_AndTheNextSkips()
    {
        var ranks = Ranking.Competition<string>([("长春", 41.5m), ("吉林", 60.0m), ("四平", 41.5m), ("辽源", 12.0m), ("白山", null)]);

        Assert.Equal(1, ranks["吉林"]);
        Assert.Equal(2, ranks["长春"]);
        Assert.Equal(2, ranks["四平"]);
        Assert.Equal(4, ranks["辽源"]);
        Assert.False(ranks.ContainsKey("白山"));
    }

    [Fact]
    public void ByBand_SplitsByPlanSize_LargestFirst_AndRanksInsideEachBand()
    {
        // Six cities, three bands of two by plan: (5000, 4000), (1200, 900), (300, 200).
        var bands = Ranking.ByBand<string>(
        [
            ("A", 5000, 40m), ("B", 4000, 55m), ("C", 1200, 30m), ("D", 900, 70m), ("E", 300, 90m), ("F", 200, 10m),
        ]);

        Assert.Equal(new BandRank(1, 2, 2), bands["A"]);
        Assert.Equal(new BandRank(1, 1, 2), bands["B"]);
        Assert.Equal(new BandRank(2, 2, 2), bands["C"]);
        Assert.Equal(new BandRank(2, 1, 2), bands["D"]);
        Assert.Equal(new BandRank(3, 1, 2), bands["E"]);
        Assert.Equal(new BandRank(3, 2, 2), bands["F"]);
    }

    [Fact]
    public void ByBand_UnevenCount_FillsTheUpperBandsFirst_AndLeavesOutUnitsWithoutAPlan()
    {
        var bands = Ranking.ByBand<string>([("A", 900, 1m), ("B", 800, 2m), ("C", 700, 3m), ("D", 600, 4m), ("E", null, 5m), ("F", 0, 6m)]);

        Assert.Equal([1, 1, 2, 2], new[] { "A", "B", "C", "D" }.Select(k => bands[k].Band));
        Assert.False(bands.ContainsKey("E"));
        Assert.False(bands.ContainsKey("F"));
    }
}
