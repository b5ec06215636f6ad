using System.Text.Json;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.Auditing;
using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Tests.Auditing;

/// <summary>The audit trail on a real database of each provider: one record per change, in the same transaction, chained.</summary>
public abstract class AuditTrailTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private TestUser _clerk = null!;

    /// <summary>Records already in the chain before the test (loading the jurisdiction tree is itself audited).</summary>
    private long _baseline;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _clerk = TestUser.At(await _database.JurisdictionAsync("220102"), Roles.CountyOperator) with { ClientAddress = "10.1.2.3" };
        await using var db = _database.CreateSystemContext();
        _baseline = await db.AuditEntries.LongCountAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Revise_WritesExactlyOneRecord_WithOldAndNewValues()
    {
        var id = await RegisterAsync("NG-A-001", 100);
        await using (var db = _database.CreateContext(_clerk))
        {
            var project = await db.Projects.SingleAsync(p => p.Id == id);
            project.Revise(new RenovationProject.Details("南关区新名称", 2020, 120, ResettlementMode.InKind, "张三", new(2020, 4, 1), new(2021, 10, 1)));
            await db.SaveChangesAsync();
        }

        var records = await RecordsAsync(nameof(RenovationProject), id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([AuditAction.Create, AuditAction.Update], records.Select(r => r.Action));
        var update = records[1];
        Assert.Equal(_clerk.UserName, update.UserName);
        Assert.Equal("10.1.2.3", update.ClientAddress);
        Assert.Equal(_clerk.JurisdictionId, update.JurisdictionId);
        var fields = Fields(update);
        Assert.Equal(2, fields.Count);
        Assert.Equal(("南关区项目", "南关区新名称"), fields["Name"]);
        Assert.Equal(("100", "120"), fields["PlannedUnits"]);
    }

    [Fact]
    public async Task Household_AppearsMasked_NeverPlainOrEncrypted()
    {
        var idNumber = TestIdNumbers.Make("220102", "19650315", 77);
        var projectId = await RegisterAsync("NG-A-002", 50);
        await using (var db = _database.CreateContext(_clerk))
        {
            var project = await db.Projects.SingleAsync(p => p.Id == projectId);
            var ledgerCase = OverdueCase.Open(project, OverdueCategory.Started, new(2020, 12, 31), "李四");
            ledgerCase.AddHousehold("王五", IdCardNumber.Parse(idNumber), PhoneNumber.Parse("13912345678"), new(2018, 6, 30), TestCipher.Create());
            db.OverdueCases.Add(ledgerCase);
            await db.SaveChangesAsync();
        }

        await using var check = _database.CreateSystemContext();
        var household = await check.AuditEntries.AsNoTracking().SingleAsync(a => a.EntityType == nameof(OverdueHousehold));
        Assert.DoesNotContain(idNumber, household.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", household.Changes, StringComparison.Ordinal);
        var fields = Fields(household);
        Assert.Equal(IdCardNumber.Mask(idNumber), fields["IdNumberMasked"].New);
        Assert.Equal("（已隐藏）", fields["IdNumberCipher"].New);
        Assert.Equal("（已隐藏）", fields["IdNumberIndex"].New);

        // The key is the record's EntityId, the real one, never the temporary value EF holds before the insert.
        Assert.False(fields.ContainsKey("Id"));
        Assert.True(int.Parse(household.EntityId!, System.Globalization.CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task RefusedWrite_LeavesNoRecord()
    {
        var kuancheng = await _database.JurisdictionAsync("220103");
        await using (var db = _database.CreateContext(_clerk))
        {
            db.Projects.Add(RenovationProject.Register("KC-A-001", kuancheng.Id, Details("越权项目", 10)));
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
        }

        await using var check = _database.CreateSystemContext();
        Assert.Equal(_baseline, await check.AuditEntries.LongCountAsync());
        Assert.Equal(0, await check.Projects.CountAsync());
    }

    [Fact]
    public async Task Chain_Verifies_AndNamesTheFirstTamperedRecord()
    {
        for (var i = 1; i <= 4; i++)
        {
            await RegisterAsync($"NG-C-{i:000}", i * 10);
        }

        await using (var db = _database.CreateSystemContext())
        {
            var intact = await AuditChain.VerifyAsync(db, CancellationToken.None);
            Assert.True(intact.Intact);
            Assert.Equal(_baseline + 4, intact.RecordsChecked);
        }

        // Someone with database access edits the third record behind the application's back.
        await using (var db = _database.CreateSystemContext())
        {
            var third = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Sequence == _baseline + 3);
            await db.AuditEntries.Where(a => a.Id == third.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.UserName, "someone-else"));
            var broken = await AuditChain.VerifyAsync(db, CancellationToken.None);
            Assert.False(broken.Intact);
            Assert.Equal(_baseline + 3, broken.FirstBrokenSequence);
            Assert.Equal(third.Id, broken.FirstBrokenRecordId);
        }
    }

    [Fact]
    public async Task Chain_DetectsADeletedLastRecord()
    {
        await RegisterAsync("NG-D-001", 10);
        await RegisterAsync("NG-D-002", 10);
        await using var db = _database.CreateSystemContext();
        await db.AuditEntries.Where(a => a.Sequence == _baseline + 2).ExecuteDeleteAsync();

        var result = await AuditChain.VerifyAsync(db, CancellationToken.None);
        Assert.False(result.Intact);
        Assert.Equal(_baseline + 2, result.FirstBrokenSequence);
    }

    [Fact]
    public async Task Records_CannotBeChangedOrDeleted_ThroughTheApplication()
    {
        await RegisterAsync("NG-E-001", 10);
        await using var db = _database.CreateSystemContext();
        var record = await db.AuditEntries.OrderByDescending(a => a.Sequence).FirstAsync();
        db.AuditEntries.Remove(record);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task UserPhone_IsRecordedMasked()
    {
        var admin = TestUser.At(await _database.JurisdictionAsync("220000"), Roles.SystemAdministrator);
        string userId;
        await using (var db = _database.CreateContext(admin))
        {
            var role = new Microsoft.AspNetCore.Identity.IdentityRole(Roles.CountyOperator) { NormalizedName = Roles.CountyOperator.ToUpperInvariant() };
            var user = new AnjuPortal.Infrastructure.Identity.AppUser { UserName = "clerk.phone", DisplayName = "测试用户", JurisdictionId = _clerk.JurisdictionId!.Value, PhoneNumber = "13912345678" };
            db.Roles.Add(role);
            db.Users.Add(user);
            db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
            await db.SaveChangesAsync();
            userId = user.Id;
        }

        var created = Assert.Single(await RecordsAsync("AppUser", userId));
        Assert.DoesNotContain("13912345678", created.Changes, StringComparison.Ordinal);
        Assert.Equal("139****5678", Fields(created)["PhoneNumber"].New);
        Assert.Equal((null, Roles.CountyOperator), Fields(created)["Role"]);
    }

    [Fact]
    public async Task RoleRows_AreOneRoleFieldOnTheUser_FiledUnderTheUsersUnit()
    {
        var nanguan = await _database.JurisdictionAsync("220102");
        var county = new IdentityRole(Roles.CountyOperator) { NormalizedName = "COUNTYOPERATOR" };
        var supervisor = new IdentityRole(Roles.Supervisor) { NormalizedName = "SUPERVISOR" };
        var user = new AppUser { UserName = "nanguan.clerk", NormalizedUserName = "NANGUAN.CLERK", DisplayName = "南关区填报员", JurisdictionId = nanguan.Id, SecurityStamp = "STAMP-ONE" };
        await using (var db = _database.CreateSystemContext())
        {
            db.Roles.AddRange(county, supervisor);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = county.Id });
            await db.SaveChangesAsync();
        }

        var created = Assert.Single(await RecordsAsync(nameof(AppUser), user.Id));
        Assert.Equal(AuditAction.Create, created.Action);
        Assert.Equal((null, Roles.CountyOperator), Fields(created)["Role"]);
        Assert.Equal((null, "（已隐藏）"), Fields(created)["SecurityStamp"]);

        // Only the role rows change; the user's row is neither loaded nor saved.
        var admin = TestUser.At(await _database.JurisdictionAsync("220000"), Roles.SystemAdministrator);
        await using (var db = _database.CreateContext(admin))
        {
            db.UserRoles.Remove(new IdentityUserRole<string> { UserId = user.Id, RoleId = county.Id });
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = supervisor.Id });
            await db.SaveChangesAsync();
        }

        var records = await RecordsAsync(nameof(AppUser), user.Id);
        Assert.Equal(2, records.Count);
        Assert.Equal(AuditAction.Update, records[1].Action);
        Assert.Equal(admin.UserName, records[1].UserName);
        Assert.Equal(nanguan.Id, records[1].JurisdictionId);
        var field = Assert.Single(Fields(records[1]));
        Assert.Equal("Role", field.Key);
        Assert.Equal((Roles.CountyOperator, Roles.Supervisor), field.Value);

        await using var check = _database.CreateSystemContext();
        Assert.False(await check.AuditEntries.AnyAsync(a => a.EntityType.StartsWith("IdentityUserRole")));
    }

    private async Task<int> RegisterAsync(string code, int planned)
    {
        await using var db = _database.CreateContext(_clerk);
        var project = RenovationProject.Register(code, _clerk.JurisdictionId!.Value, Details("南关区项目", planned));
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project.Id;
    }

    private async Task<List<AuditEntry>> RecordsAsync(string entityType, string entityId)
    {
        await using var db = _database.CreateSystemContext();
        return await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == entityType && a.EntityId == entityId).OrderBy(a => a.Sequence).ToListAsync();
    }

    private static Dictionary<string, (string? Old, string? New)> Fields(AuditEntry record)
        => JsonSerializer.Deserialize<List<JsonElement>>(record.Changes!)!
            .ToDictionary(
                f => f.GetProperty("field").GetString()!,
                f => (f.GetProperty("old").GetString(), f.GetProperty("new").GetString()));

    private static RenovationProject.Details Details(string name, int planned)
        => new(name, 2020, planned, ResettlementMode.InKind, "张三", new(2020, 4, 1), new(2021, 10, 1));
}

public sealed class SqliteAuditTrailTests : AuditTrailTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditTrailTests(PostgresServer server) : AuditTrailTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}
