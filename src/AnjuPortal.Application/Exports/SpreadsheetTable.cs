using System.Data;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace AnjuPortal.Application.Exports;

/// <summary>One column of an export: its Chinese header and how a row gives its value.</summary>
public sealed record SpreadsheetColumn<TRow>(string Header, Func<TRow, object?> Value);

/// <summary>
/// Writes rows as one .xlsx sheet with MiniExcel: a header row (frozen, with a filter), then one row per item. Every
/// cell goes through <see cref="SpreadsheetCell.Value"/>; MiniExcel writes text as text and never as a formula (a
/// formula needs a column explicitly configured for it, which no export does).
/// </summary>
public static class SpreadsheetTable
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<byte[]> WriteAsync<TRow>(
        string sheetName, IReadOnlyList<SpreadsheetColumn<TRow>> columns, IEnumerable<TRow> rows, CancellationToken ct)
    {
        using var table = Table(sheetName, columns, rows);
        return await WriteSheetsAsync([table], ct);
    }

    /// <summary>Several sheets in one workbook, in the given order (each built with <see cref="Table{TRow}"/>).</summary>
    public static async Task<byte[]> WriteSheetsAsync(IReadOnlyList<DataTable> sheets, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        // Culture stays invariant: MiniExcel writes numbers as numbers and dates as dates only then.
        var configuration = new OpenXmlConfiguration { Culture = System.Globalization.CultureInfo.InvariantCulture };
        using var stream = new MemoryStream();
        if (sheets.Count == 1)
        {
            await stream.SaveAsAsync(sheets[0], printHeader: true, sheetName: sheets[0].TableName, excelType: ExcelType.XLSX,
                configuration: configuration, cancellationToken: ct);
        }
        else
        {
            var workbook = new Dictionary<string, object>();
            foreach (var sheet in sheets)
            {
                workbook.Add(sheet.TableName, sheet);
            }

            await stream.SaveAsAsync(workbook, printHeader: true, excelType: ExcelType.XLSX, configuration: configuration, cancellationToken: ct);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// One sheet as a table: a header row, then one row per item, every cell through <see cref="SpreadsheetCell.Value"/>.
    /// A table rather than dictionaries: the header row is written even when there are no rows.
    /// </summary>
    public static DataTable Table<TRow>(string sheetName, IReadOnlyList<SpreadsheetColumn<TRow>> columns, IEnumerable<TRow> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var table = new DataTable(sheetName) { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var column in columns)
        {
            table.Columns.Add(column.Header, typeof(object));
        }

        foreach (var row in rows)
        {
            var cells = new object[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                cells[i] = SpreadsheetCell.Value(columns[i].Value(row));
            }

            table.Rows.Add(cells);
        }

        return table;
    }
}

/// <summary>A finished export: the file to send and its (Chinese) download name.</summary>
public sealed record ExportFile(string FileName, byte[] Content)
{
    public string ContentType => SpreadsheetTable.ContentType;
}
