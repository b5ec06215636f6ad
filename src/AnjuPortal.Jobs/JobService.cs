using AnjuPortal.Application.Security;
using AnjuPortal.Hosting.Health;
using AnjuPortal.Hosting.Logging;
using AnjuPortal.Hosting.Startup;

namespace AnjuPortal.Jobs;

/// <summary>
/// The job service: the Hangfire server (<c>Jobs:WorkerCount</c> workers) on the shared database and job storage,
/// the recurring schedule, and <c>/health/live</c> and <c>/health/ready</c>; nothing else is served.
/// </summary>
internal static class JobService
{
    /// <summary>The job service always runs the Hangfire server, whatever a shared settings file says about <c>Jobs:RunServer</c>.</summary>
    public static void ForceServer(ConfigurationManager configuration)
        => configuration.AddInMemoryCollection([new KeyValuePair<string, string?>("Jobs:RunServer", "true")]);

    public static IServiceCollection AddAnjuJobService(this IServiceCollection services)
    {
        // Jobs read and write through the system context factory; nothing here acts as a person.
        services.AddSingleton<ICurrentUser, NoUser>();
        return services;
    }

    /// <summary>Same start-up as the web host (under the start-up lock), and the schedule: this process runs the jobs.</summary>
    public static Task InitializeJobServiceAsync(this WebApplication app)
        => StartupInitializer.InitializeAsync(app.Services, app.Configuration, registerSchedule: true);

    public static WebApplication UseJobServicePipeline(this WebApplication app)
    {
        app.UseAnjuRequestLogging();
        app.MapAnjuHealthEndpoints();
        return app;
    }

    /// <summary>Not signed in, no jurisdiction: a use case that demands a permission refuses, as on the web host outside a request.</summary>
    private sealed class NoUser : ICurrentUser
    {
        public bool IsAuthenticated => false;
        public bool IsSystem => false;
        public string? UserId => null;
        public string? UserName => null;
        public int? JurisdictionId => null;
        public string? JurisdictionPath => null;
        public string? JurisdictionName => null;
        public IReadOnlyCollection<string> Roles => [];
        public string? ClientAddress => null;
    }
}
