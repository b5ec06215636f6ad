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
/// A real, migrated database of one provider (SQLite file or PostgreSQL database), holding Jilin's jurisdiction
/// tree unless asked otherwise. Tests written against this type run unchanged on every provider.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    protected TestDatabase(DatabaseSettings settings)
    {
        Settings = settings;
        Options = BuildOptions(settings, Clock);
    }

    public DatabaseSettings Settings { get; }

    public DatabaseProvider Provider => Settings.Provider;

    /// <summary>The clock the audit stamps read; tests move it.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2020, 6, 30, 8, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());

    public DbContextOptions<AppDbContext> Options { get; }

    /// <summary>Options as the host builds them: the provider of <paramref name="settings"/>, the audit stamps and the tenant write guard.</summary>
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

    public abstract ValueTask DisposeAsync();

    /// <summary>Applies every migration of the provider and, when asked, seeds the jurisdiction tree.</summary>
    protected async Task MigrateAndSeedAsync(bool seedJurisdictions)
    {
        await using var db = CreateSystemContext();
        await db.Database.MigrateAsync();
        if (seedJurisdictions)
        {
            await JurisdictionSeeder.SeedAsync(db);
        }
    }

    private sealed class UserContextFactory(TestDatabase database, ICurrentUser user) : IAppDbContextFactory
    {
        public Task<IAppDbContext> CreateAsync(CancellationToken cancellationToken = default)
            => Task.FromResult<IAppDbContext>(database.CreateContext(user));
    }
}
