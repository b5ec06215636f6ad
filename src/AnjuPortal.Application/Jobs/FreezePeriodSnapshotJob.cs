using AnjuPortal.Application.Common;
using AnjuPortal.Application.Dashboards;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AnjuPortal.Application.Jobs;

/// <summary>
/// 冻结月度统计: freezes a period once the province has approved every reporting unit's latest revision, or at the
/// end of its approval window (24:00 China time on the approval deadline day) whatever the state; then writes the
/// snapshot, one <see cref="PeriodSnapshotRow"/> per reporting unit from its latest approved revision. Freezing first
/// means the figures cannot change while the snapshot is taken, and a run that stopped half-way finishes the snapshot
/// of any frozen period next time. Unique (period, jurisdiction) on the rows: running twice or on two servers writes
/// each row once.
/// </summary>
public sealed class FreezePeriodSnapshotJob(ISystemDbContextFactory contexts, TimeProvider clock, ILogger<FreezePeriodSnapshotJob> logger, ProgressStatistics? statistics = null,
    Supervision.MonthlyNotice.MonthlyNoticeDrafting? notices = null)
{
    public const string RecurringJobId = "reporting-period:freeze-snapshot";

    /// <summary>Returns how many snapshot rows this run wrote.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        await FreezeDuePeriodsAsync(ct);
        var written = 0;
        List<int> frozen;
        await using (var db = await contexts.CreateAsync(ct))
        {
            frozen = await db.ReportingPeriods.AsNoTracking().Where(p => p.Status == PeriodStatus.Frozen).Select(p => p.Id).ToListAsync(ct);
        }

        foreach (var periodId in frozen)
        {
            written += await SnapshotAsync(periodId, ct);
        }

        // The dashboards' rows of a newly frozen period are written final now, not at the statistics job's next run.
        if (statistics is not null)
        {
            await statistics.RefreshAllAsync(ct);
        }

        // The month's 月通报 drafted from those final rows now rather than at the drafting job's next run. A failure here
        // never fails the freeze: the drafting job tries again within the hour.
        if (notices is not null)
        {
            try
            {
                await notices.DraftDueAsync(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Monthly notice not drafted after the freeze; the drafting job will try again");
            }
        }

        return written;
    }

    private async Task FreezeDuePeriodsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateAsync(ct);
        var units = await ReportingJobData.ReportingUnitsAsync(db, ct);
        foreach (var period in await ReportingJobData.UnfrozenPeriodsAsync(db, ct))
        {
            var windowOver = now >= ChinaTime.StartOf(period.ApprovalDeadline.AddDays(1));
            if (windowOver || await AllApprovedAsync(db, period.Id, units.Count, ct))
            {
                period.Freeze();
                logger.LogInformation("Freezing reporting period {Year}-{Month:00} ({Reason})", period.Year, period.Month, windowOver ? "approval window over" : "all approved");
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Whether every reporting unit's latest revision of the period is approved.</summary>
    private static async Task<bool> AllApprovedAsync(IAppDbContext db, int periodId, int unitCount, CancellationToken ct)
    {
        if (unitCount == 0)
        {
            return false;
        }

        var rows = await db.MonthlyReports.AsNoTracking().Where(r => r.ReportingPeriodId == periodId)
            .Select(r => new { r.JurisdictionId, r.Revision, r.Status }).ToListAsync(ct);
        var latest = rows.GroupBy(r => r.JurisdictionId).Select(g => g.MaxBy(r => r.Revision)!.Status).ToList();
        return latest.Count >= unitCount && latest.All(s => s == ReportStatus.Approved);
    }

    private async Task<int> SnapshotAsync(int periodId, CancellationToken ct)
    {
        List<PeriodSnapshotRow> missing;
        await using (var db = await contexts.CreateAsync(ct))
        {
            var period = await db.ReportingPeriods.AsNoTracking().SingleAsync(p => p.Id == periodId, ct);
            var units = await ReportingJobData.ReportingUnitsAsync(db, ct);
            var done = (await db.PeriodSnapshotRows.Where(r => r.ReportingPeriodId == periodId).Select(r => r.JurisdictionId).ToListAsync(ct)).ToHashSet();
            var todo = units.Where(u => !done.Contains(u.Id)).Select(u => u.Id).ToList();
            if (todo.Count == 0)
            {
                return 0;
            }

            var reports = await db.MonthlyReports.AsNoTracking().AsSplitQuery()
                .Where(r => r.ReportingPeriodId == periodId && todo.Contains(r.JurisdictionId)).ToListAsync(ct);
            var byUnit = reports.ToLookup(r => r.JurisdictionId);
            missing = todo.Select(unit => PeriodSnapshotRow.Of(
                periodId, unit,
                byUnit[unit].Where(r => r.Status == ReportStatus.Approved).MaxBy(r => r.Revision),
                byUnit[unit].FirstOrDefault(r => r.Revision == 0),
                period)).ToList();
            db.PeriodSnapshotRows.AddRange(missing);
            try
            {
                await db.SaveChangesAsync(ct);
                logger.LogInformation("Snapshot of period {PeriodId}: {Rows} rows written", periodId, missing.Count);
                return missing.Count;
            }
            catch (DbUpdateException)
            {
                // Another server wrote some of these rows meanwhile: retry row by row below.
            }
        }

        var written = 0;
        foreach (var row in missing)
        {
            await using var db = await contexts.CreateAsync(ct);
            var period = await db.ReportingPeriods.AsNoTracking().SingleAsync(p => p.Id == periodId, ct);
            var reports = await db.MonthlyReports.AsNoTracking().AsSplitQuery()
                .Where(r => r.ReportingPeriodId == periodId && r.JurisdictionId == row.JurisdictionId).ToListAsync(ct);
            db.PeriodSnapshotRows.Add(PeriodSnapshotRow.Of(
                periodId, row.JurisdictionId, reports.Where(r => r.Status == ReportStatus.Approved).MaxBy(r => r.Revision), reports.FirstOrDefault(r => r.Revision == 0), period));
            try
            {
                await db.SaveChangesAsync(ct);
                written++;
            }
            catch (DbUpdateException)
            {
                await using var check = await contexts.CreateAsync(ct);
                if (!await check.PeriodSnapshotRows.AnyAsync(r => r.ReportingPeriodId == periodId && r.JurisdictionId == row.JurisdictionId, ct))
                {
                    throw;
                }
            }
        }

        return written;
    }
}
