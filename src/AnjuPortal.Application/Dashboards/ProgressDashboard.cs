using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Progress;
using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Application.Dashboards;

/// <summary>
/// 挂图作战: the dashboard of one unit of the user's subtree (the user's own unit by default) at one month's end (the
/// latest frozen month of the year by default, else the latest month with figures). <see cref="ForAsync"/> reads the
/// pre-aggregated <see cref="ProgressStat"/> rows; <see cref="LiveAsync"/> builds the same view by summing the rows
/// themselves (for the benchmark and the agreement test: the two must give the same figures). Tenancy: the query
/// filters; a unit outside the user's subtree gives null.
/// </summary>
public sealed class ProgressDashboard(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock, IOptions<DashboardOptions> options)
{
    /// <summary>The dashboard from the pre-aggregated rows, or null when the unit is not in the user's subtree.</summary>
    public Task<DashboardView?> ForAsync(int? jurisdictionId = null, int? year = null, int? month = null, CancellationToken ct = default)
        => BuildAsync(jurisdictionId, year, month, live: false, ct);

    /// <summary>The same dashboard summed live from projects' report lines and households (slow at scale: for comparison).</summary>
    public Task<DashboardView?> LiveAsync(int? jurisdictionId = null, int? year = null, int? month = null, CancellationToken ct = default)
        => BuildAsync(jurisdictionId, year, month, live: true, ct);

    private async Task<DashboardView?> BuildAsync(int? jurisdictionId, int? year, int? month, bool live, CancellationToken ct)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var unitId = jurisdictionId ?? user.JurisdictionId;
        var unitQuery = db.Jurisdictions.AsNoTracking();
        unitQuery = unitId is { } id ? unitQuery.Where(j => j.Id == id) : unitQuery.Where(j => j.ParentId == null);
        var unit = await unitQuery.Select(j => new TreeNode(j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Path, j.SortOrder)).FirstOrDefaultAsync(ct);
        if (unit is null)
        {
            return null;
        }

        var children = await db.Jurisdictions.AsNoTracking().Where(j => j.ParentId == unit.Id).OrderBy(j => j.SortOrder).ThenBy(j => j.Code)
            .Select(j => new TreeNode(j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Path, j.SortOrder)).ToListAsync(ct);
        var childIds = children.Select(c => c.Id).ToList();
        var withChildren = (await db.Jurisdictions.AsNoTracking().Where(j => j.ParentId == unit.Id || (j.ParentId != null && childIds.Contains(j.ParentId.Value)))
            .Select(j => j.ParentId!.Value).Distinct().ToListAsync(ct)).ToHashSet();
        var trailCodes = unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipLast(1).ToList();
        var trail = (await db.Jurisdictions.AsNoTracking().Where(j => trailCodes.Contains(j.Code))
            .Select(j => new TreeNode(j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Path, j.SortOrder)).ToListAsync(ct))
            .Where(j => unit.Path.StartsWith(j.Path, StringComparison.Ordinal)).OrderBy(j => j.Path.Length).ToList();

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var chosenYear = year ?? (live
            ? await db.ReportingPeriods.AsNoTracking().MaxAsync(p => (int?)p.Year, ct)
            : await db.ProgressStats.AsNoTracking().Where(s => s.JurisdictionId == unit.Id).MaxAsync(s => (int?)s.Year, ct)) ?? today.Year;
        var months = live
            ? (await db.ReportingPeriods.AsNoTracking().Where(p => p.Year == chosenYear).Select(p => new { p.Month, p.Status }).ToListAsync(ct))
                .Select(p => new DashboardMonth(p.Month, p.Status == PeriodStatus.Frozen)).ToList()
            : (await db.ProgressStats.AsNoTracking().Where(s => s.JurisdictionId == unit.Id && s.Year == chosenYear).Select(s => new { s.Month, s.Frozen }).ToListAsync(ct))
                .Select(s => new DashboardMonth(s.Month, s.Frozen)).ToList();
        months = [.. months.OrderBy(m => m.Month)];
        var chosenMonth = month is { } asked && months.Any(m => m.Month == asked)
            ? asked
            : months.LastOrDefault(m => m.Frozen)?.Month ?? months.LastOrDefault()?.Month ?? 0;
        if (chosenMonth == 0)
        {
            chosenMonth = chosenYear < today.Year ? 12 : today.Month;
        }

        var wanted = Enumerable.Range(1, chosenMonth).ToList();
        var nodes = new[] { unit }.Concat(children).ToList();
        var figures = live
            ? await LiveFiguresAsync(db, unit, chosenYear, wanted, ct)
            : await StoredFiguresAsync(db, nodes.Select(n => n.Id).ToList(), chosenYear, chosenMonth, ct);

        var projects = await ProjectsAsync(db, unit.Id, chosenYear, chosenMonth, ct);
        var settings = options.Value;
        return DashboardBuilder.Build(new DashboardBuilder.Input(
            unit, children, trail, withChildren, chosenYear, chosenMonth, months, figures, projects, today, settings.Calendar(), settings.RankingBands));
    }

    private static async Task<Dictionary<(int Unit, int Month), ProgressFigures>> StoredFiguresAsync(IAppDbContext db, List<int> nodeIds, int year, int month, CancellationToken ct)
    {
        var rows = await db.ProgressStats.AsNoTracking().Where(s => s.Year == year && s.Month <= month && nodeIds.Contains(s.JurisdictionId)).ToListAsync(ct);
        return rows.ToDictionary(s => (s.JurisdictionId, s.Month), s => s.Figures);
    }

    private static async Task<Dictionary<(int Unit, int Month), ProgressFigures>> LiveFiguresAsync(IAppDbContext db, TreeNode unit, int year, List<int> months, CancellationToken ct)
    {
        var subtree = await ProgressRows.NodesAsync(db, unit.Path, ct);
        var own = await ProgressRows.OwnAsync(db, year, months, null, ct, unit.Path);
        var targets = await ProgressRows.TargetsAsync(db, year, null, ct);
        var inSubtree = subtree.Select(n => n.Id).ToHashSet();
        return ProgressRows.RollUp(subtree, own, targets.Where(t => inSubtree.Contains(t.Key)).ToDictionary(), months);
    }

    /// <summary>The unit's own projects of the year's batch as its latest approved report of the month has them, most behind first.</summary>
    private static async Task<List<ProjectProgress>> ProjectsAsync(IAppDbContext db, int unitId, int year, int month, CancellationToken ct)
    {
        var report = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.JurisdictionId == unitId && r.Status == ReportStatus.Approved && r.ReportingPeriod!.Year == year && r.ReportingPeriod.Month == month)
            .OrderByDescending(r => r.Revision).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        if (report is null)
        {
            return [];
        }

        var lines = await db.MonthlyReports.AsNoTracking().Where(r => r.Id == report)
            .SelectMany(r => r.ProjectLines, (_, l) => l)
            .Join(db.Projects.AsNoTracking().Where(p => p.BatchYear == year), l => l.ProjectId, p => p.Id,
                (l, p) => new { p.Id, p.Code, p.Name, p.Stage, p.PlannedStartDate, p.PlannedUnits, l.UnitsStarted, l.UnitsBasicallyCompleted })
            .ToListAsync(ct);
        var monthEnd = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
        var time = ProgressMeasures.TimeProgress(month);
        return lines
            .Select(l =>
            {
                var share = ProgressMeasures.TaskProgress(l.UnitsStarted, l.PlannedUnits);
                var lagging = (l.UnitsStarted == 0 && l.PlannedStartDate <= monthEnd) || (share is { } s && s - time < LaggingGap && s < 100m);
                return new ProjectProgress(l.Id, l.Code, l.Name, l.Stage, l.PlannedStartDate, l.PlannedUnits, l.UnitsStarted, l.UnitsBasicallyCompleted, share, lagging);
            })
            .OrderByDescending(p => p.Lagging).ThenBy(p => p.TaskProgress ?? 0m).ThenBy(p => p.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A project more than this many points behind time progress on units started is lagging (as is one not started by its planned start date).</summary>
    public const decimal LaggingGap = -10m;
}
