using AnjuPortal.TestSupport;

namespace AnjuPortal.Infrastructure.Tests.Signals;

/// <summary>The one place signals are published: after a committed save that added notifications, never before, never on rollback.</summary>
public sealed class NotificationSignalInterceptorTests : IAsyncLifetime
{
    private SqliteTestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await SqliteTestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Save_PublishesTheRecipients_AfterTheRowsAreCommitted()
    {
        var signals = new RecordingSignals(_database);
        await using var db = SignalTestParts.SystemContext(SignalTestParts.WithInterceptor(_database, signals));
        db.Notifications.Add(await SignalTestParts.NotificationAsync(_database, "user-a", "k1"));
        db.Notifications.Add(await SignalTestParts.NotificationAsync(_database, "user-a", "k2"));
        db.Notifications.Add(await SignalTestParts.NotificationAsync(_database, "user-b", "k3"));

        await db.SaveChangesAsync();

        var publish = Assert.Single(signals.Published);
        Assert.Equal(["user-a", "user-b"], publish.Users.Order());
        Assert.Equal(3, publish.CommittedRows); // another connection already sees them: published after the commit
    }

    [Fact]
    public async Task SaveInACallersTransaction_PublishesAtItsCommit_AndNothingWhenRolledBack()
    {
        var signals = new RecordingSignals(_database);
        var options = SignalTestParts.WithInterceptor(_database, signals);
        await using (var db = SignalTestParts.SystemContext(options))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Notifications.Add(await SignalTestParts.NotificationAsync(_database, "user-a", "k1"));
            await db.SaveChangesAsync();
            Assert.Empty(signals.Published);
            await transaction.CommitAsync();
        }

        var publish = Assert.Single(signals.Published);
        Assert.Equal(1, publish.CommittedRows);

        await using (var db = SignalTestParts.SystemContext(options))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Notifications.Add(await SignalTestParts.NotificationAsync(_database, "user-c", "k9"));
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Single(signals.Published);
    }

    [Fact]
    public async Task SaveWithoutNotifications_OrAFailedSave_PublishesNothing()
    {
        var signals = new RecordingSignals(_database);
        var options = SignalTestParts.WithInterceptor(_database, signals);
        await using (var db = SignalTestParts.SystemContext(options))
        {
            db.Notifications.Add(await SignalTestParts.NotificationAsync(_database, "user-a", "same"));
            await db.SaveChangesAsync();
        }

        signals.Published.Clear();
        await using (var db = SignalTestParts.SystemContext(options))
        {
            var unit = await _database.JurisdictionAsync("220102");
            db.Attach(unit);
            await db.SaveChangesAsync();

            // The unique (recipient, key) index refuses a duplicate: the save fails, nothing is signalled.
            db.Notifications.Add(await SignalTestParts.NotificationAsync(_database, "user-a", "same"));
            await Assert.ThrowsAsync<Microsoft.EntityFrameworkCore.DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Empty(signals.Published);
    }
}
