using AnjuPortal.Application.Notifications;

namespace AnjuPortal.Infrastructure.Signals;

/// <summary>
/// Signals without a backplane (no <c>Signals:Redis</c>): a publish reaches this process's pages at once; rows saved by
/// other processes are found by <see cref="NotificationPoller"/>.
/// </summary>
public sealed class InProcessNotificationSignals(LocalSignalHub hub) : INotificationSignals, IBackplaneState
{
    public bool IsConnected => false;

    public Task PublishAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        hub.Deliver(userIds);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(string userId, Func<Task> onSignal) => hub.Subscribe(userId, onSignal);
}

/// <summary>Whether a backplane currently carries signals between processes (when not, the poller does).</summary>
public interface IBackplaneState
{
    bool IsConnected { get; }
}
