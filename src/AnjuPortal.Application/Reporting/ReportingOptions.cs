namespace AnjuPortal.Application.Reporting;

/// <summary>
/// Configuration section <c>Reporting</c>: the days of the next month by which reports are due (报送截止日) and by which
/// the province approves (审核截止日). A period keeps the dates it was opened with; the province may move them.
/// </summary>
public sealed class ReportingOptions
{
    public const string Section = "Reporting";

    /// <summary>Day of the next month by which reports are due, China time (default the 5th).</summary>
    public int SubmissionDeadlineDay { get; set; } = Domain.Reporting.ReportingPeriod.DefaultDeadlineDay;

    /// <summary>Day of the next month by which the province has approved: the end of the approval window (default the 15th).</summary>
    public int ApprovalDeadlineDay { get; set; } = Domain.Reporting.ReportingPeriod.DefaultApprovalDay;

    /// <summary>How many days before the deadline units that have not submitted are reminded (default 2: on the 3rd for the 5th).</summary>
    public int ReminderDaysBeforeDeadline { get; set; } = 2;
}
