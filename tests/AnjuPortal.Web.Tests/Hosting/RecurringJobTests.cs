using AnjuPortal.Application.Jobs;
using AnjuPortal.Infrastructure.Jobs;
using AnjuPortal.Infrastructure.Persistence;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.Hosting;

/// <summary>Hangfire keeps static state: tests that start a Hangfire server run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireCollection
{
    public const string Name = "Hangfire server";
}

[Collection(HangfireCollection.Name)]
public sealed class RecurringJobTests
{
    [Fact]
    public async Task OpenPeriodJob_IsScheduledDurably_AndOpensThePeriod_WhenTriggered()
    {
        await using var factory = new PortalFactory(jobs: true);
        factory.StartServer();

        var storage = factory.Services.GetRequiredService<JobStorage>();
        using (var connection = storage.GetConnection())
        {
            var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == OpenReportingPeriodJob.RecurringJobId);
            Assert.Equal("0 1 1 * *", job.Cron);
            Assert.Equal(OpenReportingPeriodJob.TimeZone.Id, job.TimeZoneId);
        }

        // The job store is a file: a second host on the same folder would find the schedule there.
        Assert.True(File.Exists(Path.Combine(factory.DataFolder, "anju-jobs.db")));

        factory.Services.GetRequiredService<IRecurringJobManager>().Trigger(OpenReportingPeriodJob.RecurringJobId);

        var (year, month) = Domain.Reporting.ReportingPeriod.MonthJustEnded(
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, OpenReportingPeriodJob.TimeZone).DateTime));
        var opened = false;
        for (var attempt = 0; attempt < 120 && !opened; attempt++)
        {
            await Task.Delay(500);
            await using var db = factory.Services.GetRequiredService<SystemDbContextFactory>().Create();
            opened = await db.ReportingPeriods.AnyAsync(p => p.Year == year && p.Month == month);
        }

        Assert.True(opened, $"The job server ran the triggered job and opened {year}-{month:00}");
    }

    [Fact]
    public async Task ReportCycleJobs_AreScheduledWithExplicitIds_InChinaStandardTime()
    {
        await using var factory = new PortalFactory(jobs: true);
        factory.StartServer();

        var storage = factory.Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        var scheduled = connection.GetRecurringJobs();
        foreach (var (id, cron) in RecurringJobSchedule.All)
        {
            var job = Assert.Single(scheduled, j => j.Id == id);
            Assert.Equal(cron, job.Cron);
            Assert.Equal(OpenReportingPeriodJob.TimeZone.Id, job.TimeZoneId);
        }

        Assert.Equal(
            [OpenReportingPeriodJob.RecurringJobId, RemindUnsubmittedJob.RecurringJobId, MarkLateUnitsJob.RecurringJobId, FreezePeriodSnapshotJob.RecurringJobId, ProgressStatisticsJob.RecurringJobId, DraftMonthlyNoticeJob.RecurringJobId, RemindUnsignedNoticesJob.RecurringJobId],
            RecurringJobSchedule.All.Select(j => j.Id).ToArray());
    }
}
