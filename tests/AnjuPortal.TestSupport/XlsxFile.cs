using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AnjuPortal.TestSupport;

/// <summary>
/// An exported .xlsx read back with the Open XML SDK (not with MiniExcel, which wrote it): the first sheet's header
/// row and data rows, each cell with its stored type, its text and whether it holds a formula.
/// </summary>
public sealed class XlsxFile
{
    private XlsxFile(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyDictionary<string, XlsxCell>> rows, int formulas)
    {
        Headers = headers;
        Rows = rows;
        FormulaCount = formulas;
    }

    public IReadOnlyList<string> Headers { get; }

    /// <summary>Data rows (after the header row), each cell by its column's header.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, XlsxCell>> Rows { get; }

    /// <summary>How many <c>&lt;f&gt;</c> formula elements the whole workbook holds, in any sheet.</summary>
    public int FormulaCount { get; }

    /// <summary>Every cell's text, header row included: what a reader of the file would see.</summary>
    public IEnumerable<string> AllText => Headers.Concat(Rows.SelectMany(r => r.Values.Select(c => c.Text)));

    public IReadOnlyList<string> Column(string header) => Rows.Select(r => r.TryGetValue(header, out var c) ? c.Text : string.Empty).ToList();

    public static XlsxFile Read(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("No workbook part.");
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var formulas = workbook.WorksheetParts.Sum(p => p.Worksheet.Descendants<CellFormula>().Count());

        var firstSheet = workbook.Workbook.Sheets!.Elements<Sheet>().First();
        var part = (WorksheetPart)workbook.GetPartById(firstSheet.Id!.Value!);
        var rows = part.Worksheet.Descendants<Row>().ToList();
        var headerCells = rows[0].Elements<Cell>().ToDictionary(c => ColumnOf(c), c => Read(c, shared));
        var headers = headerCells.Values.Select(c => c.Text).ToList();
        var data = rows.Skip(1)
            .Select(r => (IReadOnlyDictionary<string, XlsxCell>)r.Elements<Cell>()
                .Where(c => headerCells.ContainsKey(ColumnOf(c)))
                .ToDictionary(c => headerCells[ColumnOf(c)].Text, c => Read(c, shared)))
            .ToList();
        return new XlsxFile(headers, data, formulas);
    }

    private static string ColumnOf(Cell cell) => new(cell.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());

    private static XlsxCell Read(Cell cell, List<string> shared)
    {
        var type = cell.DataType?.Value;
        var raw = cell.CellValue?.Text ?? cell.InlineString?.InnerText ?? string.Empty;
        var text = type == CellValues.SharedString ? shared[int.Parse(raw, System.Globalization.CultureInfo.InvariantCulture)] : raw;
        var kind = type is null || type == CellValues.Number ? XlsxCellKind.Number
            : type == CellValues.Boolean ? XlsxCellKind.Boolean
            : XlsxCellKind.Text;
        return new XlsxCell(cell.CellReference!.Value!, kind, text, cell.CellFormula is not null);
    }
}

/// <summary>How a cell is stored: a number (dates are numbers with a date format), text or a boolean.</summary>
public enum XlsxCellKind
{
    Number,
    Text,
    Boolean,
}

/// <param name="Text">The stored value: the text itself, or a number's invariant form.</param>
public sealed record XlsxCell(string Reference, XlsxCellKind Kind, string Text, bool HasFormula);
