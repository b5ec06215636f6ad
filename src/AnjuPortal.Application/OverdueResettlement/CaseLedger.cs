using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.OverdueResettlement;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.OverdueResettlement;

/// <summary>
/// Filter of the ledger list (and of the exports, which must select exactly the same cases). <paramref name="OverdueAsOf"/>
/// keeps only cases with a milestone overdue on that (China) date 里程碑逾期: the page passes today.
/// </summary>
public sealed record CaseFilter(string? Search = null, OverdueCategory? Category = null, int? JurisdictionId = null, CaseStatus? Status = null, DateOnly? OverdueAsOf = null)
{
    internal async Task<IQueryable<OverdueCase>> ApplyAsync(IQueryable<OverdueCase> query, IAppDbContext db, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim();
            query = query.Where(c => c.Project!.Name.Contains(term) || c.Project.Code.Contains(term.ToUpper()) || c.ResponsibleOfficial.Contains(term));
        }

        if (Category is { } category)
        {
            query = query.Where(c => c.Category == category);
        }

        if (Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (OverdueAsOf is { } day)
        {
            query = query.Where(c => c.Status == CaseStatus.Open && c.Milestones.Any(m => m.CompletedOn == null && m.DueDate < day));
        }

        return await query.WithinUnitAsync(db, JurisdictionId, ct);
    }
}

/// <summary>One ledger case as the list shows it.</summary>
public sealed record CaseListItem(
    int Id,
    string ProjectCode,
    string ProjectName,
    string JurisdictionName,
    OverdueCategory Category,
    CaseStatus Status,
    DateOnly TargetDate,
    string ResponsibleOfficial,
    int Households,
    int HouseholdsResolved);

/// <summary>A household row, masked: the full ID number is never part of a list.</summary>
public sealed record HouseholdRow(int Id, string HeadName, string IdNumberMasked, string? PhoneMasked, DateOnly PromisedDate, ResolutionMethod? ResolutionMethod, DateOnly? ResolvedOn,
    AgreementKind? AgreementKind = null, string? AgreementNumber = null, decimal TransitionFeeArrears = 0m, bool IsFlaggedDuplicate = false);

/// <summary>The overdue-resettlement ledger 逾期未安置台账 as read by users of the subtree.</summary>
public sealed class CaseLedger(IAppDbContextFactory contexts, ICurrentUser user)
{
    public async Task<PagedResult<CaseListItem>> ListAsync(CaseFilter filter, PageRequest page, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var query = await filter.ApplyAsync(db.OverdueCases.AsNoTracking(), db, ct);
        var total = await query.CountAsync(ct);
        var ordered = page.SortBy switch
        {
            nameof(CaseListItem.Category) => page.Descending ? query.OrderByDescending(c => c.Category) : query.OrderBy(c => c.Category),
            nameof(CaseListItem.TargetDate) => page.Descending ? query.OrderByDescending(c => c.TargetDate) : query.OrderBy(c => c.TargetDate),
            nameof(CaseListItem.Households) => page.Descending ? query.OrderByDescending(c => c.Households.Count) : query.OrderBy(c => c.Households.Count),
            _ => page.Descending ? query.OrderByDescending(c => c.Jurisdiction!.Path) : query.OrderBy(c => c.Jurisdiction!.Path),
        };
        var items = await ordered.ThenBy(c => c.Id)
            .Skip(page.Skip)
            .Take(page.SafePageSize)
            .Select(c => new CaseListItem(
                c.Id, c.Project!.Code, c.Project.Name, c.Jurisdiction!.Name, c.Category, c.Status, c.TargetDate,
                c.ResponsibleOfficial, c.Households.Count, c.Households.Count(h => h.ResolvedOn != null)))
            .ToListAsync(ct);
        return new PagedResult<CaseListItem>(items, total);
    }

    /// <summary>One case as its page heads it, or null when it does not exist or lies outside the user's subtree.</summary>
    public async Task<CaseListItem?> GetAsync(int caseId, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        return await db.OverdueCases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Select(c => new CaseListItem(
                c.Id, c.Project!.Code, c.Project.Name, c.Jurisdiction!.Name, c.Category, c.Status, c.TargetDate,
                c.ResponsibleOfficial, c.Households.Count, c.Households.Count(h => h.ResolvedOn != null)))
            .SingleOrDefaultAsync(ct);
    }

    public async Task<PagedResult<HouseholdRow>> HouseholdsAsync(int caseId, PageRequest page, CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var query = db.OverdueHouseholds.AsNoTracking().Where(h => h.CaseId == caseId);
        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(h => h.Id)
            .Skip(page.Skip)
            .Take(page.SafePageSize)
            .Select(h => new HouseholdRow(h.Id, h.HeadName, h.IdNumberMasked, h.PhoneMasked, h.PromisedDate, h.ResolutionMethod, h.ResolvedOn,
                h.AgreementKind, h.AgreementNumber, h.TransitionFeesOwed > h.TransitionFeesPaid ? h.TransitionFeesOwed - h.TransitionFeesPaid : 0m, h.IsFlaggedDuplicate))
            .ToListAsync(ct);
        return new PagedResult<HouseholdRow>(items, total);
    }
}
