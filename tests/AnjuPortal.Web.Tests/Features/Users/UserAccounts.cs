using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Jurisdictions;
using AnjuPortal.Infrastructure;
using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.TestSupport;
using AnjuPortal.Web.Features.Users;
using AnjuPortal.Web.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AnjuPortal.Web.Tests.Features.Users;

/// <summary>
/// Accounts on a real database for the user-administration tests: Identity as the host configures it
/// (<see cref="DependencyInjection.AddAnjuIdentity"/>), the roles seeded, an in-memory session store, and helpers to
/// create accounts as the system and to act as one of them.
/// </summary>
internal sealed class UserAccounts : IAsyncDisposable
{
    public const string Password = "Test-Password-2026";

    private UserAccounts(TestDatabase database, ServiceProvider identity)
    {
        Database = database;
        Identity = identity;
        Sessions = new SessionActivity(
            new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())),
            database.Clock,
            new SessionPolicy(TimeSpan.FromMinutes(30), TimeSpan.FromHours(12)));
    }

    public TestDatabase Database { get; }

    /// <summary>Identity's services as the host registers them (validators, hasher, error describer, token providers).</summary>
    public ServiceProvider Identity { get; }

    public SessionActivity Sessions { get; }

    public static async Task<UserAccounts> CreateAsync(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(database.Clock);
        services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        services.AddAnjuIdentity();
        var accounts = new UserAccounts(database, services.BuildServiceProvider());

        await using var db = database.CreateSystemContext();
        foreach (var role in Roles.All.Where(r => !db.Roles.Any(x => x.Name == r)))
        {
            db.Roles.Add(new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        }

        await db.SaveChangesAsync();
        return accounts;
    }

    /// <summary>The use case as <paramref name="actor"/> uses it.</summary>
    public UserAdministration For(ICurrentUser actor)
        => new(Database.Options, actor, Sessions, Database.Clock, Identity, NullLogger<UserAdministration>.Instance);

    /// <summary>Creates an account directly, as the system (what an earlier administrator left).</summary>
    public async Task<AppUser> CreateAsync(string userName, string jurisdictionCode, string role)
    {
        var unit = await Database.JurisdictionAsync(jurisdictionCode);
        await using var manager = Manager();
        var user = new AppUser { UserName = userName, DisplayName = $"{unit.Name}{userName}", JurisdictionId = unit.Id };
        Check(await manager.Users.CreateAsync(user, Password));
        Check(await manager.Users.AddToRoleAsync(user, role));
        return user;
    }

    /// <summary>A signed-in administrator who is the account <paramref name="user"/> (its id is the acting user's id).</summary>
    public async Task<TestUser> ActingAsAsync(AppUser user, string role)
    {
        var unit = await UnitOfAsync(user.Id);
        return new TestUser(user.Id, unit.Id, unit.Path, unit.Name, [role]);
    }

    public async Task<TestUser> SomeoneAtAsync(string jurisdictionCode, string role)
        => TestUser.At(await Database.JurisdictionAsync(jurisdictionCode), role);

    /// <summary>The account as stored now.</summary>
    public async Task<AppUser> ReloadAsync(string userId)
    {
        await using var db = Database.CreateSystemContext();
        return await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
    }

    public async Task<IReadOnlyList<string>> RolesOfAsync(string userId)
    {
        await using var manager = Manager();
        return (await manager.Users.GetRolesAsync(await manager.Users.FindByIdAsync(userId) ?? throw new InvalidOperationException(userId))).ToList();
    }

    public async Task<bool> PasswordWorksAsync(string userId, string password)
    {
        await using var manager = Manager();
        var user = await manager.Users.FindByIdAsync(userId) ?? throw new InvalidOperationException(userId);
        return await manager.Users.CheckPasswordAsync(user, password);
    }

    public async Task<Jurisdiction> UnitOfAsync(string userId)
    {
        await using var db = Database.CreateSystemContext();
        var user = await db.Users.AsNoTracking().Include(u => u.Jurisdiction).SingleAsync(u => u.Id == userId);
        return user.Jurisdiction!;
    }

    /// <summary>A UserManager over a system context that saves as it goes, like the host's.</summary>
    public SystemManager Manager()
    {
        var db = Database.CreateSystemContext();
        var store = new UserStore<AppUser, IdentityRole, AppDbContext>(db, new ChineseIdentityErrorDescriber());
        return new SystemManager(db, ActivatorUtilities.CreateInstance<UserManager<AppUser>>(Identity, store));
    }

    public async ValueTask DisposeAsync() => await Identity.DisposeAsync();

    private static void Check(IdentityResult result)
        => Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));

    internal sealed class SystemManager(AppDbContext db, UserManager<AppUser> users) : IAsyncDisposable
    {
        public UserManager<AppUser> Users { get; } = users;

        public AppDbContext Db { get; } = db;

        public async ValueTask DisposeAsync()
        {
            Users.Dispose();
            await Db.DisposeAsync();
        }
    }
}
