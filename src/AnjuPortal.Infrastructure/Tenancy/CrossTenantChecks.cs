using AnjuPortal.Application.Common;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Tenancy;

/// <summary>
/// The one reviewed place that reads across tenant boundaries. Each method answers yes or no and returns no
/// row of another jurisdiction.
/// </summary>
internal sealed class CrossTenantChecks(SystemDbContextFactory system) : ICrossTenantChecks
{
    public async Task<bool> ProjectCodeExistsAsync(string code, int? exceptProjectId, CancellationToken cancellationToken = default)
    {
        await using var db = system.Create();
        var normalized = code.Trim().ToUpperInvariant();
        return await db.Projects.AnyAsync(p => p.Code == normalized && p.Id != exceptProjectId, cancellationToken);
    }

    public async Task<bool> HouseholdIdNumberExistsAsync(string idNumberBlindIndex, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idNumberBlindIndex);
        await using var db = system.Create();
        return await db.OverdueHouseholds.AnyAsync(h => h.IdNumberIndex == idNumberBlindIndex, cancellationToken);
    }
}
