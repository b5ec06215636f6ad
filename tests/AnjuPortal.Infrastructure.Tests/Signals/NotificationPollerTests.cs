using AnjuPortal.Infrastructure.Signals;
using AnjuPortal.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnjuPortal.Infrastructure.Tests.Signals;

/// <summary>The database-polling fallback: rows saved by another process (here: another context) reach this process's subscribers.</summary>
public sealed class NotificationPollerTests : IAsyncLifetime
{
    private SqliteTestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await SqliteTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private NotificationPoller Poller(LocalSignalHub hub, IBackplaneState backplane)
        => new(_database.SystemFactory, hub, backplane, new SignalSettings(null, SignalSettings.DefaultChannel, TimeSpan.FromSeconds(5)), NullLogger<NotificationPoller>.Instance);

    [Fact]
    public async Task Poll_SignalsTheRecipientsOfRowsAboveTheLastSeen_OnceEach()
    {
        await using (var before = _database.CreateSystemContext())
        {
            before.Notifications.Add(await SignalTestParts.NotificationAsync(_database, "user-a", "old"));
            await before.SaveChangesAsync();
        }

        var hub = SignalTestParts.Hub();
        var poller = Poller(hub, new InProcessNotificationSignals(hub));
        var signalsForA = 0;
        var signalsForB = 0;
        using var a = hub.Subscribe("user-a", () => { Interlocked.Increment(ref signalsForA); return Task.CompletedTask; });
        using var b = hub.Subscribe("user-b", () => { Interlocked.Increment(ref signalsForB); return Task.CompletedTask; });

        Assert.Equal(0, await poller.PollOnceAsync()); // the first tick takes its position: what existed is not news
        await using (var other = _database.CreateSystemContext())
        {
            other.Notifications.Add(await SignalTestParts.NotificationAsync(_database, "user-b", "new1"));
            other.Notifications.Add(await SignalTestParts.NotificationAsync(_database, "user-b", "new2"));
            await other.SaveChangesAsync();
        }

        Assert.Equal(2, await poller.PollOnceAsync());
        await SignalTestParts.WaitUntilAsync(() => Volatile.Read(ref signalsForB) == 1, "the poller's signal for user-b");
        Assert.Equal(0, await poller.PollOnceAsync());
        Assert.Equal(0, Volatile.Read(ref signalsForA));
    }

    [Fact]
    public async Task Poll_DoesNotQuery_WhenNobodyListens_OrTheBackplaneIsConnected()
    {
        var hub = SignalTestParts.Hub();
        var connected = new FakeBackplane { IsConnected = true };
        var poller = Poller(hub, connected);
        using var a = hub.Subscribe("user-a", () => Task.CompletedTask);
        Assert.Equal(0, await poller.PollOnceAsync());

        connected.IsConnected = false;
        Assert.Equal(0, await poller.PollOnceAsync()); // position taken
        await using (var other = _database.CreateSystemContext())
        {
            other.Notifications.Add(await SignalTestParts.NotificationAsync(_database, "user-a", "n1"));
            await other.SaveChangesAsync();
        }

        connected.IsConnected = true;
        Assert.Equal(0, await poller.PollOnceAsync()); // Redis carries it
        connected.IsConnected = false;
        a.Dispose();
        Assert.Equal(0, await poller.PollOnceAsync()); // nobody listens
        Assert.False(hub.HasSubscribers);
    }

    private sealed class FakeBackplane : IBackplaneState
    {
        public bool IsConnected { get; set; }
    }
}
