using System.Text;

namespace AnjuPortal.Domain.Supervision.Complaints;

/// <summary>
/// Cleans text typed on the public form before it is checked and stored: control characters (NUL, escape sequences,
/// bidirectional overrides, zero-width marks) are removed, line breaks normalised to \n and kept, tabs become spaces.
/// HTML is NOT touched: it is stored as the plain text it is and encoded wherever it is shown.
/// </summary>
public static class ComplaintText
{
    public static string Clean(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return string.Empty;
        }

        var text = input.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == '\n')
            {
                builder.Append(c);
            }
            else if (c == '\t')
            {
                builder.Append(' ');
            }
            else if (!char.IsControl(c) && !IsInvisibleFormat(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Trim();
    }

    /// <summary>Format characters that hide or reorder text (U+200B–U+200F, U+202A–U+202E, U+2060–U+2069, U+FEFF).</summary>
    private static bool IsInvisibleFormat(char c)
        => c is >= '\u200B' and <= '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2060' and <= '\u2069' or '\uFEFF';
}
