using System.Globalization;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

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
        => entries.GroupBy(e => e.Metadata.ClrType).Select(g => SummaryRecord(g.Key, g.ToList(), now, fallbackJurisdictionId));

    private AuditEntry SummaryRecord(Type type, List<EntityEntry> entries, DateTimeOffset now, int fallbackJurisdictionId)
    {

        var ids = entries.Select(e => e.Metadata.FindPrimaryKey()?.Properties is [var key] ? e.Property(key.Name).CurrentValue : null)
            .OfType<int>().ToList();
        var range = ids.Count == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{ids.Min()}-{ids.Max()}");
        var note = string.Format(CultureInfo.InvariantCulture, "{0}（本次写入 {1} 条，编号 {2}）", _summaries[type], entries.Count, range ?? "—");
        return AuditEntry.Record(now, AuditAction.Create, CurrentUser.UserId, CurrentUser.ActorName(), CurrentUser.ClientAddress,
            CurrentUser.JurisdictionId ?? fallbackJurisdictionId, type.Name, range, changes: null, note: note.Length > 500 ? note[..500] : note);
    }
}
