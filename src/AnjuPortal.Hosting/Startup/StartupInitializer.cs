using AnjuPortal.Infrastructure.Jobs;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Infrastructure.Seed.Demo;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnjuPortal.Hosting.Startup;

/// <summary>
/// Start-up work of either program, safe when several processes start at once (ADR-011): migrations (when
/// <c>Database:MigrateOnStartup</c>), the jurisdiction tree and roles, demo data (when <c>Demo:Enabled</c>) and, in a
/// process that runs a Hangfire server, the recurring job schedule, all under one distributed lock of the job
/// storage. EF Core's own migration lock covers <c>Migrate()</c> alone; the seeding after it is not atomic (two
/// processes could both find a role missing and both insert it), so the whole sequence is serialised.
/// </summary>
public static class StartupInitializer
{
    public const string LockName = "anju:start-up";

    /// <summary>Long enough for the slowest migration seen; a process that waits longer fails to start and is restarted.</summary>
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);

    public static async Task InitializeAsync(IServiceProvider services, IConfiguration configuration, bool registerSchedule, CancellationToken ct = default)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupInitializer));
        using var connection = services.GetRequiredService<JobStorage>().GetConnection();
        using (connection.AcquireDistributedLock(LockName, LockTimeout))
        {
            logger.LogInformation("Start-up lock taken: initialising the database");
            await DatabaseInitializer.InitializeAsync(services, ct);
            if (configuration.GetValue("Demo:Enabled", false))
            {
                await DemoDataSeeder.SeedAsync(services);
            }

            if (registerSchedule)
            {
                RecurringJobSchedule.Register(services.GetRequiredService<IRecurringJobManager>());
            }
        }
    }
}
