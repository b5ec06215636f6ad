using AnjuPortal.Application.Common;
using AnjuPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Notifications;

/// <summary>
/// Adds notifications at most once each: the unique (recipient, deduplication key) index is the guarantee, the check
/// before saving only spares the database most refusals. When another server saved some of the same notifications
/// between the check and the save, the batch is refused and each is retried on its own, a duplicate being skipped.
/// Returns the notifications this call created (to send outside the portal exactly those).
/// </summary>
public static class NotificationStore
{
    public static async Task<IReadOnlyList<Notification>> AddOnceAsync(
        ISystemDbContextFactory contexts, IReadOnlyCollection<Notification> candidates, CancellationToken ct)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        List<Notification> missing;
        await using (var db = await contexts.CreateAsync(ct))
        {
            missing = await MissingAsync(db, candidates, ct);
            if (missing.Count == 0)
            {
                return [];
            }

            db.Notifications.AddRange(missing);
            try
            {
                await db.SaveChangesAsync(ct);
                return missing;
            }
            catch (DbUpdateException)
            {
                // Another run got there first with some of them: fall back to one at a time below.
            }
        }

        var created = new List<Notification>();
        foreach (var candidate in missing)
        {
            var fresh = Notification.Create(
                candidate.RecipientUserId, candidate.JurisdictionId, candidate.Kind, candidate.ReportingPeriodId, candidate.Text, candidate.Link, candidate.DeduplicationKey);
            await using var db = await contexts.CreateAsync(ct);
            db.Notifications.Add(fresh);
            try
            {
                await db.SaveChangesAsync(ct);
                created.Add(fresh);
            }
            catch (DbUpdateException)
            {
                await using var check = await contexts.CreateAsync(ct);
                if (!await check.Notifications.AnyAsync(n => n.RecipientUserId == fresh.RecipientUserId && n.DeduplicationKey == fresh.DeduplicationKey, ct))
                {
                    throw;
                }
            }
        }

        return created;
    }

    private static async Task<List<Notification>> MissingAsync(IAppDbContext db, IReadOnlyCollection<Notification> candidates, CancellationToken ct)
    {
        var keys = candidates.Select(c => c.DeduplicationKey).Distinct().ToList();
        var existing = (await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.DeduplicationKey))
                .Select(n => new { n.RecipientUserId, n.DeduplicationKey }).ToListAsync(ct))
            .Select(n => (n.RecipientUserId, n.DeduplicationKey)).ToHashSet();
        return candidates
            .DistinctBy(c => (c.RecipientUserId, c.DeduplicationKey))
            .Where(c => !existing.Contains((c.RecipientUserId, c.DeduplicationKey)))
            .ToList();
    }
}
