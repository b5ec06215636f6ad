using System.Net;
using System.Text.RegularExpressions;

namespace AnjuPortal.Web.Tests.Hosting;

/// <summary>Signs in through the real sign-in form: fetch the page, take its antiforgery token, post the form.</summary>
internal static partial class SignInFlow
{
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string returnUrl = "/")
    {
        var page = await client.GetStringAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, "The sign-in page carries an antiforgery token");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        return await client.PostAsync($"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", form);
    }

    /// <summary>Enrols an authenticator on the enrolment page; returns the key and the recovery codes shown once.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAuthenticatorAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/Account/EnableAuthenticator");
        var key = AuthenticatorKey().Match(page);
        Assert.True(key.Success, "The enrolment page shows the key");
        var secret = key.Groups[1].Value.Replace(" ", string.Empty, StringComparison.Ordinal);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "enable-2fa",
            ["__RequestVerificationToken"] = Token(page),
            ["Input.Code"] = Totp.Code(secret, DateTimeOffset.UtcNow),
        });
        using var response = await client.PostAsync("/Account/EnableAuthenticator", form);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var codes = RecoveryCode().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        return (secret, codes);
    }

    /// <summary>Posts the second-factor form (authenticator code or recovery code).</summary>
    public static async Task<HttpResponseMessage> PostSecondFactorAsync(HttpClient client, string code, bool recovery = false)
    {
        var url = recovery ? "/Account/LoginWith2fa?recovery=true&ReturnUrl=%2F" : "/Account/LoginWith2fa?ReturnUrl=%2F";
        var page = await client.GetStringAsync(url);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login-2fa",
            ["__RequestVerificationToken"] = Token(page),
            ["Input.Code"] = code,
        });
        return await client.PostAsync(url, form);
    }

    [GeneratedRegex("data-testid=\"authenticator-key\">([a-z0-9 ]+)<")]
    private static partial Regex AuthenticatorKey();

    [GeneratedRegex("<li><code>([^<]+)</code></li>")]
    private static partial Regex RecoveryCode();

    /// <summary>Signs in with a client that keeps no cookies; returns the cookies (antiforgery and sign-in) as one Cookie header value.</summary>
    public static async Task<string> SignInWithoutCookieJarAsync(HttpClient client, string userName, string password)
    {
        using var pageResponse = await client.GetAsync("/Account/Login");
        var jar = new Dictionary<string, string>();
        Collect(pageResponse, jar);
        var token = Token(await pageResponse.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
            }),
        };
        request.Headers.Add("Cookie", Header(jar));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Collect(response, jar);
        Assert.Contains("anju.auth", jar.Keys);
        return Header(jar);
    }

    public static async Task<HttpResponseMessage> GetWithCookiesAsync(HttpClient client, string path, string cookies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookies);
        return await client.SendAsync(request);
    }

    /// <summary>Posts the sign-out form of the home page (it carries its own antiforgery token).</summary>
    public static async Task<HttpResponseMessage> PostLogoutWithCookiesAsync(HttpClient client, string cookies)
    {
        using var home = await GetWithCookiesAsync(client, "/", cookies);
        var jar = cookies.Split("; ").Select(c => c.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Collect(home, jar);
        var token = Token(await home.Content.ReadAsStringAsync());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/Logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }),
        };
        request.Headers.Add("Cookie", Header(jar));
        return await client.SendAsync(request);
    }

    internal static string Token(string html)
    {
        var match = AntiforgeryToken().Match(html);
        Assert.True(match.Success, "The page carries an antiforgery token");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static void Collect(HttpResponseMessage response, Dictionary<string, string> jar)
    {
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var pair in values.Select(v => v.Split(';', 2)[0].Split('=', 2)))
            {
                jar[pair[0]] = pair[1];
            }
        }
    }

    private static string Header(Dictionary<string, string> jar) => string.Join("; ", jar.Select(kv => $"{kv.Key}={kv.Value}"));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
