using AnjuPortal.Application.Security;
using AnjuPortal.Web.Components.Pages.Users;
using AnjuPortal.Web.Features.Users;
using AnjuPortal.Web.Tests.Features.Users;
using Bunit;
using Bunit.Rendering;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AnjuPortal.Web.Tests.Components.Pages.Users;

/// <summary>The user administration page (/admin/users) with the real use case on a SQLite file, as a city's system administrator.</summary>
public sealed class UserListTests : PortalTestContext
{
    private const string Changchun = "220100";
    private const string Nanguan = "220102";
    private const string JilinCity = "220200";

    private UserAccounts? _accounts;
    private IRenderedComponent<ContainerFragment>? _host;

    /// <summary>Dialogs, message boxes and snackbars render in their providers beside the page: tests look at the whole host.</summary>
    private IRenderedComponent<ContainerFragment> Host => _host ?? throw new InvalidOperationException("Render the page first.");

    private UserAccounts Accounts => _accounts ?? throw new InvalidOperationException("Seed accounts first.");

    [Fact]
    public async Task Render_ListsTheCitysUsersWithRoleLockAndTwoFactor_AndNoOtherCity()
    {
        await SeedAsync();
        var clerk = await Accounts.CreateAsync("nanguan.clerk", Nanguan, Roles.CountyOperator);
        await using (var manager = Accounts.Manager())
        {
            var user = (await manager.Users.FindByIdAsync(clerk.Id))!;
            await manager.Users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await manager.Users.SetTwoFactorEnabledAsync(user, true);
        }

        var cut = await RenderAsCityAdministratorAsync();

        cut.WaitForAssertion(() => Assert.Equal(["changchun.op", "nanguan.clerk"], UserNames(cut)));
        var rows = cut.FindAll("tbody tr");
        Assert.Contains("市（州）填报员", rows[0].TextContent);
        Assert.Contains("长春市", rows[0].TextContent);
        Assert.Contains("正常", rows[0].TextContent);
        Assert.Contains("未启用", rows[0].TextContent);
        Assert.Contains("县（市、区）填报员", rows[1].TextContent);
        Assert.Contains("南关区", rows[1].TextContent);
        Assert.Contains("已锁定", rows[1].TextContent);
        Assert.Contains("已启用", rows[1].TextContent);
        Assert.NotEmpty(rows[1].QuerySelectorAll("[data-testid=user-unlock]"));
        Assert.DoesNotContain("jilin.op", cut.Markup);
        Assert.Contains("长春市 · 用户管理", cut.Markup);
    }

    [Fact]
    public async Task Lock_AsksFirst_ThenLocksTheUser()
    {
        await SeedAsync();
        var cut = await RenderAsCityAdministratorAsync();
        cut.WaitForAssertion(() => Assert.Single(UserNames(cut)));

        cut.Find("[data-testid=user-lock]").Click();
        Host.WaitForAssertion(() => Assert.Contains("锁定后 changchun.op 将无法登录", Host.Markup));
        Assert.Empty(cut.FindAll("[data-testid=user-locked]"));

        Host.FindAll("button").Single(b => b.TextContent.Trim() == "确定").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=user-locked]")));
        Host.WaitForAssertion(() => Assert.Contains("已锁定 changchun.op，其登录会话已结束。", Host.Markup));
        Assert.True((await Accounts.ReloadAsync((await OnlyUserAsync()).Id)).LockoutEnd > DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Create_ShowsTheReasonUnderThePassword_WhenTheInitialPasswordIsCommon()
    {
        await SeedAsync();
        var cut = await RenderAsCityAdministratorAsync();
        cut.WaitForAssertion(() => Assert.Single(UserNames(cut)));
        cut.Find("[data-testid=user-new]").Click();
        Host.WaitForAssertion(() => Assert.Single(Host.FindAll("[data-testid=user-create-dialog]")));

        var nanguan = await UnitAsync(Nanguan);
        Field("用户名").Find("input").Change("nanguan.new");
        Field("姓名").Find("input").Change("南关区填报员 周红");
        var dialog = Host.FindComponent<Web.Components.Pages.Users.Components.UserCreateDialog>();
        var unit = dialog.FindComponents<MudSelect<int?>>().Single(s => s.Instance.Label == "所属单位");
        await Host.InvokeAsync(() => unit.Instance.ValueChanged.InvokeAsync(nanguan.Id));
        var role = dialog.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "角色");
        await Host.InvokeAsync(() => role.Instance.ValueChanged.InvokeAsync(Roles.CountyOperator));
        Field("初始密码").Find("input").Change("Password@1234");
        Host.Find("[data-testid=user-save]").Click();

        Host.WaitForAssertion(() => Assert.Equal("该密码过于常见，容易被猜中，请换一个。", Field("初始密码").Instance.GetErrorText()));
        Assert.Single(Host.FindAll("[data-testid=user-create-dialog]"));
        Assert.Equal(["changchun.op"], UserNames(cut));
    }

    private async Task SeedAsync()
    {
        _accounts = await UserAccounts.CreateAsync(Database);
        await _accounts.CreateAsync("changchun.op", Changchun, Roles.CityOperator);
        await _accounts.CreateAsync("jilin.op", JilinCity, Roles.CityOperator);
    }

    private async Task<IRenderedComponent<UserList>> RenderAsCityAdministratorAsync()
    {
        await SignIn(Changchun, Roles.SystemAdministrator);
        // Created by a factory, so the container disposes the accounts' services with the test.
        var accounts = Accounts;
        Services.AddSingleton(_ => accounts);
        Services.AddScoped(sp => sp.GetRequiredService<UserAccounts>().For(sp.GetRequiredService<ICurrentUser>()));
        _host = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<UserList>(3);
            builder.CloseComponent();
        });
        return _host.FindComponent<UserList>();
    }

    private static List<string> UserNames(IRenderedComponent<UserList> cut)
        => cut.FindAll("[data-testid=user-row]").Select(e => e.GetAttribute("data-user-name")!).ToList();

    private IRenderedComponent<MudTextField<string>> Field(string label)
        => Host.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == label);

    private async Task<UserRow> OnlyUserAsync()
        => Assert.Single((await Accounts.For(User).ListAsync(new UserFilter(), new AnjuPortal.Application.Common.PageRequest())).Items);
}
