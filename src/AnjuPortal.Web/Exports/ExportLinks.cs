using System.Globalization;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Projects;
using Microsoft.AspNetCore.WebUtilities;

namespace AnjuPortal.Web.Exports;

/// <summary>
/// Links to the export endpoints carrying a list's current filter, with the parameter names the endpoints bind.
/// Relative, like the portal's other links, so that a path base is honoured.
/// </summary>
public static class ExportLinks
{
    public static string Projects(ProjectFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Link(ExportEndpoints.ProjectsPath, new()
        {
            ["search"] = filter.Search,
            ["jurisdictionId"] = Text(filter.JurisdictionId),
            ["batchYear"] = Text(filter.BatchYear),
            ["stage"] = filter.Stage?.ToString(),
        });
    }

    /// <summary>The households of every case the ledger shows for <paramref name="filter"/>.</summary>
    public static string Households(CaseFilter filter, bool fullNumbers = false)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Link(ExportEndpoints.HouseholdsPath, new()
        {
            ["search"] = filter.Search,
            ["category"] = filter.Category?.ToString(),
            ["jurisdictionId"] = Text(filter.JurisdictionId),
            ["status"] = filter.Status?.ToString(),
            ["full"] = fullNumbers ? "true" : null,
        });
    }

    /// <summary>The ledger in the provincial layout, one row per case the list shows for <paramref name="filter"/>.</summary>
    public static string Ledger(CaseFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Link(ExportEndpoints.LedgerPath, new()
        {
            ["search"] = filter.Search,
            ["category"] = filter.Category?.ToString(),
            ["jurisdictionId"] = Text(filter.JurisdictionId),
            ["status"] = filter.Status?.ToString(),
            ["overdueAsOf"] = filter.OverdueAsOf?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
    }

    /// <summary>The households of one ledger case.</summary>
    public static string CaseHouseholds(int caseId, bool fullNumbers = false)
        => Link(ExportEndpoints.HouseholdsPath, new()
        {
            ["caseId"] = Text(caseId),
            ["full"] = fullNumbers ? "true" : null,
        });

    /// <summary>The import template of the user's own unit for a period.</summary>
    public static string ReportTemplate(int periodId)
        => ExportEndpoints.ReportTemplatePath.TrimStart('/').Replace("{periodId:int}", Text(periodId), StringComparison.Ordinal);

    private static string Link(string path, Dictionary<string, string?> query)
        => QueryHelpers.AddQueryString(path.TrimStart('/'), query.Where(p => !string.IsNullOrEmpty(p.Value)));

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);
}
