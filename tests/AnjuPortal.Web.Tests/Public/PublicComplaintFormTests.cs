using System.Net;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Web.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.Public;

/// <summary>Posts the public complaint form as a browser would (page, antiforgery token, form fields).</summary>
internal static class PublicComplaintForm
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, int unitId, string text, string contact = "13904311234", string category = "OverdueResettlement", string name = "")
    {
        var page = await client.GetStringAsync("/public");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "complaint",
            ["__RequestVerificationToken"] = SignInFlow.Token(page),
            ["Input.UnitId"] = unitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Category"] = category,
            ["Input.Text"] = text,
            ["Input.Name"] = name,
            ["Input.Contact"] = contact,
        });
        return await client.PostAsync("/public", form);
    }

    public static async Task<int> UnitIdAsync(PortalFactory factory, string code)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<SystemDbContextFactory>().Create();
        return await db.Jurisdictions.Where(j => j.Code == code).Select(j => j.Id).SingleAsync();
    }

    public static async Task<List<(string Text, string? Receipt)>> StoredAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<SystemDbContextFactory>().Create();
        return (await db.Complaints.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Text, c.ReceiptNumber }).ToListAsync())
            .Select(c => (c.Text, c.ReceiptNumber)).ToList();
    }
}

/// <summary>The public form's bad inputs, over HTTP against the real portal: no sign-in, server-side limits, text kept as text.</summary>
public sealed class PublicComplaintFormTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new(settings: new Dictionary<string, string> { ["PublicComplaints:SubmissionsPerHour"] = "100" });

    public Task InitializeAsync()
    {
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task PublicPage_OpensWithoutSigningIn_WithTheFormAndNoPersonalData()
    {
        using var client = _factory.CreateBrowserLikeClient();
        using var response = await client.GetAsync("/public");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"complaint-form\"", html, StringComparison.Ordinal);
        Assert.Contains("举报投诉", html, StringComparison.Ordinal);
        // Statically rendered: no circuit is started for an anonymous visitor.
        Assert.DoesNotContain("<!--Blazor:{\"type\":\"server\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedText_IsRefusedWithAClearMessage_AndNothingIsStored()
    {
        using var client = _factory.CreateBrowserLikeClient();
        var unit = await PublicComplaintForm.UnitIdAsync(_factory, "220102");

        using var response = await PublicComplaintForm.PostAsync(client, unit, new string('漏', 2001));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("举报投诉内容不能超过 2000 个字（现为 2001 个字）", html, StringComparison.Ordinal);
        Assert.Empty(await PublicComplaintForm.StoredAsync(_factory));
    }

    [Fact]
    public async Task HtmlAndScript_AreStoredAsText_AndEchoedEncoded()
    {
        using var client = _factory.CreateBrowserLikeClient();
        var unit = await PublicComplaintForm.UnitIdAsync(_factory, "220102");
        const string Script = "<script>alert('x')</script>";

        // A bad contact sends the form back with what was typed: encoded, never as markup.
        using (var refused = await PublicComplaintForm.PostAsync(client, unit, Script, contact: "not-a-phone"))
        {
            var raw = await refused.Content.ReadAsStringAsync();
            Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;", raw, StringComparison.Ordinal);
            Assert.DoesNotContain(Script, raw, StringComparison.Ordinal);
            Assert.Contains("联系方式格式不正确", WebUtility.HtmlDecode(raw), StringComparison.Ordinal);
        }

        using var accepted = await PublicComplaintForm.PostAsync(client, unit, Script);
        var html = await accepted.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"receipt-number\"", html, StringComparison.Ordinal);
        var stored = Assert.Single(await PublicComplaintForm.StoredAsync(_factory));
        Assert.Equal(Script, stored.Text);
        Assert.Contains(stored.Receipt!, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ControlCharacters_AreStripped()
    {
        using var client = _factory.CreateBrowserLikeClient();
        var unit = await PublicComplaintForm.UnitIdAsync(_factory, "220102");

        using var response = await PublicComplaintForm.PostAsync(client, unit, "逾期\u0001未\u0007安置\u200B\u202E\r\n已三年");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("逾期未安置\n已三年", Assert.Single(await PublicComplaintForm.StoredAsync(_factory)).Text);
    }

    [Fact]
    public async Task PostWithoutAntiforgeryToken_IsRefused()
    {
        using var client = _factory.CreateBrowserLikeClient();
        var unit = await PublicComplaintForm.UnitIdAsync(_factory, "220102");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "complaint",
            ["Input.UnitId"] = unit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Category"] = "Other",
            ["Input.Text"] = "没有令牌",
            ["Input.Contact"] = "13904311234",
        });

        using var response = await client.PostAsync("/public", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await PublicComplaintForm.StoredAsync(_factory));
    }
}

/// <summary>A flood from one address: the limit (here 3 an hour) is answered with 429 in Chinese; reading the page is not limited.</summary>
public sealed class PublicComplaintFloodTests : IAsyncLifetime
{
    private readonly PortalFactory _factory = new(settings: new Dictionary<string, string> { ["PublicComplaints:SubmissionsPerHour"] = "3" });

    public Task InitializeAsync()
    {
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Flood_FromOneAddress_Gets429AfterTheLimit()
    {
        using var client = _factory.CreateBrowserLikeClient();
        var unit = await PublicComplaintForm.UnitIdAsync(_factory, "220102");
        var statuses = new List<HttpStatusCode>();
        string? rejected = null;
        for (var i = 0; i < 5; i++)
        {
            using var response = await PublicComplaintForm.PostAsync(client, unit, $"第{i}次举报");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                rejected = await response.Content.ReadAsStringAsync();
            }
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Contains("提交过于频繁", rejected, StringComparison.Ordinal);
        Assert.Equal(3, (await PublicComplaintForm.StoredAsync(_factory)).Count);
        using var page = await client.GetAsync("/public");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
