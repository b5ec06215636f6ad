using System.Data.Common;
using System.Runtime.CompilerServices;
using AnjuPortal.Application.Notifications;
using AnjuPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AnjuPortal.Infrastructure.Signals;

/// <summary>
/// The one place signals are published (ADR-012): remembers the recipients of notification rows being added, and
/// publishes them once the rows are committed: at the commit of the transaction the save ran in (the context's own
/// audit transaction, or a caller's), or right after the save when it ran in none. A rolled-back transaction or a
/// failed save publishes nothing. Every producer (use cases, jobs, on any node or worker) is covered without knowing.
/// </summary>
public sealed class NotificationSignalInterceptor(INotificationSignals signals) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> _pending = new();

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        PublishIfOutsideTransactionAsync(eventData.Context).GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await PublishIfOutsideTransactionAsync(eventData.Context);
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => DiscardIfOutsideTransaction(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        DiscardIfOutsideTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
        => PublishAsync(eventData.Context).GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        => PublishAsync(eventData.Context);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Discard(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Discard(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var recipients = context.ChangeTracker.Entries<Notification>()
            .Where(e => e.State == EntityState.Added).Select(e => e.Entity.RecipientUserId).ToList();
        if (recipients.Count == 0)
        {
            return;
        }

        var pending = _pending.GetOrCreateValue(context);
        lock (pending)
        {
            pending.UnionWith(recipients);
        }
    }

    private Task PublishIfOutsideTransactionAsync(DbContext? context)
        => context is not null && context.Database.CurrentTransaction is null ? PublishAsync(context) : Task.CompletedTask;

    private void DiscardIfOutsideTransaction(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Discard(context);
        }
    }

    private Task PublishAsync(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return Task.CompletedTask;
        }

        string[] recipients;
        lock (pending)
        {
            recipients = [.. pending];
            pending.Clear();
        }

        return recipients.Length == 0 ? Task.CompletedTask : signals.PublishAsync(recipients);
    }

    private void Discard(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
