using System.Security.Claims;
using AnjuPortal.Application.Security;
using AnjuPortal.Infrastructure.Identity;

namespace AnjuPortal.Web.Security;

/// <summary>
/// Two-factor sign-in (TOTP authenticator app, with recovery codes) is optional for everyone and required for
/// province administrators and system administrators. Until such a user has enrolled, every page except the
/// enrolment page and sign-out sends them to enrol.
/// </summary>
internal static class TwoFactorPolicy
{
    public const string EnrolPath = "/Account/EnableAuthenticator";

    public static readonly IReadOnlySet<string> RequiredFor = new HashSet<string> { Roles.ProvinceAdministrator, Roles.SystemAdministrator };

    /// <summary>Demo accounts (they exist only in demo mode, with a published password) are exempt so the demo opens at once.</summary>
    public static bool MustEnrol(ClaimsPrincipal user)
        => user.Identity?.IsAuthenticated == true
           && user.HasClaim(AnjuClaimTypes.TwoFactorEnabled, "false")
           && !user.HasClaim(AnjuClaimTypes.DemoAccount, "true")
           && user.FindAll(ClaimTypes.Role).Any(r => RequiredFor.Contains(r.Value));

    public static IApplicationBuilder UseTwoFactorEnrolment(this IApplicationBuilder app)
        => app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (MustEnrol(context.User) && !path.StartsWithSegments("/Account") && !path.StartsWithSegments("/_framework")
                && !path.StartsWithSegments("/_content") && !path.StartsWithSegments("/css"))
            {
                context.Response.Redirect(EnrolPath);
                return;
            }

            await next();
        });
}
