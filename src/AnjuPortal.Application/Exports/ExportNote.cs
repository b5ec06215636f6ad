using System.Text.RegularExpressions;
using AnjuPortal.Application.Common;
using AnjuPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Exports;

/// <summary>
/// Builds the audit note of an export: which list, which filter, how many rows, whether full numbers were included.
/// Never personal data: the only free text, the search term, is shortened and has any long run of digits (an ID or
/// phone number typed into the search box) blotted out.
/// </summary>
internal static partial class ExportNote
{
    /// <summary>The audit record's note column holds 500 characters.</summary>
    private const int MaxLength = 500;

    private const int MaxTermLength = 30;

    public static string Text(string name) => DomainText.Named(name);

    public static string Format(string name, params object?[] args) => DomainText.Format(DomainText.Named(name), args);

    /// <summary>The filter parts that were set, joined; "无" when none was.</summary>
    public static string Filters(params string?[] parts)
    {
        var set = parts.Where(p => !string.IsNullOrEmpty(p)).ToList();
        return set.Count == 0 ? Text("Export_Note_NoFilter") : string.Join("，", set);
    }

    public static string? Search(string? term)
    {
        if (string.IsNullOrWhiteSpace(term))
        {
            return null;
        }

        var text = term.Trim();
        text = LongNumber().Replace(text, m => new string('*', m.Length));
        if (text.Length > MaxTermLength)
        {
            text = string.Concat(text.AsSpan(0, MaxTermLength), "…");
        }

        return Format("Export_Note_Search", text);
    }

    /// <summary>
    /// The unit filter by name, looked up through tenancy. A unit outside the user's subtree (the list then shows
    /// nothing) is named by its id only and has no <see cref="UnitFilter.VisibleId"/>.
    /// </summary>
    public static async Task<UnitFilter?> UnitAsync(IAppDbContext db, int? jurisdictionId, CancellationToken ct)
    {
        if (jurisdictionId is not { } id)
        {
            return null;
        }

        var name = await db.Jurisdictions.AsNoTracking().Where(j => j.Id == id).Select(j => j.Name).FirstOrDefaultAsync(ct);
        return name is null ? new UnitFilter(null, Format("Export_Note_UnitNotVisible", id)) : new UnitFilter(id, Format("Export_Note_Unit", name));
    }

    public static string Fit(string note) => note.Length <= MaxLength ? note : string.Concat(note.AsSpan(0, MaxLength - 1), "…");

    /// <summary>Seven or more digits (with an ID number's final X): shaped like an ID or phone number, or part of one.</summary>
    [GeneratedRegex(@"\d{7,}[\dXx]*")]
    private static partial Regex LongNumber();
}

/// <summary>A unit picked as a filter: its id when the user can see it, and how the note names it.</summary>
internal sealed record UnitFilter(int? VisibleId, string Part);
