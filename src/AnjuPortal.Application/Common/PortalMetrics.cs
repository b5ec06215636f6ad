using System.Diagnostics.Metrics;

namespace AnjuPortal.Application.Common;

/// <summary>
/// The portal's own meter ("AnjuPortal"). Recording is a no-op unless a listener (OpenTelemetry with
/// <c>Telemetry:Enabled</c>) subscribes, so use cases and job filters record unconditionally.
/// </summary>
public static class PortalMetrics
{
    public const string MeterName = "AnjuPortal";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Monthly reports submitted (counted when the submission is saved).</summary>
    public static readonly Counter<long> ReportsSubmitted = Meter.CreateCounter<long>("anju.reports.submitted", unit: "{report}", description: "Monthly reports submitted");

    /// <summary>Background jobs that a Hangfire worker finished, by job type.</summary>
    public static readonly Counter<long> JobsRun = Meter.CreateCounter<long>("anju.jobs.run", unit: "{job}", description: "Background jobs run");

    /// <summary>Background job runs that threw, by job type (Hangfire retries them).</summary>
    public static readonly Counter<long> JobsFailed = Meter.CreateCounter<long>("anju.jobs.failed", unit: "{job}", description: "Background job runs that failed");
}
