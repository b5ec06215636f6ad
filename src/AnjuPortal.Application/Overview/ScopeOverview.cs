using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Overview;

/// <summary>Headline totals of the user's jurisdiction subtree for one batch year.</summary>
public sealed record ScopeTotals(
    int Year,
    int Projects,
    int PlannedUnits,
    int UnitsStarted,
    int UnitsToStartTarget,
    int Cases,
    int Households,
    int HouseholdsResolved,
    int HouseholdsToResolveTarget);

/// <summary>The home page's figures: what the user's subtree holds, by the tenancy filter alone.</summary>
public sealed class ScopeOverview(IAppDbContextFactory contexts, ICurrentUser user)
{
    public async Task<ScopeTotals> TotalsAsync(int year, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var projects = db.Projects.AsNoTracking().Where(p => p.BatchYear == year);
        var projectTotals = await projects
            .GroupBy(_ => 1)
            .Select(g => new { Count = g.Count(), Planned = g.Sum(p => p.PlannedUnits), Started = g.Sum(p => p.UnitsStarted) })
            .FirstOrDefaultAsync(ct);

        // Targets are held per unit at every level; the user's own node's target is the one that covers the subtree.
        var target = user.JurisdictionId is { } own
            ? await db.AnnualTargets.AsNoTracking().Where(t => t.Year == year && t.JurisdictionId == own)
                .Select(t => new { t.UnitsToStart, t.OverdueHouseholdsToResolve }).FirstOrDefaultAsync(ct)
            : null;

        var cases = await db.OverdueCases.CountAsync(ct);
        var households = await db.OverdueHouseholds.CountAsync(ct);
        var resolvedInYear = await db.OverdueHouseholds.CountAsync(h => h.ResolvedOn != null && h.ResolvedOn.Value.Year == year, ct);

        return new ScopeTotals(
            year,
            projectTotals?.Count ?? 0,
            projectTotals?.Planned ?? 0,
            projectTotals?.Started ?? 0,
            target?.UnitsToStart ?? 0,
            cases,
            households,
            resolvedInYear,
            target?.OverdueHouseholdsToResolve ?? 0);
    }
}
