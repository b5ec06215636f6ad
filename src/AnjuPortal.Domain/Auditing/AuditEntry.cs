using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.Jurisdictions;

namespace AnjuPortal.Domain.Auditing;

/// <summary>What an audit record says happened.</summary>
public static class AuditAction
{
    public const string Create = "Create";
    public const string Update = "Update";
    public const string Delete = "Delete";
    public const string SignIn = "SignIn";
    public const string SignInFailed = "SignInFailed";
    public const string SignOut = "SignOut";
    public const string Export = "Export";
    public const string Unmask = "Unmask";
}

/// <summary>
/// One record of the audit trail 审计日志: who did what to which record, from where, with the old and new value
/// of each changed field (personal data masked). Append-only and tamper-evident: records are numbered without
/// gaps and each carries the SHA-256 of its content and of the previous record's hash, so changing, removing or
/// reordering any record breaks the chain from that record on.
/// </summary>
public sealed class AuditEntry : ITenantOwned
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private AuditEntry()
    {
        Action = string.Empty;
        UserName = string.Empty;
        EntityType = string.Empty;
        PreviousHash = string.Empty;
        Hash = string.Empty;
    }

    public long Id { get; private set; }

    /// <summary>Position in the chain, 1, 2, 3 … without gaps.</summary>
    public long Sequence { get; private set; }
    public DateTimeOffset OccurredAt { get; private set; }
    public string Action { get; private set; }
    public string? UserId { get; private set; }
    public string UserName { get; private set; }
    public string? ClientAddress { get; private set; }

    /// <summary>The unit the record concerns (the changed row's jurisdiction, or the user's): who may read it follows tenancy.</summary>
    public int JurisdictionId { get; private set; }
    public Jurisdiction? Jurisdiction { get; private set; }
    public string EntityType { get; private set; }
    public string? EntityId { get; private set; }

    /// <summary>JSON array of {"field","old","new"}; personal data appears masked, secrets not at all.</summary>
    public string? Changes { get; private set; }
    public string? Note { get; private set; }
    public string PreviousHash { get; private set; }
    public string Hash { get; private set; }

    public static AuditEntry Record(
        DateTimeOffset occurredAt, string action, string? userId, string userName, string? clientAddress,
        int jurisdictionId, string entityType, string? entityId, string? changes, string? note)
        => new()
        {
            // Whole milliseconds in UTC: every provider stores them exactly, so the hash verifies after a round trip.
            OccurredAt = new DateTimeOffset(occurredAt.UtcTicks - (occurredAt.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
            Action = action,
            UserId = userId,
            UserName = userName,
            ClientAddress = clientAddress,
            JurisdictionId = jurisdictionId,
            EntityType = entityType,
            EntityId = entityId,
            Changes = changes,
            Note = note,
        };

    /// <summary>Places the record in the chain after <paramref name="previousHash"/> at <paramref name="sequence"/>.</summary>
    public void Seal(long sequence, string previousHash)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    /// <summary>The hash the record should carry given its content and <see cref="PreviousHash"/>.</summary>
    public string ComputeHash()
    {
        var canonical = string.Join('\u001f',
            Sequence.ToString(CultureInfo.InvariantCulture),
            OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            Action, UserId ?? string.Empty, UserName, ClientAddress ?? string.Empty,
            JurisdictionId.ToString(CultureInfo.InvariantCulture), EntityType, EntityId ?? string.Empty,
            Changes ?? string.Empty, Note ?? string.Empty, PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

/// <summary>The head of the audit chain: the last sequence number and hash. One row; writers lock it, so the chain never forks.</summary>
public sealed class AuditChainHead
{
    public const int SingletonId = 1;

    private AuditChainHead() => LastHash = AuditEntry.GenesisHash;

    public int Id { get; private set; } = SingletonId;
    public long Sequence { get; private set; }
    public string LastHash { get; private set; }
}
