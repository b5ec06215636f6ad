using AnjuPortal.Application.Common;
using AnjuPortal.Application.Exports;
using AnjuPortal.Application.Projects;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.Auditing;
using AnjuPortal.Infrastructure.Tenancy;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Tests.Exports;

/// <summary>The project register export on a real SQLite file: permission, tenancy, the list's filter, inert cells, one audit record.</summary>
public sealed class ProjectRegisterExportTests : IAsyncLifetime
{
    private const string Code = "项目编号";
    private const string Name = "项目名称";

    private SqliteTestDatabase _database = null!;
    private Jurisdiction _province = null!;
    private Jurisdiction _changchun = null!;
    private Jurisdiction _nanguan = null!;
    private Jurisdiction _kuancheng = null!;
    private Jurisdiction _jilinCity = null!;
    private Jurisdiction _changyi = null!;

    public async Task InitializeAsync()
    {
        _database = await SqliteTestDatabase.CreateAsync();
        _province = await _database.JurisdictionAsync("220000");
        _changchun = await _database.JurisdictionAsync("220100");
        _nanguan = await _database.JurisdictionAsync("220102");
        _kuancheng = await _database.JurisdictionAsync("220103");
        _jilinCity = await _database.JurisdictionAsync("220200");
        _changyi = await _database.JurisdictionAsync("220202");

        await SeedAsync(
            ("NG-2020-001", _nanguan, "=HYPERLINK(\"http://x\",\"y\")", "@SUM(1+1)", 2020, 120),
            ("NG-2019-001", _nanguan, "东大桥片区棚户区改造项目", "-2+3", 2019, 80),
            ("KC-2020-001", _kuancheng, "宽城区永吉街棚改项目", "李四", 2020, 60),
            ("JL-2020-001", _changyi, "昌邑区棚改项目", "王五", 2020, 40));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private TestUser ProvinceAdmin => TestUser.At(_province, Roles.ProvinceAdministrator);

    private TestUser ChangchunOperator => TestUser.At(_changchun, Roles.CityOperator);

    private ProjectRegisterExport ExportFor(ICurrentUser user)
        => new(_database.FactoryFor(user), new AuditLog(_database.SystemFactory, user, _database.Clock), user, _database.Clock);

    [Fact]
    public async Task ExportAsync_WritesFormulaTextAsInertText_WhenProjectNameAndOfficialAreFormulas()
    {
        var file = XlsxFile.Read((await ExportFor(ProvinceAdmin).ExportAsync(new ProjectFilter())).Content);

        Assert.Equal(0, file.FormulaCount);
        var malicious = file.Rows.Single(r => r[Code].Text == "NG-2020-001");
        Assert.Equal(("'=HYPERLINK(\"http://x\",\"y\")", XlsxCellKind.Text, false), (malicious[Name].Text, malicious[Name].Kind, malicious[Name].HasFormula));
        Assert.Equal("'@SUM(1+1)", malicious["责任人"].Text);
        Assert.Equal("'-2+3", file.Rows.Single(r => r[Code].Text == "NG-2019-001")["责任人"].Text);
        Assert.Equal((XlsxCellKind.Number, "120"), (malicious["计划套数"].Kind, malicious["计划套数"].Text));
        Assert.Equal((XlsxCellKind.Number, "2020"), (malicious["批次年度"].Kind, malicious["批次年度"].Text));
    }

    [Fact]
    public async Task ExportAsync_HasChineseHeadersAndDisplayNames_InTheListsDefaultOrder()
    {
        var export = await ExportFor(ProvinceAdmin).ExportAsync(new ProjectFilter());
        var file = XlsxFile.Read(export.Content);

        Assert.Equal(
            ["项目编号", "项目名称", "所属辖区", "批次年度", "计划套数", "累计开工套数", "基本建成套数", "项目阶段", "安置方式", "责任人", "计划开工日期", "计划完工日期", "实际开工日期"],
            file.Headers);
        // Newest batch first, then by code: the list's unsorted order.
        Assert.Equal(["JL-2020-001", "KC-2020-001", "NG-2020-001", "NG-2019-001"], file.Column(Code));
        var row = file.Rows.Single(r => r[Code].Text == "KC-2020-001");
        Assert.Equal(("立项审批", "实物安置", _kuancheng.Name), (row["项目阶段"].Text, row["安置方式"].Text, row["所属辖区"].Text));
        Assert.Equal(XlsxCellKind.Number, row["计划开工日期"].Kind); // a date, stored as Excel stores dates
        Assert.Equal(new DateTime(2020, 4, 1).ToOADate().ToString(System.Globalization.CultureInfo.InvariantCulture), row["计划开工日期"].Text);
        Assert.Equal(string.Empty, row["实际开工日期"].Text);
        Assert.Equal($"棚改项目库_{_database.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)):yyyyMMdd}.xlsx", export.FileName);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.ContentType);
    }

    [Fact]
    public async Task ExportAsync_HoldsOnlyTheCountysRows_WhenTheUserSitsAtACounty()
    {
        // The role grants Export; the unit limits what it reaches.
        var countyUser = TestUser.At(_nanguan, Roles.CityOperator);

        var file = XlsxFile.Read((await ExportFor(countyUser).ExportAsync(new ProjectFilter())).Content);

        Assert.Equal(["NG-2020-001", "NG-2019-001"], file.Column(Code));
    }

    [Fact]
    public async Task ExportAsync_HoldsOnlyTheCitysRows_ForEachCity()
    {
        var changchun = XlsxFile.Read((await ExportFor(ChangchunOperator).ExportAsync(new ProjectFilter())).Content);
        var jilin = XlsxFile.Read((await ExportFor(TestUser.At(_jilinCity, Roles.CityOperator)).ExportAsync(new ProjectFilter())).Content);

        Assert.Equal(["KC-2020-001", "NG-2020-001", "NG-2019-001"], changchun.Column(Code));
        Assert.Equal(["JL-2020-001"], jilin.Column(Code));
    }

    public static TheoryData<string?, string?, int?, ProjectStage?> Filters() => new()
    {
        { "棚改", null, null, null },
        { null, "220103", null, null },
        { null, null, 2020, null },
        { null, "220102", 2019, ProjectStage.Approval },
        { null, null, null, ProjectStage.Accepted },
        { null, "220202", null, null }, // another city's unit: nothing, as in the list
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task ExportAsync_SelectsTheProjectsTheListShows_ForTheSameFilter(string? search, string? unitCode, int? year, ProjectStage? stage)
    {
        int? unit = unitCode is null ? null : (await _database.JurisdictionAsync(unitCode)).Id;
        var filter = new ProjectFilter(search, unit, year, stage);
        var list = await new ProjectRegister(_database.FactoryFor(ChangchunOperator), new CrossTenantChecks(_database.SystemFactory), ChangchunOperator)
            .ListAsync(filter, new PageRequest(0, PageRequest.MaxPageSize));

        var file = XlsxFile.Read((await ExportFor(ChangchunOperator).ExportAsync(filter)).Content);

        Assert.Equal(list.Items.Select(p => p.Code), file.Column(Code));
    }

    [Fact]
    public async Task ExportAsync_WritesExactlyOneAuditRecord_SayingListFilterAndRowCount()
    {
        var before = (await ExportRecordsAsync()).Select(r => r.Id).ToList();
        var filter = new ProjectFilter(" 棚户区 ", _nanguan.Id, 2019, ProjectStage.Approval);

        await ExportFor(ChangchunOperator).ExportAsync(filter);

        var record = Assert.Single(await ExportRecordsAsync(), r => !before.Contains(r.Id));
        Assert.Equal((AuditAction.Export, "RenovationProject", (string?)null), (record.Action, record.EntityType, record.EntityId));
        Assert.Equal((ChangchunOperator.UserName, _nanguan.Id), (record.UserName, record.JurisdictionId));
        Assert.Equal($"导出棚改项目库，共 1 行；筛选条件：关键字“棚户区”，辖区 {_nanguan.Name}，批次 2019 年，阶段 立项审批", record.Note);
    }

    [Fact]
    public async Task ExportAsync_FilesTheRecordUnderTheUsersUnit_WhenNoUnitIsPicked()
    {
        await ExportFor(ChangchunOperator).ExportAsync(new ProjectFilter());

        var record = Assert.Single(await ExportRecordsAsync());
        Assert.Equal(_changchun.Id, record.JurisdictionId);
        Assert.Equal("导出棚改项目库，共 3 行；筛选条件：无", record.Note);
    }

    [Fact]
    public async Task ExportAsync_KeepsIdAndPhoneNumbersOutOfTheNote_WhenTypedIntoTheSearch()
    {
        var id = TestIdNumbers.Make();

        await ExportFor(ChangchunOperator).ExportAsync(new ProjectFilter($"{id} 13812345678"));

        var record = Assert.Single(await ExportRecordsAsync());
        Assert.DoesNotContain(id, record.Note!, StringComparison.Ordinal);
        Assert.DoesNotContain("1381234", record.Note!, StringComparison.Ordinal);
        Assert.Contains("关键字“******************", record.Note!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_FilesTheRecordUnderTheUsersUnit_WhenThePickedUnitIsOutsideTheSubtree()
    {
        var file = XlsxFile.Read((await ExportFor(ChangchunOperator).ExportAsync(new ProjectFilter(JurisdictionId: _changyi.Id))).Content);

        Assert.Empty(file.Rows);
        var record = Assert.Single(await ExportRecordsAsync());
        Assert.Equal(_changchun.Id, record.JurisdictionId);
        Assert.DoesNotContain(_changyi.Name, record.Note!, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.CountyOperator)]
    [InlineData(Roles.SystemAdministrator)]
    public async Task ExportAsync_IsRefused_AndNothingIsRecorded_WithoutExportPermission(string role)
    {
        var user = TestUser.At(_province, role);

        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(() => ExportFor(user).ExportAsync(new ProjectFilter()));

        Assert.Equal(Permission.Export, refused.Permission);
        Assert.Empty(await ExportRecordsAsync());
    }

    [Fact]
    public async Task ExportAsync_IsRefused_ForAnonymousUsers()
        => await Assert.ThrowsAsync<PermissionDeniedException>(() => ExportFor(TestUser.Anonymous).ExportAsync(new ProjectFilter()));

    private async Task<List<AuditEntry>> ExportRecordsAsync()
    {
        await using var db = _database.CreateSystemContext();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.Export).OrderBy(a => a.Sequence).ToListAsync();
    }

    private async Task SeedAsync(params (string Code, Jurisdiction Unit, string Name, string Official, int Year, int Planned)[] projects)
    {
        await using var db = _database.CreateSystemContext();
        foreach (var p in projects)
        {
            db.Projects.Add(RenovationProject.Register(p.Code, p.Unit.Id, new RenovationProject.Details(
                p.Name, p.Year, p.Planned, ResettlementMode.InKind, p.Official, new DateOnly(p.Year, 4, 1), new DateOnly(p.Year + 1, 10, 31))));
        }

        await db.SaveChangesAsync();
    }
}
