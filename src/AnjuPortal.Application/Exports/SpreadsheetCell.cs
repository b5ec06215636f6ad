using System.Buffers;
using System.Globalization;

namespace AnjuPortal.Application.Exports;

/// <summary>
/// The one place where a value becomes a spreadsheet cell. Text that a spreadsheet program could take for a formula
/// (CSV / formula injection, OWASP) is made inert here, and every export writes its cells through <see cref="Value"/>,
/// so no column can forget it.
/// </summary>
public static class SpreadsheetCell
{
    /// <summary>What is put in front of dangerous text: Excel, WPS and LibreOffice show it and never evaluate what follows.</summary>
    public const char Quote = '\'';

    /// <summary>
    /// First characters that start a formula, or that a program strips before looking for one: = + - @, tab and
    /// carriage return (OWASP), and the full-width ＝ ＋ － ＠ that Chinese input methods type and spreadsheet programs
    /// may read as their ASCII forms.
    /// </summary>
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r＝＋－＠");

    /// <summary>Text made inert: a leading <see cref="Quote"/> when it begins with a formula character, otherwise unchanged.</summary>
    public static string Neutralise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length > 0 && FormulaStarts.Contains(text[0]) ? Quote + text : text;
    }

    /// <summary>
    /// A value as it goes into the sheet: numbers stay numbers (a negative number is a number, not text), dates become
    /// dates, nothing stays empty, and everything else is written as neutralised text.
    /// </summary>
    public static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        string text => Neutralise(text),
        int or long or short or byte or decimal or double or float => value,
        DateOnly date => date.ToDateTime(TimeOnly.MinValue),
        DateTime dateTime => dateTime,
        IFormattable formattable => Neutralise(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => Neutralise(value.ToString() ?? string.Empty),
    };
}
