using AnjuPortal.Application.Common;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace AnjuPortal.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry behind <c>Telemetry:Enabled</c> (default false): traces (ASP.NET Core, HttpClient, EF Core) and
/// metrics (ASP.NET Core, runtime, the portal's meter <see cref="PortalMetrics.MeterName"/>) exported over OTLP to
/// <c>Telemetry:OtlpEndpoint</c> (empty: the exporter's default, or OTEL_EXPORTER_OTLP_ENDPOINT), under
/// <c>Telemetry:ServiceName</c> (default given by the program: anju-web or anju-jobs).
/// </summary>
public static class TelemetrySetup
{
    public static WebApplicationBuilder AddAnjuTelemetry(this WebApplicationBuilder builder, string defaultServiceName)
    {
        // Job counters cost nothing without a listener; the filter is added once per process (Hangfire's filters are static).
        AddJobMetricsFilter();
        var configuration = builder.Configuration;
        if (!configuration.GetValue("Telemetry:Enabled", false))
        {
            return builder;
        }

        var serviceName = configuration["Telemetry:ServiceName"] is { Length: > 0 } name ? name : defaultServiceName;
        var endpoint = configuration["Telemetry:OtlpEndpoint"];
        void Otlp(OtlpExporterOptions options)
        {
            if (!string.IsNullOrWhiteSpace(endpoint))
            {
                options.Endpoint = new Uri(endpoint);
            }
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !Health.HealthSetup.IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddOtlpExporter(Otlp))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PortalMetrics.MeterName)
                .AddOtlpExporter(Otlp));
        return builder;
    }

    private static void AddJobMetricsFilter()
    {
        lock (GlobalJobFilters.Filters)
        {
            if (!GlobalJobFilters.Filters.Any(f => f.Instance is JobMetricsFilter))
            {
                GlobalJobFilters.Filters.Add(new JobMetricsFilter());
            }
        }
    }
}
