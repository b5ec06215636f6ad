using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Notifications;

/// <summary>A notification as the bell lists it.</summary>
public sealed record NotificationItem(int Id, NotificationKind Kind, string Text, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public bool IsRead => ReadAt is not null;
}

/// <summary>
/// The signed-in user's own notifications 我的通知: count, latest, mark read. Every query is limited to the recipient
/// (on top of the tree's filter), so nobody reads or marks another account's notifications, even in their own unit.
/// </summary>
public sealed class MyNotifications(IAppDbContextFactory contexts, ICurrentUser user, TimeProvider clock, INotificationSignals? signals = null)
{
    public const int LatestCount = 10;

    /// <summary>
    /// Calls <paramref name="onSignal"/> when a signal says the signed-in user has new notifications, whichever node or
    /// worker created them (ADR-012). Dispose the result to stop; nothing is subscribed when signed out.
    /// </summary>
    public IDisposable OnNewNotifications(Func<Task> onSignal)
        => signals is not null && Recipient() is { } me ? signals.Subscribe(me, onSignal) : NoSubscription.Instance;

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();

        public void Dispose()
        {
        }
    }

    public async Task<int> UnreadCountAsync(CancellationToken ct = default)
    {
        if (Recipient() is not { } me)
        {
            return 0;
        }

        await using var db = await contexts.CreateAsync(ct);
        return await db.Notifications.CountAsync(n => n.RecipientUserId == me && n.ReadAt == null, ct);
    }

    /// <summary>The latest <paramref name="count"/> notifications, newest first, read and unread.</summary>
    public async Task<IReadOnlyList<NotificationItem>> LatestAsync(int count = LatestCount, CancellationToken ct = default)
    {
        if (Recipient() is not { } me)
        {
            return [];
        }

        await using var db = await contexts.CreateAsync(ct);
        // Ordered by id (insertion order) rather than the timestamp: SQLite cannot order by DateTimeOffset.
        return await db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == me)
            .OrderByDescending(n => n.Id).Take(Math.Clamp(count, 1, 100))
            .Select(n => new NotificationItem(n.Id, n.Kind, n.Text, n.Link, n.CreatedAt, n.ReadAt))
            .ToListAsync(ct);
    }

    /// <summary>Marks one of the user's own notifications read; false when it is not theirs (or does not exist).</summary>
    public async Task<bool> MarkReadAsync(int notificationId, CancellationToken ct = default)
    {
        if (Recipient() is not { } me)
        {
            return false;
        }

        await using var db = await contexts.CreateAsync(ct);
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == notificationId && n.RecipientUserId == me, ct);
        if (notification is null)
        {
            return false;
        }

        if (!notification.IsRead)
        {
            notification.MarkRead(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }

        return true;
    }

    /// <summary>Marks every unread notification of the user read; returns how many.</summary>
    public async Task<int> MarkAllReadAsync(CancellationToken ct = default)
    {
        if (Recipient() is not { } me)
        {
            return 0;
        }

        await using var db = await contexts.CreateAsync(ct);
        var unread = await db.Notifications.Where(n => n.RecipientUserId == me && n.ReadAt == null).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var notification in unread)
        {
            notification.MarkRead(now);
        }

        if (unread.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return unread.Count;
    }

    private string? Recipient() => user.IsAuthenticated && !user.IsSystem && !string.IsNullOrEmpty(user.UserId) ? user.UserId : null;
}
