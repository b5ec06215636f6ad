using System.Net.Mail;
using AnjuPortal.Domain.Common;
using AnjuPortal.Domain.PersonalData;

namespace AnjuPortal.Domain.Supervision.Complaints;

/// <summary>
/// How a complainant can be reached: a phone number (<see cref="PhoneNumber"/>) or an e-mail address. Personal data:
/// stored encrypted, shown masked (138****5678, z***@example.com).
/// </summary>
public readonly record struct ComplaintContact
{
    public const int MaxLength = 100;

    private ComplaintContact(string value, bool isEmail)
    {
        Value = value;
        IsEmail = isEmail;
    }

    public string Value { get; }

    public bool IsEmail { get; }

    public static ComplaintContact Parse(string? input)
    {
        var value = ComplaintText.Clean(input);
        if (value.Length == 0)
        {
            throw new DomainException(DomainText.ComplaintContactRequired, "Contact");
        }

        if (value.Length > MaxLength)
        {
            throw new DomainException(DomainText.ComplaintContactFormat, "Contact");
        }

        if (value.Contains('@', StringComparison.Ordinal))
        {
            var isAddress = MailAddress.TryCreate(value, out var address) && address.Address == value && !value.Any(char.IsWhiteSpace)
                            && address.Host.Contains('.', StringComparison.Ordinal);
            return isAddress ? new ComplaintContact(value, isEmail: true) : throw new DomainException(DomainText.ComplaintContactFormat, "Contact");
        }

        try
        {
            return new ComplaintContact(PhoneNumber.Parse(value).Value, isEmail: false);
        }
        catch (DomainException)
        {
            throw new DomainException(DomainText.ComplaintContactFormat, "Contact");
        }
    }

    /// <summary>Masked for display and for lists.</summary>
    public string Masked => IsEmail ? MaskEmail(Value) : PhoneNumber.Mask(Value);

    /// <summary>The last four digits of a phone, or the last four characters before the @ of an e-mail: what the receipt lookup asks for.</summary>
    public string LastFour
    {
        get
        {
            var part = IsEmail ? Value[..Value.IndexOf('@', StringComparison.Ordinal)] : Value.Replace("-", string.Empty, StringComparison.Ordinal);
            return part.Length <= 4 ? part : part[^4..];
        }
    }

    private static string MaskEmail(string value)
    {
        var at = value.IndexOf('@', StringComparison.Ordinal);
        return string.Concat(value.AsSpan(0, 1), "***", value.AsSpan(at));
    }

    public override string ToString() => Masked;
}
