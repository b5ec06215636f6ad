using System.Net;
using AnjuPortal.Application.Security;
using AnjuPortal.Web.Tests.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Web.Tests.Security;

/// <summary>
/// Nothing is reachable by accident: every routable page and every endpoint the running app maps either carries an
/// authorization policy (or <c>[Authorize]</c>) or is on a short, reasoned anonymous list. A page or endpoint added
/// without either fails here.
/// </summary>
/// <remarks>
/// Two kinds of endpoint are judged by rule instead of by list:
/// <list type="bullet">
/// <item>static assets (endpoints made by <c>MapStaticAssets</c>, recognised by their <see cref="StaticAssetDescriptor"/>):
/// files from wwwroot and packages' <c>_content</c>, public by design so the sign-in page can load its styles; they
/// must answer GET and HEAD only;</item>
/// <item>the framework's own endpoints listed in <see cref="FallbackCovered"/> (the Blazor circuit hub, Blazor's opaque
/// redirection, and the development-time file fallback of <c>MapStaticAssets</c>): they carry no metadata of their
/// own, the app cannot attach any, and they are covered by the fallback policy, which this test checks requires a
/// signed-in user. An endpoint the app maps itself never belongs on that list.</item>
/// </list>
/// </remarks>
public sealed class EndpointAuthorizationTests : IClassFixture<EndpointAuthorizationTests.Portal>
{
    /// <summary>Framework endpoints covered by the fallback policy, by route pattern (a trailing '*' matches a prefix).</summary>
    private static readonly string[] FallbackCovered =
    [
        "/_blazor*",                   // the interactive-server circuit hub: /_blazor, /_blazor/negotiate, ...
        "/_framework/opaque-redirect", // Blazor's redirect after an interactive form post
        "/{**path:file}",              // MapStaticAssets in Development: serves files changed since the build
    ];

    private readonly Portal _portal;

    public EndpointAuthorizationTests(Portal portal) => _portal = portal;

    public sealed class Portal : IAsyncLifetime
    {
        public PortalFactory Factory { get; } = new();

        public Task InitializeAsync()
        {
            Factory.StartServer();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    [Fact]
    public void EveryRoutablePage_HasAnAuthorizationPolicy_OrIsOnTheAnonymousList()
    {
        Assert.NotEmpty(PageCatalog.Routes);
        var unprotected = PageCatalog.Routes
            .Where(r => r.AllowsAnonymous ? !PageCatalog.AnonymousPages.ContainsKey(r.Page) : r.Authorization.Count == 0)
            .Select(r => $"{r.Page.FullName} ({r.Template})")
            .ToList();

        Assert.True(unprotected.Count == 0,
            "Pages with neither [Authorize]/[AuthorizePermission] nor a place on PageCatalog.AnonymousPages: " + string.Join(", ", unprotected));
    }

    [Fact]
    public void AnonymousList_NamesOnlyRoutablePagesThatAllowAnonymous()
    {
        foreach (var page in PageCatalog.AnonymousPages.Keys)
        {
            var routes = PageCatalog.Routes.Where(r => r.Page == page).ToList();
            Assert.True(routes.Count > 0, $"{page.Name} is on the anonymous list but has no route");
            Assert.All(routes, r => Assert.True(r.AllowsAnonymous, $"{page.Name} is on the anonymous list but does not allow anonymous users"));
        }
    }

    [Fact]
    public void EveryRoutablePage_HasASampleForTheAccessTests()
    {
        var missing = PageCatalog.Routes.Where(r => !PageCatalog.Samples.ContainsKey(r.Template)).Select(r => r.Template).ToList();
        Assert.True(missing.Count == 0, "Add these routes to PageCatalog.Samples so the HTTP access tests cover them: " + string.Join(", ", missing));

        var stale = PageCatalog.Samples.Keys.Except(PageCatalog.Routes.Select(r => r.Template), StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0, "Samples for routes that no longer exist: " + string.Join(", ", stale));
    }

    [Fact]
    public void EveryProtectedPage_DemandsThePermissionItsSampleDeclares()
    {
        var drifted = PageCatalog.ProtectedRoutes
            .Where(r => PageCatalog.Samples.ContainsKey(r.Template))
            .Where(r => !r.Permissions.SequenceEqual(r.Sample.Requires is { } p ? [p] : []))
            .Select(r => $"{r.Template} demands [{string.Join(", ", r.Permissions)}], the sample says {r.Sample.Requires?.ToString() ?? "none"}")
            .ToList();
        Assert.True(drifted.Count == 0, "Page permissions changed; if on purpose, update PageCatalog.Samples: " + string.Join("; ", drifted));
    }

    [Fact]
    public void FallbackPolicy_RequiresASignedInUser()
    {
        var options = _portal.Factory.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value;
        Assert.NotNull(options.FallbackPolicy);
        Assert.Contains(options.FallbackPolicy.Requirements, r => r is Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement);
    }

    [Fact]
    public void EveryEndpoint_HasAnAuthorizationPolicy_OrIsAnonymousByRule()
    {
        var endpoints = AppEndpoints();
        Assert.Contains(endpoints, e => Pattern(e) == "/Account/Logout");
        Assert.Contains(endpoints, e => Pattern(e).StartsWith("/hangfire", StringComparison.Ordinal));
        Assert.Contains(endpoints, e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is not null);

        var problems = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var metadata = endpoint.Metadata;
            var pattern = Pattern(endpoint);
            if (metadata.GetMetadata<StaticAssetDescriptor>() is not null)
            {
                var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
                if (methods.Count == 0 || methods.Except(["GET", "HEAD"]).Any())
                {
                    problems.Add($"{pattern}: a static asset answering {string.Join('/', methods.DefaultIfEmpty("any method"))}");
                }

                continue;
            }

            var page = metadata.GetMetadata<ComponentTypeMetadata>()?.Type;
            if (metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                if (page is null ? !EndpointCatalog.AnonymousEndpoints.Contains(pattern) : !PageCatalog.AnonymousPages.ContainsKey(page))
                {
                    problems.Add($"{pattern}: allows anonymous users but is not on the anonymous list");
                }

                continue;
            }

            var authorized = metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0
                             || metadata.GetOrderedMetadata<IAuthorizationRequirementData>().Count > 0
                             || metadata.GetOrderedMetadata<AuthorizationPolicy>().Count > 0;
            if (!authorized && !FallbackCovered.Any(p => p.EndsWith('*') ? pattern.StartsWith(p.TrimEnd('*'), StringComparison.Ordinal) : pattern == p))
            {
                problems.Add($"{pattern}: no authorization policy ({endpoint.DisplayName})");
            }
        }

        Assert.True(problems.Count == 0, "Endpoints not protected as they should be:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void EveryAppEndpoint_IsInTheEndpointCatalog_DemandingThePermissionItsEntryDeclares()
    {
        var endpoints = AppEndpoints();
        Assert.Contains(endpoints, e => Pattern(e) == "/export/projects.xlsx");
        Assert.Contains(endpoints, e => Pattern(e) == "/export/households.xlsx");

        var problems = new List<string>();
        var covered = new HashSet<EndpointEntry>();
        foreach (var endpoint in endpoints)
        {
            var metadata = endpoint.Metadata;
            var pattern = Pattern(endpoint);
            if (metadata.GetMetadata<StaticAssetDescriptor>() is not null || metadata.GetMetadata<ComponentTypeMetadata>() is not null
                || EndpointCatalog.AnonymousEndpoints.Contains(pattern)
                || FallbackCovered.Any(p => p.EndsWith('*') ? pattern.StartsWith(p.TrimEnd('*'), StringComparison.Ordinal) : pattern == p))
            {
                continue;
            }

            if (EndpointCatalog.For(pattern) is not { } entry)
            {
                problems.Add($"{pattern}: not in EndpointCatalog ({endpoint.DisplayName})");
                continue;
            }

            covered.Add(entry);
            var policies = metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var expected = entry.Requires is { } permission ? RolePermissions.PolicyName(permission) : null;
            if (policies.Count == 0 || policies.Any(p => p != expected))
            {
                problems.Add($"{pattern}: demands [{string.Join(", ", policies.Select(p => p ?? "signed-in"))}], the catalog says {expected ?? "signed-in"}");
            }
        }

        problems.AddRange(EndpointCatalog.Entries.Except(covered).Select(e => $"{e.Pattern}: in EndpointCatalog but not mapped"));
        Assert.True(problems.Count == 0, "Endpoints and EndpointCatalog differ:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task SignOut_RefusesAnonymousPosts()
    {
        using var client = _portal.Factory.CreateBrowserLikeClient();
        using var response = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Equal("/Account/Login", PageAccessTests.PathOf(response.Headers.Location!));
        }
    }

    [Fact]
    public async Task CircuitHub_RefusesAnonymousNegotiation()
    {
        using var client = _portal.Factory.CreateBrowserLikeClient();
        using var response = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", new StringContent(string.Empty));
        Assert.False(response.IsSuccessStatusCode, $"Anonymous negotiation answered {response.StatusCode}");
        Assert.Equal("/Account/Login", PageAccessTests.PathOf(response.Headers.Location!));
    }

    private List<RouteEndpoint> AppEndpoints()
        => _portal.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    private static string Pattern(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
}
