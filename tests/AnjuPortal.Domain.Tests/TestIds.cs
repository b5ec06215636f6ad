using AnjuPortal.Domain.PersonalData;

namespace AnjuPortal.Domain.Tests;

/// <summary>Made-up ID numbers with the right check character (never a real person's number).</summary>
internal static class TestIds
{
    public static string Make(string first17) => first17 + IdCardNumber.ComputeCheckCharacter(first17);

    public static string Make(string region, string birth, int sequence) => Make($"{region}{birth}{sequence:000}");

    /// <summary>The first number, trying sequences 0..999, whose check character is <paramref name="check"/>.</summary>
    public static string WithCheck(char check, string region = "220102", string birth = "19800101")
        => Enumerable.Range(0, 1000).Select(s => Make(region, birth, s)).First(n => n[17] == check);

    /// <summary>The GB 11643 check character computed independently: weights 2^(17-i) mod 11, check (12 - sum mod 11) mod 11.</summary>
    public static char ReferenceCheck(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var weight = 1;
            for (var k = 0; k < 17 - i; k++)
            {
                weight = weight * 2 % 11;
            }

            sum += (first17[i] - '0') * weight;
        }

        var value = (12 - (sum % 11)) % 11;
        return value == 10 ? 'X' : (char)('0' + value);
    }
}

/// <summary>A transparent stand-in for the cipher: enough to see what the domain passes to it.</summary>
internal sealed class FakeCipher : IPersonalDataCipher
{
    public string Protect(string plaintext) => "enc:" + new string(plaintext.Reverse().ToArray());

    public string Unprotect(string ciphertext) => new(ciphertext["enc:".Length..].Reverse().ToArray());

    public string BlindIndex(string plaintext) => "idx:" + plaintext.GetHashCode(StringComparison.Ordinal).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
