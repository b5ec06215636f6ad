using System.Security.Claims;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Infrastructure.Identity;

/// <summary>Claim types the portal adds to the sign-in cookie.</summary>
public static class AnjuClaimTypes
{
    public const string JurisdictionId = "anju:jurisdiction_id";
    public const string JurisdictionPath = "anju:jurisdiction_path";
    public const string JurisdictionName = "anju:jurisdiction_name";
    public const string DisplayName = "anju:display_name";

    /// <summary>"true" or "false": whether the account has an authenticator enrolled (some roles must).</summary>
    public const string TwoFactorEnabled = "anju:2fa";

    /// <summary>Present on demo accounts (demo mode only), which are exempt from the two-factor requirement.</summary>
    public const string DemoAccount = "anju:demo";
}

/// <summary>Puts the user's jurisdiction (read with system scope: an anonymous sign-in sees no jurisdiction yet) into the cookie.</summary>
public sealed class AnjuClaimsPrincipalFactory(
    UserManager<AppUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    SystemDbContextFactory system)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        await using var db = system.Create();
        var jurisdiction = await db.Jurisdictions.AsNoTracking().FirstAsync(j => j.Id == user.JurisdictionId);
        identity.AddClaim(new Claim(AnjuClaimTypes.JurisdictionId, jurisdiction.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(AnjuClaimTypes.JurisdictionPath, jurisdiction.Path));
        identity.AddClaim(new Claim(AnjuClaimTypes.JurisdictionName, jurisdiction.Name));
        identity.AddClaim(new Claim(AnjuClaimTypes.DisplayName, string.IsNullOrEmpty(user.DisplayName) ? user.UserName ?? string.Empty : user.DisplayName));
        identity.AddClaim(new Claim(AnjuClaimTypes.TwoFactorEnabled, user.TwoFactorEnabled ? "true" : "false"));
        if (user.IsDemoAccount)
        {
            identity.AddClaim(new Claim(AnjuClaimTypes.DemoAccount, "true"));
        }
        return identity;
    }
}
