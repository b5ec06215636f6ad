using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Progress;
using AnjuPortal.Domain.Projects;

namespace AnjuPortal.Application.Dashboards;

/// <summary>The three measures the dashboards put against the annual plan.</summary>
public enum DashboardMeasure
{
    /// <summary>开工 units started (deadline 30 September).</summary>
    UnitsStarted,
    /// <summary>基本建成 units basically completed (deadline 31 December).</summary>
    UnitsBasicallyCompleted,
    /// <summary>逾期未安置户 resolved (deadline 31 December).</summary>
    HouseholdsResolved,
}

/// <summary>One measure of one unit at one month's end: plan, done, task progress and gap to time progress.</summary>
public sealed record MeasureProgress(long Plan, long Done, decimal? TaskProgress, decimal? Gap)
{
    public long Remaining => Math.Max(0, Plan - Done);

    public static MeasureProgress Of(long plan, long done, int month)
        => new(plan, done, ProgressMeasures.TaskProgress(done, plan), ProgressMeasures.Gap(done, plan, month));
}

/// <summary>A jurisdiction as the dashboards name it.</summary>
public sealed record DashboardUnit(int Id, string Code, string Name, JurisdictionLevel Level, bool HasChildren);

/// <summary>One unit's figures at one month's end, by measure.</summary>
public sealed record UnitProgress(
    DashboardUnit Unit,
    MeasureProgress Started,
    MeasureProgress Completed,
    MeasureProgress Households,
    long HouseholdsWaiting,
    int Projects,
    decimal InvestmentCompleted,
    int ReportingUnits,
    int ApprovedUnits)
{
    public MeasureProgress this[DashboardMeasure measure] => measure switch
    {
        DashboardMeasure.UnitsStarted => Started,
        DashboardMeasure.UnitsBasicallyCompleted => Completed,
        _ => Households,
    };
}

/// <summary>
/// A child unit in the ranking 排名: its figures, its rank by task progress of units started among its siblings
/// (and within its band of similar task size), and last month's rank (null when it was not ranked or it is January).
/// </summary>
public sealed record UnitRanking(
    UnitProgress Progress,
    int? Rank,
    int? RankLastMonth,
    BandRank? Band,
    decimal? GapLastMonth)
{
    /// <summary>Places gained since last month (positive: moved up).</summary>
    public int? RankChange => Rank is { } now && RankLastMonth is { } before ? before - now : null;
}

/// <summary>One month of the trend chart: cumulative figures at its end.</summary>
public sealed record TrendPoint(int Month, long UnitsStarted, long UnitsBasicallyCompleted, long HouseholdsResolved, decimal TimeProgress, bool Frozen);

/// <summary>A deadline of the year and what remains before it; days left counted from today in China time (negative once it has passed).</summary>
public sealed record DeadlineStatus(DashboardMeasure Measure, DateOnly Deadline, long Plan, long Done, long Remaining, int DaysLeft);

/// <summary>
/// Early warning 预警 of one unit on one measure: the projection to the deadline at the pace so far (weighted by the
/// construction calendar) and the pace each remaining month must reach (倒排工期).
/// </summary>
public sealed record EarlyWarning(DashboardUnit Unit, DashboardMeasure Measure, Projection Projection);

/// <summary>A project of a county-level unit on its dashboard, most behind first.</summary>
public sealed record ProjectProgress(
    int ProjectId,
    string Code,
    string Name,
    ProjectStage Stage,
    DateOnly PlannedStartDate,
    int PlannedUnits,
    int UnitsStarted,
    int UnitsBasicallyCompleted,
    decimal? TaskProgress,
    /// <summary>Not started by its planned start date, or started share below time progress.</summary>
    bool Lagging);

/// <summary>A month the dashboard can show, and whether its figures are final.</summary>
public sealed record DashboardMonth(int Month, bool Frozen);

/// <summary>
/// Everything one dashboard shows for one unit (the province, a city or a county) at one month's end. Built from the
/// pre-aggregated <see cref="ProgressStat"/> rows (or, for comparison, from the rows themselves).
/// </summary>
public sealed record DashboardView(
    UnitProgress Unit,
    int Year,
    int Month,
    bool Frozen,
    decimal TimeProgress,
    IReadOnlyList<DashboardMonth> Months,
    IReadOnlyList<UnitRanking> Children,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<DeadlineStatus> Deadlines,
    IReadOnlyList<EarlyWarning> Warnings,
    IReadOnlyList<ProjectProgress> Projects,
    /// <summary>The unit's parents from the user's own unit down (for the breadcrumb), the unit excluded.</summary>
    IReadOnlyList<DashboardUnit> Trail);
