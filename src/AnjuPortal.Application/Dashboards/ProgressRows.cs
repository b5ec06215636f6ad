using AnjuPortal.Application.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Progress;
using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Dashboards;

/// <summary>A node of the tree as the statistics need it.</summary>
public sealed record TreeNode(int Id, string Code, string Name, JurisdictionLevel Level, int? ParentId, string Path, int SortOrder);

/// <summary>
/// The progress figures summed from the rows themselves (ADR-008): the one definition both the pre-aggregation
/// (<see cref="ProgressStatistics"/>) and the live comparison use. Works on whatever the context can see: a user's
/// context sums the user's subtree, the system context the whole tree.
/// <list type="bullet">
/// <item>Projects, units started and basically completed, investment: the lines of the latest approved revision of each
/// unit's report for the month, for projects of the year's batch.</item>
/// <item>Households resolved: ledger households with a resolution date from 1 January to the month's end; waiting:
/// households without a resolution on the month's end.</item>
/// <item>Plans: the node's own annual target; without one, the sum of its children's plans.</item>
/// <item>Reporting units: every node below a root; approved: those with an approved report for the month.</item>
/// </list>
/// </summary>
public static class ProgressRows
{
    /// <summary>Every node the context can see, or only those under <paramref name="path"/>.</summary>
    public static async Task<List<TreeNode>> NodesAsync(IAppDbContext db, string? path, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.Jurisdictions.AsNoTracking();
        if (path is not null)
        {
            query = query.Where(j => j.Path.StartsWith(path));
        }

        return await query.Select(j => new TreeNode(j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Path, j.SortOrder)).ToListAsync(ct);
    }

    /// <summary>
    /// Each node's own figures (its own projects and households, not its children's) for each month of
    /// <paramref name="months"/> in <paramref name="year"/>, restricted to <paramref name="unitIds"/> and to the subtree at
    /// <paramref name="path"/> when given.
    /// Plans and reporting-unit counts are not included here (see <see cref="RollUp"/>).
    /// </summary>
    public static async Task<Dictionary<(int Unit, int Month), ProgressFigures>> OwnAsync(
        IAppDbContext db, int year, IReadOnlyCollection<int> months, IReadOnlyCollection<int>? unitIds, CancellationToken ct, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(months);
        var monthList = months.Distinct().ToList();
        var result = new Dictionary<(int Unit, int Month), ProgressFigures>();

        // Latest approved revision of each unit's report, per month.
        var reports = db.MonthlyReports.AsNoTracking()
            .Where(r => r.Status == ReportStatus.Approved && r.ReportingPeriod!.Year == year && monthList.Contains(r.ReportingPeriod.Month));
        if (unitIds is not null)
        {
            reports = reports.Where(r => unitIds.Contains(r.JurisdictionId));
        }

        if (path is not null)
        {
            reports = reports.Where(r => r.Jurisdiction!.Path.StartsWith(path));
        }

        var approved = await reports.Select(r => new { r.Id, r.JurisdictionId, r.ReportingPeriod!.Month, r.Revision }).ToListAsync(ct);
        var latest = approved.GroupBy(r => (r.JurisdictionId, r.Month)).Select(g => g.MaxBy(r => r.Revision)!).ToDictionary(r => r.Id);

        var lines = await reports
            .SelectMany(r => r.ProjectLines, (r, l) => new { ReportId = r.Id, l.ProjectId, l.UnitsStarted, l.UnitsBasicallyCompleted, l.InvestmentCompleted })
            .Join(db.Projects.Where(p => p.BatchYear == year), l => l.ProjectId, p => p.Id, (l, _) => l)
            .GroupBy(l => l.ReportId)
            .Select(g => new { ReportId = g.Key, Count = g.Count(), Started = g.Sum(l => (long)l.UnitsStarted), Completed = g.Sum(l => (long)l.UnitsBasicallyCompleted), Investment = g.Sum(l => l.InvestmentCompleted) })
            .ToListAsync(ct);
        foreach (var line in lines.Where(l => latest.ContainsKey(l.ReportId)))
        {
            var report = latest[line.ReportId];
            Add(result, (report.JurisdictionId, report.Month), ProgressFigures.Zero with { Projects = line.Count, UnitsStarted = line.Started, UnitsBasicallyCompleted = line.Completed, InvestmentCompleted = line.Investment });
        }

        foreach (var report in latest.Values)
        {
            Add(result, (report.JurisdictionId, report.Month), ProgressFigures.Zero with { ApprovedUnits = 1 });
        }

        // Households by resolution month; waiting at a month's end = all − resolved up to then (any year).
        var households = db.OverdueHouseholds.AsNoTracking();
        if (unitIds is not null)
        {
            households = households.Where(h => unitIds.Contains(h.JurisdictionId));
        }

        if (path is not null)
        {
            households = households.Where(h => h.Jurisdiction!.Path.StartsWith(path));
        }

        var counts = await households
            .GroupBy(h => new { h.JurisdictionId, Year = h.ResolvedOn == null ? 0 : h.ResolvedOn.Value.Year, Month = h.ResolvedOn == null ? 0 : h.ResolvedOn.Value.Month })
            .Select(g => new { g.Key.JurisdictionId, g.Key.Year, g.Key.Month, Count = g.LongCount() })
            .ToListAsync(ct);
        foreach (var unit in counts.GroupBy(c => c.JurisdictionId))
        {
            var total = unit.Sum(c => c.Count);
            foreach (var month in monthList)
            {
                var resolvedInYear = unit.Where(c => c.Year == year && c.Month <= month).Sum(c => c.Count);
                var resolvedByEnd = unit.Where(c => c.Year != 0 && (c.Year < year || (c.Year == year && c.Month <= month))).Sum(c => c.Count);
                Add(result, (unit.Key, month), ProgressFigures.Zero with { HouseholdsResolved = resolvedInYear, HouseholdsWaiting = total - resolvedByEnd });
            }
        }

        return result;
    }

    /// <summary>Own annual targets of the year, by node.</summary>
    public static async Task<Dictionary<int, ProgressFigures>> TargetsAsync(IAppDbContext db, int year, IReadOnlyCollection<int>? unitIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var targets = db.AnnualTargets.AsNoTracking().Where(t => t.Year == year);
        if (unitIds is not null)
        {
            targets = targets.Where(t => unitIds.Contains(t.JurisdictionId));
        }

        return await targets.ToDictionaryAsync(
            t => t.JurisdictionId,
            t => ProgressFigures.Zero with { PlanUnitsToStart = t.UnitsToStart, PlanUnitsToComplete = t.UnitsToComplete, PlanHouseholdsToResolve = t.OverdueHouseholdsToResolve },
            ct);
    }

    /// <summary>
    /// Subtree figures of <paramref name="node"/> for one month: its own figures plus its children's subtree figures;
    /// plans from its own target when it has one, else its children's; it counts as a reporting unit when it has a parent.
    /// </summary>
    public static ProgressFigures Combine(TreeNode node, ProgressFigures? own, ProgressFigures? target, IEnumerable<ProgressFigures> children)
    {
        ArgumentNullException.ThrowIfNull(node);
        var sum = children.Aggregate(own ?? ProgressFigures.Zero, ProgressFigures.Add);
        if (target is not null)
        {
            sum = sum with { PlanUnitsToStart = target.PlanUnitsToStart, PlanUnitsToComplete = target.PlanUnitsToComplete, PlanHouseholdsToResolve = target.PlanHouseholdsToResolve };
        }

        return node.ParentId is null ? sum : sum with { ReportingUnits = sum.ReportingUnits + 1 };
    }

    /// <summary>Subtree figures of every node of <paramref name="nodes"/> for each month (children before parents).</summary>
    public static Dictionary<(int Unit, int Month), ProgressFigures> RollUp(
        IReadOnlyList<TreeNode> nodes, IReadOnlyDictionary<(int Unit, int Month), ProgressFigures> own, IReadOnlyDictionary<int, ProgressFigures> targets, IReadOnlyCollection<int> months)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(months);
        var children = nodes.Where(n => n.ParentId is not null).ToLookup(n => n.ParentId!.Value);
        var result = new Dictionary<(int Unit, int Month), ProgressFigures>();
        foreach (var node in nodes.OrderByDescending(n => n.Path.Length))
        {
            foreach (var month in months)
            {
                result[(node.Id, month)] = Combine(
                    node,
                    own.GetValueOrDefault((node.Id, month)),
                    targets.GetValueOrDefault(node.Id),
                    children[node.Id].Select(c => result[(c.Id, month)]));
            }
        }

        return result;
    }

    private static void Add(Dictionary<(int Unit, int Month), ProgressFigures> result, (int Unit, int Month) key, ProgressFigures figures)
        => result[key] = result.TryGetValue(key, out var existing) ? existing + figures : figures;
}
