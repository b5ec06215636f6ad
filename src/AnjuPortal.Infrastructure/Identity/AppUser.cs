using AnjuPortal.Domain.Jurisdictions;
using Microsoft.AspNetCore.Identity;

namespace AnjuPortal.Infrastructure.Identity;

/// <summary>A portal user. Belongs to exactly one jurisdiction and sees that node and its subtree.</summary>
public sealed class AppUser : IdentityUser
{
    /// <summary>真实姓名, shown in the trail and the header.</summary>
    public string DisplayName { get; set; } = string.Empty;

    public int JurisdictionId { get; set; }

    public Jurisdiction? Jurisdiction { get; set; }

    public bool IsDemoAccount { get; set; }
}
