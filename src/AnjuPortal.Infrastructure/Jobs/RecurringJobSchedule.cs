using AnjuPortal.Application.Jobs;
using Hangfire;

namespace AnjuPortal.Infrastructure.Jobs;

/// <summary>Every recurring schedule of the portal, in one place. Times are China Standard Time.</summary>
public static class RecurringJobSchedule
{
    /// <summary>(id, cron) of every recurring job, as registered below: the docs and the tests read them from here.</summary>
    public static IReadOnlyList<(string Id, string Cron)> All { get; } =
    [
        (OpenReportingPeriodJob.RecurringJobId, "0 1 1 * *"),
        (RemindUnsubmittedJob.RecurringJobId, "0 9 * * *"),
        (MarkLateUnitsJob.RecurringJobId, "10 0 * * *"),
        (FreezePeriodSnapshotJob.RecurringJobId, "30 * * * *"),
        (ProgressStatisticsJob.RecurringJobId, "*/15 * * * *"),
        (DraftMonthlyNoticeJob.RecurringJobId, "45 * * * *"),
        (RemindUnsignedNoticesJob.RecurringJobId, "30 9 * * *"),
    ];

    public static void Register(IRecurringJobManager jobs)
    {
        // Relaxed misfire everywhere: if the server was down, run once when it is back (every job is idempotent), not
        // once per missed occurrence.
        var options = new RecurringJobOptions { TimeZone = OpenReportingPeriodJob.TimeZone, MisfireHandling = MisfireHandlingMode.Relaxed };

        // 01:00 on the 1st: open the period of the month just ended.
        jobs.AddOrUpdate<OpenReportingPeriodJob>(OpenReportingPeriodJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron(OpenReportingPeriodJob.RecurringJobId), options);

        // 09:00 daily: remind units that have not submitted, from N days before the deadline (once per account and period).
        jobs.AddOrUpdate<RemindUnsubmittedJob>(RemindUnsubmittedJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron(RemindUnsubmittedJob.RecurringJobId), options);

        // 00:10 daily: just after midnight ends a deadline day, mark the units that have not submitted as late.
        jobs.AddOrUpdate<MarkLateUnitsJob>(MarkLateUnitsJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron(MarkLateUnitsJob.RecurringJobId), options);

        // Hourly at :30: freeze a period once all is approved (within the hour) or its approval window has ended.
        jobs.AddOrUpdate<FreezePeriodSnapshotJob>(FreezePeriodSnapshotJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron(FreezePeriodSnapshotJob.RecurringJobId), options);

        // Every 15 minutes: the dashboards' statistics summed again (catches what a use case's own refresh missed).
        jobs.AddOrUpdate<ProgressStatisticsJob>(ProgressStatisticsJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron(ProgressStatisticsJob.RecurringJobId), options);

        // Hourly at :45, a quarter of an hour after the freeze: the 月通报 of a newly frozen month drafted (once per month).
        jobs.AddOrUpdate<DraftMonthlyNoticeJob>(DraftMonthlyNoticeJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron(DraftMonthlyNoticeJob.RecurringJobId), options);
        RegisterNoticeReminders(jobs, options);
    }

    /// <summary>09:30 daily: remind units that have not signed for an issued notice (once a day), and tell the issuer which.</summary>
    private static void RegisterNoticeReminders(IRecurringJobManager jobs, RecurringJobOptions options)
        => jobs.AddOrUpdate<RemindUnsignedNoticesJob>(RemindUnsignedNoticesJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron(RemindUnsignedNoticesJob.RecurringJobId), options);

    private static string Cron(string id) => All.Single(j => j.Id == id).Cron;
}
