using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using Microsoft.Net.Http.Headers;

namespace AnjuPortal.Web.Exports;

/// <summary>
/// The household import's template download. The upload itself goes over the Blazor circuit (the import page reads
/// the IBrowserFile and calls <see cref="HouseholdImport"/>), so there is no upload endpoint to guard.
/// </summary>
internal static class HouseholdImportEndpoints
{
    public const string TemplatePath = "/export/households-template.xlsx";

    public static IEndpointRouteBuilder MapHouseholdImportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(TemplatePath, async (HttpContext http, HouseholdImport import, CancellationToken ct) =>
        {
            try
            {
                var file = await import.TemplateAsync(ct);
                var headers = http.Response.Headers;
                headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "households-template.xlsx", FileNameStar = file.FileName }.ToString();
                headers.XContentTypeOptions = "nosniff";
                headers.CacheControl = "no-store";
                return Results.File(file.Content, file.ContentType);
            }
            catch (PermissionDeniedException ex)
            {
                return ExportEndpoints.Refused(ex.Message);
            }
        })
            .RequireAuthorization(RolePermissions.PolicyName(Permission.Edit))
            .WithMetadata(RefusedWithStatusCode.Instance);
        return endpoints;
    }
}
