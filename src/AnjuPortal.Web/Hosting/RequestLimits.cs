using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace AnjuPortal.Web.Hosting;

/// <summary>
/// What the portal accepts from the network, set in one place: the largest request body (uploads included), and
/// which reverse proxies are trusted to say who the client is.
/// <list type="bullet">
/// <item><c>Uploads:MaxRequestBytes</c> (default 25 MB): Kestrel refuses a larger body with 413 before the app reads
/// it; multipart forms get the same limit. Each upload feature also checks its own per-file size and types.</item>
/// <item><c>ReverseProxy:KnownProxies</c> / <c>ReverseProxy:KnownNetworks</c> (IP addresses / CIDR ranges): only
/// when set are <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> read, and only from those addresses, one hop
/// deep. Without them the headers are ignored, so nobody can pick their own address to dodge the sign-in limit or
/// forge the address written to the audit trail.</item>
/// </list>
/// </summary>
internal static class RequestLimits
{
    public const long DefaultMaxRequestBytes = 25L * 1024 * 1024;

    public static WebApplicationBuilder AddAnjuRequestLimits(this WebApplicationBuilder builder)
    {
        var maxBytes = builder.Configuration.GetValue("Uploads:MaxRequestBytes", DefaultMaxRequestBytes);
        if (maxBytes <= 0)
        {
            throw new InvalidOperationException("Uploads:MaxRequestBytes 必须为正数（字节）。");
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBytes);
        builder.Services.Configure<FormOptions>(form => form.MultipartBodyLengthLimit = maxBytes);
        // Evidence files arrive over the Blazor circuit, not as a request body; they still get no larger than a request may be.
        builder.Services.PostConfigure<Application.OverdueResettlement.Closure.EvidenceOptions>(evidence => evidence.MaxFileBytes = Math.Min(evidence.MaxFileBytes, maxBytes));

        var proxies = builder.Configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [];
        var networks = builder.Configuration.GetSection("ReverseProxy:KnownNetworks").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = 1;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"ReverseProxy:KnownProxies 中的“{proxy}”不是有效的 IP 地址。"));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(IPNetwork.TryParse(network, out var range)
                    ? range
                    : throw new InvalidOperationException($"ReverseProxy:KnownNetworks 中的“{network}”不是有效的网段（如 10.0.0.0/8）。"));
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline: everything after it sees the client's address and scheme.</summary>
    public static WebApplication UseAnjuForwardedHeaders(this WebApplication app)
    {
        if (app.Configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() is { Length: > 0 }
            || app.Configuration.GetSection("ReverseProxy:KnownNetworks").Get<string[]>() is { Length: > 0 })
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
