using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.Domain.Supervision;

/// <summary>
/// 签收: one row per recipient unit of an issued notice, created in the issuing transaction. Owned by the recipient
/// unit (tenant-owned), so a city sees its own receipts and, through them, the notices addressed to it. A unit signs
/// once: who and when are recorded and never change; a second signing is refused (and the version token refuses a
/// second signing that raced the first).
/// </summary>
public sealed class NoticeReceipt : AggregateRoot, ITenantOwned
{
    public const int ActorMaxLength = 256;

    private NoticeReceipt() { }

    public int NoticeId { get; private set; }

    public OfficialNotice? Notice { get; private set; }

    /// <summary>The recipient unit (tenancy).</summary>
    public int JurisdictionId { get; private set; }

    public Jurisdiction? Jurisdiction { get; private set; }

    /// <summary>When the notice was issued to the unit (the clock starts here for reminders).</summary>
    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset? SignedAt { get; private set; }

    public string? SignedBy { get; private set; }

    public bool IsSigned => SignedAt is not null;

    public static NoticeReceipt For(int noticeId, int unitId, DateTimeOffset issuedAt)
        => new() { NoticeId = noticeId, JurisdictionId = unitId, IssuedAt = issuedAt };

    /// <summary>签收 by <paramref name="by"/> at <paramref name="at"/>; once only.</summary>
    public void Sign(DateTimeOffset at, string by)
    {
        if (IsSigned)
        {
            throw new DomainException(DomainText.Format(DomainText.NoticeAlreadySigned, SignedBy, ChinaTime.DateOf(SignedAt!.Value).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        SignedAt = at;
        var actor = string.IsNullOrWhiteSpace(by) ? "system" : by.Trim();
        SignedBy = actor[..Math.Min(actor.Length, ActorMaxLength)];
    }
}
