using AnjuPortal.Application.Jobs;
using Hangfire;

namespace AnjuPortal.Infrastructure.Jobs;

/// <summary>Every recurring schedule of the portal, in one place. Times are China Standard Time.</summary>
public static class RecurringJobSchedule
{
    public static void Register(IRecurringJobManager jobs)
    {
        // 01:00 on the 1st: open the period of the month just ended. Relaxed misfire: if the server was down,
        // run once when it is back (the job is idempotent), not once per missed occurrence.
        jobs.AddOrUpdate<OpenReportingPeriodJob>(
            OpenReportingPeriodJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            "0 1 1 * *",
            new RecurringJobOptions { TimeZone = OpenReportingPeriodJob.TimeZone, MisfireHandling = MisfireHandlingMode.Relaxed });
    }
}
