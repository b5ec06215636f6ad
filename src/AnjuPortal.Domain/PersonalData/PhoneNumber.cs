using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.PersonalData;

/// <summary>A contact phone number: an 11-digit mainland mobile number, or a landline with area code (0431-88881234).</summary>
public readonly record struct PhoneNumber
{
    private PhoneNumber(string value) => Value = value;

    public string Value { get; }

    public static PhoneNumber Parse(string? input)
    {
        var value = new string((input ?? string.Empty).Where(c => !char.IsWhiteSpace(c)).ToArray());
        var digits = value.Replace("-", string.Empty, StringComparison.Ordinal);
        var isMobile = digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9' && digits.All(char.IsAsciiDigit);
        var isLandline = value.StartsWith('0') && digits.Length is >= 10 and <= 12 && digits.All(char.IsAsciiDigit);
        return isMobile || isLandline ? new PhoneNumber(value) : throw new DomainException(DomainText.PhoneFormat, "Phone");
    }

    /// <summary>Masked for display: 138****5678; a landline keeps its area code and last four digits.</summary>
    public string Masked => Mask(Value);

    public static string Mask(string value)
        => value.Length <= 7 ? new string('*', value.Length)
            : string.Concat(value.AsSpan(0, 3), new string('*', value.Length - 7), value.AsSpan(value.Length - 4));

    public override string ToString() => Masked;
}
