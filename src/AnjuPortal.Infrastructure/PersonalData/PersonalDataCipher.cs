using System.Security.Cryptography;
using System.Text;
using AnjuPortal.Domain.PersonalData;
using Microsoft.AspNetCore.DataProtection;

namespace AnjuPortal.Infrastructure.PersonalData;

/// <summary>
/// Encrypts personal data and computes the blind index with HMAC-SHA256 under a separate key.
/// <para>
/// Envelope encryption (ADR-010): each value is sealed with AES-256-GCM under a data key of
/// <see cref="PersonalDataKeyRing"/> (random 96-bit nonce, the key's id bound as associated data), written as
/// <c>pd2:{key id}:{base64 of nonce, tag and ciphertext}</c>. The data keys are wrapped by ASP.NET Core Data Protection,
/// whose keys live in the database, so every node and every restart reads the same data. Values written before ADR-010
/// (Data Protection payloads, <c>CfDJ8…</c>) are still read.
/// </para>
/// </summary>
public sealed class PersonalDataCipher(IDataProtectionProvider provider, BlindIndexKey blindIndexKey, PersonalDataKeyRing keys) : IPersonalDataCipher
{
    /// <summary>The Data Protection purpose of values written before ADR-010 (read only).</summary>
    public const string Purpose = "AnjuPortal.PersonalData.v1";

    public const string EnvelopePrefix = "pd2:";

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly IDataProtector _legacy = provider.CreateProtector(Purpose);

    /// <summary>A cipher whose data keys live in this process only (tests, tools).</summary>
    public PersonalDataCipher(IDataProtectionProvider provider, BlindIndexKey blindIndexKey)
        : this(provider, blindIndexKey, new PersonalDataKeyRing(provider, new ProcessDataKeyStore()))
    {
    }

    public string Protect(string plaintext)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var (id, key) = keys.Current();
        var header = EnvelopePrefix + id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":";
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedValue = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedValue.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Encrypt(nonce, plain, sealedValue.AsSpan(NonceSize + TagSize), sealedValue.AsSpan(NonceSize, TagSize), AssociatedData(header));
        }

        return header + Convert.ToBase64String(sealedValue);
    }

    public string Unprotect(string ciphertext)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        if (!ciphertext.StartsWith(EnvelopePrefix, StringComparison.Ordinal))
        {
            return _legacy.Unprotect(ciphertext);
        }

        var separator = ciphertext.IndexOf(':', EnvelopePrefix.Length);
        if (separator < 0 || !int.TryParse(ciphertext.AsSpan(EnvelopePrefix.Length, separator - EnvelopePrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            throw new CryptographicException("The personal-data value is not in the pd2 envelope format.");
        }

        var header = ciphertext[..(separator + 1)];
        byte[] sealedValue;
        try
        {
            sealedValue = Convert.FromBase64String(ciphertext[(separator + 1)..]);
        }
        catch (FormatException ex)
        {
            throw new CryptographicException("The personal-data value is not in the pd2 envelope format.", ex);
        }

        if (sealedValue.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The personal-data value is too short.");
        }

        var plain = new byte[sealedValue.Length - NonceSize - TagSize];
        using (var aes = new AesGcm(keys.Find(id), TagSize))
        {
            aes.Decrypt(sealedValue.AsSpan(0, NonceSize), sealedValue.AsSpan(NonceSize + TagSize), sealedValue.AsSpan(NonceSize, TagSize), plain, AssociatedData(header));
        }

        return Encoding.UTF8.GetString(plain);
    }

    public string BlindIndex(string plaintext)
        => Convert.ToHexString(HMACSHA256.HashData(blindIndexKey.Key, Encoding.UTF8.GetBytes(plaintext.Trim().ToUpperInvariant())));

    private static byte[] AssociatedData(string header) => Encoding.ASCII.GetBytes(header);
}

/// <summary>
/// The HMAC key of the blind index: <c>PersonalData:BlindIndexKey</c> (base64, at least 32 bytes) in production;
/// for the embedded default, generated once and kept beside the database, encrypted with Data Protection.
/// </summary>
public sealed class BlindIndexKey
{
    public BlindIndexKey(byte[] key)
    {
        if (key.Length < 32)
        {
            throw new InvalidOperationException("PersonalData:BlindIndexKey must be at least 32 bytes (base64).");
        }

        Key = key;
    }

    public byte[] Key { get; }

    public static BlindIndexKey FromConfigurationOrFile(string? configured, string? localFolder, IDataProtectionProvider provider)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new BlindIndexKey(Convert.FromBase64String(configured));
        }

        if (localFolder is null)
        {
            throw new InvalidOperationException(
                "PersonalData:BlindIndexKey is required outside the embedded SQLite default (32 random bytes, base64). See docs/security.md (key management) and docs/database-providers.md.");
        }

        var protector = provider.CreateProtector("AnjuPortal.BlindIndexKey.v1");
        var file = Path.Combine(localFolder, "blind-index.key");
        if (File.Exists(file))
        {
            try
            {
                return new BlindIndexKey(protector.Unprotect(File.ReadAllBytes(file)));
            }
            catch (CryptographicException ex)
            {
                // The file is protected by a Data Protection key kept in the database: a database deleted or replaced
                // without this file leaves it unreadable. Say so rather than fail with the key ring's message.
                throw new InvalidOperationException(
                    $"{file} cannot be read with the Data Protection keys in this database (was the database deleted or replaced?). "
                    + "To start again from an empty database, delete this file together with the database; to keep existing households searchable, restore the database the file belongs to. See docs/security.md (key management).",
                    ex);
            }
        }

        var key = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(localFolder);
        File.WriteAllBytes(file, protector.Protect(key));
        return new BlindIndexKey(key);
    }
}
