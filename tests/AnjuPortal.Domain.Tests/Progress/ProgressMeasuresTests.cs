using AnjuPortal.Domain.Progress;

namespace AnjuPortal.Domain.Tests.Progress;

public sealed class ProgressMeasuresTests
{
    [Theory]
    [InlineData(1, 8.3)]
    [InlineData(3, 25.0)]
    [InlineData(6, 50.0)]
    [InlineData(9, 75.0)]
    [InlineData(12, 100.0)]
    public void TimeProgress_IsCalendarMonthsOverTwelve(int month, double expected)
        => Assert.Equal((decimal)expected, ProgressMeasures.TimeProgress(month));

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void TimeProgress_RefusesAMonthOutsideTheYear(int month)
        => Assert.Throws<ArgumentOutOfRangeException>(() => ProgressMeasures.TimeProgress(month));

    [Fact]
    public void NoticeOfJune2020_UnitsStarted_Is41Point5Percent_8Point5PointsBehindTime()
    {
        // 吉安居办〔2020〕18号: end of June, 7,471 units started of a plan of about 18,000 = 41.5 %, time progress 50 %.
        Assert.Equal(41.5m, ProgressMeasures.TaskProgress(7_471, 18_002));
        Assert.Equal(-8.5m, ProgressMeasures.Gap(7_471, 18_002, 6));
    }

    [Fact]
    public void NoticeOfJune2020_HouseholdsResolved_Is16Point8Percent_FarBehindTime()
    {
        // 1,823 overdue households resolved of about 10,850 = 16.8 %, 33.2 points behind the 50 % time progress.
        Assert.Equal(16.8m, ProgressMeasures.TaskProgress(1_823, 10_850));
        Assert.Equal(-33.2m, ProgressMeasures.Gap(1_823, 10_850, 6));
    }

    [Theory]
    [InlineData(1, 8, 12.5)]      // exact
    [InlineData(1, 3, 33.3)]      // 33.333… down
    [InlineData(2, 3, 66.7)]      // 66.666… up
    [InlineData(1, 16, 6.3)]      // 6.25: half away from zero, not to even
    [InlineData(3, 2, 150.0)]     // over the plan is shown as it is
    public void Percent_HasOneDecimal_RoundedHalfAwayFromZero(long part, long whole, double expected)
        => Assert.Equal((decimal)expected, ProgressMeasures.Percent(part, whole));

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    public void TaskProgress_WithoutAPlan_IsNone(long? plan)
    {
        Assert.Null(ProgressMeasures.TaskProgress(10, plan));
        Assert.Null(ProgressMeasures.Gap(10, plan, 6));
    }
}
