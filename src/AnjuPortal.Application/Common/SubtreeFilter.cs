using AnjuPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Common;

public static class SubtreeFilter
{
    /// <summary>
    /// Narrows a list to one unit's subtree, as a filter picked by the user. The unit itself is looked up through
    /// the tenancy filter: a unit outside the user's own subtree matches nothing.
    /// </summary>
    public static async Task<IQueryable<T>> WithinUnitAsync<T>(this IQueryable<T> query, IAppDbContext db, int? jurisdictionId, CancellationToken ct)
        where T : class, ITenantOwned
    {
        if (jurisdictionId is not { } id)
        {
            return query;
        }

        var path = await db.Jurisdictions.Where(j => j.Id == id).Select(j => j.Path).FirstOrDefaultAsync(ct);
        return path is null ? query.Where(_ => false) : query.Where(e => e.Jurisdiction!.Path.StartsWith(path));
    }
}
