using System.Net;
using AnjuPortal.Application.Security;
using AnjuPortal.Infrastructure.Jobs;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.Hosting;

/// <summary>A scaled-out web node (Jobs:RunServer=false): no Hangfire server here, the dashboard and enqueueing still work.</summary>
[Collection(HangfireCollection.Name)]
public sealed class JobServerOffTests
{
    [Fact]
    public async Task WebNode_WithoutServer_RunsNoWorker_LeavesTheSchedule_ButServesTheDashboardToAnAdministrator()
    {
        await using var factory = new PortalFactory(jobs: false);
        await factory.CreateUserAsync("ops.admin", "220000", Roles.SystemAdministrator);
        using var client = factory.CreateBrowserLikeClient();

        var storage = factory.Services.GetRequiredService<JobStorage>();
        Assert.Empty(storage.GetMonitoringApi().Servers());
        using (var connection = storage.GetConnection())
        {
            // The schedule belongs to the process that runs the jobs (the job service); this node did not register it.
            Assert.Empty(connection.GetRecurringJobs());
        }

        // Jobs are still enqueued from here, into the shared storage, for a job service to run.
        var id = factory.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<Application.Jobs.ProgressStatisticsJob>(job => job.RunAsync(CancellationToken.None));
        using (var connection = storage.GetConnection())
        {
            Assert.Equal("Enqueued", connection.GetStateData(id).Name);
        }

        using var login = await SignInFlow.PostLoginAsync(client, "ops.admin", PortalFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        await SignInFlow.EnrolAuthenticatorAsync(client);
        using var dashboard = await client.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("安居工程 · 后台任务", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbeddedDefault_RunsTheServer_AndRegistersTheSchedule()
    {
        await using var factory = new PortalFactory(jobs: true);
        factory.StartServer();

        var storage = factory.Services.GetRequiredService<JobStorage>();
        var servers = 0;
        for (var attempt = 0; attempt < 40 && servers == 0; attempt++)
        {
            servers = storage.GetMonitoringApi().Servers().Count;
            if (servers == 0)
            {
                await Task.Delay(250);
            }
        }

        Assert.Equal(1, servers);
        using var connection = storage.GetConnection();
        Assert.Equal(RecurringJobSchedule.All.Count, connection.GetRecurringJobs().Count);
    }
}
