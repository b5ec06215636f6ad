using AnjuPortal.Infrastructure.Seed.Demo;
using AnjuPortal.LoadTest;
using AnjuPortal.LoadTest.Circuit;
using AnjuPortal.Web.Tests.Hosting;

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
            foreach (var client in clients)
            {
                Assert.Null(client.Error);
                var title = client.Read(t => t.FindByTestId("dashboard-title")?.TextContent());
                Assert.NotNull(title);
                Assert.Contains("南关区", title, StringComparison.Ordinal);
                Assert.True(client.Read(PortalPages.DrawerOpen), "The menu drawer starts open");
            }

            foreach (var client in clients)
            {
                await PortalPages.ToggleMenuAsync(client);
                Assert.False(client.Read(PortalPages.DrawerOpen), "The click on the menu button closed the drawer");
                Assert.Null(client.Error);
            }

            // Each session has its own circuit: the other sessions' clicks did not reach the first one's page twice.
            await PortalPages.ToggleMenuAsync(clients[0]);
            Assert.True(clients[0].Read(PortalPages.DrawerOpen));
            Assert.False(clients[1].Read(PortalPages.DrawerOpen));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
