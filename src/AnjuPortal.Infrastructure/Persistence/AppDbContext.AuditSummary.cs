using System.Globalization;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using AnjuPortal.Domain.Common;
using AnjuPortal.Infrastructure.Auditing;
using AnjuPortal.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace AnjuPortal.Infrastructure.Persistence;

/// <summary>
/// Summary auditing for bulk inserts (the household import writes up to 100,000 rows; a new monthly report draft copies
/// last month's 5,000 approved lines): while a summary is set for a type, rows of that type ADDED by a save are not
/// recorded one by one; instead each such save appends ONE record per type
/// (action Create, the entity type, the range of new ids) whose note says what was imported and how many rows. Nothing
/// else changes: updates, deletions and other types are recorded as always, and the summary record is sealed into
/// the same hash chain in the same transaction. Rows are never saved without a record. See docs/households.md.
/// </summary>
public sealed partial class AppDbContext
{
    private readonly Dictionary<Type, string> _summaries = [];

    /// <summary>
    /// From now on, rows of <typeparamref name="TEntity"/> added by this context's saves are audited as one summary
    /// record per save, with <paramref name="note"/> (no personal data) and the count and id range of the rows.
    /// </summary>
    public void SummarizeAddedRows<TEntity>(string note)
        where TEntity : class
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        _summaries[typeof(TEntity)] = note;
    }

    private bool SummarizedEntry(EntityEntry entry)
        => _summaries.Count > 0 && entry.State == EntityState.Added && _summaries.ContainsKey(entry.Metadata.ClrType);

    private List<EntityEntry> SummarizedEntries()
        => _summaries.Count == 0 ? [] : ChangeTracker.Entries().Where(SummarizedEntry).ToList();

    /// <summary>One record per summarized type standing for its <paramref name="entries"/> (read after saving, so their ids are known).</summary>
    private IEnumerable<AuditEntry> SummaryRecords(List<EntityEntry> entries, DateTimeOffset now, int fallbackJurisdictionId)
        => entries.GroupBy(e => e.Metadata.ClrType).Select(g => SummaryRecord(g.Key,
            g.Select(e => e.Metadata.FindPrimaryKey()?.Properties is [var key] ? e.Property(key.Name).CurrentValue : null).OfType<int>().ToList(),
            g.Count(), now, fallbackJurisdictionId));

    private AuditEntry SummaryRecord(Type type, List<int> ids, int count, DateTimeOffset now, int fallbackJurisdictionId)
    {
        var range = ids.Count == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{ids.Min()}-{ids.Max()}");
        var note = string.Format(CultureInfo.InvariantCulture, "{0}（本次写入 {1} 条，编号 {2}）", _summaries[type], count, range ?? "—");
        return AuditEntry.Record(now, AuditAction.Create, CurrentUser.UserId, CurrentUser.ActorName(), CurrentUser.ClientAddress,
            CurrentUser.JurisdictionId ?? fallbackJurisdictionId, type.Name, range, changes: null, note: note.Length > 500 ? note[..500] : note);
    }

    /// <summary>
    /// Inserts <paramref name="rows"/> straight into their table (no change tracking, one multi-row statement per few
    /// hundred rows) and appends ONE summary record for them, exactly as a save of the same added rows under
    /// <see cref="SummarizeAddedRows{TEntity}"/> would: same stamps, same tenancy check (every row's unit must be in the
    /// user's subtree, else <see cref="TenantAccessDeniedException"/> and nothing is written), same record, sealed into the
    /// hash chain in the same transaction (the caller's, or one of its own). Requires the summary to be set, and nothing
    /// else pending in the change tracker (it would be saved unaudited). The rows' ids are not set on the objects.
    /// </summary>
    public async Task InsertSummarizedAsync<TEntity>(IReadOnlyList<TEntity> rows, CancellationToken ct = default)
        where TEntity : Entity
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (!_summaries.ContainsKey(typeof(TEntity)))
        {
            throw new InvalidOperationException($"Rows inserted in bulk are audited by their summary record only: call SummarizeAddedRows<{typeof(TEntity).Name}> first.");
        }

        if (ChangeTracker.HasChanges())
        {
            throw new InvalidOperationException("Save the pending changes before a bulk insert: they would be saved with its audit record, unaudited.");
        }

        if (rows.Count == 0)
        {
            return;
        }

        await TenantWriteGuardInterceptor.EnsureWithinScopeAsync(this, rows.OfType<ITenantOwned>().Select(r => r.JurisdictionId), ct);
        var now = _clock.GetUtcNow();
        var actor = CurrentUser.ActorName();
        foreach (var row in rows)
        {
            row.StampCreated(now, actor);
        }

        _bulkInserts.TryGetValue(typeof(TEntity), out var insert);
        insert ??= _bulkInserts[typeof(TEntity)] = BulkInsert.For(Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model."),
            Database.ProviderName, this.GetService<ISqlGenerationHelper>());

        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(ct) : null;
        var ids = await insert.ExecuteAsync(Database.GetDbConnection(), Database.CurrentTransaction!.GetDbTransaction(), rows, ct);
        var fallback = CurrentUser.JurisdictionId ?? await RootJurisdictionIdAsync(ct);
        await AuditChain.AppendAsync(this, [SummaryRecord(typeof(TEntity), ids, rows.Count, now, fallback)], c => base.SaveChangesAsync(true, c), ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
    }

    private readonly Dictionary<Type, BulkInsert> _bulkInserts = [];
}
