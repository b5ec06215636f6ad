using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AnjuPortal.Infrastructure.Tenancy;

/// <summary>
/// The write half of tenancy: refuses a save that adds, changes or deletes tenant-owned data (or jurisdiction
/// nodes) outside the current user's subtree, including moving a row from or to another jurisdiction. The
/// read half is the query filter in <see cref="AppDbContext"/>.
/// </summary>
public sealed class TenantWriteGuardInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        => SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not AppDbContext db || db.ScopePath == "/")
        {
            return result;
        }

        var touched = new HashSet<int>();
        foreach (var entry in db.ChangeTracker.Entries<ITenantOwned>())
        {
            // Audit records are written by the context itself (append-only, filed under the changed row's unit,
            // which this guard has already checked); a signed-out failed sign-in must be recordable too.
            if (entry.Entity is Domain.Auditing.AuditEntry)
            {
                continue;
            }

            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                touched.Add(entry.Entity.JurisdictionId);
                if (entry.State != EntityState.Added)
                {
                    touched.Add(entry.Property(e => e.JurisdictionId).OriginalValue);
                }
            }
        }

        foreach (var entry in db.ChangeTracker.Entries<Jurisdiction>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !entry.Entity.IsWithin(db.ScopePath))
            {
                throw new TenantAccessDeniedException();
            }
        }

        await EnsureWithinScopeAsync(db, touched, cancellationToken);
        return result;
    }

    /// <summary>
    /// Refuses (<see cref="TenantAccessDeniedException"/>) when any of <paramref name="jurisdictionIds"/> is outside the
    /// context's subtree: the check of a save, also used by writes that bypass the change tracker (bulk inserts).
    /// </summary>
    internal static async Task EnsureWithinScopeAsync(AppDbContext db, IEnumerable<int> jurisdictionIds, CancellationToken ct)
    {
        if (db.ScopePath == "/")
        {
            return;
        }

        var touched = jurisdictionIds.ToHashSet();
        if (touched.Count == 0)
        {
            return;
        }

        // The jurisdiction set is itself filtered to the user's subtree: what it does not return is out of scope.
        var visible = await db.Jurisdictions.AsNoTracking().Where(j => touched.Contains(j.Id)).CountAsync(ct);
        if (visible != touched.Count)
        {
            throw new TenantAccessDeniedException();
        }
    }
}
