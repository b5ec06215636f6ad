using System.Globalization;
using AnjuPortal.Application.Dashboards;
using AnjuPortal.Web.Components.Shared;
using AnjuPortal.Web.Resources;
using Microsoft.Extensions.Localization;

namespace AnjuPortal.Web.Components.Pages.Dashboards.Components;

/// <summary>
/// How the dashboards write their figures: counts with separators (12,345), percentages with one decimal ("41.5%"),
/// gaps in percentage points with a true minus sign ("−8.5 个百分点") and a word beside the colour (落后 / 超前), and the
/// links from every figure to the rows behind it.
/// </summary>
public static class DashboardFormat
{
    /// <summary>The minus sign officials print (U+2212), not a hyphen.</summary>
    public const char Minus = '\u2212';

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A percentage already in percent (41.5 → "41.5%"); a dash for none.</summary>
    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : Display.Missing;

    /// <summary>A gap in points with its sign: "−8.5", "+3.0", "0.0"; a dash for none.</summary>
    public static string Signed(decimal? gap) => gap switch
    {
        null => Display.Missing,
        < 0 => Minus + (-gap.Value).ToString("0.0", CultureInfo.InvariantCulture),
        > 0 => "+" + gap.Value.ToString("0.0", CultureInfo.InvariantCulture),
        _ => 0m.ToString("0.0", CultureInfo.InvariantCulture),
    };

    /// <summary>"−8.5 个百分点".</summary>
    public static string GapPoints(IStringLocalizer<UiText> l, decimal? gap) => gap is null ? Display.Missing : l["Dashboard_GapPoints", Signed(gap)];

    /// <summary>The word beside a gap's colour: 落后, 超前 or 持平.</summary>
    public static string GapWord(IStringLocalizer<UiText> l, decimal? gap) => gap switch
    {
        null => l["Dashboard_NoPlan"],
        < 0 => l["Dashboard_Behind"],
        > 0 => l["Dashboard_Ahead"],
        _ => l["Dashboard_Even"],
    };

    /// <summary>CSS class of a gap, by the map's bands: ahead or even green, then yellow, orange and red as it falls behind.</summary>
    public static string GapClass(decimal? gap) => gap switch
    {
        null => "anju-gap-none",
        >= 0 => "anju-gap-ahead",
        >= -10 => "anju-gap-behind",
        >= -20 => "anju-gap-behind-far",
        _ => "anju-gap-behind-severe",
    };

    public static string MeasureName(IStringLocalizer<UiText> l, DashboardMeasure measure) => l[$"Dashboard_Measure_{measure}"];

    /// <summary>套 for dwelling units, 户 for households.</summary>
    public static string Suffix(IStringLocalizer<UiText> l, DashboardMeasure measure)
        => measure == DashboardMeasure.HouseholdsResolved ? l["Dashboard_UnitSuffix_Households"] : l["Dashboard_UnitSuffix_Units"];

    /// <summary>"9月30日前", "年底前" or "N月底前".</summary>
    public static string By(IStringLocalizer<UiText> l, int deadlineMonth) => deadlineMonth switch
    {
        9 => l["Dashboard_By_9"],
        12 => l["Dashboard_By_12"],
        _ => l["Dashboard_ByMonth", deadlineMonth],
    };

    /// <summary>"第一档" (the names from the resources; past them "第7档").</summary>
    public static string Band(IStringLocalizer<UiText> l, int band)
    {
        var names = l["Dashboard_BandNames"].Value.Split(',');
        return band >= 1 && band <= names.Length ? names[band - 1] : l["Dashboard_BandValue", band];
    }

    public static string DashboardLink(int unitId, int year, int month)
        => string.Create(CultureInfo.InvariantCulture, $"dashboard/{unitId}?year={year}&month={month}");

    /// <summary>The projects behind a unit's dwelling-unit figures: its subtree, that year's batch.</summary>
    public static string ProjectsLink(int unitId, int year)
        => string.Create(CultureInfo.InvariantCulture, $"projects?unit={unitId}&year={year}");

    /// <summary>The ledger cases behind a unit's household figures: its subtree.</summary>
    public static string CasesLink(int unitId) => string.Create(CultureInfo.InvariantCulture, $"cases?unit={unitId}");

    /// <summary>The link behind a measure's figures: projects for dwelling units, the ledger for households.</summary>
    public static string RowsLink(DashboardMeasure measure, int unitId, int year)
        => measure == DashboardMeasure.HouseholdsResolved ? CasesLink(unitId) : ProjectsLink(unitId, year);
}
