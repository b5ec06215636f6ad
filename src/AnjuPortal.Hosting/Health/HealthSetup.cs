using System.Text.Json;
using AnjuPortal.Infrastructure.Persistence;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AnjuPortal.Hosting.Health;

/// <summary>
/// <c>/health/live</c>: 200 while the process runs (no check). <c>/health/ready</c>: the database can be queried
/// and the Hangfire job storage answers; otherwise 503 with a JSON body naming the failing check. Both anonymous.
/// </summary>
public static class HealthSetup
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string DatabaseCheck = "database";
    public const string JobStorageCheck = "job-storage";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddAnjuHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(DatabaseCheck, tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10))
            .AddCheck<JobStorageHealthCheck>(JobStorageCheck, tags: [ReadyTag], timeout: TimeSpan.FromSeconds(10));
        return services;
    }

    public static IEndpointRouteBuilder MapAnjuHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJsonAsync })
            .AllowAnonymous().DisableRateLimiting();
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteJsonAsync })
            .AllowAnonymous().DisableRateLimiting();
        return endpoints;
    }

    public static bool IsProbe(PathString path) => path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    /// <summary>{"status":"Unhealthy","checks":{"database":{"status":"Unhealthy","description":"..."}}}: names, never connection strings.</summary>
    private static Task WriteJsonAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}

/// <summary>Runs one small query through the system context (the job service has no signed-in user).</summary>
internal sealed class DatabaseHealthCheck(SystemDbContextFactory contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = contexts.Create();
            await db.Jurisdictions.AsNoTracking().Select(j => j.Id).FirstOrDefaultAsync(cancellationToken);
            return HealthCheckResult.Healthy("The database answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception's message may name hosts or paths: the body says only which check failed.
            return HealthCheckResult.Unhealthy("The database cannot be queried.", ex);
        }
    }
}

/// <summary>Asks the Hangfire job storage for its servers (one query); building the storage itself may fail too.</summary>
internal sealed class JobStorageHealthCheck(IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.Run(() =>
        {
            try
            {
                var storage = services.GetRequiredService<JobStorage>();
                storage.GetMonitoringApi().Servers();
                return HealthCheckResult.Healthy("The job storage answers.");
            }
            catch (Exception ex)
            {
                return HealthCheckResult.Unhealthy("The job storage does not answer.", ex);
            }
        }, cancellationToken);
}
