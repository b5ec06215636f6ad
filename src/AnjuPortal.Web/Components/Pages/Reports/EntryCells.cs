using System.Globalization;
using AnjuPortal.Application.Reporting;
using AnjuPortal.Domain.Projects;
using Microsoft.AspNetCore.Components;

namespace AnjuPortal.Web.Components.Pages.Reports;

/// <summary>
/// An edit of one figure of the entry table: the cell's name (<see cref="EntryCells"/>' key) and the text it holds.
/// Raised by the browser's input and change events of the cell and handled once for the whole table (report-entry.js
/// registers the event types), so that a cell carries no handlers of its own: a form of many figures kept open by
/// every county at month end costs each session that much less, and a keystroke's render sends no new handlers (ADR-015).
/// </summary>
public sealed class EntryCellEventArgs : EventArgs
{
    public string Name { get; set; } = string.Empty;

    public string Value { get; set; } = string.Empty;
}

/// <summary>
/// The table-level events of the entry cells (the browser's <c>input</c> and <c>change</c>). The Razor compiler finds
/// custom events only on a public class named <c>EventHandlers</c> in an imported namespace (dotnet/aspnetcore#42475).
/// </summary>
[EventHandler("onentrycellinput", typeof(EntryCellEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
[EventHandler("onentrycellchange", typeof(EntryCellEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers
{
}

/// <summary>What an edit did to the figures.</summary>
public enum CellEdit
{
    /// <summary>No such cell on this report (a stale or forged name): nothing changed.</summary>
    Unknown,

    /// <summary>Not a whole number (or an amount) of zero or more: the figure keeps its value, the cell shows the error.</summary>
    Invalid,

    /// <summary>The figure took the value.</summary>
    Applied,
}

/// <summary>
/// The entry table's cells by name: <c>P{projectId}.{field}</c> for a project line (UnitsStarted,
/// UnitsBasicallyCompleted, InvestmentCompleted, HouseholdsSigned, HouseholdsMovedOut, Funds.{source}.Received|Spent)
/// and <c>C{caseId}.{field}</c> for a case line (ReturnResettlement, Monetary, OffSite, Transitional). An empty cell is 0.
/// </summary>
public static class EntryCells
{
    public static string Project(int projectId, string field) => $"P{projectId.ToString(CultureInfo.InvariantCulture)}.{field}";

    public static string Case(int caseId, string field) => $"C{caseId.ToString(CultureInfo.InvariantCulture)}.{field}";

    public static string Funds(FundingSource source, bool spent) => $"Funds.{source}.{(spent ? "Spent" : "Received")}";

    /// <summary>Sets the named figure from the text; <paramref name="projectId"/> or <paramref name="caseId"/> says whose line it was.</summary>
    public static CellEdit Apply(
        string name, string text, IReadOnlyDictionary<int, ProjectLineInput> projects, IReadOnlyDictionary<int, CaseLineInput> cases,
        out int? projectId, out int? caseId)
    {
        projectId = null;
        caseId = null;
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot < 2 || !int.TryParse(name.AsSpan(1, dot - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return CellEdit.Unknown;
        }

        var field = name[(dot + 1)..];
        if (name[0] == 'P' && projects.TryGetValue(id, out var project))
        {
            var edit = ApplyProject(project, field, text);
            projectId = edit == CellEdit.Unknown ? null : id;
            return edit;
        }

        if (name[0] == 'C' && cases.TryGetValue(id, out var line))
        {
            var edit = ApplyCase(line, field, text);
            caseId = edit == CellEdit.Unknown ? null : id;
            return edit;
        }

        return CellEdit.Unknown;
    }

    private static bool TryInt(string text, out int value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = 0;
            return true;
        }

        return int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= 0;
    }

    private static bool TryMoney(string text, out decimal value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = 0m;
            return true;
        }

        return decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out value) && value >= 0m;
    }

    /// <summary>The line's figures of a funding source (null when none entered yet).</summary>
    public static FundsInput? FundsOf(ProjectLineInput line, FundingSource source) => line.Funds.FirstOrDefault(f => f.Source == source);

    private static CellEdit ApplyProject(ProjectLineInput line, string field, string text)
    {
        switch (field)
        {
            case nameof(ProjectLineInput.UnitsStarted):
                return Int(text, x => line.UnitsStarted = x);
            case nameof(ProjectLineInput.UnitsBasicallyCompleted):
                return Int(text, x => line.UnitsBasicallyCompleted = x);
            case nameof(ProjectLineInput.InvestmentCompleted):
                return Money(text, x => line.InvestmentCompleted = x);
            case nameof(ProjectLineInput.HouseholdsSigned):
                return Int(text, x => line.HouseholdsSigned = x);
            case nameof(ProjectLineInput.HouseholdsMovedOut):
                return Int(text, x => line.HouseholdsMovedOut = x);
        }

        // Funds.{source}.Received | Funds.{source}.Spent
        var parts = field.Split('.');
        if (parts.Length != 3 || parts[0] != "Funds" || !Enum.TryParse<FundingSource>(parts[1], ignoreCase: false, out var source)
            || !Enum.IsDefined(source) || parts[1] != source.ToString() || parts[2] is not ("Received" or "Spent"))
        {
            return CellEdit.Unknown;
        }

        if (!TryMoney(text, out var amount))
        {
            return CellEdit.Invalid;
        }

        var funds = FundsOf(line, source);
        if (funds is null)
        {
            funds = new FundsInput { Source = source };
            line.Funds.Add(funds);
        }

        if (parts[2] == "Spent")
        {
            funds.Spent = amount;
        }
        else
        {
            funds.Received = amount;
        }

        return CellEdit.Applied;
    }

    private static CellEdit ApplyCase(CaseLineInput line, string field, string text) => field switch
    {
        nameof(CaseLineInput.ReturnResettlement) => Int(text, x => line.ReturnResettlement = x),
        nameof(CaseLineInput.Monetary) => Int(text, x => line.Monetary = x),
        nameof(CaseLineInput.OffSite) => Int(text, x => line.OffSite = x),
        nameof(CaseLineInput.Transitional) => Int(text, x => line.Transitional = x),
        _ => CellEdit.Unknown,
    };

    private static CellEdit Int(string text, Action<int> set)
    {
        if (!TryInt(text, out var value))
        {
            return CellEdit.Invalid;
        }

        set(value);
        return CellEdit.Applied;
    }

    private static CellEdit Money(string text, Action<decimal> set)
    {
        if (!TryMoney(text, out var value))
        {
            return CellEdit.Invalid;
        }

        set(value);
        return CellEdit.Applied;
    }
}
