using AnjuPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AnjuPortal.Infrastructure.Signals;

/// <summary>
/// The database-polling fallback (ADR-012): one per process, not per circuit. Every <c>Signals:PollSeconds</c>, while
/// pages in this process listen and no backplane is connected, one query for notification ids above the last seen
/// (the primary key's range, so an index seek) hands the recipients to <see cref="LocalSignalHub"/>. With nobody
/// listening, or Redis connected, it does not query and forgets its position; it takes the current highest id again
/// when it resumes (the bell has just read its count then).
/// </summary>
public sealed class NotificationPoller(
    SystemDbContextFactory contexts, LocalSignalHub hub, IBackplaneState backplane, SignalSettings settings, ILogger<NotificationPoller> logger)
    : BackgroundService
{
    /// <summary>At most this many rows per query; the rest come at the next tick.</summary>
    private const int BatchSize = 1000;

    private int? _lastSeenId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PollOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Polling for new notifications failed; trying again at the next tick");
            }
        }
    }

    /// <summary>One tick (public for tests). Returns how many notifications it signalled.</summary>
    public async Task<int> PollOnceAsync(CancellationToken ct = default)
    {
        if (backplane.IsConnected || !hub.HasSubscribers)
        {
            _lastSeenId = null;
            return 0;
        }

        await using var db = contexts.Create();
        var notifications = db.Notifications.AsNoTracking(); // the system context sees every jurisdiction
        if (_lastSeenId is not { } last)
        {
            _lastSeenId = await notifications.MaxAsync(n => (int?)n.Id, ct) ?? 0;
            return 0;
        }

        var rows = await notifications.Where(n => n.Id > last).OrderBy(n => n.Id).Take(BatchSize)
            .Select(n => new { n.Id, n.RecipientUserId }).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return 0;
        }

        _lastSeenId = rows[^1].Id;
        hub.Deliver(rows.Select(r => r.RecipientUserId));
        return rows.Count;
    }
}
