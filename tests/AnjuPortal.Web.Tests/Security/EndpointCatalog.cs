using AnjuPortal.Application.Security;

namespace AnjuPortal.Web.Tests.Security;

/// <summary>
/// Every endpoint the app maps itself besides pages (which <see cref="PageCatalog"/> lists) and static assets: its
/// route pattern (a trailing '*' covers the routes under a prefix), what it must demand, and for a download a sample
/// request. <see cref="EndpointAuthorizationTests"/> fails when an endpoint is missing here or demands something else;
/// a listed download is then checked over HTTP for every role and level (<see cref="Exports.ExportEndpointTests"/>).
/// </summary>
internal static class EndpointCatalog
{
    public static readonly IReadOnlyList<EndpointEntry> Entries =
    [
        // Sign-out: any signed-in user, POST with antiforgery.
        new("/Account/Logout", Requires: null),
        // The job dashboard and its resources.
        new("/hangfire*", Permission.Administer),
        new("/export/projects.xlsx", Permission.Export, Sample: "/export/projects.xlsx"),
        new("/export/households.xlsx", Permission.Export, Sample: "/export/households.xlsx?caseId={case}"),
        // The ledger in the provincial layout, one row per case.
        new("/export/ledger.xlsx", Permission.Export, Sample: "/export/ledger.xlsx"),
        // The household import's template (the upload goes over the Blazor circuit).
        new("/export/households-template.xlsx", Permission.Edit),
        // The monthly report table, the import template and the upload of a filled template (POST with antiforgery).
        new("/export/reports/{periodId:int}.xlsx", Permission.Export, Sample: "/export/reports/{period}.xlsx"),
        new("/export/reports/{periodId:int}/template.xlsx", Permission.Submit),
        new("/import/reports/{periodId:int}", Permission.Submit),
        // Evidence of a closure application (销号证明材料), always as an attachment; tenancy by the case (EvidenceDownloadTests).
        new("/cases/evidence/{attachmentId:int}", Permission.View),
        new("/supervision/evidence/{attachmentId:int}", Permission.View),
        // An official notice as .docx / PDF, always as an attachment; the issuer's subtree or a receipt of the user's unit (NoticeDownloadTests).
        new("/supervision/notices/{noticeId:int}.docx", Permission.View),
        new("/supervision/notices/{noticeId:int}.pdf", Permission.View),
    ];

    /// <summary>
    /// Endpoints besides pages that anyone may call: the health probes of load balancers and orchestrators
    /// (status only, no data; HealthEndpointTests).
    /// </summary>
    public static readonly IReadOnlySet<string> AnonymousEndpoints = new HashSet<string>(StringComparer.Ordinal) { "/health/live", "/health/ready" };

    /// <summary>The entry whose pattern covers <paramref name="pattern"/>, if any.</summary>
    public static EndpointEntry? For(string pattern)
        => Entries.FirstOrDefault(e => e.Pattern.EndsWith('*') ? pattern.StartsWith(e.Pattern.TrimEnd('*'), StringComparison.Ordinal) : pattern == e.Pattern);

    public static IEnumerable<EndpointEntry> Downloads => Entries.Where(e => e.Sample is not null);
}

/// <param name="Pattern">The route pattern as mapped; a trailing '*' matches every pattern with that prefix.</param>
/// <param name="Requires">The permission its policy must demand (null: any signed-in user).</param>
/// <param name="Sample">For a file download: a path to request (<c>{case}</c> is the fixture's ledger case).</param>
internal sealed record EndpointEntry(string Pattern, Permission? Requires, string? Sample = null)
{
    public override string ToString() => Pattern;
}
