using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.Reporting;

/// <summary>Status of a reporting period.</summary>
public enum PeriodStatus
{
    /// <summary>填报中</summary>
    Open = 0,
    /// <summary>已截止</summary>
    Closed = 1,
    /// <summary>已冻结: the month's statistics are a snapshot; no report of the period changes any more</summary>
    Frozen = 2,
}

/// <summary>
/// A reporting period 报告期: one per month, opened for the month just ended, with a submission deadline 报送截止日
/// (default the 5th of the next month) and the end of the province's approval window 审核截止日 (default the 15th).
/// Both are whole days in China Standard Time: a report is on time until 24:00 of the deadline day, Beijing time.
/// Shared by the whole tree (not tenant-owned): (Year, Month) is unique.
/// </summary>
public sealed class ReportingPeriod : Entity
{
    /// <summary>Default day of the next month by which reports are due.</summary>
    public const int DefaultDeadlineDay = 5;

    /// <summary>Default day of the next month by which the province has approved (the end of the approval window).</summary>
    public const int DefaultApprovalDay = 15;

    private ReportingPeriod() { }

    public int Year { get; private set; }
    public int Month { get; private set; }

    /// <summary>报送截止日: the last day on which a submission is on time (until 24:00 China time).</summary>
    public DateOnly SubmissionDeadline { get; private set; }

    /// <summary>审核截止日: the end of the approval window; the month's snapshot is frozen by then at the latest.</summary>
    public DateOnly ApprovalDeadline { get; private set; }

    public PeriodStatus Status { get; private set; }

    public string Label => $"{Year}年{Month}月";

    /// <summary>The first day of the month reported on.</summary>
    public DateOnly MonthStart => new(Year, Month, 1);

    /// <summary>The last day of the month reported on: the "as of" date of its figures.</summary>
    public DateOnly MonthEnd => MonthStart.AddMonths(1).AddDays(-1);

    /// <summary>The instant from which a submission is late: midnight after the deadline day, China time.</summary>
    public DateTimeOffset LateFrom => ChinaTime.StartOf(SubmissionDeadline.AddDays(1));

    public bool IsFrozen => Status == PeriodStatus.Frozen;

    /// <param name="deadlineDay">Day of the next month by which reports are due (clamped to the month's length).</param>
    /// <param name="approvalDay">Day of the next month by which the province approves (clamped; not before the deadline day).</param>
    public static ReportingPeriod Open(int year, int month, int deadlineDay = DefaultDeadlineDay, int approvalDay = DefaultApprovalDay)
    {
        var first = new DateOnly(ReportingCalendar.ValidYear(year), ReportingCalendar.ValidMonth(month), 1);
        var next = first.AddMonths(1);
        var length = DateTime.DaysInMonth(next.Year, next.Month);
        var period = new ReportingPeriod { Year = year, Month = month };
        var submission = new DateOnly(next.Year, next.Month, Math.Clamp(deadlineDay, 1, length));
        var approval = new DateOnly(next.Year, next.Month, Math.Clamp(approvalDay, 1, length));
        period.SetDeadlines(submission, approval < submission ? submission : approval);
        return period;
    }

    /// <summary>The period of the month just ended, seen from <paramref name="today"/>.</summary>
    public static (int Year, int Month) MonthJustEnded(DateOnly today)
    {
        var previous = today.AddMonths(-1);
        return (previous.Year, previous.Month);
    }

    /// <summary>
    /// Sets (or moves, e.g. over a public holiday) the submission deadline and the end of the approval window. The
    /// deadline lies after the month; the approval window ends on or after the deadline. A frozen period keeps its dates.
    /// </summary>
    public void SetDeadlines(DateOnly submission, DateOnly approval)
    {
        EnsureNotFrozen();
        if (submission <= MonthEnd)
        {
            throw new DomainException(DomainText.Format(DomainText.DeadlineInsideMonth, submission.ToDateTime(TimeOnly.MinValue), Label), nameof(SubmissionDeadline));
        }

        if (approval < submission)
        {
            throw new DomainException(
                DomainText.Format(DomainText.DateOrder, "审核截止日", approval.ToDateTime(TimeOnly.MinValue), "报送截止日", submission.ToDateTime(TimeOnly.MinValue)),
                nameof(ApprovalDeadline));
        }

        SubmissionDeadline = submission;
        ApprovalDeadline = approval;
    }

    /// <summary>
    /// Whole days a submission at <paramref name="submittedAt"/> comes after the deadline, counted in China's calendar
    /// (0 when on time): 00:30 on the day after the deadline, Beijing time, is one day late.
    /// </summary>
    public int DaysLate(DateTimeOffset submittedAt)
        => Math.Max(0, ChinaTime.DateOf(submittedAt).DayNumber - SubmissionDeadline.DayNumber);

    public void Close() => Status = Status == PeriodStatus.Open ? PeriodStatus.Closed : Status;

    public void Freeze() => Status = PeriodStatus.Frozen;

    /// <summary>Refuses any change to the period or its reports once the month's statistics are frozen.</summary>
    public void EnsureNotFrozen()
    {
        if (IsFrozen)
        {
            throw new DomainException(DomainText.Format(DomainText.PeriodFrozen, Label));
        }
    }
}
