using System.Globalization;
using System.Text.RegularExpressions;
using AnjuPortal.Domain.Common;

namespace AnjuPortal.Domain.Supervision;

/// <summary>
/// 发文字号: the issuing office's prefix 发文机关代字, the year in hexagonal brackets 〔〕 and the serial 发文顺序号,
/// e.g. 吉安居办〔2026〕18号. GB/T 9704-2012 7.2.2: the serial has no leading zeros and no 第; the year is whole.
/// Serials count per (prefix, year) from 1 with no gap and no duplicate (see the number register, DocumentSerial).
/// </summary>
public sealed partial record DocumentNumber
{
    public const int PrefixMaxLength = 20;

    public DocumentNumber(string prefix, int year, int serial)
    {
        Prefix = ValidPrefix(prefix);
        Year = ReportingCalendar.ValidYear(year);
        Serial = serial >= 1 ? serial : throw new DomainException(DomainText.Format(DomainText.DocumentSerialPositive, serial), nameof(Serial));
    }

    /// <summary>发文机关代字, e.g. 吉安居办.</summary>
    public string Prefix { get; }

    public int Year { get; }

    /// <summary>发文顺序号: 1, 2, 3 … within the prefix and year.</summary>
    public int Serial { get; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}〔{Year}〕{Serial}号");

    /// <summary>Reads "吉安居办〔2026〕18号" back (the brackets must be 〔〕, as the standard writes them).</summary>
    public static DocumentNumber Parse(string text)
    {
        var match = Shape().Match(text?.Trim() ?? string.Empty);
        return match.Success
            ? new DocumentNumber(match.Groups["prefix"].Value, int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["serial"].Value, CultureInfo.InvariantCulture))
            : throw new DomainException(DomainText.Format(DomainText.DocumentNumberFormat, text), nameof(DocumentNumber));
    }

    /// <summary>A prefix is 1–20 Chinese characters (or Latin letters), without brackets, digits or spaces.</summary>
    public static string ValidPrefix(string? prefix)
    {
        var trimmed = prefix?.Trim() ?? string.Empty;
        return trimmed.Length is >= 1 and <= PrefixMaxLength && PrefixShape().IsMatch(trimmed)
            ? trimmed
            : throw new DomainException(DomainText.Format(DomainText.DocumentPrefixFormat, prefix, PrefixMaxLength), nameof(Prefix));
    }

    [GeneratedRegex(@"^(?<prefix>[^\s〔〕\[\]\d]{1,20})〔(?<year>\d{4})〕(?<serial>[1-9]\d{0,5})号$")]
    private static partial Regex Shape();

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}A-Za-z]+$")]
    private static partial Regex PrefixShape();
}
