using AnjuPortal.Application.Reporting;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace AnjuPortal.Application.Tests.Reporting;

/// <summary>
/// Importing June 2020 for 龙山区 from the portal's own template, changed cell by cell: every bad file gives a clear
/// Chinese error and writes nothing; a good file commits exactly its figures.
/// </summary>
public abstract class ReportImportTests : IAsyncLifetime
{
    private const string Info = "填报说明";
    private const string Projects = "项目进度";
    private const string Cases = "逾期未安置";
    private const string Started = "累计开工（套）";

    private ReportingScenario? _scenario;

    private ReportingScenario S => _scenario ?? throw new InvalidOperationException("Not initialised.");

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _scenario = await ReportingScenario.CreateAsync(await CreateDatabaseAsync());

    public async Task DisposeAsync()
    {
        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }

    private ReportImport ImportFor(ICurrentUser user) => new(S.Database.FactoryFor(user), user, S.Clock);

    [Fact]
    public async Task TemplateAsync_HasTheUnitsProjectsAndCases_PrefilledWithLastApprovedFigures()
    {
        var book = await TemplateAsync(S.LongshanOperator);

        var project = Assert.Single(book[Projects]);
        Assert.Equal(("LS-2020-01", "东站片区", 150d, 60d, 900d), ((string)project["项目编号"]!, (string)project["项目名称"]!, (double)project[Started]!,
            (double)project["累计基本建成（套）"]!, (double)project["累计完成投资（万元）"]!));
        Assert.Equal((500d, 400d), ((double)project["棚改专项债券累计到位（万元）"]!, (double)project["棚改专项债券累计支出（万元）"]!));
        var overdue = Assert.Single(book[Cases]);
        Assert.Equal(("LS-2016-L01", 7d), ((string)overdue["台账项目编号"]!, (double)overdue["月初未安置（户，参考）"]!));
        Assert.Contains(book[Info], r => (string?)r["内容"] == "220402");
    }

    [Fact]
    public async Task CommitAsync_WritesExactlyTheFilesFigures_IntoTheDraft()
    {
        var book = await TemplateAsync(S.LongshanOperator);
        var row = book[Projects][0];
        (row[Started], row["累计基本建成（套）"], row["累计完成投资（万元）"], row["累计签约（户）"], row["累计搬迁（户）"]) = (160, 70, 950.5, 85, 75);
        (row["棚改专项债券累计到位（万元）"], row["棚改专项债券累计支出（万元）"], row["地方财政资金累计到位（万元）"]) = (600, 450, 20);
        book[Cases][0]["本月货币化安置（户）"] = 2;

        var dryRun = await ImportFor(S.LongshanOperator).DryRunAsync(S.JuneId, S.Longshan.Id, Write(book));
        Assert.True(dryRun.Succeeded, string.Join("\n", dryRun.Errors));
        Assert.Equal((1, 1, false), (dryRun.ProjectRows, dryRun.CaseRows, dryRun.Committed));
        Assert.Equal(0, await ReportCountAsync());

        var result = await ImportFor(S.LongshanOperator).CommitAsync(S.JuneId, S.Longshan.Id, Write(book));

        Assert.True(result.Committed, string.Join("\n", result.Errors));
        var view = await S.ViewAsync(result.ReportId!.Value, S.LongshanOperator);
        var figures = Assert.Single(view.Projects).Figures;
        Assert.Equal((160, 70, 950.5m, 85, 75), (figures.UnitsStarted, figures.UnitsBasicallyCompleted, figures.InvestmentCompleted, figures.HouseholdsSigned, figures.HouseholdsMovedOut));
        Assert.Equal(
            [new FundsFigures(FundingSource.SpecialBonds, 600m, 450m), new FundsFigures(FundingSource.LocalFiscal, 20m, 0m)],
            figures.Funds.OrderBy(f => f.Source == FundingSource.SpecialBonds ? 0 : 1));
        var overdue = Assert.Single(view.Cases);
        Assert.Equal((new HouseholdResolutions(0, 2, 0, 0), 7), (overdue.ThisMonth, overdue.ResolvedInYear));
        Assert.Equal(view.Version, result.Version);
    }

    [Fact]
    public async Task DryRunAsync_ListsEveryBadCellWithItsReason_AndCommitWritesNothing()
    {
        var book = await TemplateAsync(S.LongshanOperator);
        var good = book[Projects][0];
        good[Started] = "abc";
        good["累计签约（户）"] = -5;
        good["累计搬迁（户）"] = 1.5;
        book[Projects].Add(Copy(good, ("项目编号", "LS-2020-01"), (Started, 150)));            // duplicate of row 2
        book[Projects].Add(Copy(good, ("项目编号", "TX-2020-01"), (Started, 1), ("累计签约（户）", 0), ("累计搬迁（户）", 0)));  // another county's
        book[Projects].Add(Copy(good, ("项目编号", "ZZ-9999"), (Started, 1), ("累计签约（户）", 0), ("累计搬迁（户）", 0)));     // unknown
        book[Cases][0]["本月回迁安置（户）"] = "两户";

        var result = await CommitExpectingNothingAsync(book);

        Assert.Contains(result.Errors, e => e is { Sheet: Projects, Row: 2, Column: Started } && e.Message == "应为数字，实际为“abc”。");
        Assert.Contains(result.Errors, e => e is { Sheet: Projects, Row: 2, Column: "累计签约（户）" } && e.Message == "不能为负数（-5）。");
        Assert.Contains(result.Errors, e => e is { Sheet: Projects, Row: 2, Column: "累计搬迁（户）" } && e.Message == "应为整数，实际为 1.5。");
        Assert.Contains(result.Errors, e => e is { Sheet: Projects, Row: 3 } && e.Message == "编号「LS-2020-01」与第 2 行重复，每个项目只能填一行。");
        Assert.Contains(result.Errors, e => e is { Sheet: Cases, Row: 2, Column: "本月回迁安置（户）" } && e.Message == "应为数字，实际为“两户”。");
        Assert.Contains(result.Errors, e => e is { Sheet: Projects, Row: 4, Column: "项目编号" } && e.Message.StartsWith("项目编号「TX-2020-01」不存在", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e is { Sheet: Projects, Row: 5, Column: "项目编号" } && e.Message.StartsWith("项目编号「ZZ-9999」不存在", StringComparison.Ordinal));
        Assert.Equal(7, result.Errors.Count);
        Assert.Equal("「项目进度」第 2 行「累计开工（套）」：应为数字，实际为“abc”。", result.Errors.First(e => e.Column == Started).Text);
    }

    [Fact]
    public async Task DryRunAsync_NamesProjectsOfOtherUnitsAndUnknownCodes()
    {
        var book = await TemplateAsync(S.LongshanOperator);
        book[Projects].Add(Copy(book[Projects][0], ("项目编号", "TX-2020-01")));
        book[Projects].Add(Copy(book[Projects][0], ("项目编号", "ZZ-9999")));

        var result = await CommitExpectingNothingAsync(book);

        Assert.Equal(
            ["项目编号「TX-2020-01」不存在，或属于其他单位（不在您的管辖范围内）。", "项目编号「ZZ-9999」不存在，或属于其他单位（不在您的管辖范围内）。"],
            result.Errors.Select(e => e.Message));
        Assert.Equal([3, 4], result.Errors.Select(e => e.Row));

        // A city sees its counties' projects: the message names the county.
        var city = await TemplateAsync(S.CityOperator);
        city[Projects].Add(Copy(city[Projects][0], ("项目编号", "LS-2020-01")));
        var byCity = await ImportFor(S.CityOperator).DryRunAsync(S.JuneId, S.Liaoyuan.Id, Write(city));
        Assert.Equal("项目编号「LS-2020-01」属于龙山区，不是本单位的项目。", Assert.Single(byCity.Errors).Message);
    }

    [Fact]
    public async Task DryRunAsync_ReportsTheRulesErrorsOnTheirRows()
    {
        var book = await TemplateAsync(S.LongshanOperator);
        book[Projects][0][Started] = 400;
        book[Projects][0]["累计基本建成（套）"] = 50;

        var result = await CommitExpectingNothingAsync(book);

        Assert.Contains(result.Errors, e => e is { Sheet: Projects, Row: 2 } && e.Message == "项目「东站片区」累计开工 400 套，超过计划套数 300 套。");
        Assert.Contains(result.Errors, e => e is { Sheet: Projects, Row: 2 } && e.Message == "项目「东站片区」累计基本建成 50 套，少于上月已批准的 60 套。");
    }

    [Fact]
    public async Task DryRunAsync_RefusesAWrongTemplate_MissingColumns_AndAnotherUnitsTemplate()
    {
        var wrong = await CommitExpectingNothingAsync(new Dictionary<string, List<Dictionary<string, object?>>>
        {
            ["Sheet1"] = [new() { ["编号"] = "LS-2020-01", ["开工"] = 1 }],
        });
        Assert.Equal(
            ["不是本平台的月报导入模板：缺少工作表「填报说明」。请重新下载模板。", "不是本平台的月报导入模板：缺少工作表「项目进度」。请重新下载模板。",
             "不是本平台的月报导入模板：缺少工作表「逾期未安置」。请重新下载模板。"],
            wrong.Errors.Select(e => e.Message));

        var book = await TemplateAsync(S.LongshanOperator);
        foreach (var row in book[Projects])
        {
            row.Remove(Started);
        }

        var missing = await CommitExpectingNothingAsync(book);
        Assert.Equal("模板缺少列：「累计开工（套）」。请重新下载模板，不要删除或改名表头。", Assert.Single(missing.Errors).Message);

        var other = await ImportFor(S.XianOperator).DryRunAsync(S.JuneId, S.Xian.Id, Write(await TemplateAsync(S.LongshanOperator)));
        Assert.Equal("这是「龙山区」的模板，不是本单位「西安区」的，请重新下载本单位的模板。", Assert.Single(other.Errors).Message);
    }

    [Theory]
    [InlineData(0, "文件为空")]
    [InlineData(1, "不是有效的 Excel (.xlsx) 文件")]
    [InlineData(2, "不是有效的 Excel (.xlsx) 文件")]
    public async Task DryRunAsync_RefusesEmptyAndCorruptFiles(int kind, string expected)
    {
        byte[] content = kind switch
        {
            0 => [],
            1 => "项目编号,累计开工\nLS-2020-01,160\n"u8.ToArray(),
            _ => [(byte)'P', (byte)'K', 3, 4, .. Enumerable.Repeat((byte)0x5A, 2000)],
        };

        var result = await ImportFor(S.LongshanOperator).CommitAsync(S.JuneId, S.Longshan.Id, new MemoryStream(content));

        Assert.Contains(expected, Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(0, await ReportCountAsync());
    }

    [Fact]
    public async Task DryRunAsync_StopsAtTheRowLimit_ForAFileOf100000Rows()
    {
        var book = await TemplateAsync(S.LongshanOperator);
        var template = book[Projects][0];
        book[Projects] = Enumerable.Range(0, 100_000).Select(i => Copy(template, ("项目编号", $"R{i}"))).ToList();

        var result = await CommitExpectingNothingAsync(book);

        Assert.Equal("行数超过 20,000 行的上限，未继续读取。请只保留本单位本期的项目。", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task ImportIsOnlyForTheUsersOwnUnit_AndNeedsSubmit()
    {
        var book = await TemplateAsync(S.LongshanOperator);

        var sibling = await ImportFor(S.TiexiOperator).CommitAsync(S.JuneId, S.Longshan.Id, Write(book));
        Assert.Equal("单位不存在，或不在您的管辖范围内。", Assert.Single(sibling.Errors).Message);
        var city = await ImportFor(S.CityOperator).CommitAsync(S.JuneId, S.Longshan.Id, Write(book));
        Assert.Equal(MonthlyReportEntry.OwnUnitOnly, Assert.Single(city.Errors).Message);
        await Assert.ThrowsAsync<PermissionDeniedException>(() => ImportFor(S.Reviewer).DryRunAsync(S.JuneId, S.Longshan.Id, Write(book)));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => ImportFor(S.Reviewer).TemplateAsync(S.JuneId, S.Longshan.Id));
        Assert.Equal(0, await ReportCountAsync());
    }

    private async Task<ImportResult> CommitExpectingNothingAsync(Dictionary<string, List<Dictionary<string, object?>>> book)
    {
        var result = await ImportFor(S.LongshanOperator).CommitAsync(S.JuneId, S.Longshan.Id, Write(book));
        Assert.False(result.Succeeded);
        Assert.False(result.Committed);
        Assert.Equal(0, await ReportCountAsync());
        return result;
    }

    private async Task<int> ReportCountAsync()
    {
        await using var db = S.Database.CreateSystemContext();
        return await db.MonthlyReports.CountAsync(r => r.ReportingPeriodId == S.JuneId);
    }

    /// <summary>The user's template for June, read back sheet by sheet as rows keyed by header.</summary>
    private async Task<Dictionary<string, List<Dictionary<string, object?>>>> TemplateAsync(TestUser user)
    {
        var template = await ImportFor(user).TemplateAsync(S.JuneId, user.JurisdictionId!.Value);
        Assert.True(template.Succeeded, template.ToString());
        using var stream = new MemoryStream(template.Value!.Content);
        var book = new Dictionary<string, List<Dictionary<string, object?>>>();
        foreach (var sheet in MiniExcel.GetSheetNames(stream))
        {
            stream.Position = 0;
            book[sheet] = MiniExcel.Query(stream, useHeaderRow: true, sheetName: sheet)
                .Select(r => new Dictionary<string, object?>((IDictionary<string, object?>)r)).ToList();
        }

        return book;
    }

    private static MemoryStream Write(Dictionary<string, List<Dictionary<string, object?>>> book)
    {
        var stream = new MemoryStream();
        stream.SaveAs(book.ToDictionary(s => s.Key, s => (object)s.Value), excelType: ExcelType.XLSX);
        stream.Position = 0;
        return stream;
    }

    private static Dictionary<string, object?> Copy(Dictionary<string, object?> row, params (string Key, object? Value)[] changes)
    {
        var copy = new Dictionary<string, object?>(row);
        foreach (var (key, value) in changes)
        {
            copy[key] = value;
        }

        return copy;
    }
}

public sealed class SqliteReportImportTests : ReportImportTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresReportImportTests(PostgresServer server) : ReportImportTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}
