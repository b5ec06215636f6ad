using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Infrastructure.Tenancy;
using AnjuPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Tests.Persistence;

/// <summary>Every provider's migrations build the schema from nothing and match the current model.</summary>
public sealed class SqliteMigrationTests
{
    [Fact]
    public async Task Migrate_AppliesEveryMigration_WhenSqliteFileIsFresh()
    {
        var folder = Directory.CreateTempSubdirectory("anju-migrate-").FullName;
        try
        {
            var options = TestDatabase.BuildOptions(SqliteTestDatabase.SettingsFor(Path.Combine(folder, "fresh.db")), TimeProvider.System);
            await using var db = new AppDbContext(options, SystemUser.Instance);

            await db.Database.MigrateAsync();

            await MigrationAssertions.AllAppliedAsync(db);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void HasPendingModelChanges_IsFalse_ForSqliteSnapshot()
    {
        using var db = MigrationAssertions.ContextFor(new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=unused.db", false));
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last SQLite migration: add a migration.");
    }

    [Fact]
    public void HasPendingModelChanges_IsFalse_ForSqlServerSnapshot()
    {
        // No server needed: the model is compared with the SQL Server migrations' snapshot.
        using var db = MigrationAssertions.ContextFor(new DatabaseSettings(
            DatabaseProvider.SqlServer, "Server=127.0.0.1,1;Database=anju;User Id=sa;Password=unused;TrustServerCertificate=true", false));
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last SQL Server migration: add a migration.");
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMigrationTests(PostgresServer server)
{
    [Fact]
    public async Task Migrate_AppliesEveryMigration_WhenPostgresDatabaseIsFresh()
    {
        await using var database = await server.CreateDatabaseAsync(migrateAndSeed: false);
        await using var db = database.CreateSystemContext();
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync());

        await db.Database.MigrateAsync();

        await MigrationAssertions.AllAppliedAsync(db);
    }

    [Fact]
    public void HasPendingModelChanges_IsFalse_ForPostgresSnapshot()
    {
        using var db = MigrationAssertions.ContextFor(new DatabaseSettings(DatabaseProvider.PostgreSql, server.ConnectionStringFor("unused"), false));
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changed since the last PostgreSQL migration: add a migration.");
    }
}

internal static class MigrationAssertions
{
    public static AppDbContext ContextFor(DatabaseSettings settings)
        => new(TestDatabase.BuildOptions(settings, TimeProvider.System), SystemUser.Instance);

    public static async Task AllAppliedAsync(AppDbContext db)
    {
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());

        // The schema is usable: every mapped table can be queried.
        Assert.Equal(0, await db.Jurisdictions.CountAsync());
        Assert.Equal(0, await db.Projects.CountAsync());
        Assert.Equal(0, await db.OverdueHouseholds.CountAsync());
        Assert.Equal(0, await db.MonthlyReports.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.DataProtectionKeys.CountAsync());
    }
}
