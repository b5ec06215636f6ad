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
/// filters; a unit outside the user's subtree gives null. A stored view once built is reused by every user of the same
/// scope while the statistics are unchanged (<see cref="DashboardViewCache"/>, when given).
/// </summary>
public sealed class ProgressDashboard(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock, IOptions<DashboardOptions> options, DashboardViewCache? cache = null)
{
    /// <summary>The dashboard from the pre-aggregated rows, or null when the unit is not in the user's subtree.</summary>
    public async Task<DashboardView?> ForAsync(int? jurisdictionId = null, int? year = null, int? month = null, CancellationToken ct = default)
    {
        if (cache is not { Enabled: true })
        {
            return await BuildAsync(jurisdictionId, year, month, live: false, ct);
        }

        user.Demand(Permission.View);
        var key = new DashboardViewCache.Key(user.ScopePath(), jurisdictionId, year, month, ChinaTime.DateOf(clock.GetUtcNow()));
        var generation = await cache.GenerationAsync(ct);
        if (cache.TryGet(key, generation, out var held))
        {
            return held;
        }

        var view = await BuildAsync(jurisdictionId, year, month, live: false, ct);
        if (view is not null)
        {
            cache.Store(key, generation, view);
        }

        return view;
    }

    /// <summary>The same dashboard summed live from projects' report lines and households (slow at scale: for comparison).</summary>
    public Task<DashboardView?> LiveAsync(int? jurisdictionId = null, int? year = null, int? month = null, CancellationToken ct = default)
        => BuildAsync(jurisdictionId, year, month, live: true, ct);

    private async Task<DashboardView?> BuildAsync(int? jurisdictionId, int? year, int? month, bool live, CancellationToken ct)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);

        // The unit, its children and theirs (only to know which children have any) in one read.
        var unitId = jurisdictionId ?? user.JurisdictionId
            ?? await db.Jurisdictions.AsNoTracking().Where(j => j.ParentId == null).Select(j => (int?)j.Id).FirstOrDefaultAsync(ct);
        var family = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Id == unitId || j.ParentId == unitId || (j.Parent != null && j.Parent.ParentId == unitId))
            .Select(j => new TreeNode(j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Path, j.SortOrder)).ToListAsync(ct);
        var unit = family.FirstOrDefault(j => j.Id == unitId);
        if (unit is null)
        {
            return null;
        }

        var children = family.Where(j => j.ParentId == unit.Id).OrderBy(j => j.SortOrder).ThenBy(j => j.Code, StringComparer.Ordinal).ToList();
        var withChildren = family.Where(j => j.ParentId is not null && j.Id != unit.Id).Select(j => j.ParentId!.Value).ToHashSet();

        // The units between the user's own and this one (the user's own included), for the way back up.
        var trailCodes = unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).SkipLast(1).ToList();
        var trail = unit.Id == user.JurisdictionId || trailCodes.Count == 0 ? [] : (await db.Jurisdictions.AsNoTracking().Where(j => trailCodes.Contains(j.Code))
            .Select(j => new TreeNode(j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Path, j.SortOrder)).ToListAsync(ct))
            .Where(j => unit.Path.StartsWith(j.Path, StringComparison.Ordinal)).OrderBy(j => j.Path.Length).ToList();

        var today = ChinaTime.DateOf(clock.GetUtcNow());
        var chosenYear = year ?? (live
            ? await db.ReportingPeriods.AsNoTracking().MaxAsync(p => (int?)p.Year, ct)
            : await db.ProgressStats.AsNoTracking().Where(s => s.JurisdictionId == unit.Id).MaxAsync(s => (int?)s.Year, ct)) ?? today.Year;

        // Stored: the year's rows of the unit and its children at once; the months offered are the unit's rows.
        var nodeIds = new[] { unit }.Concat(children).Select(n => n.Id).ToList();
        var stored = live ? [] : await db.ProgressStats.AsNoTracking().Where(s => s.Year == chosenYear && nodeIds.Contains(s.JurisdictionId)).ToListAsync(ct);
        var months = live
            ? (await db.ReportingPeriods.AsNoTracking().Where(p => p.Year == chosenYear).Select(p => new { p.Month, p.Status }).ToListAsync(ct))
                .Select(p => new DashboardMonth(p.Month, p.Status == PeriodStatus.Frozen)).ToList()
            : stored.Where(s => s.JurisdictionId == unit.Id).Select(s => new DashboardMonth(s.Month, s.Frozen)).ToList();
        months = [.. months.OrderBy(m => m.Month)];
        var chosenMonth = month is { } asked && months.Any(m => m.Month == asked)
            ? asked
            : months.LastOrDefault(m => m.Frozen)?.Month ?? months.LastOrDefault()?.Month ?? 0;
        if (chosenMonth == 0)
        {
            chosenMonth = chosenYear < today.Year ? 12 : today.Month;
        }

        var figures = live
            ? await LiveFiguresAsync(db, unit, chosenYear, Enumerable.Range(1, chosenMonth).ToList(), ct)
            : stored.Where(s => s.Month <= chosenMonth).ToDictionary(s => (s.JurisdictionId, s.Month), s => s.Figures);

        var projects = await ProjectsAsync(db, unit.Id, chosenYear, chosenMonth, ct);
        var settings = options.Value;
        return DashboardBuilder.Build(new DashboardBuilder.Input(
            unit, children, trail, withChildren, chosenYear, chosenMonth, months, figures, projects, today, settings.Calendar(), settings.RankingBands));
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
        var lines = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.JurisdictionId == unitId && r.Status == ReportStatus.Approved && r.ReportingPeriod!.Year == year && r.ReportingPeriod.Month == month)
            .OrderByDescending(r => r.Revision).Take(1)
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
