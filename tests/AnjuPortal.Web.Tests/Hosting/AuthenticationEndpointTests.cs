using System.Net;
using AnjuPortal.Application.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.Hosting;

public sealed class AuthenticationEndpointTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();

    public async Task InitializeAsync()
    {
        _factory.StartServer();
        await _factory.CreateUserAsync("county.nanguan", "220102", Roles.CountyOperator);
        await _factory.CreateUserAsync("ops.admin", "220000", Roles.SystemAdministrator);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/projects")]
    [InlineData("/cases")]
    public async Task AnonymousRequest_IsSentToSignIn(string path)
    {
        using var client = _factory.CreateBrowserLikeClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.AbsolutePath);
        Assert.Contains(Uri.EscapeDataString(path), response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_IsServedInChinese_ToAnonymousUsers()
    {
        using var client = _factory.CreateBrowserLikeClient();
        var html = await client.GetStringAsync("/Account/Login");

        Assert.Contains("lang=\"zh-CN\"", html, StringComparison.Ordinal);
        Assert.Contains("登录", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ShowsJurisdiction_WhenPasswordIsRight()
    {
        using var client = _factory.CreateBrowserLikeClient();
        using var login = await SignInFlow.PostLoginAsync(client, "county.nanguan", PortalFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.AbsolutePath);

        var home = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        Assert.Contains("南关区", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_RefusesAndLocksOut_AfterFiveWrongPasswords()
    {
        using var client = _factory.CreateBrowserLikeClient();
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await SignInFlow.PostLoginAsync(client, "county.nanguan", "not-the-password");
            Assert.Contains("用户名或密码不正确", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using var fifth = await SignInFlow.PostLoginAsync(client, "county.nanguan", "not-the-password");
        Assert.Contains("账号已锁定", WebUtility.HtmlDecode(await fifth.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // Locked: even the right password is refused now.
        using var right = await SignInFlow.PostLoginAsync(client, "county.nanguan", PortalFactory.Password);
        Assert.NotEqual(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("账号已锁定", WebUtility.HtmlDecode(await right.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInAttempts_AreRecordedInTheAuditTrail_UnderTheUsersUnit()
    {
        using var client = _factory.CreateBrowserLikeClient();
        using (var wrong = await SignInFlow.PostLoginAsync(client, "county.nanguan", "not-the-password"))
        using (var right = await SignInFlow.PostLoginAsync(client, "county.nanguan", PortalFactory.Password))
        using (var unknown = await SignInFlow.PostLoginAsync(client, "nobody-here", "whatever-password"))
        {
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        }

        await using var db = _factory.Services.GetRequiredService<AnjuPortal.Infrastructure.Persistence.SystemDbContextFactory>().Create();
        var records = await db.AuditEntries.AsNoTracking().Include(a => a.Jurisdiction)
            .Where(a => a.EntityType == "Account").OrderBy(a => a.Sequence).ToListAsync();
        Assert.Equal(
            [(AnjuPortal.Domain.Auditing.AuditAction.SignInFailed, "county.nanguan", "南关区"),
             (AnjuPortal.Domain.Auditing.AuditAction.SignIn, "county.nanguan", "南关区"),
             (AnjuPortal.Domain.Auditing.AuditAction.SignInFailed, "nobody-here", "吉林省")],
            records.Select(r => (r.Action, r.UserName, r.Jurisdiction!.Name)));
        Assert.True((await AnjuPortal.Infrastructure.Auditing.AuditTrailVerifier.VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task SignIn_DoesNotRedirectOffSite_WhenReturnUrlIsAbsolute()
    {
        using var client = _factory.CreateBrowserLikeClient();
        using var login = await SignInFlow.PostLoginAsync(client, "ops.admin", PortalFactory.Password, "https://example.invalid/phish");

        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("localhost", login.Headers.Location!.Host);
        Assert.Equal("/", login.Headers.Location.AbsolutePath);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("county.nanguan", false)]
    [InlineData("ops.admin", true)]
    public async Task JobDashboard_OpensOnlyForSystemAdministrators(string? userName, bool allowed)
    {
        using var client = _factory.CreateBrowserLikeClient();
        if (userName is not null)
        {
            using var login = await SignInFlow.PostLoginAsync(client, userName, PortalFactory.Password);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            if (allowed)
            {
                // System administrators must enrol a second factor before any page opens.
                await SignInFlow.EnrolAuthenticatorAsync(client);
            }
        }

        using var response = await client.GetAsync("/hangfire");
        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
    }
}
