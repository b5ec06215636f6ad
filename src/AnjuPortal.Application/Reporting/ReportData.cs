using AnjuPortal.Application.Common;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Reporting;

/// <summary>A reporting unit as the workflow needs it.</summary>
internal sealed record UnitInfo(int Id, string Code, string Name, int? ParentId, string Path)
{
    /// <summary>The top of the tree approves; every unit below it reports.</summary>
    public bool Reports => ParentId is not null;
}

/// <summary>
/// The reads the report use cases share: the unit, the latest revision of reports, the children's states, and the
/// baseline a report is entered and checked against. Every read goes through the tenancy filter.
/// </summary>
internal static class ReportData
{
    public const string ReportNotFound = "月报不存在，或不在您的管辖范围内。";
    public const string PeriodNotFound = "报告期不存在。";
    public const string UnitNotFound = "单位不存在，或不在您的管辖范围内。";
    public const string NotLatestRevision = "这不是该月报的最新修订版，请打开最新修订版。";

    public static string Conflict(MonthlyReport report)
        => $"保存失败：该月报已于 {report.UpdatedAt?.ToOffset(Domain.Common.ChinaTime.Offset):yyyy-MM-dd HH:mm} 被 {report.UpdatedBy ?? "其他用户"} 修改。请刷新页面，核对最新内容后再操作。";

    public static Task<UnitInfo?> UnitAsync(IAppDbContext db, int jurisdictionId, CancellationToken ct)
        => db.Jurisdictions.AsNoTracking().Where(j => j.Id == jurisdictionId)
            .Select(j => new UnitInfo(j.Id, j.Code, j.Name, j.ParentId, j.Path))
            .FirstOrDefaultAsync(ct);

    /// <summary>A report with all its lines, tracked for change; split into one query per collection (no cartesian product).</summary>
    public static Task<MonthlyReport?> ReportForUpdateAsync(IAppDbContext db, int reportId, CancellationToken ct)
        => db.MonthlyReports.AsSplitQuery().FirstOrDefaultAsync(r => r.Id == reportId, ct);

    public static async Task<int> LatestRevisionAsync(IAppDbContext db, int jurisdictionId, int periodId, CancellationToken ct)
        => await db.MonthlyReports.Where(r => r.JurisdictionId == jurisdictionId && r.ReportingPeriodId == periodId)
            .MaxAsync(r => (int?)r.Revision, ct) ?? -1;

    /// <summary>The latest revision of each given unit's report for the period (units without one are absent).</summary>
    public static async Task<Dictionary<int, (int Id, int Revision, ReportStatus Status)>> LatestRevisionsAsync(
        IAppDbContext db, int periodId, IReadOnlyCollection<int> jurisdictionIds, CancellationToken ct)
    {
        var rows = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.ReportingPeriodId == periodId && jurisdictionIds.Contains(r.JurisdictionId))
            .Select(r => new { r.Id, r.JurisdictionId, r.Revision, r.Status })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.JurisdictionId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Revision).Select(r => (r.Id, r.Revision, r.Status)).First());
    }

    /// <summary>Each child unit of <paramref name="jurisdictionId"/> with the status of its latest revision for the period (null: no report).</summary>
    public static async Task<List<ChildReportState>> ChildStatesAsync(IAppDbContext db, int jurisdictionId, int periodId, CancellationToken ct)
    {
        var children = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentId == jurisdictionId)
            .OrderBy(j => j.SortOrder).ThenBy(j => j.Code).Select(j => new { j.Id, j.Name }).ToListAsync(ct);
        var latest = await LatestRevisionsAsync(db, periodId, children.Select(c => c.Id).ToList(), ct);
        return children.Select(c => new ChildReportState(c.Name, latest.TryGetValue(c.Id, out var r) ? r.Status : null)).ToList();
    }

    /// <summary>
    /// What a unit's report for <paramref name="period"/> is entered and checked against. Projects: the unit's own
    /// projects (not its children's) of the period's batch year, older ones not yet basically completed, and any already
    /// on <paramref name="report"/>; each with the figures of the last approved report before the period (the register's
    /// figures when the project was not on it) and of the approved report before that. Cases: the unit's ledger cases
    /// with households still unresolved when the month began, and any already on the report.
    /// </summary>
    public static async Task<ReportBaseline> BaselineAsync(IAppDbContext db, int jurisdictionId, ReportingPeriod period, MonthlyReport? report, CancellationToken ct)
    {
        var (year, month) = (period.Year, period.Month);
        var approved = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.JurisdictionId == jurisdictionId && r.Status == ReportStatus.Approved
                && (r.ReportingPeriod!.Year < year || (r.ReportingPeriod.Year == year && r.ReportingPeriod.Month < month)))
            .Select(r => new { r.Id, r.Revision, r.ReportingPeriod!.Year, r.ReportingPeriod.Month })
            .ToListAsync(ct);
        var lastTwo = approved
            .GroupBy(a => (a.Year, a.Month))
            .OrderByDescending(g => g.Key.Year).ThenByDescending(g => g.Key.Month)
            .Take(2)
            .Select(g => g.OrderByDescending(a => a.Revision).First())
            .ToList();
        var ids = lastTwo.Select(a => a.Id).ToList();
        var loaded = await db.MonthlyReports.AsNoTracking().AsSplitQuery().Where(r => ids.Contains(r.Id)).ToListAsync(ct);
        var last = lastTwo.Count > 0 ? loaded.Single(r => r.Id == lastTwo[0].Id) : null;
        var before = lastTwo.Count > 1 ? loaded.Single(r => r.Id == lastTwo[1].Id) : null;
        var lastIsSameYear = lastTwo.Count > 0 && lastTwo[0].Year == year;

        var onReport = report?.ProjectLines.Select(l => l.ProjectId).ToHashSet() ?? [];
        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.JurisdictionId == jurisdictionId && p.BatchYear <= year)
            .OrderBy(p => p.BatchYear).ThenBy(p => p.Code)
            .ToListAsync(ct);
        var projectBaselines = new List<ProjectBaseline>();
        foreach (var p in projects)
        {
            var lastFigures = last?.FiguresOf(p.Id) ?? ProjectFigures.Of(p);
            var include = onReport.Contains(p.Id) || p.BatchYear == year || lastFigures.UnitsBasicallyCompleted < p.PlannedUnits;
            if (include)
            {
                projectBaselines.Add(new ProjectBaseline(p.Id, p.Code, p.Name, p.PlannedUnits, p.HouseholdsToExpropriate, lastFigures, before?.FiguresOf(p.Id)));
            }
        }

        var monthStart = period.MonthStart;
        var onReportCases = report?.CaseLines.Select(l => l.CaseId).ToList() ?? [];
        var cases = await db.OverdueCases.AsNoTracking()
            .Where(c => c.JurisdictionId == jurisdictionId)
            .Select(c => new
            {
                c.Id,
                c.Status,
                c.Project!.Code,
                c.Project.Name,
                Households = c.Households.Count,
                Unresolved = c.Households.Count(h => h.ResolvedOn == null || h.ResolvedOn >= monthStart),
            })
            .Where(c => (c.Status != CaseStatus.Closed && c.Unresolved > 0) || onReportCases.Contains(c.Id))
            .OrderBy(c => c.Code)
            .ToListAsync(ct);
        var caseBaselines = cases.Select(c =>
        {
            var lastLine = last?.CaseLines.FirstOrDefault(l => l.CaseId == c.Id);
            return new CaseBaseline(
                c.Id, c.Code, c.Name, c.Households, c.Unresolved,
                lastIsSameYear ? lastLine?.HouseholdsResolved ?? 0 : 0,
                lastLine?.ResolvedThisMonth.Total);
        });
        return new ReportBaseline(projectBaselines, caseBaselines);
    }
}
