using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Projects;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Tests.Persistence;

/// <summary>Optimistic concurrency and audit stamps, run against each real provider.</summary>
public abstract class PersistenceTests : IAsyncLifetime
{
    private TestDatabase? _database;

    protected TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task SaveChanges_ThrowsConcurrencyException_WhenSecondContextSavesStaleProject()
    {
        var user = await CountyUserAsync();
        var id = await AddProjectAsync("NG-0100");
        await using var first = Database.CreateContext(user);
        await using var second = Database.CreateContext(user);
        var mine = await first.Projects.SingleAsync(p => p.Id == id);
        var theirs = await second.Projects.SingleAsync(p => p.Id == id);

        mine.RecordProgress(30, 0);
        theirs.RecordExpropriation(80, 20, 10);
        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        var stored = await LoadAsync(id);
        Assert.Equal(30, stored.UnitsStarted);
        Assert.Equal(0, stored.HouseholdsToExpropriate);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task SaveChanges_IncrementsVersion_WhenProjectChanges()
    {
        var user = await CountyUserAsync();
        var id = await AddProjectAsync("NG-0101");
        Assert.Equal(0, (await LoadAsync(id)).Version);

        for (var expected = 1; expected <= 2; expected++)
        {
            await using var db = Database.CreateContext(user);
            var project = await db.Projects.SingleAsync(p => p.Id == id);
            project.RecordProgress(10 * expected, 0);
            await db.SaveChangesAsync();
            Assert.Equal(expected, project.Version);
            Assert.Equal(expected, (await LoadAsync(id)).Version);
        }

        await using (var unchanged = Database.CreateContext(user))
        {
            await unchanged.Projects.SingleAsync(p => p.Id == id);
            await unchanged.SaveChangesAsync();
        }

        Assert.Equal(2, (await LoadAsync(id)).Version);
    }

    [Fact]
    public async Task SaveChanges_IncrementsVersionAndConflicts_WhenOnlyFundingLineChanges()
    {
        var user = await CountyUserAsync();
        var id = await AddProjectAsync("NG-0102");

        // A new funding line only (the project's own columns unchanged).
        await using (var db = Database.CreateContext(user))
        {
            var project = await db.Projects.SingleAsync(p => p.Id == id);
            project.SetFunding(FundingSource.CentralSubsidy, 1000m, 600m, 200m);
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, (await LoadAsync(id)).Version);

        // A changed funding line only, raced by a second editor of the same line.
        await using var first = Database.CreateContext(user);
        await using var second = Database.CreateContext(user);
        var mine = await first.Projects.SingleAsync(p => p.Id == id);
        var theirs = await second.Projects.SingleAsync(p => p.Id == id);
        mine.SetFunding(FundingSource.CentralSubsidy, 1000m, 800m, 300m);
        theirs.SetFunding(FundingSource.CentralSubsidy, 1000m, 600m, 599m);
        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        var stored = await LoadAsync(id);
        Assert.Equal(2, stored.Version);
        var line = Assert.Single(stored.Funding);
        Assert.Equal((1000m, 800m, 300m), (line.Allocated, line.Received, line.Spent));
    }

    [Fact]
    public async Task SaveChanges_StampsCreatedAndUpdated_FromClockAndUserName()
    {
        var user = await CountyUserAsync();
        var created = new DateTimeOffset(2020, 7, 1, 9, 30, 0, TimeSpan.FromHours(8));
        Database.Clock.SetUtcNow(created.ToUniversalTime());
        int id;
        await using (var db = Database.CreateContext(user))
        {
            var project = RenovationProject.Register("NG-0103", user.JurisdictionId!.Value, Details());
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            id = project.Id;
        }

        var stored = await LoadAsync(id);
        Assert.Equal(created, stored.CreatedAt);
        Assert.Equal(user.UserName, stored.CreatedBy);
        Assert.Null(stored.UpdatedAt);
        Assert.Null(stored.UpdatedBy);

        Database.Clock.Advance(TimeSpan.FromDays(3));
        var editor = user with { UserName = "南关区复核员" };
        await using (var db = Database.CreateContext(editor))
        {
            var project = await db.Projects.SingleAsync(p => p.Id == id);
            project.RecordProgress(5, 0);
            await db.SaveChangesAsync();
        }

        stored = await LoadAsync(id);
        Assert.Equal(created, stored.CreatedAt);
        Assert.Equal(user.UserName, stored.CreatedBy);
        Assert.Equal(created.AddDays(3), stored.UpdatedAt);
        Assert.Equal("南关区复核员", stored.UpdatedBy);
    }

    [Fact]
    public async Task SaveChanges_StampsSystem_WhenSystemContextSaves()
    {
        var id = await AddProjectAsync("NG-0104");

        var stored = await LoadAsync(id);
        Assert.Equal("system", stored.CreatedBy);
        Assert.Equal(Database.Clock.GetUtcNow(), stored.CreatedAt);
    }

    private async Task<TestUser> CountyUserAsync() => TestUser.At(await Database.JurisdictionAsync("220102"), Roles.CountyOperator);

    private async Task<int> AddProjectAsync(string code)
    {
        var nanguan = await Database.JurisdictionAsync("220102");
        await using var system = Database.CreateSystemContext();
        var project = RenovationProject.Register(code, nanguan.Id, Details());
        system.Projects.Add(project);
        await system.SaveChangesAsync();
        return project.Id;
    }

    private async Task<RenovationProject> LoadAsync(int id)
    {
        await using var system = Database.CreateSystemContext();
        return await system.Projects.AsNoTracking().SingleAsync(p => p.Id == id);
    }

    private static RenovationProject.Details Details()
        => new("南关棚改项目", 2020, 100, ResettlementMode.InKind, "张三", new DateOnly(2020, 4, 1), new DateOnly(2021, 10, 1));
}

public sealed class SqlitePersistenceTests : PersistenceTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await SqliteTestDatabase.CreateAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresPersistenceTests(PostgresServer server) : PersistenceTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() => await server.CreateDatabaseAsync();
}
