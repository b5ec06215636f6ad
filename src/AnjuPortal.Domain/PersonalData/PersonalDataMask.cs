using System.Text.RegularExpressions;

namespace AnjuPortal.Domain.PersonalData;

/// <summary>
/// Masks anything in free text that looks like an ID number or a mobile number, the same way the typed values are
/// masked (<see cref="IdCardNumber.Mask"/>, <see cref="PhoneNumber.Mask"/>). Used wherever text typed by a person or
/// produced by code could carry personal data into a place that must not hold it: log events, audit notes.
/// </summary>
public static partial class PersonalDataMask
{
    public static string MaskFreeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 11)
        {
            return text;
        }

        var result = IdNumber().Replace(text, m => string.Concat(m.Value.AsSpan(0, 6), "********", m.Value.AsSpan(14, 4)));
        result = Mobile().Replace(result, m => string.Concat(m.Value.AsSpan(0, 3), "****", m.Value.AsSpan(7, 4)));
        return result == text ? text : result;
    }

    [GeneratedRegex(@"(?<!\d)\d{17}[\dXx](?!\d)")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)")]
    private static partial Regex Mobile();
}
