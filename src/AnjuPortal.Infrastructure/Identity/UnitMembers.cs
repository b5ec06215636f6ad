using AnjuPortal.Application.Notifications;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Identity;

/// <summary>The accounts of given units, for notifications: ids and units only, nothing personal.</summary>
public sealed class UnitMembers(SystemDbContextFactory contexts) : IUnitMembers
{
    public async Task<IReadOnlyList<UnitMember>> OfUnitsAsync(IReadOnlyCollection<int> jurisdictionIds, CancellationToken cancellationToken = default)
    {
        if (jurisdictionIds.Count == 0)
        {
            return [];
        }

        var ids = jurisdictionIds.Distinct().ToList();
        await using var db = contexts.Create();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.JurisdictionId))
            .OrderBy(u => u.Id)
            .Select(u => new UnitMember(u.Id, u.JurisdictionId))
            .ToListAsync(cancellationToken);
    }
}
