using System.Globalization;
using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.PersonalData;

/// <summary>
/// A mainland resident ID number 居民身份证号码 (GB 11643-1999): 6-digit region code, 8-digit birth date,
/// 3-digit sequence and a check character computed with ISO 7064 MOD 11-2. Sensitive personal information:
/// hold it only as long as needed to encrypt, index and mask it; never log it.
/// </summary>
public readonly record struct IdCardNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private IdCardNumber(string value) => Value = value;

    public string Value { get; }

    public static IdCardNumber Parse(string? input)
        => TryParse(input, out var id, out var error) ? id : throw new DomainException(error!, "IdNumber");

    public static bool TryParse(string? input, out IdCardNumber id, out string? error)
    {
        id = default;
        var value = (input ?? string.Empty).Trim().ToUpperInvariant();
        if (value.Length != 18 || !value[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(value[17]) || value[17] == 'X'))
        {
            error = DomainText.IdNumberFormat;
            return false;
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900)
        {
            error = DomainText.Format(DomainText.IdNumberBirthDate, value.Substring(6, 8));
            return false;
        }

        if (ComputeCheckCharacter(value.AsSpan(0, 17)) != value[17])
        {
            error = DomainText.IdNumberChecksum;
            return false;
        }

        id = new IdCardNumber(value);
        error = null;
        return true;
    }

    /// <summary>The GB 11643 check character for the first 17 digits.</summary>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>The masked form shown everywhere by default: region code and the last four characters, e.g. 220102********1234.</summary>
    public string Masked => Mask(Value);

    public static string Mask(string value)
        => value.Length == 18 ? string.Concat(value.AsSpan(0, 6), "********", value.AsSpan(14, 4)) : new string('*', value.Length);

    public override string ToString() => Masked;
}
