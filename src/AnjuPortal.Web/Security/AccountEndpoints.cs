using AnjuPortal.Application.Auditing;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace AnjuPortal.Web.Security;

internal static class AccountEndpoints
{
    /// <summary>
    /// Sign-out is a POST with antiforgery (a GET link could sign users out from another site), for signed-in users:
    /// said here rather than left to the fallback policy, so the endpoint inventory test sees it.
    /// </summary>
    public static void MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/Account/Logout", async (SignInManager<AppUser> signIn, IAuditLog audit, ICurrentUser user) =>
        {
            if (user.JurisdictionId is { } jurisdictionId)
            {
                await audit.RecordAsync(AuditAction.SignOut, "Account", user.UserId, jurisdictionId, note: null);
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/Account/Login");
        }).RequireAuthorization();
    }
}
