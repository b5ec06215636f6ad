using AnjuPortal.Application.Common;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Jobs;

/// <summary>A reporting unit as the jobs see it.</summary>
internal sealed record ReportingUnit(int Id, string Name, int? ParentId, bool ParentIsRoot);

/// <summary>Queries the report-cycle jobs share (system context: the whole tree).</summary>
internal static class ReportingJobData
{
    /// <summary>Every unit that reports (all but the top of the tree).</summary>
    public static async Task<List<ReportingUnit>> ReportingUnitsAsync(IAppDbContext db, CancellationToken ct)
    {
        var all = await db.Jurisdictions.AsNoTracking().Select(j => new { j.Id, j.Name, j.ParentId, j.Path }).ToListAsync(ct);
        var roots = all.Where(j => j.ParentId == null).Select(j => j.Id).ToHashSet();
        return all.Where(j => j.ParentId != null).OrderBy(j => j.Path, StringComparer.Ordinal)
            .Select(j => new ReportingUnit(j.Id, j.Name, j.ParentId, roots.Contains(j.ParentId!.Value))).ToList();
    }

    /// <summary>The reporting units whose report of the period has never been submitted (revision 0 without a first submission).</summary>
    public static async Task<List<ReportingUnit>> NotSubmittedAsync(IAppDbContext db, int periodId, CancellationToken ct)
    {
        var units = await ReportingUnitsAsync(db, ct);
        var submitted = (await db.MonthlyReports.AsNoTracking()
            .Where(r => r.ReportingPeriodId == periodId && r.Revision == 0 && r.FirstSubmittedAt != null)
            .Select(r => r.JurisdictionId).ToListAsync(ct)).ToHashSet();
        return units.Where(u => !submitted.Contains(u.Id)).ToList();
    }

    public static DateOnly ChinaToday(TimeProvider clock) => ChinaTime.DateOf(clock.GetUtcNow());

    /// <summary>Periods not frozen yet, oldest first.</summary>
    public static Task<List<ReportingPeriod>> UnfrozenPeriodsAsync(IAppDbContext db, CancellationToken ct)
        => db.ReportingPeriods.Where(p => p.Status != PeriodStatus.Frozen).OrderBy(p => p.Year).ThenBy(p => p.Month).ToListAsync(ct);
}
