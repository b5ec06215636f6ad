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
    /// <summary>
    /// A row of a table 表格: a line beginning with a vertical bar, cells between bars ("| 排名 | 地区 | 任务进度 |").
    /// Consecutive rows form one table whose first row is its header (表头). A row of dashes only ("|---|---|", as
    /// people used to Markdown type it) is a separator and is dropped.
    /// </summary>
    TableRow = 3,
}

/// <summary>What the body is made of, in order: lines (<see cref="BodyLine"/>) and tables (<see cref="BodyTable"/>).</summary>
public abstract record BodyBlock;

public sealed record BodyLine(BodyLineKind Kind, string Text) : BodyBlock
{
    /// <summary>The cells of a table row (none for other lines).</summary>
    public IReadOnlyList<string> Cells => Kind == BodyLineKind.TableRow ? NoticeBody.Cells(Text) : [];
}

/// <summary>A table of the body: its header row and its rows, each a list of cell texts (rows may differ in length).</summary>
public sealed record BodyTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : BodyBlock
{
    public int ColumnCount => Math.Max(Header.Count, Rows.Count == 0 ? 0 : Rows.Max(r => r.Count));
}

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
            .Select(l => new BodyLine(KindOf(l), KindOf(l) == BodyLineKind.TableRow ? Row(Cells(l)) : l))
            .Where(l => l.Kind != BodyLineKind.TableRow || !IsSeparator(l.Cells))
            .ToList();

    public static BodyLineKind KindOf(string line)
        => line.Length > 0 && IsBar(line[0]) ? BodyLineKind.TableRow
            : FirstLevel().IsMatch(line) ? BodyLineKind.Heading1
            : SecondLevel().IsMatch(line) ? BodyLineKind.Heading2
            : BodyLineKind.Paragraph;

    [GeneratedRegex("^[一二三四五六七八九十]{1,3}、")]
    private static partial Regex FirstLevel();

    [GeneratedRegex("^[（(][一二三四五六七八九十]{1,3}[）)]")]
    private static partial Regex SecondLevel();

    /// <summary>
    /// The cells of a table line: the text between the bars, trimmed; the bar before the first cell is required, the
    /// one after the last is optional. A full-width bar ｜ (what a Chinese input method types) counts as a bar.
    /// </summary>
    public static IReadOnlyList<string> Cells(string line)
    {
        var text = (line ?? string.Empty).Trim();
        if (text.Length == 0 || !IsBar(text[0]))
        {
            return [];
        }

        text = text[1..];
        if (text.Length > 0 && IsBar(text[^1]))
        {
            text = text[..^1];
        }

        return text.Split(['|', '｜']).Select(c => c.Trim().Trim('\u3000').Trim()).ToList();
    }

    /// <summary>A table line as this class writes it back: "| a | b | c |".</summary>
    public static string Row(IEnumerable<string> cells)
        => "| " + string.Join(" | ", cells.Select(c => (c ?? string.Empty).Replace('|', '／').Replace('｜', '／').Trim())) + " |";

    /// <summary>The body in blocks: each line that is not a table row, and each run of table rows as one <see cref="BodyTable"/>.</summary>
    public static IEnumerable<BodyBlock> Blocks(IEnumerable<BodyLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var line in lines)
        {
            if (line.Kind == BodyLineKind.TableRow)
            {
                rows.Add(line.Cells);
                continue;
            }

            if (rows.Count > 0)
            {
                yield return new BodyTable(rows[0], rows.Skip(1).ToList());
                rows = [];
            }

            yield return line;
        }

        if (rows.Count > 0)
        {
            yield return new BodyTable(rows[0], rows.Skip(1).ToList());
        }
    }

    private static bool IsBar(char c) => c is '|' or '｜';

    private static bool IsSeparator(IReadOnlyList<string> cells)
        => cells.Count > 0 && cells.All(c => c.Length > 0 && c.All(ch => ch is '-' or ':' or '－' or '—' or ' '));
}
