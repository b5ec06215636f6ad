using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Reporting;

namespace AnjuPortal.Domain.Tests.Reporting;

public sealed class ReportingPeriodTests
{
    [Theory]
    [InlineData(2020, 6, 2020, 7, 5)]
    [InlineData(2026, 11, 2026, 12, 5)]
    [InlineData(2026, 12, 2027, 1, 5)]
    public void Open_SetsDeadlineFifthOfNextMonth_WhenDefaultDeadline(int year, int month, int dYear, int dMonth, int dDay)
    {
        var period = ReportingPeriod.Open(year, month);

        Assert.Equal((year, month), (period.Year, period.Month));
        Assert.Equal(new DateOnly(dYear, dMonth, dDay), period.SubmissionDeadline);
        Assert.Equal(PeriodStatus.Open, period.Status);
        Assert.Equal($"{year}年{month}月", period.Label);
    }

    [Fact]
    public void Open_ClampsDeadline_WhenDayDoesNotExistInNextMonth()
    {
        Assert.Equal(new DateOnly(2021, 2, 28), ReportingPeriod.Open(2021, 1, deadlineDay: 31).SubmissionDeadline);
        Assert.Equal(new DateOnly(2024, 2, 29), ReportingPeriod.Open(2024, 1, deadlineDay: 31).SubmissionDeadline);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void Open_ThrowsMonthMessage_WhenMonthIsOutOfRange(int month)
        => Assert.Equal($"月份 {month} 不在 1–12 之间。", Assert.Throws<DomainException>(() => ReportingPeriod.Open(2020, month)).Message);

    [Theory]
    [InlineData(2027, 1, 1, 2026, 12)]
    [InlineData(2027, 1, 31, 2026, 12)]
    [InlineData(2026, 12, 1, 2026, 11)]
    [InlineData(2026, 3, 31, 2026, 2)]
    [InlineData(2020, 7, 1, 2020, 6)]
    public void MonthJustEnded_ReturnsPreviousMonth_IncludingAcrossYearBoundary(int y, int m, int d, int year, int month)
        => Assert.Equal((year, month), ReportingPeriod.MonthJustEnded(new DateOnly(y, m, d)));

    [Fact]
    public void Close_KeepsFrozen_WhenPeriodIsAlreadyFrozen()
    {
        var period = ReportingPeriod.Open(2020, 6);
        period.Close();
        Assert.Equal(PeriodStatus.Closed, period.Status);

        period.Freeze();
        period.Close();

        Assert.Equal(PeriodStatus.Frozen, period.Status);
    }
}
