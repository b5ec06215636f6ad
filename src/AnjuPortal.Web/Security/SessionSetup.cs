using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace AnjuPortal.Web.Security;

internal static class SessionSetup
{
    /// <summary>The sign-in cookie, session idle and absolute limits, and circuit revalidation.</summary>
    public static IServiceCollection AddSessionSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        var policy = SessionPolicy.From(configuration);
        services.AddSingleton(policy);
        services.AddDistributedMemoryCache();
        services.AddSingleton<SessionActivity>();
        services.AddScoped<SessionCookieEvents>();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidatingAuthenticationStateProvider>();
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "anju.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // The cookie lives at most as long as a session may; idleness is checked server-side on every request and circuit.
            options.ExpireTimeSpan = policy.AbsoluteLifetime;
            options.SlidingExpiration = false;
            options.EventsType = typeof(SessionCookieEvents);
        });
        return services;
    }
}
