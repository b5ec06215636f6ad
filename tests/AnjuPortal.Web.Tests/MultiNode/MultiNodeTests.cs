using AnjuPortal.Application.Jobs;
using AnjuPortal.Infrastructure.Seed.Demo;
using AnjuPortal.Web.Tests.Browser;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Playwright;
using Npgsql;
using Xunit.Abstractions;

namespace AnjuPortal.Web.Tests.MultiNode;

/// <summary>
/// Issue #8's multi-node test, on one PostgreSQL and one Redis with two web nodes and two job workers (see
/// <see cref="MultiNodeCluster"/>). One test walks the scenarios in order, sharing the processes: (a) a sign-in cookie
/// issued by node A is accepted by node B; (b) a notification raised by a job on a worker appears on a page open on
/// node B within seconds through Redis, and (b2) with Redis stopped, through the database poller; (c) a worker killed
/// with SIGKILL inside the monthly snapshot job's transaction leaves no partial snapshot and the other worker writes it
/// exactly once; (d) node A stopped during a session loses nothing saved: the same browser on node B sees it.
/// </summary>
[Collection(MultiNodeCollection.Name)]
public sealed class MultiNodeTests(MultiNodeCluster cluster, ITestOutputHelper output)
{
    /// <summary>The job that raises the notifications: 逾期未报, to the units that did not submit and to their cities.</summary>
    private static readonly string[] NotifyingJobs = [MarkLateUnitsJob.RecurringJobId];

    /// <summary>Well under the bell's 60-second timer: a count that changes within this came by a signal.</summary>
    private static readonly float SignalWaitMs = 20_000;

    [Fact]
    public async Task ScaledOutPortal_SharesSignInAndSignals_SurvivesAKilledWorkerAndAStoppedWebNode()
    {
        try
        {
            await RunScenariosAsync();
        }
        catch
        {
            output.WriteLine(cluster.Logs());
            throw;
        }
    }

    private async Task RunScenariosAsync()
    {
        var storage = new PostgreSqlStorage(
            new NpgsqlConnectionFactory(cluster.ConnectionString, new PostgreSqlStorageOptions()), new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = false });
        var jobs = new RecurringJobManager(storage);

        // Test data for the late-units job whatever today's date: the months not frozen had their submission deadline
        // three days ago (approval window still open) and no unit submitted on time. The job runs once on the workers
        // from an empty table; a demo account among the recipients is the user of the scenarios.
        await cluster.ScalarAsync(
            "UPDATE \"ReportingPeriods\" SET \"SubmissionDeadline\" = CURRENT_DATE - 3, \"ApprovalDeadline\" = CURRENT_DATE + 20 WHERE \"Status\" <> 2");
        await cluster.ScalarAsync(
            "UPDATE \"MonthlyReports\" SET \"FirstSubmittedAt\" = NULL WHERE \"Revision\" = 0 AND \"ReportingPeriodId\" IN (SELECT \"Id\" FROM \"ReportingPeriods\" WHERE \"Status\" <> 2)");
        await cluster.ScalarAsync("DELETE FROM \"Notifications\"");
        await TriggerAllAsync(jobs, storage);
        var (userName, userId) = await WaitForDemoRecipientAsync();
        output.WriteLine($"Scenarios as {userName}");
        await DeleteNotificationsOfAsync(userId);

        await using var browser = await BrowserSession.StartAsync(cluster.WebA.Address);
        var page = browser.Page;
        var badge = page.Locator("[data-testid=notification-bell] .mud-badge");

        // (a) Signed in on node A; node B accepts the cookie (Data Protection keys shared through the database).
        await browser.SignInAsync(userName, DemoAccounts.Password);
        await page.GotoAsync(new Uri(cluster.WebB.Address, "/").ToString());
        await browser.WaitForCircuitAsync();
        Assert.DoesNotContain("/Account/Login", page.Url, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith(cluster.WebB.Address.ToString(), page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("[data-testid=notification-bell]")).ToBeVisibleAsync();
        await Assertions.Expect(badge).ToHaveCountAsync(0);

        // (b) A job on a worker raises notifications; the page on node B shows them at once, through Redis.
        await TriggerAllAsync(jobs, storage);
        await Assertions.Expect(badge).ToBeVisibleAsync(new() { Timeout = SignalWaitMs });
        var throughRedis = await UnreadOfAsync(userId);
        Assert.True(throughRedis > 0);
        await Assertions.Expect(badge).ToHaveTextAsync(throughRedis.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // (b2) Redis stops: saving goes on, and the database poller of node B carries the signal instead.
        cluster.Redis.Stop();
        await DeleteNotificationsOfAsync(userId);
        await page.ReloadAsync();
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(badge).ToHaveCountAsync(0);
        await Task.Delay(3000); // node B notices Redis is gone and its poller takes its position (Signals:PollSeconds=1)
        await TriggerAllAsync(jobs, storage);
        await Assertions.Expect(badge).ToBeVisibleAsync(new() { Timeout = SignalWaitMs });
        Assert.True(await UnreadOfAsync(userId) > 0);

        // (c) The monthly snapshot job killed mid-transaction on one worker; the other completes it exactly once.
        await KilledWorkerLeavesNoPartialSnapshotAsync(storage, jobs);

        // (d) Saved on node A (mark all read), node A stopped; the same browser on node B sees it saved.
        await page.GotoAsync(new Uri(cluster.WebA.Address, "/").ToString());
        await browser.WaitForCircuitAsync();
        await Assertions.Expect(badge).ToBeVisibleAsync();
        await page.ClickAsync("[data-testid=notification-bell-button]");
        await page.ClickAsync("[data-testid=notification-mark-all]");
        await Assertions.Expect(badge).ToHaveCountAsync(0);
        cluster.WebA.Kill();
        await page.GotoAsync(new Uri(cluster.WebB.Address, "/").ToString());
        await browser.WaitForCircuitAsync();
        Assert.DoesNotContain("/Account/Login", page.Url, StringComparison.OrdinalIgnoreCase);
        await Assertions.Expect(page.Locator("[data-testid=notification-bell]")).ToBeVisibleAsync();
        await Assertions.Expect(badge).ToHaveCountAsync(0);
        await page.ClickAsync("[data-testid=notification-bell-button]");
        var items = page.Locator("[data-testid=notification-item]");
        await Assertions.Expect(items.First).ToBeVisibleAsync();
        foreach (var item in await items.AllAsync())
        {
            Assert.Equal("true", await item.GetAttributeAsync("data-read"));
        }

        Assert.Equal(0, await UnreadOfAsync(userId));
    }

    private async Task KilledWorkerLeavesNoPartialSnapshotAsync(PostgreSqlStorage storage, RecurringJobManager jobs)
    {
        // The snapshot job writes, for every frozen month missing it, one row per reporting unit, one month per
        // transaction. From none at all, it has work whatever the demo data holds.
        await cluster.ScalarAsync("DELETE FROM \"PeriodSnapshots\"");

        // The test holds a SHARE lock: the job reads the table, then blocks on its INSERT inside its transaction.
        string killed;
        string jobId;
        await using (var blocker = await cluster.OpenAsync())
        {
            await using (var begin = new NpgsqlCommand("BEGIN; LOCK TABLE \"PeriodSnapshots\" IN SHARE MODE", blocker))
            {
                await begin.ExecuteNonQueryAsync();
            }

            jobId = jobs.TriggerJob(FreezePeriodSnapshotJob.RecurringJobId);
            killed = await WaitForBlockedWorkerAsync();
            var worker = killed == MultiNodeCluster.ApplicationName(cluster.Worker1.Name) ? cluster.Worker1 : cluster.Worker2;
            output.WriteLine($"Killing {worker.Name} inside the snapshot transaction (job {jobId})");
            worker.Kill();
            Assert.Equal(0, await cluster.ScalarAsync("SELECT COUNT(*) FROM \"PeriodSnapshots\""));
            await using var commit = new NpgsqlCommand("COMMIT", blocker);
            await commit.ExecuteNonQueryAsync();
        }

        // The dead worker's transaction is rolled back by PostgreSQL; after the invisibility timeout the other worker
        // fetches the job again and completes it.
        var monitoring = storage.GetMonitoringApi();
        var until = DateTime.UtcNow.AddMinutes(3);
        while (monitoring.JobDetails(jobId)?.History.Any(h => h.StateName == "Succeeded") != true)
        {
            Assert.True(DateTime.UtcNow < until, $"job {jobId} not completed by the surviving worker");
            await Task.Delay(500);
        }

        var history = monitoring.JobDetails(jobId)!.History;
        Assert.Single(history, h => h.StateName == "Succeeded");
        var units = await cluster.ScalarAsync("SELECT COUNT(*) FROM \"Jurisdictions\" WHERE \"ParentId\" IS NOT NULL");
        var frozen = await cluster.ScalarAsync("SELECT COUNT(*) FROM \"ReportingPeriods\" WHERE \"Status\" = 2");
        Assert.True(frozen > 0 && units > 0, "the demo data has frozen months");
        Assert.Equal(frozen * units, await cluster.ScalarAsync("SELECT COUNT(*) FROM \"PeriodSnapshots\""));
        Assert.Equal(frozen * units, await cluster.ScalarAsync("SELECT COUNT(DISTINCT (\"ReportingPeriodId\", \"JurisdictionId\")) FROM \"PeriodSnapshots\""));
    }

    /// <summary>The worker whose connection waits for the test's lock (by its application_name).</summary>
    private async Task<string> WaitForBlockedWorkerAsync()
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < until)
        {
            await using var connection = await cluster.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT application_name FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name LIKE 'anju-worker-%' LIMIT 1", connection);
            if (await command.ExecuteScalarAsync() is string name)
            {
                return name;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("No worker blocked on the snapshot table: the job did not reach its insert.");
    }

    /// <summary>Triggers the notifying jobs (as an operator would from the dashboard) and waits until the workers ran them.</summary>
    private static async Task TriggerAllAsync(RecurringJobManager jobs, PostgreSqlStorage storage)
    {
        var ids = NotifyingJobs.Select(jobs.TriggerJob).ToList();
        var monitoring = storage.GetMonitoringApi();
        var until = DateTime.UtcNow.AddMinutes(2);
        foreach (var id in ids)
        {
            while (monitoring.JobDetails(id)?.History.Any(h => h.StateName == "Succeeded") != true)
            {
                Assert.True(DateTime.UtcNow < until, $"job {id} did not succeed on a worker");
                await Task.Delay(200);
            }
        }
    }

    private async Task<(string UserName, string UserId)> WaitForDemoRecipientAsync()
    {
        var names = string.Join(", ", DemoAccounts.All.Select(a => $"'{a.UserName}'"));
        var until = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < until)
        {
            await using var connection = await cluster.OpenAsync();
            await using var command = new NpgsqlCommand(
                $"SELECT u.\"UserName\", u.\"Id\" FROM \"Notifications\" n JOIN \"AspNetUsers\" u ON u.\"Id\" = n.\"RecipientUserId\" WHERE u.\"UserName\" IN ({names}) GROUP BY u.\"UserName\", u.\"Id\" ORDER BY COUNT(*) DESC LIMIT 1",
                connection);
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                return (reader.GetString(0), reader.GetString(1));
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("The notification jobs raised nothing for a demo account.");
    }

    private async Task DeleteNotificationsOfAsync(string userId)
    {
        await using var connection = await cluster.OpenAsync();
        await using var command = new NpgsqlCommand("DELETE FROM \"Notifications\" WHERE \"RecipientUserId\" = @u", connection);
        command.Parameters.AddWithValue("u", userId);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> UnreadOfAsync(string userId)
    {
        await using var connection = await cluster.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM \"Notifications\" WHERE \"RecipientUserId\" = @u AND \"ReadAt\" IS NULL", connection);
        command.Parameters.AddWithValue("u", userId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
