using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Jurisdictions;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Jurisdictions;

/// <summary>A jurisdiction as pickers and trees show it.</summary>
public sealed record JurisdictionOption(int Id, string Code, string Name, JurisdictionLevel Level, int? ParentId, string Path, bool IsFunctionalZone)
{
    /// <summary>Depth below the root, for indenting a flat list.</summary>
    public int Depth => Path.Count(c => c == '/') - 2;
}

/// <summary>The jurisdictions the current user may see: their own node and its subtree, in official order.</summary>
public sealed class JurisdictionDirectory(IAppDbContextFactory contexts, ICurrentUser user)
{
    public async Task<IReadOnlyList<JurisdictionOption>> VisibleAsync(CancellationToken ct = default)
    {
        user.Demand(Permission.View);
        await using var db = await contexts.CreateAsync(ct);
        var rows = await db.Jurisdictions.AsNoTracking()
            .Select(j => new JurisdictionOption(j.Id, j.Code, j.Name, j.Level, j.ParentId, j.Path, j.IsFunctionalZone))
            .ToListAsync(ct);
        return OrderAsTree(rows);
    }

    /// <summary>Depth-first order: each node followed by its children, keeping the official order of codes.</summary>
    public static IReadOnlyList<JurisdictionOption> OrderAsTree(IEnumerable<JurisdictionOption> rows)
        => rows.OrderBy(r => r.Path, StringComparer.Ordinal).ToList();
}
