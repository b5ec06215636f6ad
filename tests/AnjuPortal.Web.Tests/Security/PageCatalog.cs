using System.Reflection;
using AnjuPortal.Application.Security;
using AnjuPortal.Web.Components.Pages;
using AnjuPortal.Web.Components.Pages.Account;
using AnjuPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace AnjuPortal.Web.Tests.Security;

/// <summary>
/// Every routable page of the portal, found by reflection (a page is a component with <see cref="RouteAttribute"/>,
/// which <c>@page</c> compiles to), with what the access tests need to know about each route.
/// </summary>
internal static class PageCatalog
{
    /// <summary>
    /// The only pages anyone may open without signing in. Putting a page here is a security decision: say why.
    /// </summary>
    public static readonly IReadOnlyDictionary<Type, string> AnonymousPages = new Dictionary<Type, string>
    {
        [typeof(Login)] = "the sign-in form",
        [typeof(LoginWith2fa)] = "the second factor, after the password and before the sign-in cookie",
        [typeof(AccessDenied)] = "where a refused request is sent",
        [typeof(Error)] = "the exception handler's page, which must render whoever failed",
        [typeof(AnjuPortal.Web.Components.Pages.Public.PublicDisclosurePage)] = "信息公开: the public progress figures (aggregates only) and the 举报投诉 form, for citizens who have no account",
        [typeof(AnjuPortal.Web.Components.Pages.Public.ComplaintReceiptPage)] = "查询办理结果: a complainant looks up the answer by receipt number and the contact's last four characters",
    };

    /// <summary>
    /// One sample per route template: the path to request (route parameters replaced by the fixture's data) and a
    /// marker that appears in the prerendered (HTML-decoded) page only when the page's own content rendered. A new page must be
    /// added here, or <see cref="EndpointAuthorizationTests"/> fails: it is then covered by the HTTP checks too.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, PageSample> Samples = new Dictionary<string, PageSample>(StringComparer.Ordinal)
    {
        ["/"] = new("/", "data-testid=\"total-projects\""),
        ["/projects"] = new("/projects", "data-testid=\"project-filters\"", Permission.View),
        ["/projects/new"] = new("/projects/new", "data-testid=\"field-code\"", Permission.Edit),
        ["/projects/{Id:int}"] = new("/projects/{project}", "data-testid=\"project-title\"", Permission.View, ProjectData: true),
        ["/projects/{Id:int}/edit"] = new("/projects/{project}/edit", "data-testid=\"field-code\"", Permission.Edit, ProjectData: true),
        ["/cases"] = new("/cases", "data-testid=\"case-filters\"", Permission.View),
        ["/cases/import"] = new("/cases/import", "data-testid=\"household-import-page\"", Permission.Edit),
        ["/cases/{Id:int}"] = new("/cases/{case}", "data-testid=\"case-title\"", Permission.View, ProjectData: true, NotFound: "case-not-found"),
        ["/dashboard"] = new("/dashboard", "data-testid=\"dashboard-page\"", Permission.View),
        ["/dashboard/{JurisdictionId:int}"] = new("/dashboard/{nanguan}", "data-testid=\"dashboard-page\"", Permission.View),
        ["/reports"] = new("/reports", "data-testid=\"reports-page\"", Permission.View),
        ["/reports/{PeriodId:int}/{JurisdictionId:int}"] = new("/reports/{period}/{nanguan}", "data-testid=\"report-page\"", Permission.View),
        ["/supervision/notices"] = new("/supervision/notices", "data-testid=\"notice-list\"", Permission.View),
        ["/supervision/notices/new"] = new("/supervision/notices/new", "data-testid=\"notice-form\"", Permission.Issue),
        // No notice in the fixture: the page's own frame renders with its not-found notice.
        ["/supervision/notices/{Id:int}"] = new("/supervision/notices/999999", "data-testid=\"notice-page\"", Permission.View),
        ["/supervision/notices/{Id:int}/edit"] = new("/supervision/notices/999999/edit", "data-testid=\"notice-edit-page\"", Permission.Issue),
        ["/audit"] = new("/audit", "data-testid=\"audit-filters\"", Permission.Audit),
        ["/supervision/items"] = new("/supervision/items", "data-testid=\"supervision-filters\"", Permission.View),
        ["/supervision/items/new"] = new("/supervision/items/new", "data-testid=\"supervision-form\"", Permission.Issue),
        ["/supervision/items/{Id:int}"] = new("/supervision/items/999999", "data-testid=\"supervision-item-not-found\"", Permission.View),
        ["/supervision/summons"] = new("/supervision/summons", "data-testid=\"summons-filters\"", Permission.View),
        ["/supervision/summons/new"] = new("/supervision/summons/new", "data-testid=\"summons-form\"", Permission.Issue),
        ["/supervision/summons/{Id:int}"] = new("/supervision/summons/999999", "data-testid=\"summons-not-found\"", Permission.View),
        ["/admin/users"] = new("/admin/users", "data-testid=\"user-filters\"", Permission.Administer),
        ["/Account/EnableAuthenticator"] = new("/Account/EnableAuthenticator", "data-testid=\"authenticator-page\""),
        ["/Account/Login"] = new("/Account/Login", "id=\"username\""),
        // Without the password step first there is no second factor to ask for: back to the sign-in form.
        ["/Account/LoginWith2fa"] = new("/Account/LoginWith2fa", "id=\"code\"", AnonymousLandsOn: "/Account/Login"),
        ["/Account/AccessDenied"] = new("/Account/AccessDenied", "无权访问"),
        ["/Error"] = new("/Error", "出错了"),
        ["/public"] = new("/public", "data-testid=\"complaint-form\""),
        ["/public/receipt"] = new("/public/receipt", "data-testid=\"receipt-page\""),
        ["/supervision/complaints"] = new("/supervision/complaints", "data-testid=\"complaint-filters\"", Permission.View),
        // No complaint in the fixture: an unknown id shows the page's own not-found notice to anyone allowed to open it.
        ["/supervision/complaints/{Id:int}"] = new("/supervision/complaints/999999", "data-testid=\"complaint-not-found\"", Permission.View),
    };

    public static IReadOnlyList<PageRoute> Routes { get; } =
        (from type in typeof(Program).Assembly.GetTypes()
         where typeof(IComponent).IsAssignableFrom(type) && !type.IsAbstract
         from route in type.GetCustomAttributes<RouteAttribute>(inherit: false)
         orderby route.Template
         select new PageRoute(type, route.Template)).ToList();

    public static PageRoute Route(string template) => Routes.Single(r => r.Template == template);

    /// <summary>Signed-in pages (everything not on the anonymous list), for the role checks.</summary>
    public static IEnumerable<PageRoute> ProtectedRoutes => Routes.Where(r => !AnonymousPages.ContainsKey(r.Page));
}

/// <param name="Path">The path to request; <c>{project}</c> stands for the fixture's project id.</param>
/// <param name="Marker">Text only the page's own content renders.</param>
/// <param name="Requires">The permission the page must demand (none: any signed-in user), pinned here so that a page
/// whose policy is weakened or dropped fails instead of the access checks quietly following it.</param>
/// <param name="ProjectData">The page shows one project's data, which tenancy must hide from other jurisdictions.</param>
/// <param name="AnonymousLandsOn">For an anonymous page that sends a visitor on: where to (the page is still not refused).</param>
/// <param name="NotFound">For project data: the test id the page shows to a user outside the subtree.</param>
internal sealed record PageSample(string Path, string Marker, Permission? Requires = null, bool ProjectData = false, string? AnonymousLandsOn = null, string NotFound = "project-not-found")
{
    public string NotFoundMarker => $"data-testid=\"{NotFound}\"";
}

internal sealed record PageRoute(Type Page, string Template)
{
    public bool AllowsAnonymous => Page.GetCustomAttributes(inherit: true).OfType<IAllowAnonymous>().Any();

    public IReadOnlyList<IAuthorizeData> Authorization => Page.GetCustomAttributes(inherit: true).OfType<IAuthorizeData>().ToList();

    /// <summary>The permissions the page demands. A plain <c>[Authorize]</c> adds none: any signed-in user.</summary>
    public IReadOnlyList<Permission> Permissions => Page.GetCustomAttributes<AuthorizePermissionAttribute>(inherit: true).Select(a => a.Permission).ToList();

    /// <summary>
    /// Whether a user in <paramref name="role"/> may open the page. Only the two forms of authorization the portal uses
    /// are understood; any other (roles, other policies) fails loudly so the test is taught it rather than guessing.
    /// </summary>
    public bool Admits(string role)
    {
        foreach (var data in Authorization)
        {
            var understood = data is AuthorizePermissionAttribute
                             || (data.Policy is null && data.Roles is null && data.AuthenticationSchemes is null);
            Assert.True(understood, $"{Page.Name} uses an authorization form the access tests do not understand: Policy={data.Policy}, Roles={data.Roles}");
        }

        return Permissions.All(p => RolePermissions.Grants(role, p));
    }

    public PageSample Sample => PageCatalog.Samples[Template];

    public override string ToString() => Template;
}
