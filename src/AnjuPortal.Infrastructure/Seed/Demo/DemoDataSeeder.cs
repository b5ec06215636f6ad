using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Infrastructure.Seed.Demo;

/// <summary>Demo mode only: demo accounts and generated programme data (no real person). Runs once; later starts find it done.</summary>
public static class DemoDataSeeder
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        await using var db = scope.ServiceProvider.GetRequiredService<SystemDbContextFactory>().Create();
        await DemoAccounts.SeedAsync(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(), db, ct);
    }
}
