using AnjuPortal.Infrastructure.Signals;
using AnjuPortal.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnjuPortal.Infrastructure.Tests.Signals;

/// <summary>Redis pub/sub between two processes' signal instances, on a real redis-server; and Redis down never fails a publish.</summary>
public sealed class RedisNotificationSignalsTests : IAsyncLifetime
{
    private readonly RedisServer _redis = new();

    public Task InitializeAsync() => _redis.InitializeAsync();

    public Task DisposeAsync() => _redis.DisposeAsync();

    private static RedisNotificationSignals Signals(string configuration, LocalSignalHub hub, string channel = SignalSettings.DefaultChannel)
        => new(configuration, channel, hub, NullLogger<RedisNotificationSignals>.Instance);

    [Fact]
    public async Task Publish_OnOneInstance_ReachesTheUsersSubscribers_OnTheOther()
    {
        var hubA = SignalTestParts.Hub();
        var hubB = SignalTestParts.Hub();
        await using var nodeA = Signals(_redis.ConnectionString, hubA);
        await using var nodeB = Signals(_redis.ConnectionString, hubB);
        await using var otherDeployment = Signals(_redis.ConnectionString, SignalTestParts.Hub(), "other:notifications");
        await nodeA.ConnectAsync();
        await nodeB.ConnectAsync();
        await otherDeployment.ConnectAsync();
        Assert.True(nodeA.IsConnected && nodeB.IsConnected);

        var onB = 0;
        var otherUserOnB = 0;
        var onOtherDeployment = 0;
        using var subscription = nodeB.Subscribe("user-1", () => { Interlocked.Increment(ref onB); return Task.CompletedTask; });
        using var other = nodeB.Subscribe("user-2", () => { Interlocked.Increment(ref otherUserOnB); return Task.CompletedTask; });
        using var elsewhere = otherDeployment.Subscribe("user-1", () => { Interlocked.Increment(ref onOtherDeployment); return Task.CompletedTask; });

        await nodeA.PublishAsync(["user-1", "user-3"]);

        await SignalTestParts.WaitUntilAsync(() => Volatile.Read(ref onB) == 1, "the signal through Redis on node B");
        await nodeA.PublishAsync(["user-2"]); // sent after, so received after: user-1's count settled meanwhile
        await SignalTestParts.WaitUntilAsync(() => Volatile.Read(ref otherUserOnB) == 1, "the second signal");
        Assert.Equal(1, Volatile.Read(ref onB));
        Assert.Equal(0, Volatile.Read(ref onOtherDeployment));
    }

    [Fact]
    public async Task Publish_WithRedisDown_DoesNotThrow_AndStillReachesThisProcess()
    {
        var hub = SignalTestParts.Hub();
        await using var node = Signals(_redis.ConnectionString + ",connectTimeout=500", hub);
        await node.ConnectAsync();
        _redis.Stop();
        await SignalTestParts.WaitUntilAsync(() => !node.IsConnected, "the client to notice Redis is gone");

        var local = 0;
        using var subscription = node.Subscribe("user-1", () => { Interlocked.Increment(ref local); return Task.CompletedTask; });
        await node.PublishAsync(["user-1"]);

        await SignalTestParts.WaitUntilAsync(() => Volatile.Read(ref local) == 1, "the local delivery");
    }
}
