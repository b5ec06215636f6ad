using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.Domain.Common;

/// <summary>
/// Data that belongs to one jurisdiction 辖区. Every type implementing this is filtered by the user's
/// jurisdiction subtree in one place (the DbContext's query filter) and guarded on write.
/// </summary>
public interface ITenantOwned
{
    int JurisdictionId { get; }

    Jurisdiction? Jurisdiction { get; }
}
