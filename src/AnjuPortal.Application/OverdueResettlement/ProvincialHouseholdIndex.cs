using AnjuPortal.Application.Common;

namespace AnjuPortal.Application.OverdueResettlement;

/// <summary>
/// A household registered anywhere in the province under the same ID number (same blind index): where it is, as the
/// message to the user names it (city/county and the case's project), never whose it is beyond what the user typed.
/// </summary>
public sealed record ProvincialMatch(int HouseholdId, string IdNumberIndex, string Place, string ProjectCode, string ProjectName)
{
    /// <summary>“长春市南关区「…」（项目编号 NG-2016-001）”</summary>
    public string Where => $"{Place}「{ProjectName}」（项目编号 {ProjectCode}）";
}

/// <summary>
/// The province-wide duplicate check 全省身份证号查重. One reviewed place (Infrastructure) reads past the tenant filter
/// for it, on the blind index only (no decryption), and takes the lock that makes check + insert safe across servers.
/// Use: begin a transaction on the context, <see cref="LockAsync"/>, <see cref="FindAsync"/>, add, save, commit.
/// </summary>
public interface IProvincialHouseholdIndex
{
    /// <summary>
    /// Locks the given ID-number blind indexes until the context's current transaction ends (PostgreSQL: transaction
    /// advisory locks; SQL Server: application locks; SQLite: its one writer, taken by BEGIN IMMEDIATE). Requires a
    /// transaction. Two transactions locking the same value queue; locks are taken in one fixed order, so no deadlock.
    /// </summary>
    Task LockAsync(IAppDbContext db, IEnumerable<string> idNumberIndexes, CancellationToken ct = default);

    /// <summary>
    /// True when the context's current transaction already keeps every other writer out until it ends (SQLite: the
    /// transaction begins IMMEDIATE and holds the database's one write lock), so a find inside it needs no
    /// <see cref="LockAsync"/> first and may run before all the values are known.
    /// </summary>
    bool TransactionExcludesWriters(IAppDbContext db);

    /// <summary>Households of the whole province carrying one of these blind indexes (any jurisdiction, any case).</summary>
    Task<IReadOnlyList<ProvincialMatch>> FindAsync(IAppDbContext db, IReadOnlyCollection<string> idNumberIndexes, CancellationToken ct = default);

    /// <summary>
    /// Sets the duplicate flag on earlier households (possibly of other jurisdictions) when a user confirmed a known
    /// duplicate; one audit record per flagged row, filed under that row's unit, names the reason's author.
    /// </summary>
    /// <summary>
    /// For ledger cases the user cannot see: project code to the unit the case belongs to (an import names it in the
    /// refusal, as the monthly report's import does for projects). Codes of no case at all are absent.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> CaseUnitsAsync(IAppDbContext db, IReadOnlyCollection<string> projectCodes, CancellationToken ct = default);

    Task FlagAsync(IAppDbContext db, IReadOnlyCollection<int> householdIds, CancellationToken ct = default);
}
