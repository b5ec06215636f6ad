using AnjuPortal.Application.Common;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Progress;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Supervision.Complaints;

/// <summary>One city's (or the province's) published figures: plan and done for the three measures. No names of projects or people.</summary>
public sealed record PublicProgressRow(
    string Code, string Name, int PlanUnitsToStart, long UnitsStarted, int PlanUnitsToComplete, long UnitsBasicallyCompleted,
    int PlanHouseholdsToResolve, long HouseholdsResolved)
{
    public decimal? StartedProgress => ProgressMeasures.TaskProgress(UnitsStarted, PlanUnitsToStart);
    public decimal? CompletedProgress => ProgressMeasures.TaskProgress(UnitsBasicallyCompleted, PlanUnitsToComplete);
    public decimal? ResolvedProgress => ProgressMeasures.TaskProgress(HouseholdsResolved, PlanHouseholdsToResolve);
}

/// <summary>The public page's figures: the latest frozen month, the province's total and each prefecture-level unit.</summary>
public sealed record PublicProgressView(string ProvinceName, int Year, int Month, decimal TimeProgress, PublicProgressRow Province, IReadOnlyList<PublicProgressRow> Cities);

/// <summary>A unit a complaint may be addressed to (the public form's picker): cities and their counties, names only.</summary>
public sealed record PublicUnit(int Id, string Code, string Name, JurisdictionLevel Level, int? ParentId);

/// <summary>
/// 信息公开: the read-only, anonymous-safe figures of the public page. It reads past tenancy (there is no signed-in
/// user) through <see cref="ISystemDbContextFactory"/>, and returns ONLY aggregate figures of the province and its
/// prefecture-level units from the pre-aggregated <see cref="ProgressStat"/> rows of the latest FROZEN month (final,
/// official figures; an open month's figures still move), plus the names of the units. Nothing else leaves this class.
/// The result is kept for <see cref="CacheFor"/> (the figures change once a month), so a busy public page costs one
/// query every few minutes. Registered as a singleton.
/// </summary>
public sealed class PublicDisclosure(ISystemDbContextFactory contexts, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (DateTimeOffset At, PublicProgressView? Progress, IReadOnlyList<PublicUnit> Units)? _cached;

    /// <summary>The published progress, or null before any month has been frozen.</summary>
    public async Task<PublicProgressView?> ProgressAsync(CancellationToken ct = default) => (await CachedAsync(ct)).Progress;

    /// <summary>The province's cities and counties, in official order, for the complaint form.</summary>
    public async Task<IReadOnlyList<PublicUnit>> UnitsAsync(CancellationToken ct = default) => (await CachedAsync(ct)).Units;

    /// <summary>Drops the cached figures (after a month is frozen; tests).</summary>
    public void Invalidate() => _cached = null;

    private async Task<(DateTimeOffset At, PublicProgressView? Progress, IReadOnlyList<PublicUnit> Units)> CachedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_cached is { } hit && now - hit.At < CacheFor && now >= hit.At)
        {
            return hit;
        }

        await _gate.WaitAsync(ct);
        try
        {
            if (_cached is { } again && now - again.At < CacheFor && now >= again.At)
            {
                return again;
            }

            var fresh = await LoadAsync(now, ct);
            _cached = fresh;
            return fresh;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(DateTimeOffset, PublicProgressView?, IReadOnlyList<PublicUnit>)> LoadAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await contexts.CreateAsync(ct);
        var province = await db.Jurisdictions.AsNoTracking().Where(j => j.Level == JurisdictionLevel.Province)
            .OrderBy(j => j.Path).Select(j => new { j.Id, j.Code, j.Name, j.Path }).FirstOrDefaultAsync(ct);
        if (province is null)
        {
            return (now, null, []);
        }

        var tree = await db.Jurisdictions.AsNoTracking()
            .Where(j => j.Path.StartsWith(province.Path) && (j.Level == JurisdictionLevel.Prefecture || j.Level == JurisdictionLevel.County))
            .Select(j => new { j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Path, j.SortOrder })
            .ToListAsync(ct);
        var units = tree.OrderBy(j => j.Path, StringComparer.Ordinal).Select(j => new PublicUnit(j.Id, j.Code, j.Name, j.Level, j.ParentId)).ToList();

        var today = ChinaTime.DateOf(now);
        var latest = await db.ProgressStats.AsNoTracking()
            .Where(s => s.JurisdictionId == province.Id && s.Frozen && s.Year <= today.Year)
            .OrderByDescending(s => s.Year).ThenByDescending(s => s.Month)
            .Select(s => new { s.Year, s.Month }).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return (now, null, units);
        }

        var cities = tree.Where(j => j.Level == JurisdictionLevel.Prefecture && j.ParentId == province.Id)
            .OrderBy(j => j.SortOrder).ThenBy(j => j.Code, StringComparer.Ordinal).ToList();
        var ids = cities.Select(c => c.Id).Append(province.Id).ToList();
        var rows = await db.ProgressStats.AsNoTracking()
            .Where(s => s.Year == latest.Year && s.Month == latest.Month && ids.Contains(s.JurisdictionId))
            .Select(s => new
            {
                s.JurisdictionId, s.PlanUnitsToStart, s.UnitsStarted, s.PlanUnitsToComplete, s.UnitsBasicallyCompleted,
                s.PlanHouseholdsToResolve, s.HouseholdsResolved,
            })
            .ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.JurisdictionId);

        PublicProgressRow RowOf(int id, string code, string name)
            => byId.TryGetValue(id, out var r)
                ? new(code, name, r.PlanUnitsToStart, r.UnitsStarted, r.PlanUnitsToComplete, r.UnitsBasicallyCompleted, r.PlanHouseholdsToResolve, r.HouseholdsResolved)
                : new(code, name, 0, 0, 0, 0, 0, 0);

        var view = new PublicProgressView(
            province.Name, latest.Year, latest.Month, ProgressMeasures.TimeProgress(latest.Month),
            RowOf(province.Id, province.Code, province.Name),
            cities.Select(c => RowOf(c.Id, c.Code, c.Name)).ToList());
        return (now, view, units);
    }
}
