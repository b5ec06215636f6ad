using AnjuPortal.Application.Notifications;
using AnjuPortal.Domain.Notifications;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Infrastructure.Signals;
using AnjuPortal.Infrastructure.Tenancy;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace AnjuPortal.Infrastructure.Tests.Signals;

internal static class SignalTestParts
{
    public static LocalSignalHub Hub() => new(NullLogger<LocalSignalHub>.Instance);

    /// <summary>The test database's options with the signal interceptor added, as the host registers it.</summary>
    public static DbContextOptions<AppDbContext> WithInterceptor(TestDatabase database, INotificationSignals signals)
        => new DbContextOptionsBuilder<AppDbContext>(database.Options).AddInterceptors(new NotificationSignalInterceptor(signals)).Options;

    public static async Task<Notification> NotificationAsync(TestDatabase database, string recipient, string key)
    {
        var unit = await database.JurisdictionAsync("220102");
        return Notification.Create(recipient, unit.Id, NotificationKind.Reminder, null, "请按时填报", null, key);
    }

    public static AppDbContext SystemContext(DbContextOptions<AppDbContext> options) => new(options, SystemUser.Instance);

    /// <summary>Waits for a condition set by a background delivery (bounded: fails the test when it never comes).</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new Xunit.Sdk.XunitException("Timed out waiting: " + what);
            }

            await Task.Delay(20);
        }
    }
}

/// <summary>Records each publish with what another connection could read of the published users' rows at that moment.</summary>
internal sealed class RecordingSignals(TestDatabase database) : INotificationSignals
{
    public List<(string[] Users, int CommittedRows)> Published { get; } = [];

    public async Task PublishAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        await using var other = database.CreateSystemContext();
        var users = userIds.ToArray();
        var committed = await other.Notifications.IgnoreQueryFilters().CountAsync(n => users.Contains(n.RecipientUserId), cancellationToken);
        lock (Published)
        {
            Published.Add((users, committed));
        }
    }

    public IDisposable Subscribe(string userId, Func<Task> onSignal) => throw new NotSupportedException();
}
