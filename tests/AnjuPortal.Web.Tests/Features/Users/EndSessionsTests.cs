using System.Net;
using AnjuPortal.Application.Security;
using AnjuPortal.Domain.Auditing;
using AnjuPortal.Infrastructure.Identity;
using AnjuPortal.Infrastructure.Persistence;
using AnjuPortal.Web.Features.Users;
using AnjuPortal.Web.Security;
using AnjuPortal.Web.Tests.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnjuPortal.Web.Tests.Features.Users;

/// <summary>
/// "结束全部会话" in the real portal: a user signed in through the sign-in form keeps using their cookie until an
/// administrator ends their sessions; the very next request is sent to sign in, well inside the stamp's minute.
/// </summary>
public sealed class EndSessionsTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task EndSessions_SendsTheUsersNextRequestToSignIn_AndTheyCanSignInAgain()
    {
        await _portal.CreateUserAsync("nanguan.clerk", "220102", Roles.CountyOperator);
        await _portal.CreateUserAsync("changchun.sysadmin", "220100", Roles.SystemAdministrator);
        using var clerk = _portal.CreateBrowserLikeClient();
        using (var login = await SignInFlow.PostLoginAsync(clerk, "nanguan.clerk", PortalFactory.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        }

        using (var before = await clerk.GetAsync("/projects"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var clerkId = await EndSessionsAsAsync("changchun.sysadmin", "nanguan.clerk");

        using (var after = await clerk.GetAsync("/projects"))
        {
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.Equal("/Account/Login", new Uri(new Uri("http://localhost"), after.Headers.Location!).AbsolutePath);
        }

        // The administrator's action is in the trail under the clerk's unit, by the administrator's name.
        await using (var db = _portal.Services.GetRequiredService<SystemDbContextFactory>().Create())
        {
            var record = await db.AuditEntries.AsNoTracking()
                .Where(a => a.EntityType == nameof(AppUser) && a.EntityId == clerkId && a.Action == AuditAction.Update)
                .OrderByDescending(a => a.Sequence).FirstAsync();
            Assert.Equal("changchun.sysadmin", record.UserName);
            Assert.Contains("SecurityStamp", record.Changes, StringComparison.Ordinal);
        }

        // Ending sessions is not a lock: a new sign-in (a second later) works.
        _portal.Clock.Advance(TimeSpan.FromSeconds(1));
        using (var again = await SignInFlow.PostLoginAsync(clerk, "nanguan.clerk", PortalFactory.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        using var home = await clerk.GetAsync("/projects");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    /// <summary>Runs the use case as the administrator would from the page: in a scope whose circuit principal is theirs.</summary>
    private async Task<string> EndSessionsAsAsync(string administrator, string userName)
    {
        await using var scope = _portal.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = (await users.FindByNameAsync(administrator))!;
        var target = (await users.FindByNameAsync(userName))!;
        scope.ServiceProvider.GetRequiredService<CircuitPrincipal>().Principal =
            await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(admin);

        var result = await scope.ServiceProvider.GetRequiredService<UserAdministration>().EndSessionsAsync(target.Id);

        Assert.True(result.Succeeded, result.ToString());
        return target.Id;
    }
}
