using AnjuPortal.Application.Common;
using AnjuPortal.Application.Security;
using AnjuPortal.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace AnjuPortal.Infrastructure.Persistence;

/// <summary>Creates contexts for the user of the current DI scope (request or Blazor circuit).</summary>
internal sealed class AppDbContextFactory(DbContextOptions<AppDbContext> options, ICurrentUser user) : IAppDbContextFactory
{
    public Task<IAppDbContext> CreateAsync(CancellationToken cancellationToken = default)
        => Task.FromResult<IAppDbContext>(new AppDbContext(options, user));

    public AppDbContext Create() => new(options, user);
}

/// <summary>
/// Creates contexts whose scope is the whole tree. Only jobs, the seeder, sign-in (reading a user's own
/// jurisdiction) and <see cref="CrossTenantChecks"/> use it; it is not registered as <see cref="IAppDbContextFactory"/>.
/// </summary>
public sealed class SystemDbContextFactory(DbContextOptions<AppDbContext> options) : ISystemDbContextFactory
{
    public AppDbContext Create() => new(options, SystemUser.Instance);

    Task<IAppDbContext> ISystemDbContextFactory.CreateAsync(CancellationToken cancellationToken)
        => Task.FromResult<IAppDbContext>(Create());
}
