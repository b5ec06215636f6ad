using System.Text.RegularExpressions;

namespace AnjuPortal.Domain.Supervision;

/// <summary>What a line of the body is: a first-level heading 一、, a second-level heading （一）, or a paragraph.</summary>
public enum BodyLineKind
{
    Paragraph = 0,
    /// <summary>一级标题 "一、…" (黑体 in the document)</summary>
    Heading1 = 1,
    /// <summary>二级标题 "（一）…" (楷体 in the document)</summary>
    Heading2 = 2,
}

public sealed record BodyLine(BodyLineKind Kind, string Text);

/// <summary>
/// The body 正文 is plain text, one paragraph a line: the writer types no formatting, the structure is read from the
/// numbering the standard prescribes (GB/T 9704-2012 7.3.3: 一、 then （一） then 1. then （1）).
/// </summary>
public static partial class NoticeBody
{
    /// <summary>Line breaks unified, blank lines and the indentation people paste (full-width spaces) removed.</summary>
    public static string Normalize(string? body)
        => string.Join("\n", Lines(body).Select(l => l.Text));

    public static IReadOnlyList<BodyLine> Lines(string? body)
        => (body ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            .Split('\n')
            .Select(l => l.Trim().Trim('\u3000').Trim())
            .Where(l => l.Length > 0)
            .Select(l => new BodyLine(KindOf(l), l))
            .ToList();

    public static BodyLineKind KindOf(string line)
        => FirstLevel().IsMatch(line) ? BodyLineKind.Heading1
            : SecondLevel().IsMatch(line) ? BodyLineKind.Heading2
            : BodyLineKind.Paragraph;

    [GeneratedRegex("^[一二三四五六七八九十]{1,3}、")]
    private static partial Regex FirstLevel();

    [GeneratedRegex("^[（(][一二三四五六七八九十]{1,3}[）)]")]
    private static partial Regex SecondLevel();
}
