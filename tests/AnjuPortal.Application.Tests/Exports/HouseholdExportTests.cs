using AnjuPortal.Application.Exports;
using AnjuPortal.Application.OverdueResettlement;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.Auditing;
using AnjuPortal.Infrastructure.PersonalData;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Tests.Exports;

/// <summary>
/// The ledger households export on a real SQLite file: masked unless a user with Export and Unmask asks for full
/// numbers, tenancy, the ledger's filter, inert cells and exactly one audit record without personal data.
/// </summary>
public sealed class HouseholdExportTests : IAsyncLifetime
{
    private const string IdColumn = "身份证号";
    private const string PhoneColumn = "联系电话";
    private const string HeadColumn = "户主姓名";
    private const string CodeColumn = "项目编号";

    private readonly PersonalDataCipher _cipher = TestCipher.Create();
    private readonly List<(string Head, string Id, string Phone)> _people = [];
    private SqliteTestDatabase _database = null!;
    private Jurisdiction _province = null!;
    private Jurisdiction _changchun = null!;
    private Jurisdiction _nanguan = null!;
    private Jurisdiction _kuancheng = null!;
    private Jurisdiction _changyi = null!;
    private int _nanguanCase;
    private int _changyiCase;

    public async Task InitializeAsync()
    {
        _database = await SqliteTestDatabase.CreateAsync();
        _province = await _database.JurisdictionAsync("220000");
        _changchun = await _database.JurisdictionAsync("220100");
        _nanguan = await _database.JurisdictionAsync("220102");
        _kuancheng = await _database.JurisdictionAsync("220103");
        _changyi = await _database.JurisdictionAsync("220202");

        _nanguanCase = await SeedCaseAsync("NG-0001", _nanguan, OverdueCategory.Started, "=HYPERLINK(\"http://x\",\"y\")", "@SUM(1+1)", "王五");
        await SeedCaseAsync("KC-0001", _kuancheng, OverdueCategory.DeadKnot, "赵六", "孙七");
        _changyiCase = await SeedCaseAsync("CY-0001", _changyi, OverdueCategory.Started, "周八");
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private TestUser ProvinceAdmin => TestUser.At(_province, Roles.ProvinceAdministrator);

    private TestUser ChangchunOperator => TestUser.At(_changchun, Roles.CityOperator);

    private HouseholdExport ExportFor(ICurrentUser user)
        => new(_database.FactoryFor(user), _cipher, new AuditLog(_database.SystemFactory, user, _database.Clock), user, _database.Clock);

    [Fact]
    public async Task ExportAsync_MasksIdAndPhoneNumbers_ByDefault_EvenForAUserWhoMayUnmask()
    {
        var file = XlsxFile.Read((await ExportFor(ProvinceAdmin).ExportAsync(new HouseholdExportRequest(_nanguanCase)))!.Content);

        Assert.Equal(3, file.Rows.Count);
        Assert.All(file.Column(IdColumn), id => Assert.Matches("^220102\\*{8}[0-9]{3}[0-9X]$", id));
        Assert.All(file.Column(PhoneColumn), phone => Assert.Matches("^138\\*{4}[0-9]{4}$", phone));
        AssertNoFullNumbers(file);
    }

    [Fact]
    public async Task ExportAsync_WritesFullNumbers_WhenAUserWithExportAndUnmaskAsksForThem()
    {
        var file = XlsxFile.Read((await ExportFor(ProvinceAdmin).ExportAsync(new HouseholdExportRequest(_nanguanCase, FullNumbers: true)))!.Content);

        var nanguan = _people.Where(p => p.Id.StartsWith("220102", StringComparison.Ordinal)).ToList();
        Assert.Equal(nanguan.Select(p => p.Id), file.Column(IdColumn));
        Assert.Equal(nanguan.Select(p => p.Phone), file.Column(PhoneColumn));
        // An 18-digit number stays text: as a number a spreadsheet would round its last digits away.
        Assert.All(file.Rows, r => Assert.Equal(XlsxCellKind.Text, r[IdColumn].Kind));
    }

    [Fact]
    public async Task ExportAsync_RefusesFullNumbers_AndRecordsNothing_WhenTheUserMayExportButNotUnmask()
    {
        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(
            () => ExportFor(ChangchunOperator).ExportAsync(new HouseholdExportRequest(_nanguanCase, FullNumbers: true)));

        Assert.Equal(Permission.Unmask, refused.Permission);
        Assert.Empty(await ExportRecordsAsync());
    }

    [Theory]
    [InlineData(Roles.CountyOperator, false)]
    [InlineData(Roles.CountyOperator, true)]
    [InlineData(Roles.SystemAdministrator, false)]
    public async Task ExportAsync_IsRefused_AndRecordsNothing_WithoutExportPermission(string role, bool full)
    {
        var user = TestUser.At(_nanguan, role);

        var refused = await Assert.ThrowsAsync<PermissionDeniedException>(
            () => ExportFor(user).ExportAsync(new HouseholdExportRequest(_nanguanCase, FullNumbers: full)));

        Assert.Equal(Permission.Export, refused.Permission);
        Assert.Empty(await ExportRecordsAsync());
    }

    [Fact]
    public async Task ExportAsync_WritesFormulaTextAsInertText_WhenAHeadOfHouseholdsNameIsAFormula()
    {
        var file = XlsxFile.Read((await ExportFor(ChangchunOperator).ExportAsync(new HouseholdExportRequest(_nanguanCase)))!.Content);

        Assert.Equal(0, file.FormulaCount);
        Assert.Equal(["'=HYPERLINK(\"http://x\",\"y\")", "'@SUM(1+1)", "王五"], file.Column(HeadColumn));
        Assert.All(file.Rows, r => Assert.Equal(XlsxCellKind.Text, r[HeadColumn].Kind));
    }

    [Fact]
    public async Task ExportAsync_WritesExactlyOneAuditRecord_WithoutPersonalData_SayingWhetherNumbersWereFull()
    {
        await ExportFor(ProvinceAdmin).ExportAsync(new HouseholdExportRequest(_nanguanCase));
        await ExportFor(ProvinceAdmin).ExportAsync(new HouseholdExportRequest(_nanguanCase, FullNumbers: true));

        var records = await ExportRecordsAsync();
        Assert.Equal(2, records.Count);
        Assert.All(records, r =>
        {
            Assert.Equal((AuditAction.Export, "OverdueHousehold", _nanguanCase.ToString(System.Globalization.CultureInfo.InvariantCulture)), (r.Action, r.EntityType, r.EntityId));
            Assert.Equal((ProvinceAdmin.UserName, _nanguan.Id), (r.UserName, r.JurisdictionId));
            foreach (var person in _people)
            {
                Assert.DoesNotContain(person.Id, r.Note!, StringComparison.Ordinal);
                Assert.DoesNotContain(person.Id[6..14], r.Note!, StringComparison.Ordinal);
                Assert.DoesNotContain(person.Phone[3..], r.Note!, StringComparison.Ordinal);
                Assert.DoesNotContain(person.Head, r.Note!, StringComparison.Ordinal);
            }
        });
        Assert.Equal("导出逾期未安置户（台账项目 NG-0001），共 3 户；身份证号和联系电话已脱敏；筛选条件：无", records[0].Note);
        Assert.Equal("导出逾期未安置户（台账项目 NG-0001），共 3 户；含完整身份证号和联系电话；筛选条件：无", records[1].Note);
    }

    [Fact]
    public async Task ExportAsync_ReturnsNothing_AndRecordsNothing_WhenTheCaseBelongsToAnotherCity()
    {
        var export = await ExportFor(ChangchunOperator).ExportAsync(new HouseholdExportRequest(_changyiCase));

        Assert.Null(export);
        Assert.Empty(await ExportRecordsAsync());
    }

    [Fact]
    public async Task ExportAsync_HoldsTheWholeLedgerOfTheSubtree_WhenNoCaseIsGiven()
    {
        var city = XlsxFile.Read((await ExportFor(ChangchunOperator).ExportAsync(new HouseholdExportRequest()))!.Content);
        var county = XlsxFile.Read((await ExportFor(TestUser.At(_nanguan, Roles.CityOperator)).ExportAsync(new HouseholdExportRequest()))!.Content);
        var province = XlsxFile.Read((await ExportFor(ProvinceAdmin).ExportAsync(new HouseholdExportRequest()))!.Content);

        Assert.Equal(["NG-0001", "NG-0001", "NG-0001", "KC-0001", "KC-0001"], city.Column(CodeColumn));
        Assert.Equal(["NG-0001", "NG-0001", "NG-0001"], county.Column(CodeColumn));
        Assert.Equal(6, province.Rows.Count);
        var record = (await ExportRecordsAsync())[0];
        Assert.Equal((_changchun.Id, (string?)null), (record.JurisdictionId, record.EntityId));
        Assert.Equal("导出逾期未安置户（台账全部项目），共 5 户；身份证号和联系电话已脱敏；筛选条件：无", record.Note);
    }

    [Fact]
    public async Task ExportAsync_AppliesTheLedgersFilter_WhenNoCaseIsGiven()
    {
        var filter = new CaseFilter(Category: OverdueCategory.DeadKnot);
        var ledger = await new CaseLedger(_database.FactoryFor(ChangchunOperator), ChangchunOperator).ListAsync(filter, new Common.PageRequest());

        var file = XlsxFile.Read((await ExportFor(ChangchunOperator).ExportAsync(new HouseholdExportRequest(Filter: filter)))!.Content);

        Assert.Equal(["KC-0001"], ledger.Items.Select(c => c.ProjectCode));
        Assert.Equal(["KC-0001", "KC-0001"], file.Column(CodeColumn));
        Assert.Equal("“死结”项目", file.Rows[0]["问题类别"].Text);
        Assert.EndsWith("筛选条件：类别 “死结”项目", (await ExportRecordsAsync())[0].Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_HasChineseHeaders_AndTheCaseInTheFileName()
    {
        var export = (await ExportFor(ChangchunOperator).ExportAsync(new HouseholdExportRequest(_nanguanCase)))!;
        var file = XlsxFile.Read(export.Content);

        Assert.Equal(["项目编号", "项目名称", "所属辖区", "问题类别", "台账状态", "户主姓名", "身份证号", "联系电话", "承诺安置日期", "安置方式", "安置日期"], file.Headers);
        Assert.Equal(["货币化安置", "", ""], file.Column("安置方式"));
        Assert.StartsWith("逾期未安置户_NG-0001_", export.FileName, StringComparison.Ordinal);
        Assert.EndsWith(".xlsx", export.FileName, StringComparison.Ordinal);
    }

    private void AssertNoFullNumbers(XlsxFile file)
    {
        foreach (var text in file.AllText)
        {
            Assert.DoesNotContain(_people, p => text.Contains(p.Id, StringComparison.Ordinal) || text.Contains(p.Phone, StringComparison.Ordinal));
        }
    }

    private async Task<List<AuditEntry>> ExportRecordsAsync()
    {
        await using var db = _database.CreateSystemContext();
        return await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.Export).OrderBy(a => a.Sequence).ToListAsync();
    }

    private async Task<int> SeedCaseAsync(string code, Jurisdiction unit, OverdueCategory category, params string[] heads)
    {
        await using var db = _database.CreateSystemContext();
        var project = RenovationProject.Register(code, unit.Id, new RenovationProject.Details(
            $"{unit.Name}项目", 2016, 100, ResettlementMode.InKind, "张三", new DateOnly(2016, 4, 1), new DateOnly(2018, 10, 1)));
        var overdue = OverdueCase.Open(project, category, new DateOnly(2020, 12, 31), "李四");
        for (var i = 0; i < heads.Length; i++)
        {
            var id = TestIdNumbers.Make(unit.Code, "19600101", _people.Count);
            var phone = $"1381234{_people.Count:0000}";
            _people.Add((heads[i], id, phone));
            var household = overdue.AddHousehold(heads[i], IdCardNumber.Parse(id), PhoneNumber.Parse(phone), new DateOnly(2018, 6, 30), _cipher);
            if (i == 0)
            {
                overdue.ResolveHousehold(household, ResolutionMethod.Monetary, new DateOnly(2020, 6, 1));
            }
        }

        db.OverdueCases.Add(overdue);
        await db.SaveChangesAsync();
        return overdue.Id;
    }
}
