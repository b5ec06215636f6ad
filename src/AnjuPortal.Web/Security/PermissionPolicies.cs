using AnjuPortal.Application.Security;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;

namespace AnjuPortal.Web.Security;

/// <summary>One authorization policy per <see cref="Permission"/>, built from the same matrix the use cases check.</summary>
internal static class PermissionPolicies
{
    public static void AddPermissionPolicies(this AuthorizationOptions options)
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            options.AddPolicy(RolePermissions.PolicyName(permission), policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => RolePermissions.AnyGrants(
                    context.User.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value), permission)));
        }

        // Everything not marked otherwise needs a signed-in user.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}

/// <summary>The Hangfire dashboard uses the Administer policy, like every other page: never "return true".</summary>
internal sealed class HangfireDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        var result = await authorization.AuthorizeAsync(http.User, RolePermissions.PolicyName(Permission.Administer));
        return result.Succeeded;
    }
}
