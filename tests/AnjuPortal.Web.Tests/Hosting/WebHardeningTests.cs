using System.Net;
using AnjuPortal.Application.Security;
using AnjuPortal.Web.Security;

namespace AnjuPortal.Web.Tests.Hosting;

public sealed class WebHardeningTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new(settings: new Dictionary<string, string> { ["Security:SignInAttemptsPerMinute"] = "6" });

    public async Task InitializeAsync()
    {
        _factory.StartServer();
        await _factory.CreateUserAsync("county.kuancheng", "220103", Roles.CountyOperator);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/")]
    [InlineData("/css/app.css")]
    [InlineData("/does-not-exist")]
    public async Task EveryResponse_CarriesSecurityHeaders(string path)
    {
        using var client = _factory.CreateBrowserLikeClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task SignIn_IsRateLimitedPerAddress_AcrossAccounts()
    {
        using var client = _factory.CreateBrowserLikeClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await SignInFlow.PostLoginAsync(client, $"someone{i}", "wrong-password-123");
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(6), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[6]);

        // Reading the page is not limited.
        using var page = await client.GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Session_EndsAfterIdleTimeout_ButNotBefore()
    {
        using var client = _factory.CreateBrowserLikeClient();
        using (var login = await SignInFlow.PostLoginAsync(client, "county.kuancheng", PortalFactory.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        _factory.Clock.Advance(TimeSpan.FromMinutes(29));
        using (var active = await client.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, active.StatusCode);
        }

        // Activity renews the idle window; 31 idle minutes end the session.
        _factory.Clock.Advance(TimeSpan.FromMinutes(29));
        using (var stillActive = await client.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, stillActive.StatusCode);
        }

        _factory.Clock.Advance(TimeSpan.FromMinutes(31));
        using var idle = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.Equal("/Account/Login", idle.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Session_EndsAtAbsoluteLifetime_EvenWhenActive()
    {
        using var client = _factory.CreateBrowserLikeClient();
        using (var login = await SignInFlow.PostLoginAsync(client, "county.kuancheng", PortalFactory.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        // Active every 20 minutes for 11 h 40 min: the session holds.
        for (var i = 0; i < 35; i++)
        {
            _factory.Clock.Advance(TimeSpan.FromMinutes(20));
            using var response = await client.GetAsync("/");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"still signed in after {(i + 1) * 20} minutes");
        }

        // Past 12 hours from sign-in it ends, however active the user is.
        _factory.Clock.Advance(TimeSpan.FromMinutes(40));
        using var expired = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
    }

    [Fact]
    public async Task SignOut_EndsTheSession_EvenIfTheOldCookieIsReplayed()
    {
        using var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var cookies = await SignInFlow.SignInWithoutCookieJarAsync(client, "county.kuancheng", PortalFactory.Password);

        using (var before = await SignInFlow.GetWithCookiesAsync(client, "/", cookies))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using (var logout = await SignInFlow.PostLogoutWithCookiesAsync(client, cookies))
        {
            Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        }

        using var replay = await SignInFlow.GetWithCookiesAsync(client, "/", cookies);
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Equal("/Account/Login", replay.Headers.Location!.AbsolutePath);
    }
}
