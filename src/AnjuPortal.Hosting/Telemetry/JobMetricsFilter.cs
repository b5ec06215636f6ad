using System.Diagnostics;
using AnjuPortal.Application.Common;
using Hangfire.Server;

namespace AnjuPortal.Hosting.Telemetry;

/// <summary>Counts every job a worker of this process performs, and those that threw, tagged by job type.</summary>
internal sealed class JobMetricsFilter : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context)
    {
        var tags = new TagList { { "job", context.BackgroundJob.Job?.Type.Name ?? "unknown" } };
        PortalMetrics.JobsRun.Add(1, tags);
        if (context.Exception is not null && !context.ExceptionHandled)
        {
            PortalMetrics.JobsFailed.Add(1, tags);
        }
    }
}
