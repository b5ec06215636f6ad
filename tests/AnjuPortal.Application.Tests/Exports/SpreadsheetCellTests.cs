using AnjuPortal.Application.Exports;
using AnjuPortal.Domain.Projects;
using AnjuPortal.TestSupport;

namespace AnjuPortal.Application.Tests.Exports;

/// <summary>Formula injection (OWASP "CSV injection"): text that a spreadsheet could evaluate is written inert.</summary>
public sealed class SpreadsheetCellTests
{
    public static TheoryData<string> Dangerous() => new()
    {
        "=HYPERLINK(\"http://x\",\"y\")",
        "=1+1",
        "+1+1",
        "-2+3",
        "@SUM(1+1)",
        "\t=1+1",
        "\r=1+1",
        "=cmd|' /C calc'!A0",
        // Full-width forms, as a Chinese input method types them.
        "＝1+1",
        "＋1",
        "－2+3",
        "＠SUM(1+1)",
    };

    [Theory]
    [MemberData(nameof(Dangerous))]
    public void Neutralise_PrefixesAQuote_WhenTextStartsWithAFormulaCharacter(string text)
    {
        Assert.Equal("'" + text, SpreadsheetCell.Neutralise(text));
        Assert.Equal("'" + text, SpreadsheetCell.Value(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("长春市南关区东大桥片区棚户区改造项目")]
    [InlineData("NG-2020-001")]
    [InlineData("220102********1234")]
    [InlineData("138****5678")]
    [InlineData("a=b+c")]
    [InlineData("'already quoted")]
    public void Neutralise_LeavesTextAlone_WhenItCannotStartAFormula(string text)
        => Assert.Equal(text, SpreadsheetCell.Neutralise(text));

    [Fact]
    public void Value_KeepsNumbersAsNumbers_NegativeOnesToo()
    {
        Assert.Equal(-5, SpreadsheetCell.Value(-5));
        Assert.Equal(-2.5m, SpreadsheetCell.Value(-2.5m));
        Assert.Equal(-1L, SpreadsheetCell.Value(-1L));
        Assert.Equal(0.5d, SpreadsheetCell.Value(0.5d));
    }

    [Fact]
    public void Value_WritesDatesAsDates_AndNothingAsAnEmptyCell()
    {
        Assert.Equal(new DateTime(2020, 4, 1), SpreadsheetCell.Value(new DateOnly(2020, 4, 1)));
        Assert.Equal(DBNull.Value, SpreadsheetCell.Value(null));
    }

    [Fact]
    public void Value_WritesAnythingElseAsNeutralisedText()
    {
        Assert.Equal(nameof(ProjectStage.Approval), SpreadsheetCell.Value(ProjectStage.Approval));
        Assert.Equal("'=1+1", SpreadsheetCell.Value(new Formatted("=1+1")));
    }

    [Fact]
    public async Task WriteAsync_StoresDangerousTextAsInertText_AndNumbersAsNumbers_WhenReadBack()
    {
        var rows = new (string Name, int Units)[]
        {
            ("=HYPERLINK(\"http://x\",\"y\")", -5),
            ("@SUM(1+1)", 120),
            ("-2+3", 0),
            ("+1", 7),
            ("\t=1+1", 1),
            ("\r=1+1", 2),
            ("普通项目", 3),
        };
        SpreadsheetColumn<(string Name, int Units)>[] columns = [new("项目名称", r => r.Name), new("计划套数", r => r.Units)];

        var file = XlsxFile.Read(await SpreadsheetTable.WriteAsync("测试", columns, rows, CancellationToken.None));

        Assert.Equal(0, file.FormulaCount);
        Assert.Equal(["项目名称", "计划套数"], file.Headers);
        // XML turns a stored carriage return into a line feed on reading: the quote in front is what matters.
        var expected = rows.Select(r => (r.Name == "普通项目" ? r.Name : "'" + r.Name).Replace('\r', '\n'));
        Assert.Equal(expected, file.Column("项目名称"));
        Assert.All(file.Rows, r => Assert.Equal(XlsxCellKind.Text, r["项目名称"].Kind));
        Assert.All(file.Rows, r => Assert.False(r["项目名称"].HasFormula));
        var units = file.Rows.Select(r => r["计划套数"]).ToList();
        Assert.All(units, c => Assert.Equal(XlsxCellKind.Number, c.Kind));
        Assert.Equal(["-5", "120", "0", "7", "1", "2", "3"], units.Select(c => c.Text));
    }

    [Fact]
    public async Task WriteAsync_WritesTheHeaderRow_WhenThereAreNoRows()
    {
        SpreadsheetColumn<string>[] columns = [new("项目编号", r => r), new("项目名称", r => r)];

        var file = XlsxFile.Read(await SpreadsheetTable.WriteAsync("空表", columns, [], CancellationToken.None));

        Assert.Equal(["项目编号", "项目名称"], file.Headers);
        Assert.Empty(file.Rows);
    }

    private sealed class Formatted(string text) : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) => text;
    }
}
