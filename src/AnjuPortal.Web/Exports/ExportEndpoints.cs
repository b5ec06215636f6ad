using AnjuPortal.Application.Exports;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Projects;
using AnjuPortal.Application.Reporting;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Projects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace AnjuPortal.Web.Exports;

/// <summary>
/// The .xlsx downloads. The endpoints carry the Export policy; the use cases demand Export (and Unmask for full
/// numbers) again and write the audit record. A refusal, by either, is a plain 403: a download link must not turn
/// into an HTML page saved under a spreadsheet's name. Pages link here through <see cref="ExportLinks"/>.
/// </summary>
internal static class ExportEndpoints
{
    public const string ProjectsPath = "/export/projects.xlsx";
    public const string HouseholdsPath = "/export/households.xlsx";
    public const string LedgerPath = "/export/ledger.xlsx";
    public const string ReportTablePath = "/export/reports/{periodId:int}.xlsx";
    public const string ReportTemplatePath = "/export/reports/{periodId:int}/template.xlsx";
    public const string ReportImportPath = "/import/reports/{periodId:int}";

    /// <summary>Content types browsers send for an .xlsx (some send none or a generic one).</summary>
    private static readonly string[] XlsxContentTypes = [SpreadsheetTable.ContentType, "application/octet-stream", ""];

    public static IServiceCollection AddAnjuExports(this IServiceCollection services)
        => services.AddSingleton<IAuthorizationMiddlewareResultHandler, DownloadAuthorizationResultHandler>();

    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ProjectsPath, async (
            HttpContext http, ProjectRegisterExport export, string? search, int? jurisdictionId, int? batchYear, ProjectStage? stage, CancellationToken ct) =>
        {
            if (!Defined(stage))
            {
                return Results.BadRequest();
            }

            return await SendAsync(http, "projects.xlsx", async () => await export.ExportAsync(new ProjectFilter(search, jurisdictionId, batchYear, stage), ct));
        }).AsDownload();

        endpoints.MapGet(HouseholdsPath, async (
            HttpContext http, HouseholdExport export, int? caseId, string? search, OverdueCategory? category, int? jurisdictionId, CaseStatus? status,
            bool? full, CancellationToken ct) =>
        {
            if (!Defined(category) || !Defined(status))
            {
                return Results.BadRequest();
            }

            var request = new HouseholdExportRequest(caseId, new CaseFilter(search, category, jurisdictionId, status), full == true);
            return await SendAsync(http, "households.xlsx", () => export.ExportAsync(request, ct));
        }).AsDownload();

        endpoints.MapGet(LedgerPath, async (
            HttpContext http, LedgerExport export, string? search, OverdueCategory? category, int? jurisdictionId, CaseStatus? status,
            DateOnly? overdueAsOf, CancellationToken ct) =>
        {
            if (!Defined(category) || !Defined(status))
            {
                return Results.BadRequest();
            }

            return await SendAsync(http, "ledger.xlsx", async () => await export.ExportAsync(new CaseFilter(search, category, jurisdictionId, status, overdueAsOf), ct));
        }).AsDownload();

        endpoints.MapGet(ReportTablePath, async (HttpContext http, ReportTableExport export, int periodId, CancellationToken ct)
            => await SendAsync(http, "report.xlsx", () => export.ExportAsync(periodId, ct), ReportingPeriodNotFound)).AsDownload();

        // The import template for the user's own unit: Submit, like entering the report.
        endpoints.MapGet(ReportTemplatePath, async (HttpContext http, ReportImport import, ICurrentUser user, int periodId, CancellationToken ct)
            => await SendAsync(http, "template.xlsx", async () =>
            {
                var template = await import.TemplateAsync(periodId, user.JurisdictionId ?? 0, ct);
                return template.Succeeded ? template.Value : throw new TemplateRefusedException(template.Errors.First().Value);
            }, ReportingPeriodNotFound)).AsDownload(Permission.Submit);

        // Upload of a filled template (multipart/form-data, field "file"): a dry run unless commit=true; the answer is the
        // result as JSON, never the file. Antiforgery is on (the form must carry the token); a Blazor page should rather
        // call ReportImport with IBrowserFile.OpenReadStream(ReportImport.MaxBytes) over its circuit.
        endpoints.MapPost(ReportImportPath, async (ReportImport import, ICurrentUser user, int periodId, IFormFile? file, bool? commit, CancellationToken ct) =>
        {
            if (file is null || file.Length == 0)
            {
                return Results.BadRequest(new { errors = new[] { ReportImport.EmptyFile } });
            }

            if (!file.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) || !XlsxContentTypes.Contains(file.ContentType ?? string.Empty, StringComparer.OrdinalIgnoreCase))
            {
                return Results.BadRequest(new { errors = new[] { ReportImport.NotXlsx } });
            }

            if (file.Length > ReportImport.MaxBytes)
            {
                return Results.BadRequest(new { errors = new[] { string.Format(System.Globalization.CultureInfo.CurrentCulture, ReportImport.TooLarge, ReportImport.MaxBytes / (1024 * 1024)) } });
            }

            try
            {
                await using var stream = file.OpenReadStream();
                var jurisdictionId = user.JurisdictionId ?? 0;
                var result = commit == true
                    ? await import.CommitAsync(periodId, jurisdictionId, stream, ct)
                    : await import.DryRunAsync(periodId, jurisdictionId, stream, ct);
                return Results.Json(new
                {
                    result.Succeeded,
                    result.Committed,
                    result.ReportId,
                    result.Version,
                    result.ProjectRows,
                    result.CaseRows,
                    Errors = result.Errors.Select(e => new { e.Sheet, e.Row, e.Column, e.Message, e.Text }),
                    Warnings = result.Warnings.Select(w => new { w.Code, w.Key, w.Message }),
                }, statusCode: result.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
            }
            catch (PermissionDeniedException ex)
            {
                return Refused(ex.Message);
            }
        })
            .RequireAuthorization(RolePermissions.PolicyName(Permission.Submit))
            .WithMetadata(RefusedWithStatusCode.Instance)
            .WithMetadata(new RequestSizeLimitAttribute(ReportImport.MaxBytes + (64 * 1024)))
            .DisableRequestTimeout();

        return endpoints;
    }

    private const string ReportingPeriodNotFound = "报告期不存在。";

    /// <summary>Only with the Export permission, and refused with a status code rather than a page.</summary>
    private static RouteHandlerBuilder AsDownload(this RouteHandlerBuilder builder, Permission permission = Permission.Export)
        => builder.RequireAuthorization(RolePermissions.PolicyName(permission)).WithMetadata(RefusedWithStatusCode.Instance);

    /// <summary>
    /// Sends the file as an attachment under its Chinese name (RFC 6266 / 5987: <c>filename*=UTF-8''…</c>, with an ASCII
    /// name for old clients); a use case's refusal becomes 403 and a case outside the user's subtree 404.
    /// </summary>
    private static async Task<IResult> SendAsync(HttpContext http, string asciiName, Func<Task<ExportFile?>> export, string notFound = HouseholdRegister.CaseNotFound)
    {
        ExportFile? file;
        try
        {
            file = await export();
        }
        catch (PermissionDeniedException ex)
        {
            return Refused(ex.Message);
        }
        catch (TemplateRefusedException ex)
        {
            return Results.Text(ex.Message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        if (file is null)
        {
            return Results.Text(notFound, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }

        var disposition = new ContentDispositionHeaderValue("attachment") { FileName = asciiName, FileNameStar = file.FileName };
        var headers = http.Response.Headers;
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        // Personal data may be in it: no copy in any cache on the way.
        headers.CacheControl = "no-store";
        return Results.File(file.Content, file.ContentType);
    }

    internal static IResult Refused(string message)
        => Results.Text(message, "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);

    private static bool Defined<TEnum>(TEnum? value)
        where TEnum : struct, Enum
        => value is not { } v || Enum.IsDefined(v);
}

/// <summary>A template the use case refused (period or unit not found, the top of the tree, another unit): 404 with its message.</summary>
internal sealed class TemplateRefusedException(string message) : Exception(message);

/// <summary>Marks endpoints whose refused users get 403 instead of the cookie scheme's redirect to the access-denied page.</summary>
internal sealed class RefusedWithStatusCode
{
    public static readonly RefusedWithStatusCode Instance = new();
}

/// <summary>
/// For endpoints marked <see cref="RefusedWithStatusCode"/>, a signed-in user the policy refuses gets 403 with the same
/// message a use case's refusal gives; everything else (and anonymous users, who are sent to sign in) as usual.
/// </summary>
internal sealed class DownloadAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.GetEndpoint()?.Metadata.GetMetadata<RefusedWithStatusCode>() is not null)
        {
            await ExportEndpoints.Refused(new PermissionDeniedException(Permission.Export).Message).ExecuteAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
