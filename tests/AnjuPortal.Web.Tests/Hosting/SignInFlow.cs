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

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
