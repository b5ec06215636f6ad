using System.Collections;
using AnjuPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AnjuPortal.Infrastructure.Persistence;

/// <summary>
/// Stamps who and when on every saved entity and raises the concurrency version of every changed aggregate
/// (also when only one of its owned children changed), so a save from stale data is refused by the database.
/// </summary>
public sealed class AuditStampInterceptor(TimeProvider clock) : SaveChangesInterceptor
{
    public TimeProvider Clock => clock;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is not AppDbContext db)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var actor = Application.Security.CurrentUserExtensions.ActorName(db.CurrentUser);
        foreach (var entry in db.ChangeTracker.Entries<Entity>().ToList())
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    entry.Entity.StampCreated(now, actor);
                    break;
                case EntityState.Modified:
                    entry.Entity.StampUpdated(now, actor);
                    (entry.Entity as AggregateRoot)?.IncrementVersion();
                    break;
                case EntityState.Unchanged when entry.Entity is AggregateRoot root && HasChangedOwnedChildren(entry):
                    root.StampUpdated(now, actor);
                    root.IncrementVersion();
                    break;
            }
        }
    }

    private static bool HasChangedOwnedChildren(EntityEntry entry)
        => entry.Collections
            .Where(c => c.Metadata.TargetEntityType.IsOwned() && c.CurrentValue is not null)
            .SelectMany(c => ((IEnumerable)c.CurrentValue!).Cast<object>())
            .Any(child => entry.Context.Entry(child).State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
}
