using System.Net;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Web.Tests.Hosting;

/// <summary>On Kestrel (the test server applies neither limit): the request body limit and the trusted-proxy list.</summary>
public sealed class RequestLimitsTests
{
    [Fact]
    public async Task RequestLargerThanLimit_IsRefused_WhileTheSameFormSmallerIsServed()
    {
        await using var factory = new PortalFactory(settings: new Dictionary<string, string> { ["Uploads:MaxRequestBytes"] = "4096" });
        using var client = RealClient(factory);

        // The same sign-in form, once padded under the limit and once over it. Kestrel fails the body read over the
        // limit (413); the antiforgery check reads the form first and answers that failure with 400.
        using var allowed = await PostPaddedSignInAsync(client, 1024);
        using var refused = await PostPaddedSignInAsync(client, 8192);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Contains("用户名或密码不正确", WebUtility.HtmlDecode(await allowed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True(refused.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"refused with {refused.StatusCode}");
        var kestrel = factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value;
        Assert.Equal(4096, kestrel.Limits.MaxRequestBodySize);
        Assert.Equal(4096, factory.Services.GetRequiredService<IOptions<FormOptions>>().Value.MultipartBodyLengthLimit);
    }

    private static async Task<HttpResponseMessage> PostPaddedSignInAsync(HttpClient client, int padding)
    {
        var page = await client.GetStringAsync("/Account/Login");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = SignInFlow.Token(page),
            ["Input.UserName"] = "nobody.here",
            ["Input.Password"] = "Wrong-Password-2026",
            ["padding"] = new('a', padding),
        });
        return await client.PostAsync("/Account/Login", form);
    }

    [Fact]
    public async Task ForwardedFor_IsIgnored_WhenNoProxyConfigured()
    {
        await using var factory = new PortalFactory();
        using var client = RealClient(factory);

        await FailSignInAsync(client, "203.0.113.9");

        Assert.Equal("127.0.0.1", await LastSignInAddressAsync(factory));
    }

    [Fact]
    public async Task ForwardedFor_GivesClientAddress_WhenRequestComesFromKnownProxy()
    {
        await using var factory = new PortalFactory(settings: new Dictionary<string, string> { ["ReverseProxy:KnownProxies:0"] = "127.0.0.1" });
        using var client = RealClient(factory);

        await FailSignInAsync(client, "203.0.113.9");

        Assert.Equal("203.0.113.9", await LastSignInAddressAsync(factory));
    }

    [Fact]
    public async Task ForwardedFor_IsIgnored_WhenRequestComesFromUnlistedAddress()
    {
        await using var factory = new PortalFactory(settings: new Dictionary<string, string> { ["ReverseProxy:KnownNetworks:0"] = "10.0.0.0/8" });
        using var client = RealClient(factory);

        await FailSignInAsync(client, "203.0.113.9");

        Assert.Equal("127.0.0.1", await LastSignInAddressAsync(factory));
    }

    private static HttpClient RealClient(PortalFactory factory)
    {
        var address = factory.UseRealServer();
#pragma warning disable CA2000 // the client owns and disposes the handler
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = address };
    }

    private static async Task FailSignInAsync(HttpClient client, string forwardedFor)
    {
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        using var response = await SignInFlow.PostLoginAsync(client, "nobody.here", "Wrong-Password-2026");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string?> LastSignInAddressAsync(PortalFactory factory)
    {
        await using var db = factory.Services.GetRequiredService<SystemDbContextFactory>().Create();
        var entry = await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.SignInFailed).OrderBy(e => e.Sequence).LastAsync();
        return entry.ClientAddress;
    }
}
