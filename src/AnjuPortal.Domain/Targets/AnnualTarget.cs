using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.Domain.Targets;

/// <summary>
/// Annual target 年度目标任务 of one jurisdiction, as signed in its responsibility letter 目标责任书:
/// units to start 开工套数, units basically completed 基本建成套数, overdue households to resolve.
/// </summary>
public sealed class AnnualTarget : AggregateRoot, ITenantOwned
{
    private AnnualTarget() { }

    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }
    public int Year { get; private set; }
    public int UnitsToStart { get; private set; }
    public int UnitsToComplete { get; private set; }
    public int OverdueHouseholdsToResolve { get; private set; }

    public static AnnualTarget Create(int jurisdictionId, int year, int unitsToStart, int unitsToComplete, int overdueHouseholdsToResolve)
    {
        var target = new AnnualTarget { JurisdictionId = jurisdictionId, Year = ReportingCalendar.ValidYear(year) };
        target.Revise(unitsToStart, unitsToComplete, overdueHouseholdsToResolve);
        return target;
    }

    public void Revise(int unitsToStart, int unitsToComplete, int overdueHouseholdsToResolve)
    {
        UnitsToStart = Guard.NotNegative(unitsToStart, nameof(UnitsToStart), "开工目标套数");
        UnitsToComplete = Guard.NotNegative(unitsToComplete, nameof(UnitsToComplete), "基本建成目标套数");
        OverdueHouseholdsToResolve = Guard.NotNegative(overdueHouseholdsToResolve, nameof(OverdueHouseholdsToResolve), "逾期未安置解决目标户数");
    }
}
