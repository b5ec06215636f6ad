using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Reporting;

/// <summary>
/// Completeness and timeliness 报送情况 of a period: every reporting unit of a subtree by name, submitted on time,
/// late (how many days, with the reason given), or not submitted (and how long overdue, as of now). Measured on the
/// first submission of revision 0 against the period's deadline, 24:00 China time on the deadline day; a later return
/// and resubmission, or a correction, does not change timeliness.
/// </summary>
public sealed class ReportingCompleteness(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock)
{
    /// <summary>
    /// The units of the subtree under <paramref name="jurisdictionId"/> (default: the user's own unit) that report
    /// (every unit but the top of the tree), in the tree's order. Null when the period does not exist; a unit outside
    /// the user's subtree yields no rows.
    /// </summary>
    public async Task<CompletenessReport?> ForPeriodAsync(int periodId, int? jurisdictionId = null, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var period = await db.ReportingPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct);
        if (period is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var units = db.Jurisdictions.AsNoTracking().Where(j => j.ParentId != null);
        if ((jurisdictionId ?? user.JurisdictionId) is { } rootId)
        {
            var path = await db.Jurisdictions.Where(j => j.Id == rootId).Select(j => j.Path).FirstOrDefaultAsync(ct);
            units = path is null ? units.Where(_ => false) : units.Where(j => j.Path.StartsWith(path));
        }

        var rows = await units.Select(j => new { j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Path }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var reports = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.ReportingPeriodId == periodId && ids.Contains(r.JurisdictionId))
            .Select(r => new { r.Id, r.JurisdictionId, r.Revision, r.Status, r.FirstSubmittedAt, r.LateReason })
            .ToListAsync(ct);
        var byUnit = reports.ToLookup(r => r.JurisdictionId);
        var overdue = period.DaysLate(now);

        var result = rows
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .Select(unit =>
            {
                var original = byUnit[unit.Id].FirstOrDefault(r => r.Revision == 0);
                var latest = byUnit[unit.Id].OrderByDescending(r => r.Revision).FirstOrDefault();
                // Against the period's deadline as it stands now (the province may have moved it after some submitted).
                var (timeliness, days) = original?.FirstSubmittedAt is { } first
                    ? (period.DaysLate(first) > 0 ? Timeliness.Late : Timeliness.OnTime, period.DaysLate(first))
                    : (Timeliness.NotSubmitted, overdue);
                return new CompletenessRow(
                    unit.Id, unit.Code, unit.Name, unit.Level, unit.ParentId, unit.Path, timeliness, original?.FirstSubmittedAt, days,
                    original?.LateReason, latest?.Id, latest?.Revision, latest?.Status);
            })
            .ToList();
        return new CompletenessReport(PeriodSummary.Of(period), period.LateFrom, now, result);
    }
}
