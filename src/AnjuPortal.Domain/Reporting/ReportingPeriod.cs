using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.Reporting;

/// <summary>Status of a reporting period.</summary>
public enum PeriodStatus
{
    /// <summary>填报中</summary>
    Open = 0,
    /// <summary>已截止</summary>
    Closed = 1,
    /// <summary>已冻结: the month's statistics are a snapshot</summary>
    Frozen = 2,
}

/// <summary>
/// A reporting period 报告期: one per month, opened for the month just ended, with a submission deadline.
/// Shared by the whole tree (not tenant-owned): (Year, Month) is unique.
/// </summary>
public sealed class ReportingPeriod : Entity
{
    /// <summary>Default day of the next month by which reports are due.</summary>
    public const int DefaultDeadlineDay = 5;

    private ReportingPeriod() { }

    public int Year { get; private set; }
    public int Month { get; private set; }
    public DateOnly SubmissionDeadline { get; private set; }
    public PeriodStatus Status { get; private set; }

    public string Label => $"{Year}年{Month}月";

    public static ReportingPeriod Open(int year, int month, int deadlineDay = DefaultDeadlineDay)
    {
        var first = new DateOnly(ReportingCalendar.ValidYear(year), ReportingCalendar.ValidMonth(month), 1);
        var next = first.AddMonths(1);
        var day = Math.Clamp(deadlineDay, 1, DateTime.DaysInMonth(next.Year, next.Month));
        return new ReportingPeriod { Year = year, Month = month, SubmissionDeadline = new DateOnly(next.Year, next.Month, day) };
    }

    /// <summary>The period of the month just ended, seen from <paramref name="today"/>.</summary>
    public static (int Year, int Month) MonthJustEnded(DateOnly today)
    {
        var previous = today.AddMonths(-1);
        return (previous.Year, previous.Month);
    }

    public void Close() => Status = Status == PeriodStatus.Open ? PeriodStatus.Closed : Status;

    public void Freeze() => Status = PeriodStatus.Frozen;
}
