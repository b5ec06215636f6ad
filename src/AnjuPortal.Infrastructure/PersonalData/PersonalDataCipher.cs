using System.Security.Cryptography;
using System.Text;
using AnjuPortal.Domain.PersonalData;
using Microsoft.AspNetCore.DataProtection;

namespace AnjuPortal.Infrastructure.PersonalData;

/// <summary>
/// Encrypts personal data with ASP.NET Core Data Protection (keys persisted in the database, so every node and
/// every restart reads the same data) and computes the blind index with HMAC-SHA256 under a separate key.
/// </summary>
public sealed class PersonalDataCipher(IDataProtectionProvider provider, BlindIndexKey blindIndexKey) : IPersonalDataCipher
{
    public const string Purpose = "AnjuPortal.PersonalData.v1";

    private readonly IDataProtector _protector = provider.CreateProtector(Purpose);

    public string Protect(string plaintext) => _protector.Protect(plaintext);

    public string Unprotect(string ciphertext) => _protector.Unprotect(ciphertext);

    public string BlindIndex(string plaintext)
        => Convert.ToHexString(HMACSHA256.HashData(blindIndexKey.Key, Encoding.UTF8.GetBytes(plaintext.Trim().ToUpperInvariant())));
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
