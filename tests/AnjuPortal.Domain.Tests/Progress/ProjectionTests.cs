using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Progress;

namespace AnjuPortal.Domain.Tests.Progress;

public sealed class ProjectionTests
{
    [Fact]
    public void ColdRegion_AprilToOctober_CarryTheYear()
    {
        var calendar = ConstructionCalendar.ColdRegion;

        Assert.Equal(0m, calendar.Elapsed(3));
        Assert.Equal(Math.Round(3m / 7m, 12), Math.Round(calendar.Elapsed(6), 12));
        Assert.Equal(1m, calendar.Elapsed(10));
        Assert.Equal(1m, calendar.Elapsed(12));
        Assert.Equal(Math.Round(3m / 7m, 12), Math.Round(calendar.Between(6, 9), 12));
    }

    [Fact]
    public void NoticeOfJune2020_StartsProjectedToTheSeptemberDeadline_FallShort()
    {
        // End of June: 7,471 of 18,002 started. Three building months (Apr–Jun) of seven are gone; three more (Jul–Sep)
        // remain before the 30 September start deadline: at the same pace 7,471 × (1 + 3/3) = 14,942 < 18,002.
        var projection = Projection.For(18_002, 7_471, 6, 9, ConstructionCalendar.ColdRegion);

        Assert.Equal(14_942, projection.Projected);
        Assert.True(projection.AtRisk);
        Assert.Equal(10_531, projection.Remaining);
        // What remains, spread over July, August and September by their (equal) weight, rounded up.
        Assert.Equal([new MonthlyPace(7, 3_511), new MonthlyPace(8, 3_511), new MonthlyPace(9, 3_511)], projection.RequiredPace);
        Assert.Equal(0.17m, Math.Round(projection.Shortfall, 2));
    }

    [Fact]
    public void NoticeOfJune2020_HouseholdsProjectedToYearEnd_FarShort()
    {
        // 1,823 of 10,850 by June; to the year-end deadline the cold calendar leaves Jul–Oct (4 of 7): 1,823 × 7/3 = 4,253.
        var projection = Projection.For(10_850, 1_823, 6, 12, ConstructionCalendar.ColdRegion);

        Assert.Equal(4_253, projection.Projected);
        Assert.True(projection.AtRisk);
        // Nov and Dec carry no weight: the remaining 9,027 fall on Jul–Oct, 2,257 a month (rounded up).
        Assert.Equal([2_257, 2_257, 2_257, 2_257, 0, 0], projection.RequiredPace.Select(p => p.Required));
    }

    [Fact]
    public void EvenCalendar_ProjectsAlongCalendarTime()
    {
        var projection = Projection.For(1_200, 600, 6, 12, ConstructionCalendar.Even);

        Assert.Equal(1_200, projection.Projected);
        Assert.False(projection.AtRisk);
        Assert.All(projection.RequiredPace, p => Assert.Equal(100, p.Required));
    }

    [Fact]
    public void PlanAlreadyMet_IsNotAtRisk_AndNeedsNoPace()
    {
        var projection = Projection.For(500, 520, 8, 9, ConstructionCalendar.ColdRegion);

        Assert.False(projection.AtRisk);
        Assert.Equal(0, projection.Remaining);
        Assert.Empty(projection.RequiredPace);
        Assert.Equal(0m, projection.Shortfall);
    }

    [Fact]
    public void BeforeTheSeason_NoPaceToCarry_TheProjectionIsWhatIsDone()
    {
        var projection = Projection.For(1_000, 50, 2, 9, ConstructionCalendar.ColdRegion);

        Assert.Equal(50, projection.Projected);
        Assert.True(projection.AtRisk);
        Assert.Equal(0, projection.RequiredPace.Single(p => p.Month == 3).Required);
        Assert.Equal(159, projection.RequiredPace.Single(p => p.Month == 4).Required); // 950 over the six building months Apr–Sep, rounded up
    }

    [Fact]
    public void DeadlinePassed_LeavesNoMonth_ButStillCountsWhatRemains()
    {
        var projection = Projection.For(1_000, 800, 10, 9, ConstructionCalendar.ColdRegion);

        Assert.Equal(800, projection.Projected);
        Assert.Equal(200, projection.Remaining);
        Assert.Empty(projection.RequiredPace);
        Assert.True(projection.AtRisk);
    }

    [Fact]
    public void WinterDeadline_WithNoWeightLeft_SpreadsTheRestEvenly()
    {
        var projection = Projection.For(300, 200, 10, 12, ConstructionCalendar.ColdRegion);

        Assert.Equal([50, 50], projection.RequiredPace.Select(p => p.Required));
    }

    [Theory]
    [InlineData(new double[] { 1, 1, 1 })]
    [InlineData(new double[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new double[] { -1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 })]
    public void Calendar_RefusesBadWeights_WithAChineseMessage(double[] weights)
    {
        var error = Assert.Throws<DomainException>(() => new ConstructionCalendar(weights.Select(w => (decimal)w).ToList()));
        Assert.Contains("施工月历", error.Message, StringComparison.Ordinal);
    }
}
