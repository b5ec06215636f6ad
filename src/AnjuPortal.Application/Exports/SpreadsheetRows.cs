using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AnjuPortal.Application.Exports;

/// <summary>One row of a sheet: its row number in Excel and its cells by column (0 = A); a cell is null, a string, a double, a bool or a DateTime.</summary>
public readonly record struct SheetRow(int Number, object?[] Cells)
{
    public object? this[int column] => column >= 0 && column < Cells.Length ? Cells[column] : null;
}

/// <summary>
/// Reads one worksheet of an .xlsx as a stream of rows, for imports of up to ~100,000 rows. The Open XML SDK opens the
/// package and finds the sheet and the shared strings; the sheet's XML is then read forward only (the SAX way the SDK
/// recommends for large sheets), so a row costs its values and one array, not a dictionary per row: MiniExcel's
/// dynamic rows allocated ~1.2 GB to read a 100,000-row ledger, this ~10 times less (docs/benchmarks.md).
/// Numbers come back as doubles (a date is its serial number unless the cell is typed as a date), text as strings.
/// A broken package or sheet throws (whatever the zip, packaging or XML layer throws): callers answer "not a readable .xlsx".
/// </summary>
public static class SpreadsheetRows
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>The workbook's sheet names, in order.</summary>
    public static List<string> SheetNames(Stream package)
    {
        ArgumentNullException.ThrowIfNull(package);
        using var document = SpreadsheetDocument.Open(package, false);
        return Sheets(document).Select(s => s.Name?.Value ?? string.Empty).ToList();
    }

    /// <summary>Columns past this one (IV) are not read: no import here has that many, and a stray far-right cell must not widen every row.</summary>
    public const int MaxColumns = 256;

    /// <summary>The rows of <paramref name="sheetName"/> that have at least one cell, in order; the stream stays open and is read as the rows are enumerated.</summary>
    public static IEnumerable<SheetRow> Read(Stream package, string sheetName)
    {
        ArgumentNullException.ThrowIfNull(package);
        using var document = SpreadsheetDocument.Open(package, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("The package has no workbook.");
        var sheet = Sheets(document).FirstOrDefault(s => s.Name?.Value == sheetName) ?? throw new InvalidDataException("The workbook has no such sheet.");
        var part = sheet.Id?.Value is { } id ? workbook.GetPartById(id) as WorksheetPart : null;
        if (part is null)
        {
            throw new InvalidDataException("The sheet has no worksheet part.");
        }

        var shared = workbook.SharedStringTablePart is { } strings ? SharedStrings(strings) : [];
        foreach (var row in Rows(part, shared))
        {
            yield return row;
        }
    }

    private static IEnumerable<Sheet> Sheets(SpreadsheetDocument document)
        => document.WorkbookPart?.Workbook?.Sheets?.Elements<Sheet>() ?? [];

    /// <summary>The shared string table: each item's text runs joined, phonetic guides (rPh) left out.</summary>
    private static List<string> SharedStrings(SharedStringTablePart part)
    {
        var list = new List<string>();
        var text = new StringBuilder();
        var phonetic = 0;
        var capture = false;
        using var xml = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), Settings);
        while (xml.Read())
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element:
                    switch (xml.LocalName)
                    {
                        case "si":
                            text.Clear();
                            if (xml.IsEmptyElement)
                            {
                                list.Add(string.Empty);
                            }

                            break;
                        case "rPh" when !xml.IsEmptyElement:
                            phonetic++;
                            break;
                        case "t" when !xml.IsEmptyElement:
                            capture = phonetic == 0;
                            break;
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when capture:
                    text.Append(xml.Value);
                    break;
                case XmlNodeType.EndElement:
                    switch (xml.LocalName)
                    {
                        case "t":
                            capture = false;
                            break;
                        case "rPh":
                            phonetic--;
                            break;
                        case "si":
                            list.Add(text.ToString());
                            break;
                    }

                    break;
            }
        }

        return list;
    }

    private static IEnumerable<SheetRow> Rows(WorksheetPart part, List<string> shared)
    {
        using var xml = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), Settings);
        const int width = 16; // a row starts this wide and grows only for itself
        object?[]? cells = null;
        var number = 0;
        var column = -1;
        string? type = null;
        string? value = null;
        var capture = false;
        var phonetic = 0;
        while (xml.Read())
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element:
                    switch (xml.LocalName)
                    {
                        case "row":
                            if (cells is not null)
                            {
                                yield return new SheetRow(number, cells);
                            }

                            number = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > number ? r : number + 1;
                            column = -1;
                            cells = xml.IsEmptyElement ? null : new object?[width];
                            break;
                        case "c":
                            column = ColumnIndex(xml.GetAttribute("r")) ?? column + 1;
                            type = xml.GetAttribute("t");
                            value = null;
                            break;
                        case "rPh" when !xml.IsEmptyElement:
                            phonetic++;
                            break;
                        case "v" or "t" when !xml.IsEmptyElement:
                            capture = phonetic == 0;
                            break;
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when capture:
                    value = value is null ? xml.Value : value + xml.Value;
                    break;
                case XmlNodeType.EndElement:
                    switch (xml.LocalName)
                    {
                        case "v" or "t":
                            capture = false;
                            break;
                        case "rPh":
                            phonetic--;
                            break;
                        case "c" when cells is not null && value is not null && column is >= 0 and < MaxColumns:
                            if (column >= cells.Length)
                            {
                                Array.Resize(ref cells, Math.Min(MaxColumns, Math.Max(column + 1, cells.Length * 2)));
                            }

                            cells[column] = Convert(value, type, shared);
                            break;
                    }

                    break;
            }
        }

        if (cells is not null)
        {
            yield return new SheetRow(number, cells);
        }
    }

    private static object? Convert(string value, string? type, List<string> shared) => type switch
    {
        "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Count
            ? shared[i]
            : throw new InvalidDataException("A cell refers to a shared string that does not exist."),
        "b" => value == "1",
        "d" => DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var d) ? d : value,
        "str" or "inlineStr" or "e" => value,
        _ => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : value,
    };

    /// <summary>"C12" → 2; null when there is no reference (the cell then follows the previous one).</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var index = 0;
        var letters = 0;
        foreach (var ch in reference)
        {
            var upper = char.ToUpperInvariant(ch);
            if (upper is < 'A' or > 'Z')
            {
                break;
            }

            index = (index * 26) + (upper - 'A' + 1);
            if (++letters > 3)
            {
                throw new InvalidDataException("A cell reference has more than three column letters.");
            }
        }

        return letters == 0 ? null : index - 1;
    }
}
