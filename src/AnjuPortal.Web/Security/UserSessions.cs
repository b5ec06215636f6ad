using System.Globalization;
using System.Security.Claims;
using AnjuPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Distributed;

namespace AnjuPortal.Web.Security;

/// <summary>Session rules: <c>Security:IdleTimeoutMinutes</c> (default 30) and <c>Security:AbsoluteSessionHours</c> (default 12).</summary>
public sealed record SessionPolicy(TimeSpan IdleTimeout, TimeSpan AbsoluteLifetime)
{
    public static SessionPolicy From(IConfiguration configuration) => new(
        TimeSpan.FromMinutes(configuration.GetValue("Security:IdleTimeoutMinutes", 30)),
        TimeSpan.FromHours(configuration.GetValue("Security:AbsoluteSessionHours", 12)));
}

/// <summary>
/// Server-side record of each sign-in session's last activity, so that the idle timeout holds for Blazor
/// circuits (which send no HTTP requests that would renew a cookie) as well as for plain requests.
/// Backed by <see cref="IDistributedCache"/>: in memory for one node; a shared cache for several.
/// </summary>
public sealed class SessionActivity(IDistributedCache cache, TimeProvider clock, SessionPolicy policy)
{
    public const string SessionIdClaim = "anju:sid";
    public const string AuthTimeClaim = "anju:auth_time";

    public async Task TouchAsync(string sessionId, CancellationToken ct = default)
        => await cache.SetStringAsync(Key(sessionId), clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = policy.AbsoluteLifetime }, ct);

    /// <summary>Ends a session at once (sign-out, or an administrator ending it).</summary>
    public Task EndAsync(string sessionId, CancellationToken ct = default)
        => cache.SetStringAsync(Key(sessionId), "ended", new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = policy.AbsoluteLifetime }, ct);

    /// <summary>
    /// Ends every session of a user that began up to now (an administrator's "end all sessions", a lock, a password
    /// reset): each cookie and circuit signed in at or before this second is refused at its next request or check.
    /// The marker lives as long as a session may, after which those sessions are past their absolute lifetime anyway.
    /// A sign-in within the same second as the end is ended too (sign-in times are whole seconds): the user signs in again.
    /// </summary>
    public Task EndAllAsync(string userId, CancellationToken ct = default)
        => cache.SetStringAsync(UserKey(userId), clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = policy.AbsoluteLifetime }, ct);

    /// <summary>Whether a principal's session is still alive: signed in less than the absolute lifetime ago, active within the idle timeout, not ended.</summary>
    public async Task<bool> IsAliveAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        var sessionId = principal.FindFirstValue(SessionIdClaim);
        if (sessionId is null || !long.TryParse(principal.FindFirstValue(AuthTimeClaim), CultureInfo.InvariantCulture, out var authTime))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (now - DateTimeOffset.FromUnixTimeSeconds(authTime) > policy.AbsoluteLifetime)
        {
            return false;
        }

        if (principal.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            && await cache.GetStringAsync(UserKey(userId), ct) is { } endedAt
            && long.TryParse(endedAt, CultureInfo.InvariantCulture, out var ended)
            && authTime <= ended)
        {
            return false;
        }

        var lastSeen = await cache.GetStringAsync(Key(sessionId), ct);
        if (lastSeen == "ended")
        {
            return false;
        }

        // Unknown to the cache (a restart of a single node with an in-memory cache): counts as active now.
        return lastSeen is null
            || !long.TryParse(lastSeen, CultureInfo.InvariantCulture, out var seen)
            || now - DateTimeOffset.FromUnixTimeSeconds(seen) <= policy.IdleTimeout;
    }

    private static string Key(string sessionId) => $"anju:session:{sessionId}";

    private static string UserKey(string userId) => $"anju:user-sessions-ended:{userId}";
}

/// <summary>Cookie events that stamp a session id and sign-in time and enforce <see cref="SessionActivity"/> on every request.</summary>
internal sealed class SessionCookieEvents(SessionActivity sessions, TimeProvider clock) : CookieAuthenticationEvents
{
    public override async Task SigningIn(CookieSigningInContext context)
    {
        if (context.Principal?.Identity is ClaimsIdentity identity && identity.FindFirst(SessionActivity.SessionIdClaim) is null)
        {
            var sessionId = Guid.NewGuid().ToString("N");
            identity.AddClaim(new Claim(SessionActivity.SessionIdClaim, sessionId));
            identity.AddClaim(new Claim(SessionActivity.AuthTimeClaim, clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
            context.Properties.Items[SessionActivity.SessionIdClaim] = sessionId;
            context.Properties.Items[SessionActivity.AuthTimeClaim] = identity.FindFirst(SessionActivity.AuthTimeClaim)!.Value;
            await sessions.TouchAsync(sessionId);
        }

        await base.SigningIn(context);
    }

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || !await sessions.IsAliveAsync(context.Principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        // Identity's security stamp check (ends sessions after a password change or an administrator's "sign out everywhere").
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal?.Identity is ClaimsIdentity refreshed && refreshed.FindFirst(SessionActivity.SessionIdClaim) is null
            && context.Properties.Items.TryGetValue(SessionActivity.SessionIdClaim, out var sid) && sid is not null
            && context.Properties.Items.TryGetValue(SessionActivity.AuthTimeClaim, out var authTime) && authTime is not null)
        {
            // A principal rebuilt by the stamp validator keeps its session identity.
            refreshed.AddClaim(new Claim(SessionActivity.SessionIdClaim, sid));
            refreshed.AddClaim(new Claim(SessionActivity.AuthTimeClaim, authTime));
        }

        if (context.Principal?.FindFirstValue(SessionActivity.SessionIdClaim) is { } sessionId)
        {
            await sessions.TouchAsync(sessionId);
        }
    }

    public override async Task SigningOut(CookieSigningOutContext context)
    {
        if (context.HttpContext.User.FindFirstValue(SessionActivity.SessionIdClaim) is { } sessionId)
        {
            await sessions.EndAsync(sessionId);
        }

        await base.SigningOut(context);
    }
}
