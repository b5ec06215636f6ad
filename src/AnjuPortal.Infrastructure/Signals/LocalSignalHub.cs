using Microsoft.Extensions.Logging;

namespace AnjuPortal.Infrastructure.Signals;

/// <summary>
/// This process's subscriptions (one per open bell, that is per circuit), by user id. Every transport (Redis, the
/// database poller, a publish in this process) ends here. A failing handler is logged and does not stop the others.
/// </summary>
public sealed class LocalSignalHub(ILogger<LocalSignalHub> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<Subscription>> _byUser = new(StringComparer.Ordinal);

    /// <summary>Whether any page in this process listens (the poller does not query for nobody).</summary>
    public bool HasSubscribers
    {
        get
        {
            lock (_gate)
            {
                return _byUser.Count > 0;
            }
        }
    }

    public IDisposable Subscribe(string userId, Func<Task> onSignal)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentNullException.ThrowIfNull(onSignal);
        var subscription = new Subscription(this, userId, onSignal);
        lock (_gate)
        {
            if (!_byUser.TryGetValue(userId, out var list))
            {
                _byUser[userId] = list = [];
            }

            list.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Runs the handlers of these users (in the background: a slow page never holds up the sender).</summary>
    public void Deliver(IEnumerable<string> userIds)
    {
        List<Subscription> targets = [];
        lock (_gate)
        {
            foreach (var userId in userIds.Distinct(StringComparer.Ordinal))
            {
                if (_byUser.TryGetValue(userId, out var list))
                {
                    targets.AddRange(list);
                }
            }
        }

        foreach (var target in targets)
        {
            _ = RunAsync(target);
        }
    }

    private async Task RunAsync(Subscription target)
    {
        try
        {
            await Task.Yield();
            await target.OnSignal();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "A notification signal handler failed");
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            if (_byUser.TryGetValue(subscription.UserId, out var list) && list.Remove(subscription) && list.Count == 0)
            {
                _byUser.Remove(subscription.UserId);
            }
        }
    }

    private sealed class Subscription(LocalSignalHub hub, string userId, Func<Task> onSignal) : IDisposable
    {
        public string UserId { get; } = userId;

        public Func<Task> OnSignal { get; } = onSignal;

        public void Dispose() => hub.Remove(this);
    }
}
