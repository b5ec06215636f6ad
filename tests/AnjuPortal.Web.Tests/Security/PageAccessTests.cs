using System.Net;
using AnjuPortal.Application.Security;

namespace AnjuPortal.Web.Tests.Security;

/// <summary>
/// Every page over HTTP, as a browser's first request sees it (Blazor prerenders, so an admitted user's first GET
/// carries the page's content): anonymous users are sent to sign in, roles without the page's permission are
/// refused, admitted roles get the page, and a project's pages show its data only inside its jurisdiction subtree.
/// Expectations come from the page's own attributes and <see cref="RolePermissions"/>, so they follow the matrix.
/// </summary>
[Collection(PortalAccessCollection.Name)]
public sealed class PageAccessTests
{
    /// <summary>What <c>Routes.razor</c> shows a signed-in user the router refuses (the AccessDenied text).</summary>
    private const string NoAccess = "无权访问";

    private readonly PortalAccessFixture _portal;

    public PageAccessTests(PortalAccessFixture portal) => _portal = portal;

    public static TheoryData<string> ProtectedPages()
        => new(PageCatalog.ProtectedRoutes.Select(r => r.Template));

    public static TheoryData<string> AnonymousPages()
        => new(PageCatalog.Routes.Where(r => PageCatalog.AnonymousPages.ContainsKey(r.Page)).Select(r => r.Template));

    public static TheoryData<string, string, string> ProtectedPagesByRoleAndLevel()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var route in PageCatalog.ProtectedRoutes)
        {
            foreach (var role in Roles.All)
            {
                foreach (var level in PortalAccessFixture.Levels)
                {
                    data.Add(route.Template, role, level);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, string, string> ProjectPagesByRoleAndJurisdiction()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var route in PageCatalog.ProtectedRoutes.Where(r => r.Sample.ProjectData))
        {
            foreach (var role in Roles.All)
            {
                foreach (var code in PortalAccessFixture.Jurisdictions)
                {
                    data.Add(route.Template, role, code);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, string> RolesAtEachLevel()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in Roles.All)
        {
            foreach (var level in PortalAccessFixture.Levels)
            {
                data.Add(role, level);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProtectedPages))]
    public async Task AnonymousUser_IsSentToSignIn(string template)
    {
        var path = _portal.PathOf(PageCatalog.Route(template).Sample);
        using var client = _portal.Factory.CreateBrowserLikeClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", PathOf(response.Headers.Location!));
        Assert.Contains(Uri.EscapeDataString(path), response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AnonymousPages))]
    public async Task AnonymousPage_OpensWithoutSigningIn(string template)
    {
        var sample = PageCatalog.Route(template).Sample;
        using var client = _portal.Factory.CreateBrowserLikeClient();
        using var response = await client.GetAsync(_portal.PathOf(sample));

        if (sample.AnonymousLandsOn is { } next)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(next, PathOf(response.Headers.Location!));
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(sample.Marker, await HtmlAsync(response), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ProtectedPagesByRoleAndLevel))]
    public async Task SignedInUser_GetsThePage_OnlyWithItsPermission(string template, string role, string level)
    {
        var route = PageCatalog.Route(template);
        using var response = await _portal.ClientFor(role, level).GetAsync(_portal.PathOf(route.Sample));

        if (route.Admits(role))
        {
            await AssertShownAsync(response, route.Sample.Marker);
        }
        else
        {
            await AssertRefusedAsync(response, route.Sample.Marker);
        }
    }

    [Theory]
    [MemberData(nameof(ProjectPagesByRoleAndJurisdiction))]
    public async Task ProjectData_IsShown_OnlyInsideItsJurisdictionSubtree(string template, string role, string code)
    {
        var route = PageCatalog.Route(template);
        using var response = await _portal.ClientFor(role, code).GetAsync(_portal.PathOf(route.Sample));

        if (!route.Admits(role))
        {
            await AssertRefusedAsync(response, route.Sample.Marker);
            await AssertNoProjectDataAsync(response);
            return;
        }

        var html = await AssertShownAsync(response, PortalAccessFixture.SeeTheProject.Contains(code) ? route.Sample.Marker : route.Sample.NotFoundMarker);
        if (PortalAccessFixture.SeeTheProject.Contains(code))
        {
            Assert.Contains(PortalAccessFixture.ProjectName, html, StringComparison.Ordinal);
            Assert.Contains(PortalAccessFixture.ProjectCode, html, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain(PortalAccessFixture.ProjectName, html, StringComparison.Ordinal);
            Assert.DoesNotContain(PortalAccessFixture.ProjectCode, html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(RolesAtEachLevel))]
    public async Task JobDashboard_OpensOnlyWithTheAdministerPermission(string role, string level)
    {
        using var response = await _portal.ClientFor(role, level).GetAsync("/hangfire");

        if (RolePermissions.Grants(role, Permission.Administer))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("安居工程 · 后台任务", await HtmlAsync(response), StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/AccessDenied", PathOf(response.Headers.Location!));
        }
    }

    /// <summary>The path of a redirect target, whether the server sent it relative or absolute.</summary>
    internal static string PathOf(Uri location) => new Uri(new Uri("http://localhost"), location).AbsolutePath;

    private static async Task<string> AssertShownAsync(HttpResponseMessage response, string marker)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await HtmlAsync(response);
        Assert.Contains(marker, html, StringComparison.Ordinal);
        Assert.DoesNotContain(NoAccess, html, StringComparison.Ordinal);
        return html;
    }

    /// <summary>Refused: sent to the access-denied page, or (if the router refuses) its message instead of the page.</summary>
    private static async Task AssertRefusedAsync(HttpResponseMessage response, string marker)
    {
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            Assert.Equal("/Account/AccessDenied", PathOf(response.Headers.Location!));
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await HtmlAsync(response);
        Assert.Contains(NoAccess, html, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, html, StringComparison.Ordinal);
    }

    private static async Task AssertNoProjectDataAsync(HttpResponseMessage response)
    {
        var html = await HtmlAsync(response);
        Assert.DoesNotContain(PortalAccessFixture.ProjectName, html, StringComparison.Ordinal);
        Assert.DoesNotContain(PortalAccessFixture.ProjectCode, html, StringComparison.Ordinal);
    }

    private static async Task<string> HtmlAsync(HttpResponseMessage response)
        => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
}
