namespace AnjuPortal.Domain.Common;

/// <summary>Base of every persisted entity: an identity and the audit stamps the persistence layer fills in.</summary>
public abstract class Entity
{
    public int Id { get; protected set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public string? CreatedBy { get; private set; }
    public DateTimeOffset? UpdatedAt { get; private set; }
    public string? UpdatedBy { get; private set; }

    /// <summary>Set by the persistence layer on every save; never by domain code.</summary>
    public void StampCreated(DateTimeOffset at, string? by)
    {
        CreatedAt = at;
        CreatedBy = by;
    }

    /// <summary>Set by the persistence layer on every save; never by domain code.</summary>
    public void StampUpdated(DateTimeOffset at, string? by)
    {
        UpdatedAt = at;
        UpdatedBy = by;
    }
}

/// <summary>
/// An aggregate that users edit concurrently. <see cref="Version"/> is an optimistic concurrency token,
/// raised by one on every save, so a second save made from stale data is refused instead of overwriting.
/// </summary>
public abstract class AggregateRoot : Entity
{
    public int Version { get; private set; }

    public void IncrementVersion() => Version++;
}
