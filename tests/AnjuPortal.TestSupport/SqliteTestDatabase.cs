using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Infrastructure.Seed;
using AnjuPortal.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace AnjuPortal.TestSupport;

/// <summary>
/// A real SQLite database file in a temporary folder, migrated with the SQLite migrations and holding Jilin's
/// jurisdiction tree. Each instance is its own file; dispose deletes it. No EF in-memory provider anywhere.
/// </summary>
public sealed class SqliteTestDatabase : IAsyncDisposable
{
    private readonly string _folder;

    private SqliteTestDatabase(string folder, DatabaseSettings settings)
    {
        _folder = folder;
        Settings = settings;
        Options = BuildOptions(settings, Clock);
    }

    public DatabaseSettings Settings { get; }

    /// <summary>The clock the audit stamps read; tests move it.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2020, 6, 30, 8, 0, 0, TimeSpan.FromHours(8)));

    public DbContextOptions<AppDbContext> Options { get; }

    public string FilePath => Path.Combine(_folder, "anju-test.db");

    public static async Task<SqliteTestDatabase> CreateAsync(bool seedJurisdictions = true)
    {
        var folder = Directory.CreateTempSubdirectory("anju-test-").FullName;
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "anju-test.db")};Pooling=false", MigrateOnStartup: true);
        var database = new SqliteTestDatabase(folder, settings);
        await using var db = database.CreateSystemContext();
        await db.Database.MigrateAsync();
        if (seedJurisdictions)
        {
            await JurisdictionSeeder.SeedAsync(db);
        }

        return database;
    }

    public static DbContextOptions<AppDbContext> BuildOptions(DatabaseSettings settings, TimeProvider clock)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        settings.Configure(builder);
        builder.AddInterceptors(new AuditStampInterceptor(clock), new TenantWriteGuardInterceptor());
        return builder.Options;
    }

    public AppDbContext CreateContext(ICurrentUser user) => new(Options, user);

    public AppDbContext CreateSystemContext() => new(Options, SystemUser.Instance);

    /// <summary>The factory use cases take, bound to <paramref name="user"/>.</summary>
    public IAppDbContextFactory FactoryFor(ICurrentUser user) => new UserContextFactory(this, user);

    public SystemDbContextFactory SystemFactory => new(Options);

    public async Task<Jurisdiction> JurisdictionAsync(string code)
    {
        await using var db = CreateSystemContext();
        return await db.Jurisdictions.AsNoTracking().SingleAsync(j => j.Code == code);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Task.Yield();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a failing test is left for the OS to clean up; the test result says what failed.
        }
    }

    private sealed class UserContextFactory(SqliteTestDatabase database, ICurrentUser user) : IAppDbContextFactory
    {
        public Task<IAppDbContext> CreateAsync(CancellationToken cancellationToken = default)
            => Task.FromResult<IAppDbContext>(database.CreateContext(user));
    }
}
