using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.Tests.Common;

public sealed class ReportingCalendarTests
{
    [Theory]
    [InlineData(6, 0.5)]
    [InlineData(12, 1)]
    [InlineData(1, 0.0833)]
    public void TimeProgress_IsMonthsOverTwelve_WhenMonthIsValid(int month, double expected)
        => Assert.Equal((decimal)expected, ReportingCalendar.TimeProgress(month));

    [Fact]
    public void StartDeadline_IsThirtiethOfSeptember_WhenYearIsValid()
        => Assert.Equal(new DateOnly(2020, 9, 30), ReportingCalendar.StartDeadline(2020));
}
