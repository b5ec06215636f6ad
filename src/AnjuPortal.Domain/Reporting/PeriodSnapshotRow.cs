using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.Domain.Reporting;

/// <summary>
/// One reporting unit's figures for a frozen period 月度统计快照: the sums of its latest approved revision (zero when it
/// has none), taken once when the period is frozen and never changed. Unique (period, jurisdiction), so the freezing
/// job can run twice or on two servers without doubling a row. Tenant-owned: a city reads its own area's rows.
/// </summary>
public sealed class PeriodSnapshotRow : Entity, ITenantOwned
{
    private PeriodSnapshotRow() { }

    public int ReportingPeriodId { get; private set; }
    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }

    /// <summary>The approved revision the figures come from, or null when the unit has no approved report for the period.</summary>
    public int? MonthlyReportId { get; private set; }
    public int? Revision { get; private set; }

    /// <summary>Timeliness of the first submission (as <c>ReportingCompleteness</c> judges it) when frozen.</summary>
    public bool Submitted { get; private set; }
    public int? DaysLate { get; private set; }

    public int ProjectCount { get; private set; }
    public int UnitsStarted { get; private set; }
    public int UnitsBasicallyCompleted { get; private set; }
    public decimal InvestmentCompleted { get; private set; }
    public decimal FundsReceived { get; private set; }
    public decimal FundsSpent { get; private set; }
    public int HouseholdsSigned { get; private set; }
    public int HouseholdsMovedOut { get; private set; }
    public int HouseholdsResolvedThisMonth { get; private set; }
    public int HouseholdsResolvedInYear { get; private set; }

    /// <summary>The row of <paramref name="jurisdictionId"/>: the sums of <paramref name="approved"/> (its latest approved revision), if any.</summary>
    public static PeriodSnapshotRow Of(int periodId, int jurisdictionId, MonthlyReport? approved, MonthlyReport? original, ReportingPeriod period)
    {
        var row = new PeriodSnapshotRow
        {
            ReportingPeriodId = periodId,
            JurisdictionId = jurisdictionId,
            Submitted = original?.FirstSubmittedAt is not null,
            DaysLate = original?.FirstSubmittedAt is { } first ? period.DaysLate(first) : null,
        };
        if (approved is null)
        {
            return row;
        }

        row.MonthlyReportId = approved.Id;
        row.Revision = approved.Revision;
        row.ProjectCount = approved.ProjectLines.Count;
        row.UnitsStarted = approved.ProjectLines.Sum(l => l.UnitsStarted);
        row.UnitsBasicallyCompleted = approved.ProjectLines.Sum(l => l.UnitsBasicallyCompleted);
        row.InvestmentCompleted = approved.ProjectLines.Sum(l => l.InvestmentCompleted);
        row.HouseholdsSigned = approved.ProjectLines.Sum(l => l.HouseholdsSigned);
        row.HouseholdsMovedOut = approved.ProjectLines.Sum(l => l.HouseholdsMovedOut);
        row.FundsReceived = approved.FundingLines.Sum(l => l.Received);
        row.FundsSpent = approved.FundingLines.Sum(l => l.Spent);
        row.HouseholdsResolvedThisMonth = approved.CaseLines.Sum(l => l.ResolvedReturn + l.ResolvedMonetary + l.ResolvedOffSite + l.ResolvedTransitional);
        row.HouseholdsResolvedInYear = approved.CaseLines.Sum(l => l.HouseholdsResolved);
        return row;
    }
}
