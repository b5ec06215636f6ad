using System.Text.Json;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Auditing;

/// <summary>
/// What to look for in the audit trail. <paramref name="JurisdictionId"/> takes the unit and its subtree;
/// <paramref name="From"/> and <paramref name="To"/> are whole days in China Standard Time, both included.
/// </summary>
public sealed record AuditFilter(
    string? UserName = null,
    int? JurisdictionId = null,
    string? EntityType = null,
    string? Action = null,
    DateOnly? From = null,
    DateOnly? To = null);

/// <summary>One changed field of an audit record, as recorded (personal data already masked).</summary>
public sealed record AuditFieldChange(string Field, string? Old, string? New);

/// <summary>One record of the audit trail as the audit page lists it.</summary>
public sealed record AuditRow(
    long Id,
    long Sequence,
    DateTimeOffset OccurredAt,
    string Action,
    string UserName,
    string? ClientAddress,
    int JurisdictionId,
    string JurisdictionName,
    string EntityType,
    string? EntityId,
    IReadOnlyList<AuditFieldChange> Changes,
    string? Note);

/// <summary>The result of walking the whole chain: intact, or where it is first broken. Says nothing about the records themselves.</summary>
public sealed record AuditChainCheck(bool Intact, long RecordsChecked, long? FirstBrokenSequence, long? FirstBrokenRecordId);

/// <summary>Walks the whole audit chain (every unit's records, whoever asks) and reports only whether it is intact.</summary>
public interface IAuditChainVerifier
{
    Task<AuditChainCheck> VerifyAsync(CancellationToken ct = default);
}

/// <summary>
/// The audit trail 审计日志: search the records of the user's own subtree (tenancy applies as to any data: a
/// county's records are visible to that county and the units above it only) and check the chain's integrity.
/// </summary>
public sealed class AuditTrail(IAppDbContextFactory contexts, IAuditChainVerifier verifier, ICurrentUser user)
{
    private static readonly TimeZoneInfo ChinaStandardTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static TimeZoneInfo TimeZone => ChinaStandardTime;

    /// <summary>Records matching <paramref name="filter"/>, newest first.</summary>
    public async Task<PagedResult<AuditRow>> SearchAsync(AuditFilter filter, PageRequest page, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(page);
        user.Demand(Permission.Audit);
        await using var db = await contexts.CreateAsync(ct);
        var query = db.AuditEntries.AsNoTracking();

        if (!string.IsNullOrWhiteSpace(filter.UserName))
        {
            var name = filter.UserName.Trim();
            query = query.Where(a => a.UserName.Contains(name));
        }

        query = await query.WithinUnitAsync(db, filter.JurisdictionId, ct);

        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            var type = filter.EntityType.Trim();
            query = query.Where(a => a.EntityType == type);
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            query = query.Where(a => a.Action == action);
        }

        // SQLite cannot compare DateTimeOffset columns in SQL, so a day range becomes a range of sequence numbers:
        // records are appended in time order, so the sequence bounds of a moment are found by a binary search.
        if (filter.From is { } from)
        {
            var first = await FirstSequenceAtOrAfterAsync(db.AuditEntries.AsNoTracking(), StartOfDay(from), ct);
            query = query.Where(a => a.Sequence >= first);
        }

        if (filter.To is { } to)
        {
            var end = await FirstSequenceAtOrAfterAsync(db.AuditEntries.AsNoTracking(), StartOfDay(to.AddDays(1)), ct);
            query = query.Where(a => a.Sequence < end);
        }

        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderByDescending(a => a.Sequence)
            .Skip(page.Skip)
            .Take(page.SafePageSize)
            .Select(a => new
            {
                a.Id, a.Sequence, a.OccurredAt, a.Action, a.UserName, a.ClientAddress, a.JurisdictionId,
                JurisdictionName = a.Jurisdiction!.Name, a.EntityType, a.EntityId, a.Changes, a.Note,
            })
            .ToListAsync(ct);
        var items = rows.Select(a => new AuditRow(
                a.Id, a.Sequence, a.OccurredAt, a.Action, a.UserName, a.ClientAddress, a.JurisdictionId,
                a.JurisdictionName, a.EntityType, a.EntityId, ParseChanges(a.Changes), a.Note))
            .ToList();
        return new PagedResult<AuditRow>(items, total);
    }

    /// <summary>The kinds of record found in the user's part of the trail, for the filter.</summary>
    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct = default)
    {
        user.Demand(Permission.Audit);
        await using var db = await contexts.CreateAsync(ct);
        return await db.AuditEntries.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
    }

    /// <summary>Walks the whole chain. The answer is only intact or the first broken position, so it leaks no other unit's data.</summary>
    public async Task<AuditChainCheck> VerifyAsync(CancellationToken ct = default)
    {
        user.Demand(Permission.Audit);
        return await verifier.VerifyAsync(ct);
    }

    /// <summary>
    /// The sequence number of the first visible record at or after <paramref name="moment"/> (one past the last
    /// when there is none). Each probe is a seek on the unique sequence index, so this takes about log2(n) queries.
    /// </summary>
    private static async Task<long> FirstSequenceAtOrAfterAsync(IQueryable<AuditEntry> visible, DateTimeOffset moment, CancellationToken ct)
    {
        var low = 0L;
        var high = (await visible.MaxAsync(a => (long?)a.Sequence, ct) ?? 0L) + 1;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var probe = await visible.Where(a => a.Sequence >= middle).OrderBy(a => a.Sequence)
                .Select(a => new { a.Sequence, a.OccurredAt }).FirstOrDefaultAsync(ct);
            if (probe is null || probe.OccurredAt >= moment)
            {
                high = middle;
            }
            else
            {
                low = probe.Sequence + 1;
            }
        }

        return low;
    }

    /// <summary>Midnight of <paramref name="day"/> in China Standard Time, as UTC (records are stored in UTC).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, ChinaStandardTime), TimeSpan.Zero);
    }

    /// <summary>The recorded JSON array of {field, old, new}; anything unreadable is shown as one raw entry rather than lost.</summary>
    public static IReadOnlyList<AuditFieldChange> ParseChanges(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [new AuditFieldChange(string.Empty, null, json)];
            }

            return document.RootElement.EnumerateArray()
                .Select(e => new AuditFieldChange(Text(e, "field") ?? string.Empty, Text(e, "old"), Text(e, "new")))
                .ToList();
        }
        catch (JsonException)
        {
            return [new AuditFieldChange(string.Empty, null, json)];
        }
    }

    private static string? Text(JsonElement element, string name)
        => element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => value.GetString(),
                _ => value.GetRawText(),
            }
            : null;
}
