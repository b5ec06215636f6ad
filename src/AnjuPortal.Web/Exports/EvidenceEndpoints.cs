using System.Globalization;
using AnjuPortal.Application.OverdueResettlement.Closure;
using AnjuPortal.Application.Security;
using Microsoft.Net.Http.Headers;

namespace AnjuPortal.Web.Exports;

/// <summary>
/// The one way an evidence file 证明材料 leaves the server: View, and the case in the user's subtree (the use case's
/// query filter; another unit's file is 404, like a missing one). Always an attachment, never rendered by the browser:
/// <c>Content-Disposition: attachment</c>, the fixed Content-Type of the checked type (never what the uploader's browser
/// said), <c>X-Content-Type-Options: nosniff</c> and <c>Content-Security-Policy: sandbox</c>, so even a file opened
/// from the address bar runs no script and reaches no origin. ADR-006.
/// </summary>
internal static class EvidenceEndpoints
{
    public const string DownloadPath = "/cases/evidence/{attachmentId:int}";
    public const string SupervisionDownloadPath = "/supervision/evidence/{attachmentId:int}";
    public const string NotFound = "证明材料不存在，或不在您的管辖范围内。";

    public static IEndpointRouteBuilder MapEvidenceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DownloadPath, (HttpContext http, CaseClosure closure, int attachmentId, CancellationToken ct)
                => SendAsync(http, attachmentId, () => closure.OpenAttachmentAsync(attachmentId, ct)))
            .RequireAuthorization(RolePermissions.PolicyName(Permission.View))
            .WithMetadata(RefusedWithStatusCode.Instance);

        // The rectification reports' evidence of supervision items 督办事项: the same store, checks and headers.
        endpoints.MapGet(SupervisionDownloadPath, (HttpContext http, Application.Supervision.Items.SupervisionItems items, int attachmentId, CancellationToken ct)
                => SendAsync(http, attachmentId, () => items.OpenAttachmentAsync(attachmentId, ct)))
            .RequireAuthorization(RolePermissions.PolicyName(Permission.View))
            .WithMetadata(RefusedWithStatusCode.Instance);
        return endpoints;
    }

    private static async Task<IResult> SendAsync(HttpContext http, int attachmentId, Func<Task<EvidenceDownload?>> open)
    {
        EvidenceDownload? file;
        try
        {
            file = await open();
        }
        catch (PermissionDeniedException ex)
        {
            return ExportEndpoints.Refused(ex.Message);
        }

        if (file is null)
        {
            return Results.Text(NotFound, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var headers = http.Response.Headers;
        var ascii = "evidence-" + attachmentId.ToString(CultureInfo.InvariantCulture) + Path.GetExtension(file.FileName);
        headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = ascii, FileNameStar = file.FileName }.ToString();
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = Security.SecurityHeaders.EvidenceContentSecurityPolicy;
        headers.CacheControl = "no-store";
        return Results.Stream(file.Content, file.ContentType, enableRangeProcessing: false);
    }
}

/// <summary>Links to evidence downloads, relative like the portal's other links.</summary>
public static class EvidenceLinks
{
    public static string Download(int attachmentId) => "cases/evidence/" + attachmentId.ToString(CultureInfo.InvariantCulture);

    /// <summary>An evidence file of a supervision item's rectification report.</summary>
    public static string SupervisionDownload(int attachmentId) => "supervision/evidence/" + attachmentId.ToString(CultureInfo.InvariantCulture);
}
