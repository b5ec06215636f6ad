using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.Domain.Notifications;

/// <summary>What an in-app notification 站内通知 is about.</summary>
public enum NotificationKind
{
    /// <summary>催报提醒: the unit has not submitted and the deadline is near.</summary>
    Reminder = 0,
    /// <summary>月报被退回</summary>
    Returned = 1,
    /// <summary>月报审核通过</summary>
    Approved = 2,
    /// <summary>逾期未报: the deadline passed without a submission (to the unit and its city).</summary>
    Late = 3,
    /// <summary>台账销号: the province returned or closed a ledger case the unit applied to close (link: the case page).</summary>
    CaseClosure = 4,
    /// <summary>公文签收: a notice the unit has not signed for (催签收), or the list of units that have not (to the issuer).</summary>
    NoticeReceipt = 5,
}

/// <summary>
/// An in-app notification 站内通知 for one user. Filed under the recipient's unit (tenant-owned, so the tree's filter
/// applies) and read only by its recipient. <see cref="DeduplicationKey"/> is unique per recipient: a job that runs
/// twice, or on two servers at once, cannot notify the same user of the same thing twice (the database refuses the
/// second row).
/// </summary>
public sealed class Notification : Entity, ITenantOwned
{
    public const int TextMaxLength = 500;
    public const int LinkMaxLength = 300;
    public const int KeyMaxLength = 100;

    private Notification() { }

    /// <summary>The Identity user id of the recipient.</summary>
    public string RecipientUserId { get; private set; } = string.Empty;

    /// <summary>The recipient's unit (tenancy).</summary>
    public int JurisdictionId { get; private set; }

    public Jurisdiction? Jurisdiction { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>The reporting period it concerns, when it concerns one.</summary>
    public int? ReportingPeriodId { get; private set; }

    /// <summary>What happened, in Chinese, as the recipient reads it.</summary>
    public string Text { get; private set; } = string.Empty;

    /// <summary>A relative link to the page concerned (e.g. <c>/reports/12/340</c>: period and unit), or null.</summary>
    public string? Link { get; private set; }

    /// <summary>What makes it unique for the recipient, e.g. <c>reminder:P12</c>, <c>late:P12:J34</c>, <c>returned:R55:v3</c>.</summary>
    public string DeduplicationKey { get; private set; } = string.Empty;

    /// <summary>When the recipient marked it read, or null while unread.</summary>
    public DateTimeOffset? ReadAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    public static Notification Create(
        string recipientUserId, int jurisdictionId, NotificationKind kind, int? periodId, string text, string? link, string deduplicationKey)
    {
        var notification = new Notification
        {
            RecipientUserId = Guard.Required(recipientUserId, nameof(RecipientUserId), "接收人", 450),
            JurisdictionId = jurisdictionId,
            Kind = kind,
            ReportingPeriodId = periodId,
            Text = Shorten(Guard.Required(text, nameof(Text), "通知内容", int.MaxValue), TextMaxLength),
            Link = link is { Length: > LinkMaxLength } ? null : link,
            DeduplicationKey = Guard.Required(deduplicationKey, nameof(DeduplicationKey), "去重键", KeyMaxLength),
        };
        return notification;
    }

    /// <summary>Marks it read (the first time only: reading again keeps the first time).</summary>
    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
