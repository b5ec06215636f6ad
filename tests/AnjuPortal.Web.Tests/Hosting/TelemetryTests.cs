using AnjuPortal.Application.Common;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace AnjuPortal.Web.Tests.Hosting;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Telemetry_IsOffByDefault()
    {
        await using var factory = new PortalFactory();
        factory.StartServer();

        Assert.Null(factory.Services.GetService<MeterProvider>());
        Assert.Null(factory.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task Telemetry_WhenEnabled_ExportsThePortalMeter_AndRequestTraces()
    {
        var metrics = new List<MetricSnapshot>();
        var spans = new List<System.Diagnostics.Activity>();
        await using var portal = new PortalFactory(settings: new Dictionary<string, string>
        {
            ["Telemetry:Enabled"] = "true",
            // Nothing listens there: the OTLP exporter's failures must not disturb the portal.
            ["Telemetry:OtlpEndpoint"] = "http://127.0.0.1:9",
        });
        var factory = portal.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services
            .ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics))
            .ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans))));
        await using (factory)
        {
            using var client = factory.CreateClient();
            using (await client.GetAsync("/Account/Login"))
            using (await client.GetAsync("/health/live"))
            {
            }

            // What ReportWorkflow.SubmitAsync records after a successful submission (the Application tests check that link).
            PortalMetrics.ReportsSubmitted.Add(1);

            // Flush returns false here because the OTLP exporter cannot reach its endpoint; the in-memory exporter still receives.
            factory.Services.GetRequiredService<MeterProvider>().ForceFlush(timeoutMilliseconds: 10_000);
            factory.Services.GetRequiredService<TracerProvider>().ForceFlush(timeoutMilliseconds: 10_000);
        }

        // Read only after the host shut the providers down: their background export threads have stopped, so the lists
        // are no longer written to while they are read (the periodic reader used to race this).
        var submitted = metrics.Where(m => m.Name == "anju.reports.submitted").ToList();
        Assert.NotEmpty(submitted);
        Assert.All(submitted, m => Assert.Equal(PortalMetrics.MeterName, m.MeterName));
        long total = 0;
        foreach (var snapshot in submitted)
        {
            foreach (var point in snapshot.MetricPoints)
            {
                total = Math.Max(total, point.GetSumLong());
            }
        }

        Assert.True(total >= 1, $"The counter was exported with {total}");
        Assert.Contains(spans, s => s.DisplayName.Contains("/Account/Login", StringComparison.Ordinal));
        Assert.DoesNotContain(spans, s => s.DisplayName.Contains("/health", StringComparison.Ordinal));
    }
}
