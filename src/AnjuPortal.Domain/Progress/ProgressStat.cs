using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.Domain.Progress;

/// <summary>
/// Pre-aggregated progress 进度统计 of one jurisdiction's whole subtree at the end of one month, which the dashboards
/// read instead of summing projects and households on every render (ADR-008). One row per (jurisdiction, year, month),
/// for every node of the tree. Project figures come from the latest approved revision of each unit's report for that
/// month (projects of the year's batch only); household figures from the ledger's rows (resolved in the year up to the
/// month's end; still waiting at its end); plans from the node's own annual target, or the sum of its children's when
/// the node has none. A row of a frozen period is written once, with <see cref="Frozen"/>, and never changed; the
/// rows of open periods are recomputed as reports are approved and households resolved. Derived data: not audited.
/// </summary>
public sealed class ProgressStat : ITenantOwned
{
    private ProgressStat() { }

    public long Id { get; private set; }
    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }
    public int Year { get; private set; }
    public int Month { get; private set; }

    /// <summary>Written from a frozen period: final, never recomputed.</summary>
    public bool Frozen { get; private set; }
    public DateTimeOffset ComputedAt { get; private set; }

    public int PlanUnitsToStart { get; private set; }
    public int PlanUnitsToComplete { get; private set; }
    public int PlanHouseholdsToResolve { get; private set; }

    /// <summary>Projects of the year's batch with a line in an approved report of the month.</summary>
    public int Projects { get; private set; }
    public long UnitsStarted { get; private set; }
    public long UnitsBasicallyCompleted { get; private set; }
    public decimal InvestmentCompleted { get; private set; }

    /// <summary>Ledger households resolved from 1 January of the year to the month's end.</summary>
    public long HouseholdsResolved { get; private set; }

    /// <summary>Ledger households not resolved at the month's end.</summary>
    public long HouseholdsWaiting { get; private set; }

    /// <summary>Reporting units in the subtree (the node included when it reports), and those with an approved report for the month.</summary>
    public int ReportingUnits { get; private set; }
    public int ApprovedUnits { get; private set; }

    public static ProgressStat Create(int jurisdictionId, int year, int month)
        => new() { JurisdictionId = jurisdictionId, Year = ReportingCalendar.ValidYear(year), Month = ReportingCalendar.ValidMonth(month) };

    /// <summary>Sets every figure (refused on a frozen row); <paramref name="freeze"/> makes the row final.</summary>
    public void Set(ProgressFigures figures, bool freeze, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(figures);
        if (Frozen)
        {
            throw new InvalidOperationException("A frozen progress row is never recomputed.");
        }

        PlanUnitsToStart = figures.PlanUnitsToStart;
        PlanUnitsToComplete = figures.PlanUnitsToComplete;
        PlanHouseholdsToResolve = figures.PlanHouseholdsToResolve;
        Projects = figures.Projects;
        UnitsStarted = figures.UnitsStarted;
        UnitsBasicallyCompleted = figures.UnitsBasicallyCompleted;
        InvestmentCompleted = figures.InvestmentCompleted;
        HouseholdsResolved = figures.HouseholdsResolved;
        HouseholdsWaiting = figures.HouseholdsWaiting;
        ReportingUnits = figures.ReportingUnits;
        ApprovedUnits = figures.ApprovedUnits;
        Frozen = freeze;
        ComputedAt = at;
    }

    public ProgressFigures Figures => new(
        PlanUnitsToStart, PlanUnitsToComplete, PlanHouseholdsToResolve, Projects, UnitsStarted, UnitsBasicallyCompleted,
        InvestmentCompleted, HouseholdsResolved, HouseholdsWaiting, ReportingUnits, ApprovedUnits);
}

/// <summary>The figures of one subtree at one month's end (see <see cref="ProgressStat"/> for where each comes from).</summary>
public sealed record ProgressFigures(
    int PlanUnitsToStart,
    int PlanUnitsToComplete,
    int PlanHouseholdsToResolve,
    int Projects,
    long UnitsStarted,
    long UnitsBasicallyCompleted,
    decimal InvestmentCompleted,
    long HouseholdsResolved,
    long HouseholdsWaiting,
    int ReportingUnits,
    int ApprovedUnits)
{
    public static ProgressFigures Zero { get; } = new(0, 0, 0, 0, 0, 0, 0m, 0, 0, 0, 0);

    /// <summary>Field-by-field sum, plans included (a parent without its own target plans what its children plan).</summary>
    public static ProgressFigures operator +(ProgressFigures a, ProgressFigures b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(
            a.PlanUnitsToStart + b.PlanUnitsToStart, a.PlanUnitsToComplete + b.PlanUnitsToComplete, a.PlanHouseholdsToResolve + b.PlanHouseholdsToResolve,
            a.Projects + b.Projects, a.UnitsStarted + b.UnitsStarted, a.UnitsBasicallyCompleted + b.UnitsBasicallyCompleted,
            a.InvestmentCompleted + b.InvestmentCompleted, a.HouseholdsResolved + b.HouseholdsResolved, a.HouseholdsWaiting + b.HouseholdsWaiting,
            a.ReportingUnits + b.ReportingUnits, a.ApprovedUnits + b.ApprovedUnits);
    }

    public static ProgressFigures Add(ProgressFigures a, ProgressFigures b) => a + b;
}
