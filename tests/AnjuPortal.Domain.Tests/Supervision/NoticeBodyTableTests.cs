using AnjuPortal.Domain.Supervision;

namespace AnjuPortal.Domain.Tests.Supervision;

/// <summary>Tables in the body: lines of cells between bars, first row the header, kept as plain text a supervisor can edit.</summary>
public sealed class NoticeBodyTableTests
{
    [Fact]
    public void Lines_ReadBarredLinesAsTableRows_AndDropMarkdownSeparators()
    {
        var lines = NoticeBody.Lines("二、各地进展排名\n|排名|地区|任务进度|\n| --- | :---: | ---: |\n｜1｜长春市｜50.0%｜\n| 2 | 吉林市 | 45.0%\n全省平均41.5%。");

        Assert.Equal(
            [BodyLineKind.Heading1, BodyLineKind.TableRow, BodyLineKind.TableRow, BodyLineKind.TableRow, BodyLineKind.Paragraph],
            lines.Select(l => l.Kind));
        Assert.Equal(["排名", "地区", "任务进度"], lines[1].Cells);
        Assert.Equal(["1", "长春市", "50.0%"], lines[2].Cells);   // full-width bars, as a Chinese input method types them
        Assert.Equal(["2", "吉林市", "45.0%"], lines[3].Cells);   // the closing bar is optional
        Assert.Empty(lines[4].Cells);
    }

    [Fact]
    public void Normalize_WritesRowsBackInOneShape_SoTheTextSurvivesEditing()
    {
        var body = NoticeBody.Normalize("|排名|地区|\n　　｜1｜长春市｜\n|2| 吉林市 ");
        Assert.Equal("| 排名 | 地区 |\n| 1 | 长春市 |\n| 2 | 吉林市 |", body);
        Assert.Equal(body, NoticeBody.Normalize(body)); // stable: a second save changes nothing
    }

    [Fact]
    public void Blocks_GroupConsecutiveRowsIntoOneTable_WithTheFirstRowAsHeader()
    {
        var blocks = NoticeBody.Blocks(NoticeBody.Lines("前言。\n|排名|地区|\n|1|长春市|\n|2|吉林市|\n结语。\n|甲|乙|")).ToList();

        Assert.Equal(4, blocks.Count);
        Assert.Equal("前言。", Assert.IsType<BodyLine>(blocks[0]).Text);
        var table = Assert.IsType<BodyTable>(blocks[1]);
        Assert.Equal(["排名", "地区"], table.Header);
        Assert.Equal([["1", "长春市"], ["2", "吉林市"]], table.Rows.Select(r => r.ToArray()).ToArray());
        Assert.Equal(2, table.ColumnCount);
        Assert.Equal("结语。", Assert.IsType<BodyLine>(blocks[2]).Text);
        var headerOnly = Assert.IsType<BodyTable>(blocks[3]);
        Assert.Empty(headerOnly.Rows);
    }

    [Fact]
    public void Row_ReplacesABarInsideACell_SoItCannotSplitTheCell()
        => Assert.Equal(["A／B", "C"], NoticeBody.Cells(NoticeBody.Row(["A|B", "C"])));

    [Fact]
    public void Cells_OfALineWithoutALeadingBar_AreNone()
        => Assert.Empty(NoticeBody.Cells("排名|地区"));
}
