using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace AnjuPortal.Web.Security;

/// <summary>
/// Sign-in attempts are limited per client address (<c>Security:SignInAttemptsPerMinute</c>, default 10 a
/// minute), on top of the per-account lockout: one address cannot try passwords across many accounts.
/// Behind a reverse proxy, forwarded headers must be configured so that the address is the client's.
/// </summary>
internal static class SignInRateLimiting
{
    public const string Policy = "sign-in";

    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Security:SignInAttemptsPerMinute", 10);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("登录尝试过于频繁，请稍后再试。", ct);
            };
            options.AddPolicy(Policy, http => HttpMethods.IsPost(http.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
        });
    }
}
