using System.Net;
using AnjuPortal.Application.Security;

namespace AnjuPortal.Web.Tests.Hosting;

public sealed class TwoFactorTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new();

    public async Task InitializeAsync()
    {
        _factory.StartServer();
        await _factory.CreateUserAsync("ops.admin", "220000", Roles.SystemAdministrator);
        await _factory.CreateUserAsync("county.nanguan", "220102", Roles.CountyOperator);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Administrator_MustEnrol_BeforeAnyPageOpens()
    {
        using var client = _factory.CreateBrowserLikeClient();
        using (var login = await SignInFlow.PostLoginAsync(client, "ops.admin", PortalFactory.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        foreach (var path in new[] { "/", "/projects", "/hangfire" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/EnableAuthenticator", response.Headers.Location!.OriginalString);
        }

        await SignInFlow.EnrolAuthenticatorAsync(client);

        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task CountyOperator_IsNotForcedToEnrol()
    {
        using var client = _factory.CreateBrowserLikeClient();
        using var login = await SignInFlow.PostLoginAsync(client, "county.nanguan", PortalFactory.Password);
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task EnrolledUser_NeverSeesTheSecretAgain_AndCannotMintNewRecoveryCodes()
    {
        using var client = _factory.CreateBrowserLikeClient();
        using (var login = await SignInFlow.PostLoginAsync(client, "ops.admin", PortalFactory.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        var (key, _) = await SignInFlow.EnrolAuthenticatorAsync(client);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/Account/EnableAuthenticator"));
        Assert.Contains("data-testid=\"authenticator-enrolled\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"authenticator-key\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain(key.ToLowerInvariant(), page.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("otpauth", page, StringComparison.Ordinal);

        // Replaying the enrolment form with a valid code (token from the sign-out form of any page) is refused: the page
        // of an enrolled user has no such form, so no fresh recovery codes are minted.
        var home = await client.GetStringAsync("/");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "enable-2fa",
            ["__RequestVerificationToken"] = SignInFlow.Token(home),
            ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow),
        });
        using var replay = await client.PostAsync("/Account/EnableAuthenticator", form);
        var html = WebUtility.HtmlDecode(await replay.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.DoesNotContain("data-testid=\"recovery-codes\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnrolledUser_NeedsTheSecondFactor_AndRecoveryCodesWorkOnce()
    {
        string key;
        IReadOnlyList<string> recoveryCodes;
        using (var enrolling = _factory.CreateBrowserLikeClient())
        {
            using var login = await SignInFlow.PostLoginAsync(enrolling, "ops.admin", PortalFactory.Password);
            (key, recoveryCodes) = await SignInFlow.EnrolAuthenticatorAsync(enrolling);
        }

        // Password alone is not enough now.
        using var client = _factory.CreateBrowserLikeClient();
        using (var password = await SignInFlow.PostLoginAsync(client, "ops.admin", PortalFactory.Password))
        {
            Assert.Equal("/Account/LoginWith2fa", password.Headers.Location!.AbsolutePath);
        }

        using (var notYet = await client.GetAsync("/"))
        {
            Assert.Equal("/Account/Login", notYet.Headers.Location!.AbsolutePath);
        }

        using (var wrong = await SignInFlow.PostSecondFactorAsync(client, "000000"))
        {
            Assert.Contains("验证码不正确", WebUtility.HtmlDecode(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var right = await SignInFlow.PostSecondFactorAsync(client, Totp.Code(key, DateTimeOffset.UtcNow)))
        {
            Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        }

        using (var home = await client.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }

        // A recovery code signs in once, and only once.
        using var phoneless = _factory.CreateBrowserLikeClient();
        using (var password = await SignInFlow.PostLoginAsync(phoneless, "ops.admin", PortalFactory.Password))
        using (var recovery = await SignInFlow.PostSecondFactorAsync(phoneless, recoveryCodes[0], recovery: true))
        {
            Assert.Equal(HttpStatusCode.Redirect, recovery.StatusCode);
        }

        using var again = _factory.CreateBrowserLikeClient();
        using (var password = await SignInFlow.PostLoginAsync(again, "ops.admin", PortalFactory.Password))
        using (var reused = await SignInFlow.PostSecondFactorAsync(again, recoveryCodes[0], recovery: true))
        {
            Assert.NotEqual(HttpStatusCode.Redirect, reused.StatusCode);
        }
    }
}
