using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.OverdueResettlement;

/// <summary>A count of cases under one key of a summary (a category, a city's id, a status); the key filters the list.</summary>
public sealed record LedgerCount<TKey>(TKey Key, string Label, int Cases, int Households, int Unresolved);

/// <summary>
/// The ledger summed three ways 按类别 / 按城市 / 按状态, over the user's whole subtree, plus how many open cases show a
/// red or amber light and how many have an overdue milestone today.
/// </summary>
public sealed record LedgerSummary(
    IReadOnlyList<LedgerCount<OverdueCategory>> ByCategory,
    IReadOnlyList<LedgerCount<int>> ByCity,
    IReadOnlyList<LedgerCount<CaseStatus>> ByStatus,
    int Red,
    int Amber,
    int WithOverdueMilestones,
    DateOnly Today);

/// <summary>
/// Views of the ledger beside its list: each listed case's warning light 预警灯 and the summary counts. Read with
/// <see cref="Permission.View"/>; tenancy keeps both to the user's subtree.
/// </summary>
public sealed class LedgerViews(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock)
{
    public DateOnly Today => ChinaTime.DateOf(clock.GetUtcNow());

    /// <summary>The warning light of each of the given cases (the page's rows) on today's China date.</summary>
    public async Task<IReadOnlyDictionary<int, CaseAlert>> AlertsAsync(IReadOnlyCollection<int> caseIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caseIds);
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var today = Today;
        var rows = await AlertInputs(db.OverdueCases.AsNoTracking().Where(c => caseIds.Contains(c.Id))).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => r.AlertOn(today));
    }

    public async Task<LedgerSummary> SummaryAsync(CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var today = Today;
        var cases = await db.OverdueCases.AsNoTracking()
            .Select(c => new
            {
                c.JurisdictionId,
                c.Category,
                c.Status,
                Households = c.Households.Count,
                Unresolved = c.Households.Count(h => h.ResolvedOn == null),
            })
            .GroupBy(c => new { c.JurisdictionId, c.Category, c.Status })
            .Select(g => new { g.Key.JurisdictionId, g.Key.Category, g.Key.Status, Cases = g.Count(), Households = g.Sum(c => c.Households), Unresolved = g.Sum(c => c.Unresolved) })
            .ToListAsync(ct);
        var alerts = await AlertInputs(db.OverdueCases.AsNoTracking().Where(c => c.Status == CaseStatus.Open)).ToListAsync(ct);
        var units = await LedgerUnits.LoadAsync(db, ct);

        var byCategory = Enum.GetValues<OverdueCategory>()
            .Select(k => cases.Where(c => c.Category == k).ToList())
            .Zip(Enum.GetValues<OverdueCategory>(), (rows, k) => new LedgerCount<OverdueCategory>(
                k, DomainText.Of(k), rows.Sum(r => r.Cases), rows.Sum(r => r.Households), rows.Sum(r => r.Unresolved)))
            .ToList();
        var byCity = cases.GroupBy(c => units.CityOf(c.JurisdictionId))
            .Select(g => new LedgerCount<int>(g.Key?.Id ?? 0, g.Key?.Name ?? "—", g.Sum(r => r.Cases), g.Sum(r => r.Households), g.Sum(r => r.Unresolved)))
            .OrderBy(c => units.SortKey(c.Key), StringComparer.Ordinal)
            .ToList();
        var byStatus = Enum.GetValues<CaseStatus>()
            .Select(k => cases.Where(c => c.Status == k).ToList())
            .Zip(Enum.GetValues<CaseStatus>(), (rows, k) => new LedgerCount<CaseStatus>(
                k, DomainText.Of(k), rows.Sum(r => r.Cases), rows.Sum(r => r.Households), rows.Sum(r => r.Unresolved)))
            .ToList();
        var lights = alerts.Select(a => a.AlertOn(today)).ToList();
        return new LedgerSummary(byCategory, byCity, byStatus,
            lights.Count(l => l == CaseAlert.Red), lights.Count(l => l == CaseAlert.Amber),
            alerts.Count(a => a.EarliestOpenDue is { } due && due < today), today);
    }

    /// <summary>What the warning light needs of each case, in one query: status, target date, earliest open milestone date.</summary>
    internal static IQueryable<AlertInput> AlertInputs(IQueryable<OverdueCase> cases)
        => cases.Select(c => new AlertInput(
            c.Id, c.Status, c.TargetDate,
            c.Milestones.Where(m => m.CompletedOn == null).OrderBy(m => m.DueDate).Select(m => (DateOnly?)m.DueDate).FirstOrDefault()));
}

internal sealed record AlertInput(int Id, CaseStatus Status, DateOnly TargetDate, DateOnly? EarliestOpenDue)
{
    public CaseAlert AlertOn(DateOnly today) => OverdueCase.AlertFor(Status, TargetDate, EarliestOpenDue, today);
}

/// <summary>
/// The units the user can see, to name a case's city 市州 and county 县（市、区） as the provincial ledger does: the
/// prefecture-level ancestor, and the case's own unit when it is a county (a case filed at a city itself is 本级).
/// </summary>
internal sealed class LedgerUnits
{
    private readonly Dictionary<int, Unit> _byId;
    private readonly Dictionary<string, Unit> _byCode;

    private LedgerUnits(List<Unit> units)
    {
        _byId = units.ToDictionary(u => u.Id);
        _byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
    }

    internal sealed record Unit(int Id, string Code, string Name, JurisdictionLevel Level, string Path, int SortOrder);

    public static async Task<LedgerUnits> LoadAsync(IAppDbContext db, CancellationToken ct)
        => new(await db.Jurisdictions.AsNoTracking()
            .Select(j => new Unit(j.Id, j.Code, j.Name, j.Level, j.Path, j.SortOrder))
            .ToListAsync(ct));

    /// <summary>The prefecture-level unit a case's unit lies in (itself when it is one); null above that level or when not visible.</summary>
    public Unit? CityOf(int jurisdictionId)
    {
        if (!_byId.TryGetValue(jurisdictionId, out var unit))
        {
            return null;
        }

        if (unit.Level == JurisdictionLevel.Prefecture)
        {
            return unit;
        }

        return unit.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Select(code => _byCode.GetValueOrDefault(code))
            .FirstOrDefault(u => u?.Level == JurisdictionLevel.Prefecture);
    }

    /// <summary>The county-level unit of a case, or null for a case filed at a city or above.</summary>
    public Unit? CountyOf(int jurisdictionId)
        => _byId.TryGetValue(jurisdictionId, out var unit) && unit.Level == JurisdictionLevel.County ? unit : null;

    /// <summary>Tree order of a unit (by path): cities in the order of the tree.</summary>
    public string SortKey(int jurisdictionId) => _byId.TryGetValue(jurisdictionId, out var unit) ? unit.Path : "~";
}
