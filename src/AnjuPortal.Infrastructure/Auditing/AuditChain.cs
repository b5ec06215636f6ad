using AnjuPortal.Domain.Auditing;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Auditing;

/// <summary>
/// Appends sealed records to the chain inside the caller's transaction. The chain head row is locked first (an
/// UPDATE that changes nothing takes the row lock on SQL Server and PostgreSQL; SQLite has one writer), so two
/// writers on two nodes queue instead of forking the chain.
/// </summary>
internal static class AuditChain
{
    public static async Task AppendAsync(AppDbContext db, IReadOnlyList<AuditEntry> records, Func<CancellationToken, Task<int>> save, CancellationToken ct)
    {
        if (records.Count == 0)
        {
            return;
        }

        var heads = db.Set<AuditChainHead>().Where(h => h.Id == AuditChainHead.SingletonId);
        await heads.ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, h => h.Sequence), ct);
        var head = await heads.AsNoTracking().SingleAsync(ct);

        var sequence = head.Sequence;
        var previous = head.LastHash;
        foreach (var record in records)
        {
            record.Seal(++sequence, previous);
            previous = record.Hash;
        }

        await heads.ExecuteUpdateAsync(s => s.SetProperty(h => h.Sequence, sequence).SetProperty(h => h.LastHash, previous), ct);
        db.Set<AuditEntry>().AddRange(records);
        await save(ct);
    }

    /// <summary>Walks the chain in order (call with a system context: it must see every record); returns the first record whose hash, link or number is wrong, or null when intact.</summary>
    public static async Task<AuditVerification> VerifyAsync(AppDbContext db, CancellationToken ct)
    {
        var previous = AuditEntry.GenesisHash;
        long expected = 0;
        long checkedCount = 0;
        await foreach (var record in db.Set<AuditEntry>().AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable().WithCancellation(ct))
        {
            expected++;
            if (record.Sequence != expected || record.PreviousHash != previous || record.ComputeHash() != record.Hash)
            {
                return new AuditVerification(false, checkedCount, expected, record.Id);
            }

            previous = record.Hash;
            checkedCount++;
        }

        var head = await db.Set<AuditChainHead>().AsNoTracking().SingleAsync(ct);
        return head.Sequence == checkedCount && head.LastHash == previous
            ? new AuditVerification(true, checkedCount, null, null)
            : new AuditVerification(false, checkedCount, checkedCount + 1, null);
    }
}

/// <summary>The result of walking the chain: intact, or the first broken position (and record id, when it exists).</summary>
public sealed record AuditVerification(bool Intact, long RecordsChecked, long? FirstBrokenSequence, long? FirstBrokenRecordId);

/// <summary>Verifies the audit chain (for the <c>verify-audit</c> command and the audit page).</summary>
public static class AuditTrailVerifier
{
    /// <summary>Pass a context with system scope: the walk must see every record.</summary>
    public static Task<AuditVerification> VerifyAsync(AppDbContext systemContext, CancellationToken ct = default)
        => AuditChain.VerifyAsync(systemContext, ct);
}

/// <summary>
/// The audit page's integrity check: walks the chain with a system context (the walk must see every unit's
/// records) and hands back only intact/broken and where, never a record's content.
/// </summary>
public sealed class SystemAuditChainVerifier(SystemDbContextFactory systemContexts) : Application.Auditing.IAuditChainVerifier
{
    public async Task<Application.Auditing.AuditChainCheck> VerifyAsync(CancellationToken ct = default)
    {
        await using var db = systemContexts.Create();
        var result = await AuditChain.VerifyAsync(db, ct);
        return new Application.Auditing.AuditChainCheck(result.Intact, result.RecordsChecked, result.FirstBrokenSequence, result.FirstBrokenRecordId);
    }
}
