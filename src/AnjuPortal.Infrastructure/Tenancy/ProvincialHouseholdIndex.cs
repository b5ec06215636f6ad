using System.Text.Json;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Tenancy;

/// <summary>
/// The province-wide duplicate check on households' ID numbers, next to <see cref="CrossTenantChecks"/>: the reviewed
/// place that reads (and, for the duplicate flag only, writes) past the tenant filter. It looks at the blind index
/// only and never decrypts. The lock makes "check, then insert" atomic across servers: see <see cref="LockAsync"/>.
/// </summary>
internal sealed class ProvincialHouseholdIndex(TimeProvider clock) : IProvincialHouseholdIndex
{
    /// <summary>First key of the two-key PostgreSQL advisory locks: "household ID numbers" (any constant unique in the portal).</summary>
    private const int AdvisoryLockClass = 0x414E4A55; // "ANJU"

    /// <summary>Blind indexes are spread over this many locks: enough that unrelated registrations rarely queue, few enough that an import of 100,000 rows can hold them all.</summary>
    internal const int LockBuckets = 256;

    /// <summary>Values per IN list: under every provider's parameter limit (SQL Server 2,100).</summary>
    private const int ChunkSize = 1_000;

    public async Task LockAsync(IAppDbContext db, IEnumerable<string> idNumberIndexes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var database = db.Database;
        if (database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The duplicate-check lock lives as long as a transaction: begin one first.");
        }

        // Ascending order for every caller: two transactions never wait on each other in a circle.
        var buckets = idNumberIndexes.Select(Bucket).Distinct().Order().ToList();
        var provider = database.ProviderName ?? string.Empty;
        foreach (var bucket in buckets)
        {
            if (provider.Contains("Npgsql", StringComparison.Ordinal))
            {
                // Held until the transaction commits or rolls back; other servers' transactions wait here.
                await database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockClass}, {bucket})", ct);
            }
            else if (provider.Contains("SqlServer", StringComparison.Ordinal))
            {
                var resource = $"anju-household-id-{bucket}";
                await database.ExecuteSqlAsync($"EXEC sp_getapplock @Resource = {resource}, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 60000", ct);
            }
            else
            {
                // SQLite: BeginTransaction issues BEGIN IMMEDIATE, which already holds the database's one write lock.
                break;
            }
        }
    }

    public bool TransactionExcludesWriters(IAppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.CurrentTransaction is not null && (db.Database.ProviderName ?? string.Empty).Contains("Sqlite", StringComparison.Ordinal);
    }

    public async Task<IReadOnlyList<ProvincialMatch>> FindAsync(IAppDbContext db, IReadOnlyCollection<string> idNumberIndexes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(idNumberIndexes);
        var matches = new List<ProvincialMatch>();
        foreach (var chunk in idNumberIndexes.Distinct(StringComparer.Ordinal).Chunk(ChunkSize))
        {
            // IgnoreQueryFilters on purpose: an ID number is unique in the whole province, so the check must see the
            // households of every jurisdiction, not just the user's subtree. It matches on the blind index alone and
            // returns only where the other record is (unit and project), which the refusal names.
            var rows = await db.OverdueHouseholds.IgnoreQueryFilters().AsNoTracking()
                .Where(h => chunk.Contains(h.IdNumberIndex))
                .Select(h => new
                {
                    h.Id,
                    h.IdNumberIndex,
                    Unit = h.Jurisdiction!.Name,
                    Parent = h.Jurisdiction.Parent != null && h.Jurisdiction.Parent.Level == JurisdictionLevel.Prefecture ? h.Jurisdiction.Parent.Name : null,
                    h.Case!.Project!.Code,
                    h.Case.Project.Name,
                })
                .ToListAsync(ct);
            matches.AddRange(rows.Select(r => new ProvincialMatch(r.Id, r.IdNumberIndex, r.Parent is null ? r.Unit : r.Parent + r.Unit, r.Code, r.Name)));
        }

        return matches.OrderBy(m => m.HouseholdId).ToList();
    }

    public async Task<IReadOnlyDictionary<string, string>> CaseUnitsAsync(IAppDbContext db, IReadOnlyCollection<string> projectCodes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in projectCodes.Distinct(StringComparer.Ordinal).Chunk(ChunkSize))
        {
            // Past the tenant filter on purpose, to tell "no such case" from "another unit's case"; returns only the unit's name.
            foreach (var row in await db.OverdueCases.IgnoreQueryFilters().AsNoTracking().Where(c => chunk.Contains(c.Project!.Code))
                         .Select(c => new { c.Project!.Code, Unit = c.Jurisdiction!.Name }).ToListAsync(ct))
            {
                units[row.Code] = row.Unit;
            }
        }

        return units;
    }

    public async Task FlagAsync(IAppDbContext db, IReadOnlyCollection<int> householdIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (householdIds.Count == 0)
        {
            return;
        }

        var user = ((AppDbContext)db).CurrentUser;
        var now = clock.GetUtcNow();
        foreach (var chunk in householdIds.Distinct().Chunk(ChunkSize))
        {
            // Past the tenant filter on purpose: the earlier record of the same person may be another city's. Only the
            // flag is set, by a targeted update (the save's write guard would refuse the other unit's row); since that
            // update bypasses the automatic audit, each flagged row gets its record here, filed under its own unit,
            // sealed with the caller's save in the same transaction.
            var rows = db.OverdueHouseholds.IgnoreQueryFilters().Where(h => chunk.Contains(h.Id) && !h.IsFlaggedDuplicate);
            var units = await rows.AsNoTracking().Select(h => new { h.Id, h.JurisdictionId }).ToListAsync(ct);
            await rows.ExecuteUpdateAsync(s => s.SetProperty(h => h.IsFlaggedDuplicate, true), ct);
            var changes = JsonSerializer.Serialize(new[] { new { field = "IsFlaggedDuplicate", old = "False", @new = "True" } });
            foreach (var row in units)
            {
                db.AuditEntries.Add(AuditEntry.Record(now, AuditAction.Update, user.UserId, user.ActorName(), user.ClientAddress, row.JurisdictionId,
                    "OverdueHousehold", row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), changes,
                    "全省身份证号查重：同一人员在其他台账项目中被确认为已知重复登记，本记录同时标记为疑似重复。"));
            }
        }
    }

    /// <summary>A stable bucket of a blind index (FNV-1a; the index is already a uniform hash).</summary>
    internal static int Bucket(string idNumberIndex)
    {
        var hash = 2166136261u;
        foreach (var c in idNumberIndex)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % LockBuckets);
    }
}
