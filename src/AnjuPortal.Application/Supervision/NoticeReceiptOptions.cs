namespace AnjuPortal.Application.Supervision;

/// <summary>Configuration section <c>NoticeReceipts</c>: when unsigned notices are reminded.</summary>
public sealed class NoticeReceiptOptions
{
    public const string Section = "NoticeReceipts";

    /// <summary>Days after issue (China calendar days) from which a unit that has not signed is reminded, once a day.</summary>
    public int ReminderAfterDays { get; set; } = 2;
}
