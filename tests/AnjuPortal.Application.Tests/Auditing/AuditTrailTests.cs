using AnjuPortal.Application.Auditing;
using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Infrastructure.Auditing;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Application.Tests.Auditing;

/// <summary>The audit trail on a real SQLite file: who may read it, what each unit sees, the filters and the integrity check.</summary>
public sealed class AuditTrailTests : IAsyncLifetime
{
    private const string Probe = "Probe";

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
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private TestUser ProvinceAdmin => TestUser.At(_province, Roles.ProvinceAdministrator);

    private AuditTrail TrailFor(ICurrentUser user)
        => new(_database.FactoryFor(user), new SystemAuditChainVerifier(_database.SystemFactory), user);

    private static readonly PageRequest FirstPage = new(0, PageRequest.MaxPageSize);

    /// <summary>
    /// A moment given in China Standard Time, as the portal's users think of it. The test database's clock stands at
    /// 2020-06-30, so records added here come after the seeded ones in time as in the chain, as in real use.
    /// </summary>
    private static DateTimeOffset China(int year, int month, int day, int hour, int minute)
        => new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    private async Task AddAsync(params (Jurisdiction Unit, string User, string Action, string EntityType, string EntityId, DateTimeOffset At)[] records)
    {
        await using var db = _database.CreateSystemContext();
        foreach (var r in records)
        {
            db.AuditEntries.Add(AuditEntry.Record(
                r.At, r.Action, r.User, r.User, "10.0.0.1", r.Unit.Id, r.EntityType, r.EntityId,
                """[{"field":"PlannedUnits","old":"100","new":"120"}]""", null));
        }

        await db.SaveChangesAsync();
    }

    private Task AddOnePerUnitAsync() => AddAsync(
        (_province, "province.admin", AuditAction.Update, Probe, "root", China(2020, 7, 1, 9, 0)),
        (_changchun, "changchun.city", AuditAction.Update, Probe, "cc", China(2020, 7, 2, 9, 0)),
        (_nanguan, "nanguan.county", AuditAction.Create, Probe, "ng", China(2020, 7, 3, 9, 0)),
        (_kuancheng, "kuancheng.county", AuditAction.Delete, Probe, "kc", China(2020, 7, 4, 9, 0)),
        (_changyi, "changyi.county", AuditAction.SignIn, Probe, "cy", China(2020, 7, 5, 9, 0)));

    private static List<string?> Ids(PagedResult<AuditRow> page) => page.Items.Select(r => r.EntityId).ToList();

    [Fact]
    public async Task SearchAsync_ShowsProvinceAdministratorTheRecordsOfEveryUnit_NewestFirst()
    {
        await AddOnePerUnitAsync();

        var page = await TrailFor(ProvinceAdmin).SearchAsync(new AuditFilter(EntityType: Probe), FirstPage);

        Assert.Equal(["cy", "kc", "ng", "cc", "root"], Ids(page));
        Assert.Equal(5, page.TotalCount);
        var changyi = page.Items[0];
        Assert.Equal((AuditAction.SignIn, "changyi.county", "10.0.0.1", _changyi.Id, _changyi.Name), (changyi.Action, changyi.UserName, changyi.ClientAddress, changyi.JurisdictionId, changyi.JurisdictionName));
        Assert.Equal([new AuditFieldChange("PlannedUnits", "100", "120")], changyi.Changes);
    }

    [Fact]
    public async Task SearchAsync_ShowsEveryRecordOfTheTrail_ToTheProvince()
    {
        await AddOnePerUnitAsync();
        await using var db = _database.CreateSystemContext();
        var all = await db.AuditEntries.CountAsync();

        var page = await TrailFor(ProvinceAdmin).SearchAsync(new AuditFilter(), new PageRequest(0, 1));

        Assert.Equal(all, page.TotalCount);
        Assert.Equal(await db.AuditEntries.MaxAsync(a => a.Sequence), Assert.Single(page.Items).Sequence);
    }

    [Fact]
    public async Task SearchAsync_HidesRecordsOfOtherUnits_FromAUserScopedAtACity()
    {
        await AddOnePerUnitAsync();
        var cityScopedAdmin = TestUser.At(_changchun, Roles.ProvinceAdministrator);

        var page = await TrailFor(cityScopedAdmin).SearchAsync(new AuditFilter(EntityType: Probe), FirstPage);

        Assert.Equal(["kc", "ng", "cc"], Ids(page));
        Assert.Equal(3, page.TotalCount);
    }

    [Fact]
    public async Task SearchAsync_FindsNothing_WhenAUserScopedAtACityAsksForASiblingCity()
    {
        await AddOnePerUnitAsync();
        var cityScopedAdmin = TestUser.At(_changchun, Roles.ProvinceAdministrator);

        var page = await TrailFor(cityScopedAdmin).SearchAsync(new AuditFilter(JurisdictionId: _jilinCity.Id, EntityType: Probe), FirstPage);

        Assert.Empty(page.Items);
        Assert.Equal(0, page.TotalCount);
    }

    [Fact]
    public async Task SearchAsync_FiltersByUnitSubtree()
    {
        await AddOnePerUnitAsync();

        var page = await TrailFor(ProvinceAdmin).SearchAsync(new AuditFilter(JurisdictionId: _changchun.Id, EntityType: Probe), FirstPage);

        Assert.Equal(["kc", "ng", "cc"], Ids(page));
    }

    [Fact]
    public async Task SearchAsync_FiltersByUserName_PartOfTheNameIsEnough()
    {
        await AddOnePerUnitAsync();

        var exact = await TrailFor(ProvinceAdmin).SearchAsync(new AuditFilter(UserName: " nanguan.county "), FirstPage);
        var part = await TrailFor(ProvinceAdmin).SearchAsync(new AuditFilter(UserName: "county", EntityType: Probe), FirstPage);

        Assert.Equal(["ng"], Ids(exact));
        Assert.Equal(["cy", "kc", "ng"], Ids(part));
    }

    [Fact]
    public async Task SearchAsync_FiltersByEntityTypeAndAction()
    {
        await AddOnePerUnitAsync();
        await AddAsync((_nanguan, "nanguan.county", AuditAction.Update, "Other", "x1", China(2020, 7, 6, 9, 0)));

        var byType = await TrailFor(ProvinceAdmin).SearchAsync(new AuditFilter(EntityType: "Other"), FirstPage);
        var byAction = await TrailFor(ProvinceAdmin).SearchAsync(new AuditFilter(Action: AuditAction.Update), FirstPage);

        Assert.Equal(["x1"], Ids(byType));
        Assert.Equal(["x1", "cc", "root"], Ids(byAction));
    }

    [Fact]
    public async Task SearchAsync_FiltersByDay_InChinaStandardTime_BothEndsIncluded()
    {
        await AddAsync(
            (_nanguan, "u", AuditAction.Update, Probe, "before", China(2020, 7, 9, 23, 59)),
            (_nanguan, "u", AuditAction.Update, Probe, "first-morning", China(2020, 7, 10, 0, 30)),
            (_nanguan, "u", AuditAction.Update, Probe, "last-night", China(2020, 7, 11, 23, 30)),
            (_nanguan, "u", AuditAction.Update, Probe, "after", China(2020, 7, 12, 0, 1)));

        var between = await TrailFor(ProvinceAdmin).SearchAsync(new AuditFilter(EntityType: Probe, From: new DateOnly(2020, 7, 10), To: new DateOnly(2020, 7, 11)), FirstPage);
        var fromOnly = await TrailFor(ProvinceAdmin).SearchAsync(new AuditFilter(EntityType: Probe, From: new DateOnly(2020, 7, 11)), FirstPage);
        var toOnly = await TrailFor(ProvinceAdmin).SearchAsync(new AuditFilter(EntityType: Probe, To: new DateOnly(2020, 7, 9)), FirstPage);

        Assert.Equal(["last-night", "first-morning"], Ids(between));
        Assert.Equal(["after", "last-night"], Ids(fromOnly));
        Assert.Equal(["before"], Ids(toOnly));
    }

    [Fact]
    public async Task SearchAsync_PagesNewestFirst()
    {
        await AddOnePerUnitAsync();

        var second = await TrailFor(ProvinceAdmin).SearchAsync(new AuditFilter(EntityType: Probe), new PageRequest(1, 2));

        Assert.Equal(["ng", "cc"], Ids(second));
        Assert.Equal(5, second.TotalCount);
    }

    [Theory]
    [InlineData(Roles.CountyOperator)]
    [InlineData(Roles.CityOperator)]
    [InlineData(Roles.ProvinceReviewer)]
    [InlineData(Roles.Supervisor)]
    public async Task SearchAndVerify_AreRefused_WithoutAuditPermission(string role)
    {
        var user = TestUser.At(_nanguan, role);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => TrailFor(user).SearchAsync(new AuditFilter(), FirstPage));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => TrailFor(user).VerifyAsync());
        await Assert.ThrowsAsync<PermissionDeniedException>(() => TrailFor(user).EntityTypesAsync());
    }

    [Fact]
    public async Task SearchAsync_IsAllowed_ToTheSystemAdministrator()
    {
        await AddOnePerUnitAsync();

        var page = await TrailFor(TestUser.At(_province, Roles.SystemAdministrator)).SearchAsync(new AuditFilter(EntityType: Probe), FirstPage);

        Assert.Equal(5, page.TotalCount);
    }

    [Fact]
    public async Task EntityTypesAsync_ListsTheKindsOfRecordInTheOwnSubtree()
    {
        await AddAsync(
            (_nanguan, "u", AuditAction.Update, "Alpha", "1", China(2020, 7, 1, 9, 0)),
            (_changyi, "u", AuditAction.Update, "Beta", "2", China(2020, 7, 1, 9, 0)));

        var types = await TrailFor(TestUser.At(_changchun, Roles.ProvinceAdministrator)).EntityTypesAsync();

        Assert.Contains("Alpha", types);
        Assert.DoesNotContain("Beta", types);
    }

    [Fact]
    public async Task VerifyAsync_ReportsIntact_CountingEveryUnitsRecords_EvenForAUserScopedAtACity()
    {
        await AddOnePerUnitAsync();
        await using var db = _database.CreateSystemContext();
        var all = await db.AuditEntries.CountAsync();

        var result = await TrailFor(TestUser.At(_changchun, Roles.ProvinceAdministrator)).VerifyAsync();

        Assert.Equal(new AuditChainCheck(true, all, null, null), result);
    }

    [Fact]
    public async Task VerifyAsync_ReportsTheFirstBrokenRecord_AfterARecordWasChangedInTheDatabase()
    {
        await AddOnePerUnitAsync();
        await using var db = _database.CreateSystemContext();
        var target = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == Probe && a.EntityId == "ng");
        // Straight to the database, as someone with table access would: the context's own guard is not in the way.
        await db.AuditEntries.Where(a => a.Id == target.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UserName, "someone.else"));

        var result = await TrailFor(ProvinceAdmin).VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(target.Sequence, result.FirstBrokenSequence);
        Assert.Equal(target.Id, result.FirstBrokenRecordId);
        Assert.Equal(target.Sequence - 1, result.RecordsChecked);
    }
}
