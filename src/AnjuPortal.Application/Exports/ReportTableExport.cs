using AnjuPortal.Application.Auditing;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Progress;
using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Exports;

/// <summary>What one row of the period table is: a unit, a unit's own projects (本级), a subtotal or the total.</summary>
public enum ReportTableRowKind
{
    /// <summary>A unit without children below the subtotal level (a county).</summary>
    Unit = 0,
    /// <summary>The projects a unit with children runs itself (市本级), so that the rows above its subtotal add up.</summary>
    OwnProjects = 1,
    /// <summary>A child of the export's root with its whole area (a city's 小计).</summary>
    Subtotal = 2,
    /// <summary>The export's root with its whole area (全省合计).</summary>
    Total = 3,
}

/// <summary>One measure of a row: the annual plan, the cumulative figure, the share in percent (one decimal) and the rank.</summary>
public sealed record ReportTableMeasure(int? Plan, int Cumulative, decimal? Percent, int? Rank);

/// <summary>One row of the period table 进展情况表.</summary>
public sealed record ReportTableRow(
    ReportTableRowKind Kind, int JurisdictionId, string Code, string Label,
    ReportTableMeasure Started, ReportTableMeasure Completed, ReportTableMeasure Resolved);

/// <summary>
/// The period table a provincial office circulates 全省棚改工作进展情况表: one row per jurisdiction (each city with its
/// counties beneath, the city's own projects, the city's subtotal; the total of the user's unit last), and per measure
/// the annual plan 年度计划, the cumulative figure 累计完成, the share 完成率 and the rank 排名 among the root's children
/// (the cities for a province user, the counties for a city user). Measures: units started and basically completed of
/// the period year's batch, and the year's overdue households resolved, from the latest APPROVED revision of each unit's
/// report for the period (draft and submitted figures are never in it). Tenancy limits it to the user's subtree.
/// </summary>
public sealed class ReportTableExport(IAppDbContextFactory contexts, IAuditLog audit, ICurrentUser user, TimeProvider clock)
{
    /// <summary>The audit record's entity type for this export.</summary>
    public const string EntityType = nameof(MonthlyReport);

    /// <summary>The table for the period, or null when the period does not exist.</summary>
    public async Task<IReadOnlyList<ReportTableRow>?> BuildAsync(int periodId, CancellationToken ct = default)
    {
        user.Demand(Permission.Export);
        await using var db = await contexts.CreateAsync(ct);
        var period = await db.ReportingPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct);
        return period is null ? null : await RowsAsync(db, period, ct);
    }

    /// <summary>The table as an .xlsx file with one audit record, or null (nothing recorded) when the period does not exist.</summary>
    public async Task<ExportFile?> ExportAsync(int periodId, CancellationToken ct = default)
    {
        user.Demand(Permission.Export);
        await using var db = await contexts.CreateAsync(ct);
        var period = await db.ReportingPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct);
        if (period is null)
        {
            return null;
        }

        var rows = await RowsAsync(db, period, ct);
        var content = await SpreadsheetTable.WriteAsync(ExportNote.Format("Export_Report_Sheet", period.Year, period.Month), Columns(), rows, ct);
        var root = rows.Count > 0 ? rows[^1] : null;
        var note = ExportNote.Fit(ExportNote.Format("Export_Note_Report", period.Label, root?.Label ?? "-", rows.Count));
        var filedUnder = user.JurisdictionId ?? throw new InvalidOperationException("An export is made by a user with a jurisdiction.");
        await audit.RecordAsync(AuditAction.Export, EntityType, null, filedUnder, note, ct);
        return new ExportFile(ExportNote.Format("Export_Report_File", period.Year, period.Month, ChinaToday()), content);
    }

    private DateTime ChinaToday() => Domain.Common.ChinaTime.DateOf(clock.GetUtcNow()).ToDateTime(TimeOnly.MinValue);

    private async Task<List<ReportTableRow>> RowsAsync(IAppDbContext db, ReportingPeriod period, CancellationToken ct)
    {
        var rootId = user.JurisdictionId ?? throw new InvalidOperationException("A report table is made for a user with a jurisdiction.");
        var units = await db.Jurisdictions.AsNoTracking()
            .Select(j => new Unit(j.Id, j.Code, j.Name, j.ParentId, j.Path, j.SortOrder)).ToListAsync(ct);
        var root = units.FirstOrDefault(u => u.Id == rootId);
        if (root is null)
        {
            return [];
        }

        var (year, periodId) = (period.Year, period.Id);
        var targets = await db.AnnualTargets.AsNoTracking().Where(t => t.Year == year)
            .ToDictionaryAsync(t => t.JurisdictionId, t => (t.UnitsToStart, t.UnitsToComplete, t.OverdueHouseholdsToResolve), ct);

        // The latest approved revision of each unit's report (an approved correction replaces the revision it corrects),
        // picked in memory from one small query (one row per approved revision), then the lines of exactly those reports
        // summed by unit: only joins on keys, no correlated subquery per line.
        var approved = await db.MonthlyReports.AsNoTracking()
            .Where(r => r.ReportingPeriodId == periodId && r.Status == ReportStatus.Approved)
            .Select(r => new { r.Id, r.JurisdictionId, r.Revision })
            .ToListAsync(ct);
        var latest = approved.GroupBy(r => r.JurisdictionId).Select(g => g.MaxBy(r => r.Revision)!.Id).ToList();
        var reports = db.MonthlyReports.AsNoTracking().Where(r => latest.Contains(r.Id));
        var projectSums = await reports
            .SelectMany(r => r.ProjectLines, (r, l) => new { r.JurisdictionId, l.ProjectId, l.UnitsStarted, l.UnitsBasicallyCompleted })
            .Join(db.Projects.Where(p => p.BatchYear == year), x => x.ProjectId, p => p.Id, (x, p) => x)
            .GroupBy(x => x.JurisdictionId)
            .Select(g => new { g.Key, Started = g.Sum(x => x.UnitsStarted), Completed = g.Sum(x => x.UnitsBasicallyCompleted) })
            .ToDictionaryAsync(x => x.Key, x => (x.Started, x.Completed), ct);
        var caseSums = await reports
            .SelectMany(r => r.CaseLines, (r, l) => new { r.JurisdictionId, l.HouseholdsResolved })
            .GroupBy(x => x.JurisdictionId)
            .Select(g => new { g.Key, Resolved = g.Sum(x => x.HouseholdsResolved) })
            .ToDictionaryAsync(x => x.Key, x => x.Resolved, ct);

        var own = units.ToDictionary(u => u.Id, u =>
        {
            var p = projectSums.GetValueOrDefault(u.Id);
            return new Figures(p.Started, p.Completed, caseSums.GetValueOrDefault(u.Id));
        });
        // Each unit's whole area, bottom-up (deepest paths first): linear in the number of units.
        var area = new Dictionary<int, Figures>(own);
        foreach (var u in units.Where(u => u.ParentId is not null).OrderByDescending(u => u.Path.Length))
        {
            if (area.ContainsKey(u.ParentId!.Value))
            {
                area[u.ParentId.Value] += area[u.Id];
            }
        }

        var children = units.ToLookup(u => u.ParentId);
        IEnumerable<Unit> ChildrenOf(Unit u) => children[u.Id].OrderBy(c => c.SortOrder).ThenBy(c => c.Code, StringComparer.Ordinal);

        // A unit's plan: its own target, or (none entered) the sum of its children's plans.
        var plans = new Dictionary<int, PlanFigures?>();
        PlanFigures? PlanOf(Unit u)
        {
            if (plans.TryGetValue(u.Id, out var known))
            {
                return known;
            }

            PlanFigures? plan = targets.TryGetValue(u.Id, out var t) ? new PlanFigures(t.UnitsToStart, t.UnitsToComplete, t.OverdueHouseholdsToResolve) : null;
            if (plan is null)
            {
                var parts = ChildrenOf(u).Select(PlanOf).Where(p => p is not null).ToList();
                plan = parts.Count == 0 ? null : new PlanFigures(parts.Sum(p => p!.Start), parts.Sum(p => p!.Complete), parts.Sum(p => p!.Households));
            }

            plans[u.Id] = plan;
            return plan;
        }

        var ranked = ChildrenOf(root).ToList();
        var startRanks = Ranks(ranked, u => Percent(area[u.Id].Started, PlanOf(u)?.Start));
        var completeRanks = Ranks(ranked, u => Percent(area[u.Id].Completed, PlanOf(u)?.Complete));
        var resolveRanks = Ranks(ranked, u => Percent(area[u.Id].Resolved, PlanOf(u)?.Households));

        ReportTableRow Row(ReportTableRowKind kind, Unit u, string label, Figures figures, PlanFigures? plan, bool rank) => new(
            kind, u.Id, u.Code, label,
            Measure(plan?.Start, figures.Started, rank ? startRanks.GetValueOrDefault(u.Id) : null),
            Measure(plan?.Complete, figures.Completed, rank ? completeRanks.GetValueOrDefault(u.Id) : null),
            Measure(plan?.Households, figures.Resolved, rank ? resolveRanks.GetValueOrDefault(u.Id) : null));

        var rows = new List<ReportTableRow>();
        foreach (var child in ranked)
        {
            var grandchildren = ChildrenOf(child).ToList();
            if (grandchildren.Count == 0)
            {
                rows.Add(Row(ReportTableRowKind.Unit, child, child.Name, area[child.Id], PlanOf(child), rank: true));
                continue;
            }

            rows.AddRange(grandchildren.Select(g => Row(ReportTableRowKind.Unit, g, g.Name, area[g.Id], PlanOf(g), rank: false)));
            if (own[child.Id] != Figures.Zero)
            {
                rows.Add(Row(ReportTableRowKind.OwnProjects, child, ExportNote.Format("Export_Report_OwnProjects", child.Name), own[child.Id], null, rank: false));
            }

            rows.Add(Row(ReportTableRowKind.Subtotal, child, ExportNote.Format("Export_Report_Subtotal", child.Name), area[child.Id], PlanOf(child), rank: true));
        }

        if (ranked.Count > 0 && own[root.Id] != Figures.Zero)
        {
            rows.Add(Row(ReportTableRowKind.OwnProjects, root, ExportNote.Format("Export_Report_OwnProjects", root.Name), own[root.Id], null, rank: false));
        }

        rows.Add(Row(ReportTableRowKind.Total, root, ExportNote.Format("Export_Report_Total", root.Name), area[root.Id], PlanOf(root), rank: false));
        return rows;
    }

    private static ReportTableMeasure Measure(int? plan, int cumulative, int? rank) => new(plan, cumulative, Percent(cumulative, plan), rank);

    /// <summary>Cumulative over plan in percent, one decimal (7,471 of 18,002 = 41.5); none without a plan above zero.</summary>
    private static decimal? Percent(int cumulative, int? plan) => ProgressMeasures.TaskProgress(cumulative, plan);

    /// <summary>Standard competition ranking by share, highest first (1, 2, 2, 4); a unit without a plan is not ranked.</summary>
    private static Dictionary<int, int?> Ranks(IReadOnlyList<Unit> units, Func<Unit, decimal?> share)
        => Ranking.Competition(units.Select(u => (u.Id, share(u)))).ToDictionary(r => r.Key, r => (int?)r.Value);

    private static SpreadsheetColumn<ReportTableRow>[] Columns()
    {
        var columns = new List<SpreadsheetColumn<ReportTableRow>> { new(ExportNote.Text("Export_Report_Jurisdiction"), r => r.Label) };
        void Add(string measure, Func<ReportTableRow, ReportTableMeasure> of)
        {
            columns.Add(new(ExportNote.Text($"Export_Report_{measure}Plan"), r => of(r).Plan));
            columns.Add(new(ExportNote.Text($"Export_Report_{measure}Cumulative"), r => of(r).Cumulative));
            columns.Add(new(ExportNote.Text($"Export_Report_{measure}Percent"), r => of(r).Percent));
            columns.Add(new(ExportNote.Text($"Export_Report_{measure}Rank"), r => of(r).Rank));
        }

        Add("Started", r => r.Started);
        Add("Completed", r => r.Completed);
        Add("Resolved", r => r.Resolved);
        return [.. columns];
    }

    private sealed record Unit(int Id, string Code, string Name, int? ParentId, string Path, int SortOrder);

    private sealed record PlanFigures(int Start, int Complete, int Households);

    private readonly record struct Figures(int Started, int Completed, int Resolved)
    {
        public static Figures Zero => default;

        public static Figures operator +(Figures a, Figures b) => new(a.Started + b.Started, a.Completed + b.Completed, a.Resolved + b.Resolved);
    }
}
