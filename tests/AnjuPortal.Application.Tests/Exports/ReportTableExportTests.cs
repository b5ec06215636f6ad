using AnjuPortal.Application.Exports;
using AnjuPortal.Application.Security;
using AnjuPortal.Application.Tests.Reporting;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Domain.Reporting;
using AnjuPortal.Domain.Targets;
using AnjuPortal.Infrastructure.Auditing;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Tests.Exports;

/// <summary>
/// The period table on each real provider, on the June 2020 scenario with targets and approved June reports:
/// 龙山区 (corrected once, a later correction still a draft), 辽源市's own project, 铁西区 of 四平市.
/// </summary>
public abstract class ReportTableExportTests : IAsyncLifetime
{
    private ReportingScenario? _scenario;

    private ReportingScenario S => _scenario ?? throw new InvalidOperationException("Not initialised.");

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _scenario = await ReportingScenario.CreateAsync(await CreateDatabaseAsync());
        await SeedJuneAsync();
    }

    public async Task DisposeAsync()
    {
        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }

    private TestUser ProvinceAdmin => TestUser.At(S.Province, Roles.ProvinceAdministrator);

    private ReportTableExport ExportFor(ICurrentUser user)
        => new(S.Database.FactoryFor(user), new AuditLog(S.Database.SystemFactory, user, S.Clock), user, S.Clock);

    [Fact]
    public async Task BuildAsync_SumsTheLatestApprovedRevision_WithSubtotalsPercentagesAndRanksAmongCities()
    {
        var rows = (await ExportFor(ProvinceAdmin).BuildAsync(S.JuneId))!;

        var longshan = rows.Single(r => r.Label == "龙山区");
        // Revision 1 (180), not revision 0 (170) nor the draft revision 2 (250); the 2016 project is not this year's batch.
        Assert.Equal((ReportTableRowKind.Unit, new ReportTableMeasure(300, 180, 60.0m, null)), (longshan.Kind, longshan.Started));
        Assert.Equal(new ReportTableMeasure(150, 90, 60.0m, null), longshan.Completed);
        Assert.Equal(new ReportTableMeasure(12, 7, 58.3m, null), longshan.Resolved);
        Assert.Equal(new ReportTableMeasure(100, 0, 0.0m, null), rows.Single(r => r.Label == "西安区").Started);
        Assert.Equal(new ReportTableMeasure(null, 0, null, null), rows.Single(r => r.Label == "东丰县").Started);

        var own = rows.Single(r => r.Label == "辽源市本级");
        Assert.Equal((ReportTableRowKind.OwnProjects, new ReportTableMeasure(null, 20, null, null)), (own.Kind, own.Started));
        var liaoyuan = rows.Single(r => r.Label == "辽源市小计");
        Assert.Equal((ReportTableRowKind.Subtotal, new ReportTableMeasure(400, 200, 50.0m, 1)), (liaoyuan.Kind, liaoyuan.Started));
        Assert.Equal(new ReportTableMeasure(200, 90, 45.0m, 1), liaoyuan.Completed);
        Assert.Equal(new ReportTableMeasure(20, 7, 35.0m, 1), liaoyuan.Resolved);
        var siping = rows.Single(r => r.Label == "四平市小计");
        Assert.Equal(new ReportTableMeasure(200, 40, 20.0m, 2), siping.Started);
        Assert.Equal(new ReportTableMeasure(10, 0, 0.0m, 2), siping.Resolved);
        // A city without a target (nor targets below) has no percentage and no rank.
        Assert.Equal(new ReportTableMeasure(null, 0, null, null), rows.Single(r => r.Label == "长春市小计").Started);

        var total = rows[^1];
        Assert.Equal((ReportTableRowKind.Total, "吉林省合计", new ReportTableMeasure(1000, 240, 24.0m, null)), (total.Kind, total.Label, total.Started));

        // Counties come beneath their city, the city's own projects and subtotal after them.
        var labels = rows.Select(r => r.Label).ToList();
        Assert.True(labels.IndexOf("龙山区") < labels.IndexOf("辽源市本级") && labels.IndexOf("辽源市本级") < labels.IndexOf("辽源市小计"));
        Assert.True(labels.IndexOf("四平市小计") < labels.IndexOf("龙山区"));
    }

    [Fact]
    public async Task BuildAsync_RanksCountiesAndHidesOtherCities_ForACityUser()
    {
        var rows = (await ExportFor(S.CityOperator).BuildAsync(S.JuneId))!;

        Assert.Equal(["龙山区", "西安区", "东丰县", "东辽县", "辽源市本级", "辽源市合计"], rows.Select(r => r.Label));
        Assert.Equal((1, 2), (rows[0].Started.Rank, rows[1].Started.Rank));
        Assert.Null(rows[2].Started.Rank);
        Assert.Equal(new ReportTableMeasure(400, 200, 50.0m, null), rows[^1].Started);
        Assert.DoesNotContain(rows, r => r.Label.Contains("四平", StringComparison.Ordinal) || r.Label.Contains("铁西", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportAsync_WritesTheTableWithNumbersAsNumbersAndNoFormula_AndOneAuditRecord()
    {
        var export = (await ExportFor(ProvinceAdmin).ExportAsync(S.JuneId))!;
        var file = XlsxFile.Read(export.Content);

        Assert.Equal(0, file.FormulaCount);
        Assert.Equal(
            ["地区", "开工计划（套）", "累计开工（套）", "开工完成率（%）", "开工排名", "基本建成计划（套）", "累计基本建成（套）", "基本建成完成率（%）", "基本建成排名",
             "逾期未安置解决计划（户）", "累计解决（户）", "解决率（%）", "解决排名"],
            file.Headers);
        var liaoyuan = file.Rows.Single(r => r["地区"].Text == "辽源市小计");
        Assert.Equal((XlsxCellKind.Text, false), (liaoyuan["地区"].Kind, liaoyuan["地区"].HasFormula));
        Assert.Equal((XlsxCellKind.Number, "400"), (liaoyuan["开工计划（套）"].Kind, liaoyuan["开工计划（套）"].Text));
        Assert.Equal((XlsxCellKind.Number, "200"), (liaoyuan["累计开工（套）"].Kind, liaoyuan["累计开工（套）"].Text));
        Assert.Equal(50.0m, decimal.Parse(liaoyuan["开工完成率（%）"].Text, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1", liaoyuan["开工排名"].Text);
        Assert.Equal("吉林省合计", file.Rows[^1]["地区"].Text);
        Assert.StartsWith("棚改工作进展情况表_2020年6月_", export.FileName, StringComparison.Ordinal);

        await using var db = S.Database.CreateSystemContext();
        var record = Assert.Single(await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.Export).ToListAsync());
        Assert.Equal(("MonthlyReport", S.Province.Id), (record.EntityType, record.JurisdictionId));
        Assert.Contains("2020年6月", record.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_IsRefusedAndRecordsNothing_WithoutExportPermission()
    {
        await Assert.ThrowsAsync<PermissionDeniedException>(() => ExportFor(S.LongshanOperator).ExportAsync(S.JuneId));
        Assert.Null(await ExportFor(ProvinceAdmin).ExportAsync(999_999));

        await using var db = S.Database.CreateSystemContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.Export));
    }

    private async Task SeedJuneAsync()
    {
        await using var db = S.Database.CreateSystemContext();
        db.AnnualTargets.AddRange(
            AnnualTarget.Create(S.Province.Id, 2020, 1000, 500, 50),
            AnnualTarget.Create(S.Liaoyuan.Id, 2020, 400, 200, 20),
            AnnualTarget.Create(S.Longshan.Id, 2020, 300, 150, 12),
            AnnualTarget.Create(S.Xian.Id, 2020, 100, 50, 8),
            AnnualTarget.Create(S.Siping.Id, 2020, 200, 100, 10));
        var june = await db.ReportingPeriods.SingleAsync(p => p.Id == S.JuneId);
        var old = await db.Projects.SingleAsync(p => p.Code == "LS-2016-L01");
        var at = ReportingScenario.At(2020, 7, 4, 9);

        var longshan = MonthlyReport.StartDraft(S.Longshan.Id, june.Id);
        longshan.SetProjectLine(S.ProjectId, Figures(170, 80));
        longshan.SetProjectLine(old.Id, Figures(40, 40));
        longshan.SetCaseLine(S.CaseId, new HouseholdResolutions(1, 1, 0, 0), 5);
        longshan.MarkApproved(at, at.AddDays(2));
        db.MonthlyReports.Add(longshan);
        var city = MonthlyReport.StartDraft(S.Liaoyuan.Id, june.Id);
        city.SetProjectLine(S.CityProjectId, Figures(20, 0));
        city.MarkApproved(at, at.AddDays(2));
        var tiexi = MonthlyReport.StartDraft(S.Tiexi.Id, june.Id);
        tiexi.SetProjectLine(S.SiblingProjectId, Figures(40, 10));
        tiexi.MarkApproved(at, at.AddDays(2));
        db.MonthlyReports.AddRange(city, tiexi);
        await db.SaveChangesAsync();

        var corrected = longshan.StartCorrection(june, "更正开工数", at.AddDays(3), "龙山区填报员");
        corrected.SetProjectLine(S.ProjectId, Figures(180, 90));
        corrected.MarkApproved(at.AddDays(3), at.AddDays(4));
        db.MonthlyReports.Add(corrected);
        await db.SaveChangesAsync();

        var draft = corrected.StartCorrection(june, "再次更正", at.AddDays(5), "龙山区填报员");
        draft.SetProjectLine(S.ProjectId, Figures(250, 90));
        db.MonthlyReports.Add(draft);
        await db.SaveChangesAsync();
    }

    private static ProjectFigures Figures(int started, int completed) => new(started, completed, 0m, 0, 0, []);
}

public sealed class SqliteReportTableExportTests : ReportTableExportTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresReportTableExportTests(PostgresServer server) : ReportTableExportTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}
