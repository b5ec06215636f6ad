namespace AnjuPortal.Infrastructure.PersonalData;

/// <summary>
/// A data key of the personal-data envelope (ADR-010): 32 random bytes, kept only wrapped by Data Protection (so it is
/// as safe as the Data Protection key ring, and unreadable without it). Table <c>PersonalDataKeys</c>; not tenant data,
/// not audited (like the Data Protection keys themselves); never deleted while a value may still be encrypted with it.
/// </summary>
public sealed class PersonalDataKey
{
    public const int WrappedKeyMaxLength = 1000;

    public int Id { get; set; }

    /// <summary>The key, protected with Data Protection's purpose <see cref="PersonalDataKeyRing.WrapPurpose"/>.</summary>
    public string WrappedKey { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }
}
