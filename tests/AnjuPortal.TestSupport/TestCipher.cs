using System.Security.Cryptography;
using AnjuPortal.Infrastructure.PersonalData;
using Microsoft.AspNetCore.DataProtection;

namespace AnjuPortal.TestSupport;

/// <summary>The real personal-data cipher over ephemeral Data Protection keys and a random blind-index key.</summary>
public static class TestCipher
{
    public static PersonalDataCipher Create() => Create(new EphemeralDataProtectionProvider(), RandomNumberGenerator.GetBytes(32));

    public static PersonalDataCipher Create(IDataProtectionProvider provider, byte[] blindIndexKey) => new(provider, new BlindIndexKey(blindIndexKey));
}
