using AnjuPortal.Application.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AnjuPortal.Infrastructure.Signals;

/// <summary>
/// Signals over Redis pub/sub (<c>Signals:Redis</c>): every process subscribes once to one channel and hands what
/// arrives to its <see cref="LocalSignalHub"/>; a publish goes to the channel (and so to this process as well).
/// Redis being down never fails a save: the publish is delivered in this process, a warning is logged once per outage,
/// and <see cref="NotificationPoller"/> carries signals between processes until Redis is back (ADR-012).
/// </summary>
public sealed class RedisNotificationSignals(string configuration, string channel, LocalSignalHub hub, ILogger<RedisNotificationSignals> logger)
    : INotificationSignals, IBackplaneState, IHostedService, IAsyncDisposable
{
    private readonly RedisChannel _channel = RedisChannel.Literal(channel);
    private ConnectionMultiplexer? _redis;
    private int _warned;

    public bool IsConnected => _redis is { IsConnected: true };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // In the background: an unreachable Redis must not hold up the start (the multiplexer keeps retrying).
        _ = Task.Run(ConnectAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Connects and subscribes (also called directly by tests); the subscription survives reconnects.</summary>
    public async Task ConnectAsync()
    {
        try
        {
            var options = ConfigurationOptions.Parse(configuration);
            options.AbortOnConnectFail = false;
            options.ClientName ??= "anju-signals";
            var redis = await ConnectionMultiplexer.ConnectAsync(options);
            redis.ConnectionFailed += (_, e) => WarnOnce(e.Exception, "Redis connection lost ({FailureType}); notification signals fall back to database polling", e.FailureType);
            redis.ConnectionRestored += (_, _) =>
            {
                Interlocked.Exchange(ref _warned, 0);
                logger.LogInformation("Redis connection restored; notification signals go through Redis again");
            };
            await redis.GetSubscriber().SubscribeAsync(_channel, (_, message) => OnMessage(message));
            _redis = redis;
        }
        catch (Exception ex)
        {
            WarnOnce(ex, "Redis not reachable; notification signals fall back to database polling");
        }
    }

    public async Task PublishAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        if (userIds.Count == 0)
        {
            return;
        }

        if (_redis is { IsConnected: true } redis)
        {
            try
            {
                // Fire and forget: a save never waits for Redis; this process receives it back through the channel.
                await redis.GetSubscriber().PublishAsync(_channel, string.Join('\n', userIds), CommandFlags.FireAndForget);
                return;
            }
            catch (Exception ex) when (ex is RedisException or ObjectDisposedException or TimeoutException)
            {
                WarnOnce(ex, "Redis publish failed; the notification signal is delivered in this process only");
            }
        }
        else
        {
            WarnOnce(null, "Redis not connected; the notification signal is delivered in this process only");
        }

        hub.Deliver(userIds);
    }

    public IDisposable Subscribe(string userId, Func<Task> onSignal) => hub.Subscribe(userId, onSignal);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_redis is { } redis)
        {
            await redis.DisposeAsync();
        }
    }

    private void OnMessage(RedisValue message)
    {
        if (message.IsNullOrEmpty)
        {
            return;
        }

        hub.Deliver(((string)message!).Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private void WarnOnce(Exception? ex, string message, params object?[] args)
    {
        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
#pragma warning disable CA2254 // The templates are the constants above.
            logger.LogWarning(ex, message, args);
#pragma warning restore CA2254
        }
    }
}
