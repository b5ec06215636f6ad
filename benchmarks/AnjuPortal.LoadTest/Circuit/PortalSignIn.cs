using System.Net;
using System.Text.RegularExpressions;

namespace AnjuPortal.LoadTest.Circuit;

/// <summary>
/// A signed-in HTTP identity: a cookie jar holding the portal's sign-in cookie, got through the real sign-in form
/// (antiforgery token, then the form post). Many circuits may share one identity, as tabs of one browser do, so a
/// load test of many sessions signs in once per account (the sign-in endpoint is rate limited per address).
/// </summary>
public sealed partial class PortalSignIn : IDisposable
{
    private PortalSignIn(Uri baseAddress, CookieContainer cookies, HttpClient http)
    {
        BaseAddress = baseAddress;
        Cookies = cookies;
        Http = http;
    }

    public Uri BaseAddress { get; }

    public CookieContainer Cookies { get; }

    /// <summary>A client that sends the jar's cookies and follows no redirects.</summary>
    public HttpClient Http { get; }

    public static async Task<PortalSignIn> SignInAsync(Uri baseAddress, string userName, string password, CancellationToken ct = default)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        try
        {
            var page = await http.GetStringAsync("Account/Login", ct);
            var token = Token().Match(page);
            if (!token.Success)
            {
                throw new InvalidOperationException("The sign-in page carries no antiforgery token.");
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
            });
            using var response = await http.PostAsync("Account/Login", form, ct);
            if (response.StatusCode != HttpStatusCode.Redirect || cookies.GetCookies(baseAddress)["anju.auth"] is null)
            {
                throw new InvalidOperationException($"Sign-in as {userName} failed ({(int)response.StatusCode}).");
            }

            return new PortalSignIn(baseAddress, cookies, http);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public BlazorCircuitClient NewCircuit() => new(BaseAddress, Cookies);

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
