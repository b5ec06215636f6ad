using AnjuPortal.Domain.Reporting;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Infrastructure.Seed.Demo;
using AnjuPortal.LoadTest;
using AnjuPortal.LoadTest.Circuit;
using AnjuPortal.Web.Tests.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.LoadTest;

/// <summary>
/// The load driver's headless circuit client (benchmarks/AnjuPortal.LoadTest) against the real portal on Kestrel:
/// three live sessions of one signed-in user, each must receive its first interactive render (the dashboard of the
/// user's unit, as render batches applied to the client's tree) and see the effect of a UI event it sends. If the
/// client stops speaking the framework's hub protocol (a new .NET version), this fails before a load run would.
/// </summary>
public sealed class CircuitClientTests
{
    [Fact]
    public async Task ThreeSessions_RenderTheDashboard_AndAClickTogglesTheMenu()
    {
        await using var factory = new PortalFactory(demo: true);
        var address = factory.UseRealServer();
        using var identity = await PortalSignIn.SignInAsync(address, "nanguan", DemoAccounts.Password);

        var clients = Enumerable.Range(0, 3).Select(_ => identity.NewCircuit()).ToList();
        try
        {
            await Task.WhenAll(clients.Select(c => PortalPages.OpenDashboardAsync(c, identity)));

            // The layout finishes its start-up after the first render (it marks the circuit ready and re-renders): wait
            // until each page has stopped rendering before clicking.
            await Task.WhenAll(clients.Select(SettleAsync));

            // The drawer starts open (a wide screen: the client says so with each click); each click must flip it, in its
            // own session only.
            var settled = clients.Select(c => c.Read(PortalPages.DrawerOpen)).ToList();
            foreach (var (client, state) in clients.Zip(settled))
            {
                Assert.Null(client.Error);
                var title = client.Read(t => t.FindByTestId("dashboard-title")?.TextContent());
                Assert.NotNull(title);
                Assert.Contains("南关区", title, StringComparison.Ordinal);
                Assert.NotNull(state);
            }

            foreach (var (client, state) in clients.Zip(settled))
            {
                await PortalPages.ToggleMenuAsync(client);
                Assert.Equal(!state, client.Read(PortalPages.DrawerOpen));
                Assert.Null(client.Error);
            }

            // Each session has its own circuit: the first one's second click flips only its own drawer back.
            await PortalPages.ToggleMenuAsync(clients[0]);
            Assert.Equal(settled[0], clients[0].Read(PortalPages.DrawerOpen));
            Assert.Equal(!settled[1], clients[1].Read(PortalPages.DrawerOpen));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task OnTheEntryForm_ATypedFigureReachesTheTable_AndTheDraftSavesItself()
    {
        await using var factory = new PortalFactory(demo: true);
        var address = factory.UseRealServer();
        int periodId, unitId;
        await using (var db = factory.Services.GetRequiredService<SystemDbContextFactory>().Create())
        {
            // A new month after the demo's last one, in which 南关区 has no report yet (as the load driver prepares it).
            var latest = await db.ReportingPeriods.OrderByDescending(p => p.Year).ThenByDescending(p => p.Month).FirstAsync();
            var next = new DateOnly(latest.Year, latest.Month, 1).AddMonths(1);
            var period = ReportingPeriod.Open(next.Year, next.Month);
            db.ReportingPeriods.Add(period);
            await db.SaveChangesAsync();
            periodId = period.Id;
            unitId = await db.Jurisdictions.Where(j => j.Code == "220102").Select(j => j.Id).SingleAsync();
        }

        using var identity = await PortalSignIn.SignInAsync(address, "nanguan", DemoAccounts.Password);
        await using var client = identity.NewCircuit();
        await PortalPages.OpenReportAsync(client, identity, periodId, unitId);
        await PortalPages.StartDraftIfNeededAsync(client);
        await SettleAsync(client);
        Assert.Equal("填写后自动保存", client.Read(t => t.FindByTestId("report-saved")?.TextContent().Trim()));

        // The cells have no handlers of their own: the driver sends the input to the table, as the browser's delegation does.
        await PortalPages.TypeInFirstCellAsync(client);

        await client.WaitForAsync(t => t.FindByTestId("report-saved")?.TextContent().Contains("已自动保存", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30));
        Assert.Null(client.Error);
    }

    /// <summary>Until no render batch has arrived for a second (at most 30 s): the page's own start-up renders are done.</summary>
    private static async Task SettleAsync(BlazorCircuitClient client)
    {
        for (var i = 0; i < 30; i++)
        {
            var before = client.BatchesReceived;
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (client.BatchesReceived == before)
            {
                return;
            }
        }
    }
}
