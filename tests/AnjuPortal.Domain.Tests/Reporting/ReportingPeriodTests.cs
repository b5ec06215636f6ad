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
        Assert.Equal(new DateOnly(2021, 2, 28), ReportingPeriod.Open(2021, 1, deadlineDay: 31).ApprovalDeadline);
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

    [Fact]
    public void Open_SetsApprovalWindowToTheFifteenth_AndTakesConfiguredDays()
    {
        Assert.Equal(new DateOnly(2020, 7, 15), ReportingPeriod.Open(2020, 6).ApprovalDeadline);

        var period = ReportingPeriod.Open(2020, 6, deadlineDay: 8, approvalDay: 20);

        Assert.Equal((new DateOnly(2020, 7, 8), new DateOnly(2020, 7, 20)), (period.SubmissionDeadline, period.ApprovalDeadline));
    }

    [Fact]
    public void Open_EndsApprovalWindowNotBeforeTheDeadline_WhenApprovalDayIsEarlier()
        => Assert.Equal(new DateOnly(2020, 7, 10), ReportingPeriod.Open(2020, 6, deadlineDay: 10, approvalDay: 9).ApprovalDeadline);

    [Fact]
    public void SetDeadlines_ThrowsDateOrder_WhenApprovalIsBeforeTheDeadline()
    {
        var ex = Assert.Throws<DomainException>(() => ReportingPeriod.Open(2020, 6).SetDeadlines(new DateOnly(2020, 7, 10), new DateOnly(2020, 7, 9)));

        Assert.Equal("审核截止日（2020-07-09）不能早于报送截止日（2020-07-10）。", ex.Message);
        Assert.Equal(nameof(ReportingPeriod.ApprovalDeadline), ex.Field);
    }

    [Fact]
    public void LateFrom_IsMidnightAfterTheDeadlineDay_BeijingTime()
    {
        var period = ReportingPeriod.Open(2020, 6);

        Assert.Equal(new DateTimeOffset(2020, 7, 5, 16, 0, 0, TimeSpan.Zero), period.LateFrom);
        Assert.Equal((new DateOnly(2020, 6, 1), new DateOnly(2020, 6, 30)), (period.MonthStart, period.MonthEnd));
    }

    [Theory]
    [InlineData("2020-07-05T15:59:59Z", 0)]
    [InlineData("2020-07-05T16:00:00Z", 1)]
    [InlineData("2020-07-01T00:00:00+08:00", 0)]
    [InlineData("2020-07-06T23:59:59+08:00", 1)]
    [InlineData("2020-07-07T00:00:00+08:00", 2)]
    [InlineData("2020-08-05T09:00:00+08:00", 31)]
    public void DaysLate_CountsCalendarDaysInChina(string submittedAt, int days)
        => Assert.Equal(days, ReportingPeriod.Open(2020, 6).DaysLate(DateTimeOffset.Parse(submittedAt, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void SetDeadlines_MovesBothDates_WhenAfterTheMonth()
    {
        var period = ReportingPeriod.Open(2020, 9);

        period.SetDeadlines(new DateOnly(2020, 10, 9), new DateOnly(2020, 10, 20));

        Assert.Equal((new DateOnly(2020, 10, 9), new DateOnly(2020, 10, 20)), (period.SubmissionDeadline, period.ApprovalDeadline));
        Assert.Equal(4, period.DaysLate(new DateTimeOffset(2020, 10, 13, 9, 0, 0, TimeSpan.FromHours(8))));
    }

    [Fact]
    public void SetDeadlines_Throws_WhenDeadlineFallsInsideTheMonthOrPeriodIsFrozen()
    {
        var period = ReportingPeriod.Open(2020, 6);

        var inside = Assert.Throws<DomainException>(() => period.SetDeadlines(new DateOnly(2020, 6, 30), new DateOnly(2020, 7, 15)));
        period.Freeze();
        var frozen = Assert.Throws<DomainException>(() => period.SetDeadlines(new DateOnly(2020, 7, 6), new DateOnly(2020, 7, 15)));

        Assert.Equal("报送截止日（2020-06-30）应在2020年6月结束之后。", inside.Message);
        Assert.Equal("报告期“2020年6月”已冻结，月报不能再填报、上报、退回或审核。", frozen.Message);
        Assert.Equal(new DateOnly(2020, 7, 5), period.SubmissionDeadline);
    }
}
