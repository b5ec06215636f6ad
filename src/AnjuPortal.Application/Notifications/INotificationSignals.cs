namespace AnjuPortal.Application.Notifications;

/// <summary>
/// Cross-node signals "this user has new notifications" (ADR-012). A signal carries only user ids, never the
/// notification itself: the receiver reads its own notifications through <see cref="MyNotifications"/>, under its own
/// tenancy. Signals are hints, delivered at most once and possibly more than once; the bell also refreshes on a slow
/// timer, so a lost signal only delays a count.
/// <para>
/// Producers do not call <see cref="PublishAsync"/> themselves: the database context publishes after every committed
/// save that added notification rows, whichever process saved them (web node or job worker).
/// </para>
/// </summary>
public interface INotificationSignals
{
    /// <summary>Tells every node that these users have new notifications. Never throws for a backplane failure.</summary>
    Task PublishAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="onSignal"/> whenever a signal for <paramref name="userId"/> reaches this process, until
    /// the returned subscription is disposed (a Blazor circuit disposes it with the component).
    /// </summary>
    IDisposable Subscribe(string userId, Func<Task> onSignal);
}
