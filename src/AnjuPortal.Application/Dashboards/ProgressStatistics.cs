using AnjuPortal.Application.Common;
using AnjuPortal.Domain.Progress;
using AnjuPortal.Domain.Reporting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AnjuPortal.Application.Dashboards;

/// <summary>
/// Keeps the pre-aggregated <see cref="ProgressStat"/> rows current (ADR-008). Runs as the system (a county's change
/// moves its city's and province's rows too): the whole tree for a period (<see cref="RefreshPeriodAsync"/>, used by
/// the jobs), or one unit and its ancestors (<see cref="RefreshUnitsAsync"/>, used after an approval or a household's
/// resolution, so the live month follows the work within the request). The rows of a frozen period are written once,
/// final; the rows of open periods are recomputed. Two refreshes racing on a new row: the unique index refuses the
/// second insert and the refresh is run again. Every write raises the <see cref="StatisticsGeneration"/> counter in the
/// same transaction and, once committed, drops this process's built dashboards (ADR-013).
/// </summary>
public sealed class ProgressStatistics(ISystemDbContextFactory contexts, TimeProvider clock, ILogger<ProgressStatistics> logger, DashboardViewCache? views = null) : IProgressStatisticsSignal
{
    /// <inheritdoc />
    public async Task UnitsChangedAsync(IReadOnlyCollection<int> unitIds, int? year = null, CancellationToken ct = default)
    {
        try
        {
            await RefreshUnitsAsync(unitIds, year, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The change itself is saved; the recurring job sums these rows again.
            logger.LogWarning(ex, "Progress statistics of {Units} units not refreshed; the recurring job will", unitIds.Count);
        }
    }

    /// <summary>Every period: frozen ones not yet final are written final, open ones recomputed. Returns rows written.</summary>
    public async Task<int> RefreshAllAsync(CancellationToken ct = default)
    {
        List<(int Year, int Month, bool Frozen)> periods;
        Dictionary<(int Year, int Month), int> finalRows;
        int nodes;
        await using (var db = await contexts.CreateAsync(ct))
        {
            nodes = await db.Jurisdictions.CountAsync(ct);
            periods = (await db.ReportingPeriods.AsNoTracking().Select(p => new { p.Year, p.Month, p.Status }).ToListAsync(ct))
                .Select(p => (p.Year, p.Month, p.Status == PeriodStatus.Frozen)).ToList();
            finalRows = (await db.ProgressStats.AsNoTracking().Where(s => s.Frozen).GroupBy(s => new { s.Year, s.Month })
                .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() }).ToListAsync(ct)).ToDictionary(g => (g.Year, g.Month), g => g.Count);
        }

        var written = 0;
        foreach (var year in periods.GroupBy(p => p.Year).OrderBy(g => g.Key))
        {
            var todo = year.Where(p => !p.Frozen || finalRows.GetValueOrDefault((p.Year, p.Month)) < nodes).ToList();
            if (todo.Count > 0)
            {
                written += await WithRetryAsync(() => WriteYearAsync(year.Key, todo.Select(p => (p.Month, p.Frozen)).ToList(), ct));
            }
        }

        return written;
    }

    /// <summary>The whole tree's rows for one period (final when <paramref name="freeze"/>).</summary>
    public Task<int> RefreshPeriodAsync(int year, int month, bool freeze, CancellationToken ct = default)
        => WithRetryAsync(() => WriteYearAsync(year, [(month, freeze)], ct));

    /// <summary>
    /// The rows of <paramref name="unitIds"/> and their ancestors for every open period of <paramref name="year"/> (all
    /// years when null): their own figures summed again, the other children's taken from their stored rows. Falls back
    /// to the whole period when a needed row has never been written.
    /// </summary>
    public async Task RefreshUnitsAsync(IReadOnlyCollection<int> unitIds, int? year = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(unitIds);
        if (unitIds.Count == 0)
        {
            return;
        }

        List<(int Year, int Month)> open;
        await using (var db = await contexts.CreateAsync(ct))
        {
            open = (await db.ReportingPeriods.AsNoTracking().Where(p => p.Status != PeriodStatus.Frozen && (year == null || p.Year == year))
                .Select(p => new { p.Year, p.Month }).ToListAsync(ct)).Select(p => (p.Year, p.Month)).ToList();
        }

        foreach (var (y, m) in open)
        {
            await WithRetryAsync(() => WriteUnitsAsync(y, m, unitIds, ct));
        }
    }

    private async Task<int> WriteYearAsync(int year, IReadOnlyList<(int Month, bool Freeze)> months, CancellationToken ct)
    {
        await using var db = await contexts.CreateAsync(ct);
        var nodes = await ProgressRows.NodesAsync(db, null, ct);
        var monthNumbers = months.Select(m => m.Month).ToList();
        var own = await ProgressRows.OwnAsync(db, year, monthNumbers, null, ct);
        var targets = await ProgressRows.TargetsAsync(db, year, null, ct);
        var figures = ProgressRows.RollUp(nodes, own, targets, monthNumbers);
        var existing = await db.ProgressStats.Where(s => s.Year == year && monthNumbers.Contains(s.Month)).ToDictionaryAsync(s => (s.JurisdictionId, s.Month), ct);

        var now = clock.GetUtcNow();
        var written = 0;
        foreach (var (month, freeze) in months)
        {
            foreach (var node in nodes)
            {
                written += Write(db, existing, node.Id, year, month, figures[(node.Id, month)], freeze, now);
            }
        }

        await SaveAsync(db, ct);
        logger.LogInformation("Progress statistics of {Year}: {Rows} rows written for months {Months}", year, written, string.Join(",", monthNumbers));
        return written;
    }

    private async Task<int> WriteUnitsAsync(int year, int month, IReadOnlyCollection<int> unitIds, CancellationToken ct)
    {
        await using var db = await contexts.CreateAsync(ct);
        var nodes = await ProgressRows.NodesAsync(db, null, ct);
        var byId = nodes.ToDictionary(n => n.Id);
        var affected = new HashSet<int>();
        foreach (var id in unitIds.Where(byId.ContainsKey))
        {
            int? at = id;
            while (at is { } current && affected.Add(current))
            {
                at = byId[current].ParentId;
            }
        }

        var children = nodes.Where(n => n.ParentId is not null).ToLookup(n => n.ParentId!.Value);
        var neighbours = affected.SelectMany(a => children[a]).Select(c => c.Id).Where(c => !affected.Contains(c)).ToList();
        var stored = await db.ProgressStats.Where(s => s.Year == year && s.Month == month && (affected.Contains(s.JurisdictionId) || neighbours.Contains(s.JurisdictionId)))
            .ToDictionaryAsync(s => (s.JurisdictionId, s.Month), ct);
        if (neighbours.Any(n => !stored.ContainsKey((n, month))) || stored.Values.Any(s => s.Frozen))
        {
            // A sibling never summed (or a period frozen meanwhile): the whole period, once.
            return stored.Values.Any(s => s.Frozen) ? 0 : await WriteYearAsync(year, [(month, false)], ct);
        }

        var own = await ProgressRows.OwnAsync(db, year, [month], affected, ct);
        var targets = await ProgressRows.TargetsAsync(db, year, affected, ct);
        var figures = new Dictionary<int, ProgressFigures>();
        foreach (var node in affected.Select(a => byId[a]).OrderByDescending(n => n.Path.Length))
        {
            figures[node.Id] = ProgressRows.Combine(
                node, own.GetValueOrDefault((node.Id, month)), targets.GetValueOrDefault(node.Id),
                children[node.Id].Select(c => figures.TryGetValue(c.Id, out var f) ? f : stored[(c.Id, month)].Figures));
        }

        var now = clock.GetUtcNow();
        var written = figures.Sum(f => Write(db, stored, f.Key, year, month, f.Value, false, now));
        await SaveAsync(db, ct);
        return written;
    }

    /// <summary>The rows and the raised generation in one transaction; then this process's built dashboards are dropped.</summary>
    private async Task SaveAsync(IAppDbContext db, CancellationToken ct)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await db.StatisticsGenerations.Where(g => g.Id == StatisticsGeneration.SingletonId)
                .ExecuteUpdateAsync(set => set.SetProperty(g => g.Value, g => g.Value + 1), ct);
            await transaction.CommitAsync(ct);
        }

        views?.Invalidate();
    }

    private static int Write(IAppDbContext db, Dictionary<(int Unit, int Month), ProgressStat> existing, int unit, int year, int month, ProgressFigures figures, bool freeze, DateTimeOffset now)
    {
        if (!existing.TryGetValue((unit, month), out var row))
        {
            row = ProgressStat.Create(unit, year, month);
            db.ProgressStats.Add(row);
        }
        else if (row.Frozen)
        {
            return 0;
        }

        row.Set(figures, freeze, now);
        return 1;
    }

    private async Task<int> WithRetryAsync(Func<Task<int>> write)
    {
        try
        {
            return await write();
        }
        catch (DbUpdateException ex)
        {
            // Another refresh inserted one of these rows meanwhile: run again on fresh rows, which now updates them.
            logger.LogInformation(ex, "Progress statistics: concurrent refresh, running again");
            return await write();
        }
    }
}
