using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Domain.OverdueResettlement;
using AnjuPortal.Domain.PersonalData;
using AnjuPortal.Domain.Projects;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Tests.Tenancy;

/// <summary>
/// The tenancy rules, run against each real provider (the query filter is translated to SQL differently by each):
/// a user reads and writes their own node and its subtree, never a sibling or anything above.
/// </summary>
public abstract class TenancyTests : IAsyncLifetime
{
    private TestDatabase? _database;
    private TenancyScenario? _scenario;

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    private TenancyScenario S => _scenario ?? throw new InvalidOperationException("Not initialised.");

    protected abstract Task<TestDatabase> CreateDatabaseAsync(bool seedJurisdictions = true);

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _scenario = await TenancyScenario.SeedAsync(_database);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private TestUser County => TestUser.At(S.Nanguan, Roles.CountyOperator);

    private TestUser City => TestUser.At(S.Changchun, Roles.CityOperator);

    [Fact]
    public async Task Queries_ReturnOnlyOwnCountyRows_WhenUserIsCounty()
    {
        await using var db = Database.CreateContext(County);

        Assert.Equal(["NG-0001"], await db.Projects.Select(p => p.Code).ToListAsync());
        Assert.Equal(1, await db.Projects.CountAsync());
        Assert.Equal([S.CaseIds["NG"]], await db.OverdueCases.Select(c => c.Id).ToListAsync());
        Assert.Equal([S.HouseholdIds["NG"]], await db.OverdueHouseholds.Select(h => h.Id).ToListAsync());
        Assert.Equal([S.Nanguan.Id], await db.AnnualTargets.Select(t => t.JurisdictionId).ToListAsync());
        Assert.Equal(["220102"], await db.Jurisdictions.Select(j => j.Code).ToListAsync());

        // Counting, aggregating and filtering by the sibling's key see nothing either.
        Assert.Equal(0, await db.Projects.CountAsync(p => p.JurisdictionId == S.Kuancheng.Id));
        Assert.Equal(100, await db.Projects.SumAsync(p => p.PlannedUnits));
        Assert.False(await db.OverdueHouseholds.AnyAsync(h => h.JurisdictionId == S.Kuancheng.Id));
    }

    [Fact]
    public async Task Find_ReturnsNull_WhenRowBelongsToSiblingCounty()
    {
        await using var db = Database.CreateContext(County);

        Assert.Null(await db.Projects.FindAsync(S.ProjectIds["KC"]));
        Assert.Null(await db.OverdueCases.FindAsync(S.CaseIds["KC"]));
        Assert.Null(await db.OverdueHouseholds.FindAsync(S.HouseholdIds["KC"]));
        Assert.Null(await db.Jurisdictions.FindAsync(S.Kuancheng.Id));
        Assert.Null(await db.Projects.FirstOrDefaultAsync(p => p.Code == "KC-0001"));

        // The parent city is above the user, so it is out of scope too.
        Assert.Null(await db.Projects.FindAsync(S.ProjectIds["CC"]));
        Assert.Null(await db.Jurisdictions.FindAsync(S.Changchun.Id));

        // Positive control: the own rows are found.
        Assert.NotNull(await db.Projects.FindAsync(S.ProjectIds["NG"]));
        Assert.NotNull(await db.OverdueHouseholds.FindAsync(S.HouseholdIds["NG"]));
    }

    [Fact]
    public async Task Include_HidesSiblingChildren_WhenNavigatingFromVisibleRow()
    {
        await using var db = Database.CreateContext(City);

        var changchun = await db.Jurisdictions.Include(j => j.Children).SingleAsync(j => j.Id == S.Changchun.Id);
        Assert.Contains(changchun.Children, c => c.Code == "220103");

        await using var county = Database.CreateContext(County);
        var cases = await county.OverdueCases.Include(c => c.Households).Include(c => c.Project).ToListAsync();
        var only = Assert.Single(cases);
        Assert.Equal("NG-0001", only.Project!.Code);
        Assert.Single(only.Households);
    }

    [Fact]
    public async Task SaveChanges_RefusesAdd_WhenProjectIsForSiblingCounty()
    {
        await using (var db = Database.CreateContext(County))
        {
            db.Projects.Add(RenovationProject.Register("KC-0002", S.Kuancheng.Id, TenancyScenario.Details("越权项目")));
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
        }

        Assert.False(await SystemAnyProjectAsync("KC-0002"));
    }

    [Fact]
    public async Task SaveChanges_RefusesAdd_WhenProjectIsForParentCity()
    {
        await using var db = Database.CreateContext(County);
        db.Projects.Add(RenovationProject.Register("CC-0002", S.Changchun.Id, TenancyScenario.Details("越级项目")));

        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task SaveChanges_RefusesUpdate_WhenSiblingProjectIsAttached()
    {
        var sibling = await SystemProjectAsync("KC-0001");
        await using (var db = Database.CreateContext(County))
        {
            db.Attach(sibling);
            sibling.RecordProgress(50, 10);
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(0, (await SystemProjectAsync("KC-0001")).UnitsStarted);
    }

    [Fact]
    public async Task SaveChanges_RefusesOwnedChange_WhenOnlySiblingFundingLineChanges()
    {
        // Only an owned child changes; the aggregate's raised Version is what brings it before the guard.
        var sibling = await SystemProjectAsync("KC-0001");
        await using (var db = Database.CreateContext(County))
        {
            db.Attach(sibling);
            sibling.SetFunding(FundingSource.SpecialBonds, 500m, 500m, 500m);
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
        }

        Assert.Empty((await SystemProjectAsync("KC-0001")).Funding);
    }

    [Fact]
    public async Task SaveChanges_RefusesUpdate_WhenSiblingCaseHouseholdIsResolved()
    {
        await using var system = Database.CreateSystemContext();
        var siblingCase = await system.OverdueCases.AsNoTracking().Include(c => c.Households).SingleAsync(c => c.Id == S.CaseIds["KC"]);
        await using (var db = Database.CreateContext(County))
        {
            db.Attach(siblingCase);
            siblingCase.ResolveHousehold(siblingCase.Households.Single(), ResolutionMethod.Monetary, new DateOnly(2020, 6, 1));
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
        }

        await using (var db = Database.CreateContext(County))
        {
            var household = await system.OverdueHouseholds.AsNoTracking().SingleAsync(h => h.Id == S.HouseholdIds["KC"]);
            db.Attach(household);
            household.SetPhone(PhoneNumber.Parse("13900000000"), TestCipher.Create());
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
        }

        var stored = await system.OverdueHouseholds.AsNoTracking().SingleAsync(h => h.Id == S.HouseholdIds["KC"]);
        Assert.Null(stored.ResolvedOn);
        Assert.Null(stored.PhoneMasked);
    }

    [Fact]
    public async Task SaveChanges_RefusesDelete_WhenSiblingRowsAreAttached()
    {
        await using (var db = Database.CreateContext(County))
        {
            await using var system = Database.CreateSystemContext();
            var household = await system.OverdueHouseholds.AsNoTracking().SingleAsync(h => h.Id == S.HouseholdIds["KC"]);
            db.OverdueHouseholds.Remove(household);
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
        }

        await using (var db = Database.CreateContext(County))
        {
            var project = await SystemProjectAsync("JL-0001");
            db.Projects.Remove(project);
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
        }

        await using var check = Database.CreateSystemContext();
        Assert.True(await check.OverdueHouseholds.AnyAsync(h => h.Id == S.HouseholdIds["KC"]));
        Assert.True(await check.Projects.AnyAsync(p => p.Code == "JL-0001"));
    }

    [Fact]
    public async Task SaveChanges_RefusesMove_WhenProjectJurisdictionChangesToSibling()
    {
        await using (var db = Database.CreateContext(County))
        {
            var own = await db.Projects.SingleAsync(p => p.Code == "NG-0001");
            db.Entry(own).Property(p => p.JurisdictionId).CurrentValue = S.Kuancheng.Id;
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(S.Nanguan.Id, (await SystemProjectAsync("NG-0001")).JurisdictionId);
    }

    [Fact]
    public async Task SaveChanges_RefusesMove_WhenSiblingProjectIsMovedIntoOwnCounty()
    {
        await using (var db = Database.CreateContext(County))
        {
            var sibling = await SystemProjectAsync("KC-0001");
            db.Attach(sibling);
            db.Entry(sibling).Property(p => p.JurisdictionId).CurrentValue = S.Nanguan.Id;
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(S.Kuancheng.Id, (await SystemProjectAsync("KC-0001")).JurisdictionId);
    }

    [Fact]
    public async Task SaveChanges_RefusesHousehold_WhenAddedToSiblingCase()
    {
        await using var system = Database.CreateSystemContext();
        var siblingCase = await system.OverdueCases.AsNoTracking().SingleAsync(c => c.Id == S.CaseIds["KC"]);
        await using var db = Database.CreateContext(County);
        db.Attach(siblingCase);
        siblingCase.AddHousehold("赵六", TestIdNumbers.Parse("220103", "19650505", 7), null, new DateOnly(2019, 1, 1), TestCipher.Create());

        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
        Assert.Equal(1, await system.OverdueHouseholds.CountAsync(h => h.CaseId == S.CaseIds["KC"]));
    }

    [Fact]
    public async Task SaveChanges_RefusesJurisdiction_WhenAddedUnderSibling()
    {
        await using var db = Database.CreateContext(County);
        var sibling = await Database.JurisdictionAsync("220103");
        db.Attach(sibling);
        sibling.AddChild("220199", "虚构街道", JurisdictionLevel.County + 1);

        await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task SaveChanges_AcceptsOwnWrites_WhenCountyEditsOwnProject()
    {
        await using (var db = Database.CreateContext(County))
        {
            var own = await db.Projects.SingleAsync(p => p.Code == "NG-0001");
            own.RecordProgress(40, 5);
            db.Projects.Add(RenovationProject.Register("NG-0002", S.Nanguan.Id, TenancyScenario.Details("南关二期")));
            await db.SaveChangesAsync();
        }

        Assert.Equal(40, (await SystemProjectAsync("NG-0001")).UnitsStarted);
        Assert.True(await SystemAnyProjectAsync("NG-0002"));
    }

    [Fact]
    public async Task Queries_ReturnCityAndItsCounties_WhenUserIsCity()
    {
        await using var db = Database.CreateContext(City);

        Assert.Equal(["CC-0001", "KC-0001", "NG-0001"], await db.Projects.OrderBy(p => p.Code).Select(p => p.Code).ToListAsync());
        Assert.Equal([S.CaseIds["NG"], S.CaseIds["KC"]], (await db.OverdueCases.Select(c => c.Id).ToListAsync()).Order());
        Assert.Equal(2, await db.OverdueHouseholds.CountAsync());
        Assert.Equal(3, await db.AnnualTargets.CountAsync());
        Assert.DoesNotContain(await db.Projects.Select(p => p.JurisdictionId).ToListAsync(), id => id == S.Changyi.Id);

        await using var system = Database.CreateSystemContext();
        var changchunTree = await system.Jurisdictions.CountAsync(j => j.Path.StartsWith("/220000/220100/"));
        Assert.Equal(changchunTree, await db.Jurisdictions.CountAsync());
        Assert.True(changchunTree > 1);
        Assert.Null(await db.Jurisdictions.FindAsync(S.JilinCity.Id));
        Assert.Null(await db.Projects.FindAsync(S.ProjectIds["JL"]));
    }

    [Fact]
    public async Task SaveChanges_RefusesWrite_WhenCityWritesIntoOtherCity()
    {
        await using (var db = Database.CreateContext(City))
        {
            db.Projects.Add(RenovationProject.Register("JL-0002", S.Changyi.Id, TenancyScenario.Details("越权项目")));
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
        }

        await using (var db = Database.CreateContext(City))
        {
            var own = await db.Projects.SingleAsync(p => p.Code == "KC-0001");
            db.Entry(own).Property(p => p.JurisdictionId).CurrentValue = S.Changyi.Id;
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
        }

        Assert.False(await SystemAnyProjectAsync("JL-0002"));
        Assert.Equal(S.Kuancheng.Id, (await SystemProjectAsync("KC-0001")).JurisdictionId);
    }

    [Fact]
    public async Task SaveChanges_AcceptsMoveBetweenCounties_WhenCityOwnsBoth()
    {
        await using (var db = Database.CreateContext(City))
        {
            var project = await db.Projects.SingleAsync(p => p.Code == "NG-0001");
            db.Entry(project).Property(p => p.JurisdictionId).CurrentValue = S.Kuancheng.Id;
            await db.SaveChangesAsync();
        }

        Assert.Equal(S.Kuancheng.Id, (await SystemProjectAsync("NG-0001")).JurisdictionId);
    }

    [Fact]
    public async Task Queries_ReturnEverything_WhenUserIsProvince()
    {
        await using var db = Database.CreateContext(TestUser.At(S.Province, Roles.ProvinceAdministrator));

        Assert.Equal(4, await db.Projects.CountAsync());
        Assert.Equal(3, await db.OverdueCases.CountAsync());
        Assert.Equal(3, await db.OverdueHouseholds.CountAsync());
        Assert.Equal(6, await db.AnnualTargets.CountAsync());
        Assert.Equal(1 + 10 + 72, await db.Jurisdictions.CountAsync());
    }

    [Fact]
    public async Task Queries_ReturnNothing_WhenUserIsAnonymousOrHasNoJurisdiction()
    {
        foreach (var user in new[] { TestUser.Anonymous, new TestUser("nobody", null, null, null, [Roles.ProvinceAdministrator]) })
        {
            await using var db = Database.CreateContext(user);
            Assert.Equal(0, await db.Projects.CountAsync());
            Assert.Equal(0, await db.OverdueCases.CountAsync());
            Assert.Equal(0, await db.OverdueHouseholds.CountAsync());
            Assert.Equal(0, await db.AnnualTargets.CountAsync());
            Assert.Equal(0, await db.Jurisdictions.CountAsync());
            Assert.Null(await db.Projects.FindAsync(S.ProjectIds["NG"]));

            db.Projects.Add(RenovationProject.Register("AN-0001", S.Nanguan.Id, TenancyScenario.Details("匿名项目")));
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => db.SaveChangesAsync());
        }
    }

    [Fact]
    public async Task Queries_WorkOneLevelUp_WhenNationRootSitsAboveProvinces()
    {
        await using var database = await CreateDatabaseAsync(seedJurisdictions: false);
        var nation = Jurisdiction.CreateRoot("100000", "住房和城乡建设部", JurisdictionLevel.Nation);
        var jilin = nation.AddChild("220000", "吉林省", JurisdictionLevel.Province);
        var changchun = jilin.AddChild("220100", "长春市", JurisdictionLevel.Prefecture);
        var liaoning = nation.AddChild("210000", "辽宁省", JurisdictionLevel.Province);
        var shenyang = liaoning.AddChild("210100", "沈阳市", JurisdictionLevel.Prefecture);
        await using (var system = database.CreateSystemContext())
        {
            system.Jurisdictions.Add(nation);
            await system.SaveChangesAsync();
            system.Projects.Add(RenovationProject.Register("JL-0001", changchun.Id, TenancyScenario.Details("长春项目")));
            system.Projects.Add(RenovationProject.Register("LN-0001", shenyang.Id, TenancyScenario.Details("沈阳项目")));
            await system.SaveChangesAsync();
        }

        Assert.Equal("/100000/220000/220100/", changchun.Path);
        await using (var province = database.CreateContext(TestUser.At(jilin, Roles.ProvinceAdministrator)))
        {
            Assert.Equal(["JL-0001"], await province.Projects.Select(p => p.Code).ToListAsync());
            Assert.Equal(2, await province.Jurisdictions.CountAsync());
            province.Projects.Add(RenovationProject.Register("LN-0002", shenyang.Id, TenancyScenario.Details("越权项目")));
            await Assert.ThrowsAsync<TenantAccessDeniedException>(() => province.SaveChangesAsync());
        }

        await using var ministry = database.CreateContext(TestUser.At(nation, Roles.ProvinceReviewer));
        Assert.Equal(["JL-0001", "LN-0001"], await ministry.Projects.OrderBy(p => p.Code).Select(p => p.Code).ToListAsync());
        Assert.Equal(5, await ministry.Jurisdictions.CountAsync());
    }

    private async Task<RenovationProject> SystemProjectAsync(string code)
    {
        await using var system = Database.CreateSystemContext();
        return await system.Projects.AsNoTracking().SingleAsync(p => p.Code == code);
    }

    private async Task<bool> SystemAnyProjectAsync(string code)
    {
        await using var system = Database.CreateSystemContext();
        return await system.Projects.AnyAsync(p => p.Code == code);
    }
}

public sealed class SqliteTenancyTests : TenancyTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync(bool seedJurisdictions = true)
        => await SqliteTestDatabase.CreateAsync(seedJurisdictions);
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresTenancyTests(PostgresServer server) : TenancyTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync(bool seedJurisdictions = true)
        => await server.CreateDatabaseAsync(seedJurisdictions: seedJurisdictions);
}
