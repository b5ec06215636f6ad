using AnjuPortal.Application.Security;
using AnjuPortal.Infrastructure.Seed;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnjuPortal.Infrastructure.Persistence;

/// <summary>Applies migrations (when configured), and seeds the jurisdiction tree and the roles when missing. Safe to run on every start.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        await using var db = scope.ServiceProvider.GetRequiredService<SystemDbContextFactory>().Create();

        if (settings.MigrateOnStartup)
        {
            logger.LogInformation("Applying {Provider} migrations", settings.Provider);
            await db.Database.MigrateAsync(ct);
        }

        if (await JurisdictionSeeder.SeedAsync(db, ct))
        {
            logger.LogInformation("Seeded the jurisdiction tree");
        }

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }
}
