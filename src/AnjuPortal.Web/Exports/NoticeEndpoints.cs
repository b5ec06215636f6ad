using System.Globalization;
using AnjuPortal.Application.Security;
using AnjuPortal.Application.Supervision;
using Microsoft.Net.Http.Headers;

namespace AnjuPortal.Web.Exports;

/// <summary>
/// The notice as a file: <c>/supervision/notices/{id}.docx</c> and <c>.pdf</c> (GB/T 9704-2012 layout). View, and the
/// notice either in the user's subtree (the issuer) or addressed to the user's unit (a receipt); otherwise 404, like a
/// missing one. Always an attachment with a fixed type, nosniff and a sandbox CSP: never shown inline.
/// </summary>
internal static class NoticeEndpoints
{
    public const string DocxPath = "/supervision/notices/{noticeId:int}.docx";
    public const string PdfPath = "/supervision/notices/{noticeId:int}.pdf";
    public const string NotFound = OfficialNotices.NotFound;

    public static IEndpointRouteBuilder MapNoticeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(DocxPath, (HttpContext http, OfficialNotices notices, NoticeReceipts receipts, int noticeId, CancellationToken ct)
                => DownloadAsync(http, notices, receipts, noticeId, NoticeFileFormat.Docx, ct))
            .RequireAuthorization(RolePermissions.PolicyName(Permission.View))
            .WithMetadata(RefusedWithStatusCode.Instance);
        endpoints.MapGet(PdfPath, (HttpContext http, OfficialNotices notices, NoticeReceipts receipts, int noticeId, CancellationToken ct)
                => DownloadAsync(http, notices, receipts, noticeId, NoticeFileFormat.Pdf, ct))
            .RequireAuthorization(RolePermissions.PolicyName(Permission.View))
            .WithMetadata(RefusedWithStatusCode.Instance);
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(HttpContext http, OfficialNotices notices, NoticeReceipts receipts, int noticeId, NoticeFileFormat format, CancellationToken ct)
    {
        RenderedFile? file;
        try
        {
            file = await notices.DocumentAsync(noticeId, format, ct) ?? await receipts.DocumentAsync(noticeId, format, ct);
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
        var ascii = "notice-" + noticeId.ToString(CultureInfo.InvariantCulture) + (format == NoticeFileFormat.Pdf ? ".pdf" : ".docx");
        headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = ascii, FileNameStar = file.FileName }.ToString();
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = Security.SecurityHeaders.EvidenceContentSecurityPolicy;
        headers.CacheControl = "no-store";
        return Results.Bytes(file.Content, file.ContentType);
    }
}

/// <summary>Links to the notice downloads, relative like the portal's other links.</summary>
public static class NoticeFileLinks
{
    public static string Docx(int noticeId) => "supervision/notices/" + noticeId.ToString(CultureInfo.InvariantCulture) + ".docx";

    public static string Pdf(int noticeId) => "supervision/notices/" + noticeId.ToString(CultureInfo.InvariantCulture) + ".pdf";
}
