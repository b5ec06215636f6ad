using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Notifications;
using AnjuPortal.Web.Components.Layout;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AnjuPortal.Web.Tests.Components.Layout;

/// <summary>The bell in the app bar: the user's unread count, the latest ten in the menu, mark one and mark all read.</summary>
public sealed class NotificationBellTests : PortalTestContext
{
    private async Task SeedAsync(string recipient, string unitCode, int count, string prefix = "通知")
    {
        var unit = await UnitAsync(unitCode);
        await using var db = Database.CreateSystemContext();
        for (var i = 0; i < count; i++)
        {
            db.Notifications.Add(Notification.Create(recipient, unit.Id, NotificationKind.Returned, null, $"{prefix}{i}", $"/reports/{i}", $"test:{prefix}:{i}"));
        }

        await db.SaveChangesAsync();
    }

    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> RenderBell()
        => Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<NotificationBell>(1);
            builder.AddAttribute(2, nameof(NotificationBell.RefreshSeconds), 0);
            builder.CloseComponent();
        });

    private static string? Badge(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> host)
        => host.FindAll(".mud-badge").FirstOrDefault()?.TextContent.Trim();

    [Fact]
    public async Task Bell_ShowsUnreadCount_AndListsLatestTenOfTheUsersOwn_ThenMarksReadOneAndAll()
    {
        var user = await SignIn("220102", Roles.CountyOperator);
        await SeedAsync(user.UserId!, "220102", 12);
        await SeedAsync("someone-else", "220102", 3, "别人的");

        var host = RenderBell();

        host.WaitForAssertion(() => Assert.Equal("12", Badge(host)));

        host.Find("[data-testid=notification-bell-button]").Click();
        host.WaitForAssertion(() => Assert.Equal(10, host.FindAll("[data-testid=notification-item]").Count));
        var items = host.FindAll("[data-testid=notification-item]");
        Assert.Contains("通知11", items[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("月报退回", items[0].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("别人的", host.Markup, StringComparison.Ordinal);

        host.FindAll("[data-testid=notification-mark-read]")[0].Click();
        host.WaitForAssertion(() => Assert.Equal("11", Badge(host)));
        Assert.Equal("true", host.FindAll("[data-testid=notification-item]")[0].GetAttribute("data-read"));

        host.Find("[data-testid=notification-mark-all]").Click();
        host.WaitForAssertion(() => Assert.Null(Badge(host)));
        Assert.All(host.FindAll("[data-testid=notification-item]"), i => Assert.Equal("true", i.GetAttribute("data-read")));
        Assert.Empty(host.FindAll("[data-testid=notification-mark-read]"));
    }

    [Fact]
    public async Task Bell_ShowsNoCount_AndSaysSoInTheMenu_WhenThereAreNone()
    {
        await SignIn("220100", Roles.CityOperator);

        var host = RenderBell();

        Assert.Null(Badge(host));
        host.Find("[data-testid=notification-bell-button]").Click();
        host.WaitForAssertion(() => Assert.Contains("暂无通知", host.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bell_RefreshesAtOnce_WhenASignalForTheUserArrives_AndStopsListeningWhenDisposed()
    {
        var user = await SignIn("220102", Roles.CountyOperator);
        var hub = new AnjuPortal.Infrastructure.Signals.LocalSignalHub(Microsoft.Extensions.Logging.Abstractions.NullLogger<AnjuPortal.Infrastructure.Signals.LocalSignalHub>.Instance);
        var signals = new AnjuPortal.Infrastructure.Signals.InProcessNotificationSignals(hub);
        Services.AddSingleton<AnjuPortal.Application.Notifications.INotificationSignals>(signals);
        await SeedAsync(user.UserId!, "220102", 1);

        var host = RenderBell(); // the timer is off: only a signal can change the count
        host.WaitForAssertion(() => Assert.Equal("1", Badge(host)));
        host.Find("[data-testid=notification-bell-button]").Click();
        host.WaitForAssertion(() => Assert.Single(host.FindAll("[data-testid=notification-item]")));
        Assert.True(hub.HasSubscribers);

        await SeedAsync(user.UserId!, "220102", 2, "新的");
        await signals.PublishAsync(["someone-else"]);
        await Task.Delay(300);
        Assert.Equal("1", Badge(host)); // another user's signal does not refresh this bell

        await signals.PublishAsync([user.UserId!]);
        host.WaitForAssertion(() => Assert.Equal("3", Badge(host)));
        host.WaitForAssertion(() => Assert.Equal(3, host.FindAll("[data-testid=notification-item]").Count)); // the open list too

        await DisposeComponentsAsync();
        Assert.False(hub.HasSubscribers);
    }
}
