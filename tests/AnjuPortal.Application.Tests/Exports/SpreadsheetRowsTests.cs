using System.IO.Compression;
using System.Text;
using AnjuPortal.Application.Exports;

namespace AnjuPortal.Application.Tests.Exports;

/// <summary>The forward-only sheet reader the imports use, on packages written by hand (exact XML) and by our own writer.</summary>
public sealed class SpreadsheetRowsTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    [Fact]
    public void Read_ReturnsEveryKindOfCell_ByItsColumn()
    {
        using var package = Package(
            """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="inlineStr"><is><t>内联</t></is></c></row>
            <row r="2"><c r="A2"><v>45678</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="str"><f>A2&amp;""</f><v>公式结果</v></c><c r="E2" t="e"><v>#N/A</v></c><c r="F2"><v>12.5</v></c></row>
            """,
            """<si><t>户主姓名</t></si><si><r><t>张</t></r><r><t xml:space="preserve"> 三</t></r><rPh sb="0" eb="1"><t>ちょう</t></rPh></si>""");

        var rows = SpreadsheetRows.Read(package, "Sheet1").ToList();

        Assert.Equal([1, 2], rows.Select(r => r.Number));
        Assert.Equal("户主姓名", rows[0][0]);
        Assert.Equal("张 三", rows[0][1]); // rich text runs joined, the phonetic guide left out
        Assert.Null(rows[0][2]);
        Assert.Equal("内联", rows[0][3]);
        Assert.Equal(45678d, rows[1][0]);
        Assert.Equal(true, rows[1][1]);
        Assert.Equal("公式结果", rows[1][2]); // a formula's cached result, not the formula
        Assert.Equal("#N/A", rows[1][4]);
        Assert.Equal(12.5d, rows[1][5]);
        Assert.Null(rows[1][99]);
    }

    [Fact]
    public void Read_KeepsExcelRowNumbers_AcrossGaps_AndCountsOnWhereReferencesAreMissing()
    {
        using var package = Package(
            """
            <row r="2"><c r="B2" t="inlineStr"><is><t>first</t></is></c></row>
            <row r="5"/>
            <row r="7"><c r="C7"><v>1</v></c><c r="D7"><v>2</v></c></row>
            <row><c><v>3</v></c><c><v>4</v></c></row>
            """);

        var rows = SpreadsheetRows.Read(package, "Sheet1").ToList();

        Assert.Equal([2, 7, 8], rows.Select(r => r.Number));
        Assert.Equal("first", rows[0][1]);
        Assert.Equal(1d, rows[1][2]);
        Assert.Equal(2d, rows[1][3]);
        Assert.Equal(3d, rows[2][0]);
        Assert.Equal(4d, rows[2][1]);
    }

    [Fact]
    public void Read_LeavesOutCellsPastTheLastReadColumn_WithoutWideningLaterRows()
    {
        using var package = Package(
            """
            <row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>
            <row r="2"><c r="IV2"><v>3</v></c></row>
            <row r="3"><c r="A3"><v>4</v></c></row>
            """);

        var rows = SpreadsheetRows.Read(package, "Sheet1").ToList();

        Assert.Equal(1d, rows[0][0]);
        Assert.True(rows[0].Cells.Length <= 16, $"The first row was widened to {rows[0].Cells.Length} for a cell it does not read");
        Assert.Equal(3d, rows[1][SpreadsheetRows.MaxColumns - 1]);
        Assert.Equal(SpreadsheetRows.MaxColumns, rows[1].Cells.Length);
        Assert.True(rows[2].Cells.Length <= 16, "A wide row must not widen the rows after it");
    }

    [Fact]
    public async Task Read_ReadsBackWhatOurOwnWriterWrote()
    {
        using var table = SpreadsheetTable.Table("台账",
            [new SpreadsheetColumn<(string Name, decimal Owed)>("姓名", r => r.Name), new SpreadsheetColumn<(string Name, decimal Owed)>("应付", r => r.Owed)],
            [("李四", 1200.5m), ("王五", 0m)]);
        var bytes = await SpreadsheetTable.WriteSheetsAsync([table], CancellationToken.None);
        using var stream = new MemoryStream(bytes);

        Assert.Equal(["台账"], SpreadsheetRows.SheetNames(stream));
        stream.Position = 0;
        var rows = SpreadsheetRows.Read(stream, "台账").ToList();

        Assert.Equal(3, rows.Count);
        Assert.Equal("姓名", rows[0][0]);
        Assert.Equal("李四", rows[1][0]);
        Assert.Equal(1200.5d, Convert.ToDouble(rows[1][1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("王五", rows[2][0]);
    }

    [Fact]
    public void Read_Throws_ForAMissingSheet_ABrokenSharedStringReference_AndBytesThatAreNoPackage()
    {
        using (var package = Package("""<row r="1"><c r="A1" t="s"><v>7</v></c></row>"""))
        {
            Assert.Throws<InvalidDataException>(() => SpreadsheetRows.Read(package, "Other").ToList());
            package.Position = 0;
            Assert.Throws<InvalidDataException>(() => SpreadsheetRows.Read(package, "Sheet1").ToList());
        }

        using var junk = new MemoryStream(Encoding.UTF8.GetBytes("PK\u0003\u0004 not really a zip"));
        Assert.ThrowsAny<Exception>(() => SpreadsheetRows.Read(junk, "Sheet1").ToList());
    }

    [Fact]
    public void Read_RefusesADocumentTypeDeclaration()
    {
        using var package = Package("""<row r="1"><c r="A1"><v>1</v></c></row>""", doctype: """<!DOCTYPE x [<!ENTITY e "boom">]>""");

        Assert.ThrowsAny<System.Xml.XmlException>(() => SpreadsheetRows.Read(package, "Sheet1").ToList());
    }

    /// <summary>A minimal .xlsx: one sheet "Sheet1" with <paramref name="sheetData"/>, and a shared string table when given.</summary>
    private static MemoryStream Package(string sheetData, string? sharedStrings = null, string doctype = "")
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(path).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }

            Add("[Content_Types].xml", $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                {(sharedStrings is null ? string.Empty : """<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>""")}
                </Types>
                """);
            Add("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Add("xl/_rels/workbook.xml.rels", $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{(sharedStrings is null ? string.Empty : """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>""")}</Relationships>
                """);
            Add("xl/workbook.xml", $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Add("xl/worksheets/sheet1.xml", $"""
                <?xml version="1.0" encoding="UTF-8"?>{doctype}
                <worksheet xmlns="{Main}"><sheetData>{sheetData}</sheetData></worksheet>
                """);
            if (sharedStrings is not null)
            {
                Add("xl/sharedStrings.xml", $"""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <sst xmlns="{Main}">{sharedStrings}</sst>
                    """);
            }
        }

        stream.Position = 0;
        return stream;
    }
}
