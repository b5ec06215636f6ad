namespace AnjuPortal.Web.Security;

/// <summary>
/// Security headers on every response. The Content-Security-Policy allows only this origin's scripts (Blazor
/// Server needs no eval), inline styles (MudBlazor sets style attributes), same-origin WebSocket/fetch, and no
/// framing. Evidence downloads are sandboxed. The Hangfire dashboard, for administrators only, needs inline scripts and gets its own policy.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string DashboardContentSecurityPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Evidence downloads (<c>/cases/evidence/…</c>): even if a browser rendered one, it runs in a sandbox (no script,
    /// a unique origin) and may load nothing. ADR-006.
    /// </summary>
    public const string EvidenceContentSecurityPolicy = "sandbox; default-src 'none'; frame-ancestors 'none'";

    /// <summary>A notice's .docx or .pdf (<c>/supervision/notices/{id}.docx</c>): sandboxed like evidence.</summary>
    private static bool IsNoticeFile(PathString path)
        => path.StartsWithSegments("/supervision/notices") && path.Value is { } value
           && (value.EndsWith(".docx", StringComparison.OrdinalIgnoreCase) || value.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase));

    private static string PolicyFor(PathString path)
        => path.StartsWithSegments("/hangfire") ? DashboardContentSecurityPolicy
            : path.StartsWithSegments("/cases/evidence") ? EvidenceContentSecurityPolicy
            : IsNoticeFile(path) ? EvidenceContentSecurityPolicy
            : ContentSecurityPolicy;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
        => app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = PolicyFor(context.Request.Path);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next();
        });
}
