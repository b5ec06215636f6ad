using System.Net;
using System.Text.Json;
using AnjuPortal.Application.Jobs;
using AnjuPortal.Infrastructure.Jobs;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.TestSupport;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Jobs.Tests;

/// <summary>One throwaway PostgreSQL server; Hangfire keeps static state, so the job service tests run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JobServiceCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "Job service on PostgreSQL";
}

[Collection(JobServiceCollection.Name)]
public sealed class JobServiceTests(PostgresServer server)
{
    [Fact]
    public async Task JobService_OnPostgreSql_MigratesAnEmptyDatabase_ServesOnlyHealth_AndRunsATriggeredJob()
    {
        await using var database = await server.CreateDatabaseAsync(migrateAndSeed: false);
        await using var service = new JobServiceFactory("PostgreSql", database.Settings.ConnectionString);
        using var client = service.CreateClient();

        using (var live = await client.GetAsync("/health/live"))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
            Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
            Assert.Equal(["database", "job-storage"], body.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).Order().ToArray());
        }

        // No UI at all: no pages, no sign-in, no dashboard.
        foreach (var path in new[] { "/", "/Account/Login", "/hangfire" })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // This process runs a Hangfire server and has registered the whole schedule.
        var storage = service.Services.GetRequiredService<JobStorage>();
        Assert.NotEmpty(storage.GetMonitoringApi().Servers());
        using (var connection = storage.GetConnection())
        {
            Assert.Equal(RecurringJobSchedule.All.Select(j => j.Id).Order().ToArray(), connection.GetRecurringJobs().Select(j => j.Id).Order().ToArray());
        }

        service.Services.GetRequiredService<IRecurringJobManager>().Trigger(OpenReportingPeriodJob.RecurringJobId);

        var (year, month) = Domain.Reporting.ReportingPeriod.MonthJustEnded(
            DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, OpenReportingPeriodJob.TimeZone).DateTime));
        var opened = false;
        for (var attempt = 0; attempt < 120 && !opened; attempt++)
        {
            await Task.Delay(500);
            await using var db = service.Services.GetRequiredService<SystemDbContextFactory>().Create();
            opened = await db.ReportingPeriods.AnyAsync(p => p.Year == year && p.Month == month);
        }

        Assert.True(opened, $"The job service's worker ran the triggered job and opened {year}-{month:00}");
    }

    [Fact]
    public async Task TwoJobServices_StartingTogetherOnAnEmptyDatabase_BothStart_AndTheDatabaseIsInitialisedOnce()
    {
        await using var database = await server.CreateDatabaseAsync(migrateAndSeed: false);
        await using var first = new JobServiceFactory("PostgreSql", database.Settings.ConnectionString);
        await using var second = new JobServiceFactory("PostgreSql", database.Settings.ConnectionString);

        // Both migrate and seed on start; the start-up lock makes the second wait for the first, then find it all done
        // (without it, both applied the first migration here and one failed with 42P07 "relation already exists").
        await Task.WhenAll(Task.Run(first.StartServer), Task.Run(second.StartServer));

        foreach (var service in new[] { first, second })
        {
            using var client = service.CreateClient();
            using var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        await using var db = first.Services.GetRequiredService<SystemDbContextFactory>().Create();
        Assert.Equal(await db.Jurisdictions.CountAsync(), await db.Jurisdictions.Select(j => j.Code).Distinct().CountAsync());
        Assert.Equal(Application.Security.Roles.All.Count, await db.Roles.CountAsync());
        var monitoring = first.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        for (var attempt = 0; attempt < 40 && monitoring.Servers().Count < 2; attempt++)
        {
            await Task.Delay(250);
        }

        Assert.Equal(2, monitoring.Servers().Count);
    }

    [Fact]
    public async Task Ready_Is503_NamingTheDatabase_WhenTheDatabaseIsGone_WhileLiveStays200()
    {
        var database = await server.CreateDatabaseAsync();
        await using var service = new JobServiceFactory("PostgreSql", database.Settings.ConnectionString);
        using var client = service.CreateClient();
        using (var ready = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        // The database disappears under the running service (its connections are terminated).
        await database.DisposeAsync();

        using var notReady = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        using var body = JsonDocument.Parse(await notReady.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.DoesNotContain("Host=", body.RootElement.GetRawText(), StringComparison.OrdinalIgnoreCase);
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
