using AnjuPortal.Hosting.Health;
using AnjuPortal.Hosting.Logging;
using AnjuPortal.Hosting.Telemetry;
using Microsoft.AspNetCore.Builder;

namespace AnjuPortal.Hosting;

/// <summary>What the web host and the job service share: logging, health checks and telemetry.</summary>
public static class HostingSetup
{
    /// <param name="defaultServiceName">The telemetry service name unless <c>Telemetry:ServiceName</c> is set: anju-web or anju-jobs.</param>
    public static WebApplicationBuilder AddAnjuHosting(this WebApplicationBuilder builder, string defaultServiceName)
    {
        builder.AddAnjuLogging().AddAnjuTelemetry(defaultServiceName);
        builder.Services.AddAnjuHealthChecks();
        return builder;
    }
}
