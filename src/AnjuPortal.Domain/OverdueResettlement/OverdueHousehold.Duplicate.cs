using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.OverdueResettlement;

/// <summary>
/// The province-wide duplicate marker. A person (same ID-number blind index) may stand in two ledgers only when a
/// user confirmed it as a known duplicate with a reason; both records then carry the flag, and the later one names
/// the earlier (<see cref="DuplicateOfId"/>). The earlier record is flagged by the registering use case through
/// the reviewed cross-tenant path, since it may lie in another jurisdiction.
/// </summary>
public sealed partial class OverdueHousehold
{
    /// <summary>The household registered earlier for the same person, when this one was confirmed as a known duplicate.</summary>
    public int? DuplicateOfId { get; private set; }

    /// <summary>疑似重复: the same ID number is registered elsewhere in the province, confirmed as known.</summary>
    public bool IsFlaggedDuplicate { get; private set; }

    /// <summary>The reason the user gave when confirming the duplicate (on the later record).</summary>
    public string? DuplicateReason { get; private set; }

    /// <summary>Marks this (new) household as a confirmed duplicate of <paramref name="earlierId"/>, with the user's reason.</summary>
    public void ConfirmDuplicateOf(int earlierId, string reason)
    {
        DuplicateReason = Guard.Required(reason, nameof(DuplicateReason), DomainText.Named("Label_DuplicateReason"), 200);
        DuplicateOfId = earlierId;
        IsFlaggedDuplicate = true;
    }
}
