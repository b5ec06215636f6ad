using System.Globalization;
using AnjuPortal.Application.Jurisdictions;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.OverdueResettlement;

namespace AnjuPortal.Web.Components.Shared;

/// <summary>How the portal writes numbers, dates and codes on screen: one place, so every page reads the same.</summary>
public static class Display
{
    /// <summary>Shown for a value that does not exist (no date yet, a rate over zero).</summary>
    public const string Missing = "—";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : Missing;

    public static string Date(DateTime? date) => date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Missing;

    public static string DateTime(DateTimeOffset? at) => at is { } a ? a.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : Missing;

    /// <summary>
    /// An instant in Beijing time (UTC+8), whatever the server's time zone: deadlines and the report cycle are counted in
    /// China time, so the times beside them must be too.
    /// </summary>
    public static string ChinaDateTime(DateTimeOffset? at)
        => at is { } a ? a.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : Missing;

    /// <summary>Whole numbers with thousands separators (12,345).</summary>
    public static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>Money in 万元 with two decimals and separators.</summary>
    public static string Money(decimal value) => value.ToString("N2", CultureInfo.CurrentCulture);

    /// <summary>Part over whole as a percentage with one decimal ("41.5%"); a dash when the whole is zero.</summary>
    public static string Percent(int part, int whole)
        => whole <= 0 ? Missing : (part / (decimal)whole).ToString("P1", CultureInfo.CurrentCulture);

    public static string Percent(decimal part, decimal whole)
        => whole <= 0 ? Missing : (part / whole).ToString("P1", CultureInfo.CurrentCulture);

    /// <summary>A ledger category as officials quote it: number and name ("1 涉法涉诉").</summary>
    public static string Category(OverdueCategory category)
        => string.Create(CultureInfo.InvariantCulture, $"{(int)category} {DomainText.Of(category)}");

    /// <summary>
    /// A responsible official as registered, "陈贵树（住建局长）", split into the person and the post ("住建局长"), so a
    /// narrow column can put the post on a second line instead of cutting it off. No brackets: the post is null.
    /// </summary>
    public static (string Person, string? Post) Official(string official)
    {
        ArgumentNullException.ThrowIfNull(official);
        var open = official.IndexOfAny(['（', '(']);
        if (open <= 0)
        {
            return (official, null);
        }

        var post = official[(open + 1)..].TrimEnd('）', ')').Trim();
        return (official[..open].Trim(), post.Length > 0 ? post : null);
    }

    /// <summary>Left padding that shows a jurisdiction's place in the tree in a flat picker list.</summary>
    public static string Indent(JurisdictionOption option) => string.Create(CultureInfo.InvariantCulture, $"padding-left:{Math.Max(option.Depth, 0) * 1.25m}em");
}
